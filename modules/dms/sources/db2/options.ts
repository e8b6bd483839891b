/**
 * Which Db2 DMS reads, and so the endpoint's `engine_name` and the environment file's `engine`: Db2 for Linux, UNIX
 * and Windows, including Amazon RDS for Db2 (`db2`,
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.DB2.html), or Db2 for z/OS (`db2-zos`,
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.DB2zOS.html).
 */
export const DB2_PLATFORMS = ["luw", "zos"] as const;
export type Db2Platform = (typeof DB2_PLATFORMS)[number];

/** DMS's `engine_name` for each platform. */
export const DB2_ENGINE_NAMES: Readonly<Record<Db2Platform, "db2" | "db2-zos">> = { luw: "db2", zos: "db2-zos" };

/** Where a Db2 LUW server runs: on-premises or EC2 (`self-managed`), or Amazon RDS for Db2 (`rds`). */
export const DB2_HOSTINGS = ["self-managed", "rds"] as const;
export type Db2Hosting = (typeof DB2_HOSTINGS)[number];

/**
 * Db2 endpoints encrypt with the server's certificate imported into DMS (`verify-ca`), or not at all
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html; the DMS API's Db2 LUW data provider
 * takes exactly `none` and `verify-ca`,
 * https://docs.aws.amazon.com/dms/latest/APIReference/API_IbmDb2LuwDataProviderSettings.html). That DMS refuses
 * `require` and `verify-full` on a Db2 endpoint was read there, not tried against DMS.
 */
export const DB2_SSL_MODES = ["none", "verify-ca"] as const;
export type Db2SslMode = (typeof DB2_SSL_MODES)[number];

/** Db2's usual port (DMS's default for IBMDb2Settings.Port). */
export const DEFAULT_DB2_PORT = 50000;

/** Hours of archive logs an RDS for Db2 source keeps for DMS, by `rdsadmin.set_archive_log_retention`: AWS's example. */
export const DEFAULT_ARCHIVE_LOG_RETENTION_HOURS = 24;

/** A Db2 LSN as DMS takes it in `CurrentLSN`: hexadecimal (16 or 32 digits on current versions), or `scan`. */
export const DB2_LSN = /^(scan|[0-9A-Fa-f]{12,32})$/;
