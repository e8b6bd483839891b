/**
 * Which MySQL-family server DMS writes to, and so the endpoint's `engine_name`: MySQL (`mysql`), MariaDB (`mariadb`)
 * or Aurora MySQL (`aurora`), after the AWS DMS user guide, "Using a MySQL-compatible database as a target"
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.MySQL.html).
 */
export const MYSQL_TARGET_FLAVORS = ["mysql", "mariadb", "aurora-mysql"] as const;
export type MysqlTargetFlavor = (typeof MYSQL_TARGET_FLAVORS)[number];

export const MYSQL_TARGET_ENGINE_NAMES: Readonly<Record<MysqlTargetFlavor, string>> = { mysql: "mysql", mariadb: "mariadb", "aurora-mysql": "aurora" };

/** Where the server runs: on-premises or EC2 (`self-managed`), or Amazon RDS / Aurora (`rds`). */
export const MYSQL_TARGET_HOSTINGS = ["self-managed", "rds"] as const;
export type MysqlTargetHosting = (typeof MYSQL_TARGET_HOSTINGS)[number];

/** MySQL supports every DMS SSL mode (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html). */
export const MYSQL_TARGET_SSL_MODES = ["none", "require", "verify-ca", "verify-full"] as const;
export type MysqlTargetSslMode = (typeof MYSQL_TARGET_SSL_MODES)[number];

/**
 * Where DMS puts the tables (`TargetDbType`): `multiple-databases` (DMS's default) writes each source schema to a
 * database of the same name; `specific-database` writes every table to the endpoint's `databaseName`.
 */
export const MYSQL_TARGET_DB_TYPES = ["multiple-databases", "specific-database"] as const;
export type MysqlTargetDbType = (typeof MYSQL_TARGET_DB_TYPES)[number];

export const DEFAULT_MYSQL_TARGET_PORT = 3306;

/** The database DMS keeps its control tables in, when the task's control schema is not set elsewhere. */
export const DMS_CONTROL_DATABASE = "awsdms_control";

/** MySQL database names: up to 64 characters, no `/`, `\`, `.` or backtick here (they would need quoting everywhere). */
export const MYSQL_DATABASE_NAME = /^[A-Za-z0-9_$-]{1,64}$/;

/** Options rendered into `extra_connection_attributes` (provider 5.100.0 has no `mysql_settings` block). */
export interface MysqlTargetAttributes {
  /** @default "multiple-databases" */
  readonly targetDbType?: MysqlTargetDbType;
  /** Threads loading each table in a full load (`ParallelLoadThreads`), 1 to 5. @default 1 */
  readonly parallelLoadThreads?: number;
  /** KB in each CSV file DMS loads (`MaxFileSize`), 1 to 1048576. @default 32768 */
  readonly maxFileSize?: number;
  /**
   * Turn foreign-key checks off for DMS's sessions (`Initstmt=SET FOREIGN_KEY_CHECKS=0`): DMS loads tables in no
   * particular order, so a full load into tables with foreign keys otherwise fails.
   * @default false
   */
  readonly disableForeignKeyChecks?: boolean;
}

const TARGET_DB_TYPE_VALUES: Readonly<Record<MysqlTargetDbType, string>> = { "multiple-databases": "MULTIPLE_DATABASES", "specific-database": "SPECIFIC_DATABASE" };

/** The `extra_connection_attributes` string, in a fixed order so the plan never changes by itself. */
export function mysqlTargetAttributes(options: MysqlTargetAttributes): string {
  const attributes: [string, string][] = [];
  if (options.targetDbType !== undefined) attributes.push(["targetDbType", TARGET_DB_TYPE_VALUES[options.targetDbType]]);
  if (options.parallelLoadThreads !== undefined) attributes.push(["parallelLoadThreads", String(options.parallelLoadThreads)]);
  if (options.maxFileSize !== undefined) attributes.push(["maxFileSize", String(options.maxFileSize)]);
  if (options.disableForeignKeyChecks === true) attributes.push(["Initstmt", "SET FOREIGN_KEY_CHECKS=0"]);
  return attributes.map(([key, value]) => `${key}=${value}`).join(";");
}
