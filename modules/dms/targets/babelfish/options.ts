/**
 * How DMS reaches Babelfish for Aurora PostgreSQL. `postgresql` (AWS's preferred way) is an `aurora-postgresql`
 * endpoint on the PostgreSQL port with `DatabaseMode=babelfish` and the Babelfish database's name
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.PostgreSQL.html); `tds` is the `babelfish` endpoint
 * on the TDS (SQL Server protocol) port (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Babelfish.html).
 */
export const BABELFISH_CONNECTIONS = ["postgresql", "tds"] as const;
export type BabelfishConnection = (typeof BABELFISH_CONNECTIONS)[number];

export const BABELFISH_PORTS: Readonly<Record<BabelfishConnection, number>> = { postgresql: 5432, tds: 1433 };

/** The PostgreSQL database every Babelfish T-SQL database lives in (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/babelfish-architecture.html). */
export const BABELFISH_PG_DATABASE = "babelfish_db";

/** SSL modes: the PostgreSQL driver's four on the PostgreSQL port; SQL Server's (no `verify-ca`) on the TDS port. */
export const BABELFISH_SSL_MODES: Readonly<Record<BabelfishConnection, readonly ("none" | "require" | "verify-ca" | "verify-full")[]>> = {
  postgresql: ["none", "require", "verify-ca", "verify-full"],
  tds: ["none", "require", "verify-full"],
};
export const BABELFISH_ALL_SSL_MODES = ["none", "require", "verify-ca", "verify-full"] as const;
export type BabelfishSslMode = (typeof BABELFISH_ALL_SSL_MODES)[number];

/** T-SQL database names the library writes into scripts and settings: letters, digits and _, starting with a letter or _. */
export const BABELFISH_DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
