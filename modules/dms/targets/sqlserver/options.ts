/**
 * SSL modes DMS supports for SQL Server endpoints: no `verify-ca`
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html).
 */
export const SQLSERVER_TARGET_SSL_MODES = ["none", "require", "verify-full"] as const;
export type SqlServerTargetSslMode = (typeof SQLSERVER_TARGET_SSL_MODES)[number];

export const DEFAULT_SQLSERVER_PORT = 1433;

/** SQL Server database and filegroup names this library writes into scripts: no `]`, `'`, `$(` or line breaks. */
export const SQLSERVER_NAME = /^[A-Za-z_][A-Za-z0-9_@#$-]{0,127}$/;

/**
 * Options of a SQL Server target (AWS DMS user guide, "Endpoint settings when using SQL Server as a target",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.SQLServer.html), rendered into
 * `extra_connection_attributes`: provider 5.100.0 has no `microsoft_sql_server_settings` block.
 */
export interface SqlServerTargetAttributes {
  /** Load full loads with BCP (`UseBCPFullLoad`); false inserts row by row, for tables with identity columns DMS must not write. @default true */
  readonly useBcpFullLoad?: boolean;
  /** Bytes in each BCP packet (`BCPPacketSize`), 1 to 100000. @default 16384 */
  readonly bcpPacketSize?: number;
  /** The filegroup DMS creates its control tables in (`ControlTablesFileGroup`). @default - the database's default filegroup */
  readonly controlTablesFileGroup?: string;
}

/** The `extra_connection_attributes` string, in a fixed order. */
export function sqlServerTargetAttributes(options: SqlServerTargetAttributes): string {
  const attributes: [string, string][] = [];
  if (options.useBcpFullLoad === false) attributes.push(["useBCPFullLoad", "N"]);
  if (options.bcpPacketSize !== undefined) attributes.push(["BCPPacketSize", String(options.bcpPacketSize)]);
  if (options.controlTablesFileGroup !== undefined) attributes.push(["controlTablesFileGroup", options.controlTablesFileGroup]);
  return attributes.map(([key, value]) => `${key}=${value}`).join(";");
}
