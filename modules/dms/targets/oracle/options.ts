/**
 * SSL modes DMS supports for Oracle endpoints: `none`, and `verify-ca` with an Oracle wallet imported as a DMS
 * certificate (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html#CHAP_Security.SSL.Oracle).
 */
export const ORACLE_TARGET_SSL_MODES = ["none", "verify-ca"] as const;
export type OracleTargetSslMode = (typeof ORACLE_TARGET_SSL_MODES)[number];

export const DEFAULT_ORACLE_TARGET_PORT = 1521;

/** Plain (unquoted) Oracle user and tablespace names: a letter, then letters, digits, _ $ #, up to 128. */
export const ORACLE_NAME = /^[A-Za-z][A-Za-z0-9_$#]{0,127}$/;

/**
 * Options of an Oracle target (AWS DMS user guide, "Endpoint settings when using Oracle as a target",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Oracle.html), rendered into
 * `extra_connection_attributes`: provider 5.100.0 has no `oracle_settings` block.
 */
export interface OracleTargetAttributes {
  /** Full loads with the direct path protocol (`useDirectPathFullLoad`). @default true */
  readonly useDirectPathFullLoad?: boolean;
  /** Load tables in parallel with direct path (`directPathParallelLoad`); needs direct path. @default false */
  readonly directPathParallelLoad?: boolean;
  /** Write direct path loads without redo logging (`directPathNoLog`): faster, but the rows cannot be recovered from the redo log. @default false */
  readonly directPathNoLog?: boolean;
  /** Column lengths in characters rather than bytes (`charLengthSemantics=CHAR`). @default false */
  readonly charLengthSemantics?: boolean;
}

const yesNo = (value: boolean) => (value ? "Y" : "N");

/** The `extra_connection_attributes` string, in a fixed order. */
export function oracleTargetAttributes(options: OracleTargetAttributes): string {
  const attributes: [string, string][] = [];
  if (options.useDirectPathFullLoad === false) attributes.push(["useDirectPathFullLoad", yesNo(false)]);
  if (options.directPathParallelLoad === true) attributes.push(["directPathParallelLoad", "true"]);
  if (options.directPathNoLog === true) attributes.push(["directPathNoLog", "true"]);
  if (options.charLengthSemantics === true) attributes.push(["charLengthSemantics", "CHAR"]);
  return attributes.map(([key, value]) => `${key}=${value}`).join(";");
}
