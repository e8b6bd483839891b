// The library's public API: the only entry point other stacks import from.

// core
export * from "./core/aws-account";
export * from "./core/ephemeral-resource";
export * from "./core/errors";
export * from "./core/project-environment";

// network
export * from "./network/connections";
export * from "./network/peer";
export * from "./network/private-subnets";

// secrets
export * from "./secrets/ephemeral-values";
export * from "./secrets/ssm-password";

// postgres
export * from "./postgres/connection-parameters";
export { DMS_TARGET_POSTGRES_VERSIONS, minimumDmsEngineForTarget, postgresMajorVersion } from "./postgres/engine-version";
export * from "./postgres/parameter-group";
export * from "./postgres/postgres-database";

// environment files and the per-environment stack
export * from "./config";
export * from "./stack/migration-stack";
