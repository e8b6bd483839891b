/**
 * How DMS captures ongoing changes from SQL Server
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SQLServer.CDC.html):
 * - `ms-replication`: transactional replication; DMS uses it for tables with a primary key, and MS-CDC for
 *   the rest. Needs a distributor; self-managed sources only (not RDS).
 * - `ms-cdc`: SQL Server Change Data Capture for every table; the only mode on RDS for SQL Server.
 * - `none`: no change capture; the source serves one-off full loads only.
 */
export type SqlServerCaptureMode = "ms-replication" | "ms-cdc" | "none";

/** Where the SQL Server runs: on-premises or EC2 (`self-managed`), or Amazon RDS for SQL Server. */
export type SqlServerHosting = "self-managed" | "rds";

/**
 * How DMS keeps the active log from being truncated before it has read it:
 * `RELY_ON_SQL_SERVER_REPLICATION_AGENT` (the default; a dummy transaction, works beside real replication)
 * or `EXCLUSIVE_AUTOMATIC_TRUNCATION` (DMS truncates the log itself; one task per database, not on RDS).
 */
export type SafeguardPolicy = "RELY_ON_SQL_SERVER_REPLICATION_AGENT" | "EXCLUSIVE_AUTOMATIC_TRUNCATION";
