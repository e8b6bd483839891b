/**
 * How DMS reads a MongoDB source (AWS DMS user guide, "Using MongoDB as a source for AWS DMS",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MongoDB.html):
 * - `document` mode (`nesting_level = none`) copies each document whole into one `_doc` column (a JSON string);
 * - `table` mode (`nesting_level = one`) flattens the first level of fields into columns, guessed from a sample
 *   of `docsToInvestigate` documents.
 */
export const MONGODB_MODES = ["document", "table"] as const;
export type MongodbMode = (typeof MONGODB_MODES)[number];

/** Provider 5.100.0's `mongodb_settings.nesting_level` for each mode. */
export const MONGODB_NESTING_LEVELS: Readonly<Record<MongodbMode, "none" | "one">> = { document: "none", table: "one" };

/**
 * `mongodb_settings.auth_mechanism` values of provider 5.100.0. `default` is SCRAM-SHA-1 on MongoDB 3.x and later;
 * `mongodb-cr` (MONGODB-CR) was removed from MongoDB 4.0 and is refused here.
 */
export const MONGODB_AUTH_MECHANISMS = ["default", "scram-sha-1", "mongodb-cr"] as const;
export type MongodbAuthMechanism = (typeof MONGODB_AUTH_MECHANISMS)[number];

/** `mongodb_settings.auth_type`: `password`, or `no` (anonymous), which is refused here. */
export const MONGODB_AUTH_TYPES = ["password", "no"] as const;
export type MongodbAuthType = (typeof MONGODB_AUTH_TYPES)[number];

/** The SSL modes the DMS API takes for MongoDB (https://docs.aws.amazon.com/dms/latest/APIReference/API_MongoDbDataProviderSettings.html). */
export const MONGODB_SSL_MODES = ["none", "require", "verify-ca", "verify-full"] as const;
export type MongodbSslMode = (typeof MONGODB_SSL_MODES)[number];

export const DEFAULT_MONGODB_PORT = 27017;
export const DEFAULT_AUTH_SOURCE = "admin";
/** DMS's own default sample size for table mode. */
export const DEFAULT_DOCS_TO_INVESTIGATE = 1000;

/**
 * MongoDB database names: no `/\. "$*<>:|?` characters and under 64 bytes
 * (https://www.mongodb.com/docs/manual/reference/limits/#naming-restrictions).
 */
export const MONGODB_DATABASE_NAME = /^[^/\\. "$*<>:|?\u0000]{1,63}$/;
