/** How DMS reads a MySQL-family source; provider 5.100.0 has no `mysql_settings`, so these travel in `extra_connection_attributes`. */
export interface MysqlSourceAttributes {
  /** Seconds DMS waits between polls of the binary log when it is idle (`EventsPollInterval`). @default 5 */
  readonly eventsPollInterval?: number;
  /**
   * The server's time zone, as Area/Location such as `Europe/London` (`ServerTimezone`), for servers whose
   * TIMESTAMP values are not in UTC.
   * @default - the server's own setting
   */
  readonly serverTimezone?: string;
  /** Let DMS clear its own stale metadata when a table's definition changed under it (`CleanSrcMetadataOnMismatch`). @default false */
  readonly cleanSourceMetadataOnMismatch?: boolean;
}

/**
 * The `extra_connection_attributes` string, in a fixed order so the plan never changes by itself. Names after
 * "Endpoint settings when using MySQL as a source for AWS DMS"
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html#CHAP_Source.MySQL.ConnectionAttrib).
 */
export function mysqlConnectionAttributes(options: MysqlSourceAttributes): string {
  const attributes: [string, string][] = [];
  if (options.eventsPollInterval !== undefined) attributes.push(["EventsPollInterval", String(options.eventsPollInterval)]);
  if (options.serverTimezone !== undefined) attributes.push(["ServerTimezone", options.serverTimezone]);
  if (options.cleanSourceMetadataOnMismatch) attributes.push(["CleanSrcMetadataOnMismatch", "true"]);
  return attributes.map(([key, value]) => `${key}=${value}`).join(";");
}
