/**
 * SAP ASE (formerly Sybase) as a DMS source, engine `sybase`
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SAP.html).
 *
 * SSL: the DMS API lists every mode for SAP ASE (`SslMode` of
 * https://docs.aws.amazon.com/dms/latest/APIReference/API_SybaseAseDataProviderSettings.html), and the `verify-*`
 * modes need the server's CA certificate imported into DMS. Which modes a DMS SAP ASE endpoint accepts was not tried.
 */
export const SYBASE_SSL_MODES = ["none", "require", "verify-ca", "verify-full"] as const;
export type SybaseSslMode = (typeof SYBASE_SSL_MODES)[number];

/** SAP ASE's usual port. */
export const DEFAULT_SYBASE_PORT = 5000;

/** An SAP ASE character set name as DMS's `charset` takes it, such as `utf8` or `iso_1`. */
export const SYBASE_CHARSET = /^[a-z][a-z0-9_]{1,29}$/;
