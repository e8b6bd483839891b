// The library's public API: the only entry point other stacks import from.

// core
export * from "./core/aws-account";
export * from "./core/ephemeral-resource";
export * from "./core/errors";
export * from "./core/project-environment";
export * from "./core/replace-trigger";
export * from "./core/stack-file";

// network
export * from "./network/connections";
export * from "./network/peer";
export * from "./network/private-subnets";

// secrets
export * from "./secrets/endpoint-secret";
export * from "./secrets/ephemeral-values";
export * from "./secrets/ssm-password";

// postgres
export * from "./postgres/connection-parameters";
export { DMS_TARGET_POSTGRES_VERSIONS, minimumDmsEngineForTarget, postgresMajorVersion } from "./postgres/engine-version";
export * from "./postgres/aurora-postgres-cluster";
export * from "./postgres/parameter-group";
export * from "./postgres/postgres-database";
export * from "./postgres/postgres-props";
export * from "./postgres/postgres-target";

// dms
export * from "./dms/account-roles";
export * from "./dms/premigration-assessment";
export { dmsEngineVersionProblem } from "./dms/engine-version";
export * from "./dms/endpoints/endpoint";
export * from "./dms/endpoints/endpoint-credentials";
export * from "./dms/endpoints/oracle-source-endpoint";
export * from "./dms/endpoints/postgres-source-endpoint";
export * from "./dms/endpoints/postgres-target-endpoint";
export * from "./dms/endpoints/s3-target-endpoint";
export * from "./dms/endpoints/sql-server-source-endpoint";
export * from "./dms/oracle/connection-attributes";
export * from "./dms/oracle/oracle-options";
export * from "./dms/oracle/preparation-script";
export * from "./dms/postgres-source/postgres-source-options";
export * from "./dms/postgres-source/preparation-sql";
export * from "./dms/migration-type";
export * from "./dms/replication-instance";
export * from "./dms/replication-task";
export * from "./dms/replication-task-schedule";
export * from "./dms/serverless-replication";
export * from "./dms/sql-server/connection-attributes";
export * from "./dms/sql-server/preparation-script";
export * from "./dms/sql-server/sql-server-options";
export * from "./dms/table-mappings";
export * from "./dms/table-selection";
export * from "./dms/task-settings";

// storage, encryption, monitoring
export * from "./encryption/environment-key";
export * from "./monitoring";
export * from "./storage/dms-target-bucket";

// environment files and the per-environment stack
export * from "./config";
export * from "./stack/dms-migration";
export * from "./stack/migration-stack";
