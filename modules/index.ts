// The library's public API: the only entry point other stacks import from.

// First: refuse cdktf, constructs or provider bindings outside the supported ranges, with one message.
import "./core/peer-versions-check";

// core
export * from "./core/aws-account";
export * from "./core/ephemeral-resource";
export * from "./core/errors";
export * from "./core/peer-versions";
export * from "./core/project-environment";
export * from "./core/rules";
export type { Problem } from "./core/problem";
export * from "./core/provider-scope";

// network
export * from "./network/connections";
export * from "./network/peer";
export * from "./network/private-subnets";

// secrets
export * from "./secrets/endpoint-secret";
export { ExistingEndpointSecret, type ExistingEndpointSecretProps } from "./secrets/existing-endpoint-secret";
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
export { addEndpointTags } from "./dms/endpoints/endpoint-tags";
export {
  TYPED_CONNECTION_ATTRIBUTES,
  SECRET_CONNECTION_ATTRIBUTES,
  type ExtraConnectionAttributes,
  addExtraConnectionAttributes,
  extraConnectionAttributeProblems,
} from "./dms/endpoints/extra-connection-attributes";
export * from "./dms/certificate";
export * from "./dms/sources/sql-server";
export * from "./dms/sources/oracle";
export * from "./dms/sources/postgres";
export type { SourceBuildContext, SourceEngine, SourceParameterNames } from "./dms/sources/source-engine";
export { SOURCE_ENGINES } from "./dms/sources/registry";
export * from "./dms/targets/postgres/endpoint";
export * from "./dms/targets/s3";
export type { TargetBuildContext, TargetEngine } from "./dms/targets/target-engine";
export { TARGET_ENGINES } from "./dms/targets/registry";
export * from "./dms/migration-type";
export * from "./dms/replication-instance";
export * from "./dms/replication-task";
export * from "./dms/replication-task-schedule";
export * from "./dms/serverless-replication";
export * from "./dms/sources/mysql/endpoint";
export * from "./dms/sources/mysql/options";
export * from "./dms/sources/db2";
export * from "./dms/sources/sybase";
export * from "./dms/sources/azure-sql";
export * from "./dms/sources/s3";
export type { ServerSourceEndpointProps } from "./dms/endpoints/server-source-endpoint";
export * from "./dms/targets/opensearch/domain";
export * from "./dms/targets/opensearch/endpoint";
export * from "./dms/targets/opensearch/options";
export * from "./dms/targets/redshift/cluster";
export * from "./dms/targets/redshift/endpoint";
export * from "./dms/endpoints/server-target";
export * from "./dms/targets/mysql/endpoint";
export type { MysqlTargetAttributes, MysqlTargetDbType, MysqlTargetFlavor, MysqlTargetHosting, MysqlTargetSslMode } from "./dms/targets/mysql/options";
export * from "./dms/targets/sqlserver/endpoint";
export type { SqlServerTargetAttributes, SqlServerTargetSslMode } from "./dms/targets/sqlserver/options";
export * from "./dms/targets/babelfish/endpoint";
export type { BabelfishConnection, BabelfishSslMode } from "./dms/targets/babelfish/options";
export * from "./dms/targets/oracle/endpoint";
export type { OracleTargetAttributes, OracleTargetSslMode } from "./dms/targets/oracle/options";
export * from "./dms/targets/sybase/endpoint";
export type { SybaseTargetAttributes, SybaseTargetSslMode } from "./dms/targets/sybase/options";
export * from "./dms/sources/mongodb/endpoint";
export * from "./dms/sources/mongodb/options";
export * from "./dms/targets/redis/endpoint";
export * from "./dms/targets/redis/options";
export * from "./dms/targets/neptune/endpoint";
export * from "./dms/targets/neptune/graph-mapping";
export * from "./dms/targets/kinesis/stream";
export * from "./dms/targets/kinesis/endpoint";
export { MESSAGE_FORMATS } from "./dms/targets/kinesis/options";
export type { KinesisTargetOptions, MessageFormat, StreamRecordOptions } from "./dms/targets/kinesis/options";
export * from "./dms/targets/kafka/endpoint";
export { KAFKA_SECURITY_PROTOCOLS } from "./dms/targets/kafka/options";
export type { KafkaSecurityProtocol, KafkaTargetOptions } from "./dms/targets/kafka/options";
export * from "./dms/targets/dynamodb/table";
export * from "./dms/targets/dynamodb/endpoint";
export type { KeyAttribute, KeyAttributeType } from "./dms/targets/dynamodb/options";
export * from "./dms/table-mappings";
export * from "./dms/table-selection";
export * from "./dms/task-settings";

// storage, encryption, monitoring
export * from "./encryption/environment-key";
export * from "./monitoring";
export * from "./storage/access-log-bucket";
export * from "./storage/dms-target-bucket";

// environment files and the per-environment stack
export * from "./config";
export * from "./stack/dms-migration";
export * from "./stack/migration-stack";
