/**
 * SSL modes accepted for an SAP ASE endpoint. DMS's SSL page lists no restriction for SAP ASE
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html), so every mode is allowed and
 * `require` is the default, as for every other engine here.
 */
export const SYBASE_TARGET_SSL_MODES = ["none", "require", "verify-ca", "verify-full"] as const;
export type SybaseTargetSslMode = (typeof SYBASE_TARGET_SSL_MODES)[number];

export const DEFAULT_SYBASE_PORT = 5000;

/** SAP ASE login, user and database names: a letter or _, then letters, digits, _ # $ @, up to 30 characters. */
export const SYBASE_NAME = /^[A-Za-z_][A-Za-z0-9_#$@]{0,29}$/;

/** SAP ASE character set names, such as iso_1, utf8, cp850. */
export const SYBASE_CHARSET = /^[a-z0-9_]{2,30}$/;

/**
 * Options of an SAP ASE target (AWS DMS user guide, "Using a SAP ASE database as a target",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.SAP.html), rendered into
 * `extra_connection_attributes`: provider 5.100.0 has no `sybase_settings` block.
 */
export interface SybaseTargetAttributes {
  /** The server's character set (`charset`), when DMS must convert to it. @default - the server's default */
  readonly charset?: string;
}

export function sybaseTargetAttributes(options: SybaseTargetAttributes): string {
  return options.charset === undefined ? "" : `charset=${options.charset}`;
}
