/**
 * Which MySQL-family server DMS reads, and so the endpoint's `engine_name`: MySQL (`mysql`), MariaDB (`mariadb`)
 * or Aurora MySQL (`aurora`), after the AWS DMS user guide, "Using a MySQL-compatible database as a source"
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html).
 */
export const MYSQL_FLAVORS = ["mysql", "mariadb", "aurora-mysql"] as const;
export type MysqlFlavor = (typeof MYSQL_FLAVORS)[number];

/** DMS's `engine_name` for each flavor. */
export const MYSQL_ENGINE_NAMES: Readonly<Record<MysqlFlavor, string>> = { mysql: "mysql", mariadb: "mariadb", "aurora-mysql": "aurora" };

/** Where the server runs: on-premises or EC2 (`self-managed`), or Amazon RDS / Aurora (`rds`). */
export const MYSQL_HOSTINGS = ["self-managed", "rds"] as const;
export type MysqlHosting = (typeof MYSQL_HOSTINGS)[number];

/** MySQL supports every DMS SSL mode (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html). */
export const MYSQL_SSL_MODES = ["none", "require", "verify-ca", "verify-full"] as const;
export type MysqlSslMode = (typeof MYSQL_SSL_MODES)[number];

export const DEFAULT_MYSQL_PORT = 3306;

/** A day of binary logs, AWS's suggestion for RDS sources, so a paused task can catch up. */
export const DEFAULT_BINLOG_RETENTION_HOURS = 24;

/**
 * The most `binlog retention hours` RDS accepts: 168 (7 days) for RDS for MySQL and MariaDB, 2160 (90 days) for
 * Aurora MySQL 3 (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-stored-proc-configuring.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/mysql-stored-proc-configuring.html).
 */
export const MAX_BINLOG_RETENTION_HOURS: Readonly<Record<MysqlFlavor, number>> = { mysql: 168, mariadb: 168, "aurora-mysql": 2160 };
