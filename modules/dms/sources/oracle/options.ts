/**
 * How DMS reads ongoing changes from Oracle (AWS DMS user guide, "Using Oracle LogMiner or AWS DMS Binary
 * Reader for CDC": https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.Oracle.html):
 * - `logminer`: Oracle's LogMiner API (`DBMS_LOGMNR`), queried over SQL. DMS's default; the simplest to set up,
 *   supports table clusters and every compression type, but costs the source more I/O and CPU.
 * - `binary-reader`: DMS reads the redo and archived logs itself, through Oracle directories (BFILE) or ASM.
 *   Lower load on the source and faster CDC; AWS recommends it for busy databases, RAC and several tasks.
 */
export type OracleCdcReader = "logminer" | "binary-reader";

/** Where the Oracle database runs: on-premises or EC2 (`self-managed`), or Amazon RDS for Oracle. */
export type OracleHosting = "self-managed" | "rds";

/**
 * SSL modes DMS supports for Oracle endpoints: `none` and `verify-ca` with an Oracle wallet imported as a DMS
 * certificate (AWS DMS user guide, "SSL support for an Oracle endpoint": `require` and `verify-full` are
 * not supported for Oracle).
 */
export type OracleSslMode = "none" | "verify-ca";

/**
 * Binary Reader reading redo logs kept in Oracle Automatic Storage Management (ASM). DMS then connects to the
 * ASM instance too: `asm_user=<user>;asm_server=<server>:<port>/<service>` in the connection attributes, and
 * the endpoint password becomes `<oracle password>,<asm password>`.
 */
export interface OracleAsmOptions {
  /** The ASM user DMS connects with (granted SYSASM on 11.2.0.2 and later, SYSDBA before). */
  readonly user: string;
  /** IP address or host name of the ASM instance (AWS: the first RAC node's address). */
  readonly server: string;
  /** @default 1521 */
  readonly port?: number;
  /** The ASM service. @default "+ASM" */
  readonly serviceName?: string;
  /** The SSM SecureString holding the ASM user's password; DMS receives it after the Oracle password and a comma. */
  readonly passwordParameterName: string;
}

/**
 * The ASM service used when none is given, as in AWS's examples (`asm_server=<ip>:<port>/+ASM`).
 */
export const DEFAULT_ASM_SERVICE = "+ASM";

/** The Oracle listener's usual port. */
export const DEFAULT_ORACLE_PORT = 1521;

/**
 * Oracle source settings that provider 5.100.0 can only pass as extra connection attributes (it has no
 * `oracle_settings` block). Each is rendered only when set, true and false alike, under the attribute name
 * given in AWS's table "Extra connection attributes when using Oracle as a source".
 */
export interface OracleSecondaryOptions {
  /**
   * `addSupplementalLogging`: DMS adds PRIMARY KEY supplemental logging to every table a task selects, and
   * needs ALTER on those tables. The DBA script then grants ALTER and leaves PRIMARY KEY logging to DMS.
   * Database-level minimal supplemental logging is still needed. AWS's attribute table gives N as the
   * default, while its supplemental-logging section says DMS adds the logging by default (contradictory).
   * @default - not set (DMS's default)
   */
  readonly addSupplementalLogging?: boolean;
  /** `archivedLogDestId`: the `dest_id` (v$archived_log) of the archive destination DMS reads. @default - DMS's default, 1 */
  readonly archivedLogDestId?: number;
  /** `additionalArchivedLogDestId`: a second destination, with `archivedLogDestId`, for Data Guard switchovers. @default - none */
  readonly additionalArchivedLogDestId?: number;
  /** `archivedLogsOnly`: read only archived redo logs, never the online ones (the source's changes arrive later). @default - DMS's default, N */
  readonly archivedLogsOnly?: boolean;
  /** `readTableSpaceName`: replicate tablespace names. @default - DMS's default, false */
  readonly readTableSpaceName?: boolean;
  /**
   * `useDirectPathFullLoad` is a setting of Oracle *targets* (direct-path bulk loads into Oracle tables; API
   * `OracleSettings.UseDirectPathFullLoad`). It has no meaning on a source, so setting it is refused.
   * @default - not set
   */
  readonly useDirectPathFullLoad?: boolean;
  /**
   * `numberDataTypeScale`: the scale given to NUMBER columns declared without precision and scale: 0 to 38,
   * -1 for FLOAT, -2 for VARCHAR.
   * @default - DMS's default, 10 (NUMBER(38,10))
   */
  readonly numberDataTypeScale?: number;
  /** `parallelASMReadThreads`: Binary Reader threads reading ASM, 2 to 8 (AWS suggests 6). ASM only. @default - DMS's default, 2 */
  readonly parallelAsmReadThreads?: number;
  /** `readAheadBlocks`: read-ahead blocks for Binary Reader on ASM, 1000 to 200000 (AWS suggests 150000). ASM only. @default - DMS's default, 1000 */
  readonly readAheadBlocks?: number;
  /** `exposeViews`: full-load views as tables (never for ongoing replication). The DBA script grants SELECT on ALL_VIEWS. @default - DMS's default, false */
  readonly exposeViews?: boolean;
  /** `allowSelectNestedTables`: replicate tables with nested-table or defined-type columns. @default - DMS's default, false */
  readonly allowSelectNestedTables?: boolean;
}
