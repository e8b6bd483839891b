/**
 * How DMS reads an SAP ASE source. Provider 5.100.0 has no `sybase_settings` block, so these travel in
 * `extra_connection_attributes`, named after "Endpoint settings when using SAP ASE as a source"
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SAP.html#CHAP_Source.SAP.ConnectionAttrib).
 */
export interface SybaseSourceAttributes {
  /**
   * Let DMS mark the selected tables for replication itself (`enableReplication`, which needs `sa_role`). False
   * leaves it to the DBA script, which runs `sp_setreptable` on each selected table.
   * @default true
   */
  readonly enableReplication?: boolean;
  /** The server's character set, when DMS cannot find it (`charset`), such as `utf8` or `iso_1`. @default - the server's */
  readonly charset?: string;
}

/** The `extra_connection_attributes` string, in a fixed order so the plan never changes by itself. */
export function sybaseConnectionAttributes(options: SybaseSourceAttributes): string {
  const attributes: [string, string][] = [];
  if (options.enableReplication !== undefined) attributes.push(["enableReplication", options.enableReplication ? "Y" : "N"]);
  if (options.charset !== undefined) attributes.push(["charset", options.charset]);
  return attributes.map(([key, value]) => `${key}=${value}`).join(";");
}
