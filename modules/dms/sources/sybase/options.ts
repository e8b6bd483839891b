/**
 * SAP ASE (formerly Sybase) as a DMS source, engine `sybase`
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SAP.html).
 *
 * SSL: the DMS API takes every SSL mode for SAP ASE endpoints (SybaseSettings has no restriction), and the `verify-*`
 * modes need the server's CA certificate imported into DMS. Which modes DMS itself accepts for SAP ASE was not tried.
 */
export const SYBASE_SSL_MODES = ["none", "require", "verify-ca", "verify-full"] as const;
export type SybaseSslMode = (typeof SYBASE_SSL_MODES)[number];

/** SAP ASE's usual port. */
export const DEFAULT_SYBASE_PORT = 5000;

/** An SAP ASE character set name as DMS's `charset` takes it, such as `utf8` or `iso_1`. */
export const SYBASE_CHARSET = /^[a-z][a-z0-9_]{1,29}$/;
