// Typed settings of a PostgreSQL source endpoint (API `PostgreSQLSettings`, Terraform `postgres_settings`),
// their defaults, their checks, and the settings block rendered from them
// (https://docs.aws.amazon.com/dms/latest/APIReference/API_PostgreSQLSettings.html,
// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html).

/** Where the source runs: a server the team administers, or Amazon RDS / Aurora (no superuser; `rds_*` roles). */
export type PostgresSourceHosting = "self-managed" | "rds";

/**
 * The logical decoding plugin of the replication slot DMS creates for each task. `test-decoding` is the
 * contrib module that ships with PostgreSQL; `pglogical` is an extension that must be preloaded and
 * created; `no-preference` lets DMS use pglogical when it is installed and test_decoding otherwise.
 */
export type PostgresPluginName = "test-decoding" | "pglogical" | "no-preference";

/** What DMS maps PostgreSQL long varchar (`text` and unbounded `varchar`) values to. */
export type PostgresLongVarcharMapping = "wstring" | "clob" | "nclob";

export const POSTGRES_PLUGIN_NAMES: readonly PostgresPluginName[] = ["test-decoding", "pglogical", "no-preference"];
export const POSTGRES_LONG_VARCHAR_MAPPINGS: readonly PostgresLongVarcharMapping[] = ["wstring", "clob", "nclob"];
export const POSTGRES_SOURCE_HOSTINGS: readonly PostgresSourceHosting[] = ["self-managed", "rds"];

/**
 * Settings of a PostgreSQL source. The defaults differ from AWS's where AWS's are unsafe: the WAL
 * heartbeat is on (an idle replication slot otherwise pins WAL until the source's disk fills), DDL capture
 * is off (it needs an event trigger and a table on the source), the plugin is fixed rather than guessed,
 * and DMS's own objects go to a dedicated schema instead of `public`.
 */
export interface PostgresSourceSettings {
  /**
   * The slot's decoding plugin. test_decoding is predictable and supports `REPLICA IDENTITY FULL`;
   * pglogical does not, and needs `shared_preload_libraries` and the extension.
   * @default "test-decoding"
   */
  readonly pluginName?: PostgresPluginName;
  /**
   * An existing logical replication slot to read from (a native CDC start point, used with a task's
   * `cdcStartPosition`). Lowercase letters, digits and underscores.
   * @default - DMS creates a slot for each task
   */
  readonly slotName?: string;
  /**
   * DMS writes a tiny transaction every `heartbeatFrequency` minutes, so the slot's `restart_lsn` moves on
   * even when the selected tables are idle and WAL is not kept for ever.
   * @default - true when the endpoint captures changes, otherwise false
   */
  readonly heartbeatEnable?: boolean;
  /** Minutes between heartbeats. @default 5 */
  readonly heartbeatFrequency?: number;
  /**
   * Schema of DMS's heartbeat table (`awsdms_heartbeat`). The DBA script creates it and lets only the DMS
   * login create objects in it, instead of granting CREATE on `public`, AWS's default (which would let the
   * login plant objects that other roles' unqualified names resolve to). Run the script before the first
   * task starts, so the schema exists (whether DMS would create a missing one is not documented).
   * @default "awsdms"
   */
  readonly heartbeatSchema?: string;
  /**
   * Capture DDL: DMS then needs the event trigger `awsdms_intercept_ddl` and the table `awsdms_ddl_audit`
   * on the source (the DBA script creates them). Off by default, unlike AWS's default, so that nothing
   * fires on the source's own schema changes unless asked.
   * @default false
   */
  readonly captureDdls?: boolean;
  /** Schema of the DDL-capture table and function; only with `captureDdls`. @default "awsdms" */
  readonly ddlArtifactsSchema?: string;
  /** Client statement timeout, seconds. @default 60 */
  readonly executeTimeout?: number;
  /** Map `boolean` as boolean rather than `varchar(5)` (for Redshift targets). @default false */
  readonly mapBooleanAsBoolean?: boolean;
  /** Map `jsonb` as a CLOB rather than NCLOB. @default false */
  readonly mapJsonbAsClob?: boolean;
  /** @default "wstring" (AWS's default) */
  readonly mapLongVarcharAs?: PostgresLongVarcharMapping;
}

/** Every setting with its default applied. */
export interface ResolvedPostgresSourceSettings {
  readonly pluginName: PostgresPluginName;
  readonly slotName?: string;
  readonly heartbeatEnable: boolean;
  readonly heartbeatFrequency: number;
  readonly heartbeatSchema: string;
  readonly captureDdls: boolean;
  readonly ddlArtifactsSchema: string;
  readonly executeTimeout: number;
  readonly mapBooleanAsBoolean: boolean;
  readonly mapJsonbAsClob: boolean;
  readonly mapLongVarcharAs: PostgresLongVarcharMapping;
}

/** The `postgres_settings` block, camelCase as the CDKTF class takes it. */
export interface PostgresSourceSettingsBlock {
  readonly captureDdls: boolean;
  readonly ddlArtifactsSchema: string;
  readonly executeTimeout: number;
  readonly failTasksOnLobTruncation: boolean;
  readonly heartbeatEnable: boolean;
  readonly heartbeatFrequency: number;
  readonly heartbeatSchema: string;
  readonly mapBooleanAsBoolean: boolean;
  readonly mapJsonbAsClob: boolean;
  readonly mapLongVarcharAs: PostgresLongVarcharMapping;
  readonly maxFileSize: number;
  readonly pluginName: PostgresPluginName;
  readonly slotName?: string;
}

/** The schema DMS's heartbeat table and DDL-capture objects go to unless told otherwise. */
export const DMS_ARTIFACTS_SCHEMA = "awsdms";
/**
 * AWS's default size of a target's load files, sent explicitly because 5.100.0 would send 0
 * (https://github.com/hashicorp/terraform-provider-aws/issues/47884).
 */
export const DEFAULT_MAX_FILE_SIZE = 32768;

/** A replication slot name, as PostgreSQL accepts it. */
export const SLOT_NAME = /^[a-z0-9_]{1,63}$/;
/** A schema name that needs no quoting in DMS's own SQL and is not reserved by PostgreSQL. */
export const PLAIN_SCHEMA_NAME = /^(?!pg_)[a-z_][a-z0-9_]{0,62}$/;

/** One problem with the settings; `field` names the setting, when one is to blame. */
export interface PostgresSettingsProblem {
  readonly field?: keyof PostgresSourceSettings;
  readonly message: string;
}

/** The settings with their defaults; `capturesChanges` decides the heartbeat's default. */
export function resolvePostgresSourceSettings(settings: PostgresSourceSettings = {}, capturesChanges = true): ResolvedPostgresSourceSettings {
  return {
    pluginName: settings.pluginName ?? "test-decoding",
    slotName: settings.slotName,
    heartbeatEnable: settings.heartbeatEnable ?? capturesChanges,
    heartbeatFrequency: settings.heartbeatFrequency ?? 5,
    heartbeatSchema: settings.heartbeatSchema ?? DMS_ARTIFACTS_SCHEMA,
    captureDdls: settings.captureDdls ?? false,
    ddlArtifactsSchema: settings.ddlArtifactsSchema ?? DMS_ARTIFACTS_SCHEMA,
    executeTimeout: settings.executeTimeout ?? 60,
    mapBooleanAsBoolean: settings.mapBooleanAsBoolean ?? false,
    mapJsonbAsClob: settings.mapJsonbAsClob ?? false,
    mapLongVarcharAs: settings.mapLongVarcharAs ?? "wstring",
  };
}

/**
 * What is wrong with a source's settings, one problem per entry (none: they can work). Shared by the
 * endpoint construct and the environment-file schema.
 */
export function postgresSourceSettingsProblems(settings: PostgresSourceSettings = {}, capturesChanges = true): PostgresSettingsProblem[] {
  const problems: PostgresSettingsProblem[] = [];
  const add = (field: keyof PostgresSourceSettings | undefined, message: string) => problems.push({ field, message });
  if (settings.pluginName !== undefined && !POSTGRES_PLUGIN_NAMES.includes(settings.pluginName)) {
    add("pluginName", `\`pluginName\` "${settings.pluginName}" is not a decoding plugin; allowed: ${POSTGRES_PLUGIN_NAMES.join(", ")}`);
  }
  if (settings.mapLongVarcharAs !== undefined && !POSTGRES_LONG_VARCHAR_MAPPINGS.includes(settings.mapLongVarcharAs)) {
    add("mapLongVarcharAs", `\`mapLongVarcharAs\` "${settings.mapLongVarcharAs}" is not allowed; allowed: ${POSTGRES_LONG_VARCHAR_MAPPINGS.join(", ")}`);
  }
  if (settings.slotName !== undefined && !SLOT_NAME.test(settings.slotName)) {
    add("slotName", `\`slotName\` "${settings.slotName}" must be 1 to 63 lowercase letters, digits and underscores (a PostgreSQL replication slot name)`);
  }
  for (const field of ["heartbeatSchema", "ddlArtifactsSchema"] as const) {
    const value = settings[field];
    if (value !== undefined && !PLAIN_SCHEMA_NAME.test(value)) {
      add(field, `\`${field}\` "${value}" must be a lowercase PostgreSQL name (a letter or _, then letters, digits or _; at most 63; not starting with pg_)`);
    }
  }
  for (const [field, unit] of [["heartbeatFrequency", "minutes"], ["executeTimeout", "seconds"]] as const) {
    const value = settings[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      add(field, `\`${field}\` must be a whole number of ${unit} of at least 1, got ${value}`);
    }
  }
  if (settings.heartbeatEnable === false) {
    for (const field of ["heartbeatFrequency", "heartbeatSchema"] as const) {
      if (settings[field] !== undefined) add(field, `\`${field}\` only applies with \`heartbeatEnable: true\``);
    }
  }
  if (settings.ddlArtifactsSchema !== undefined && settings.captureDdls !== true) {
    add("ddlArtifactsSchema", "`ddlArtifactsSchema` only applies with `captureDdls: true`");
  }
  if (!capturesChanges) {
    const changeCapture: [keyof PostgresSourceSettings, boolean][] = [
      ["pluginName", settings.pluginName !== undefined],
      ["slotName", settings.slotName !== undefined],
      ["heartbeatEnable", settings.heartbeatEnable === true],
      ["heartbeatFrequency", settings.heartbeatFrequency !== undefined],
      ["heartbeatSchema", settings.heartbeatSchema !== undefined],
      ["captureDdls", settings.captureDdls === true],
    ];
    for (const [field, given] of changeCapture) {
      if (given && !problems.some((problem) => problem.field === field)) add(field, `\`${field}\` only applies to change capture, but \`captureChanges\` is false (full loads only)`);
    }
  }
  return problems;
}

/**
 * The `postgres_settings` block. Provider 5.100.0 sends every boolean and number of a present block, unset
 * ones as false or 0 (https://github.com/hashicorp/terraform-provider-aws/issues/47884), so every one is given;
 * `slot_name` is left out unless set, since an empty string is not sent.
 */
export function postgresSourceSettingsBlock(settings: ResolvedPostgresSourceSettings): PostgresSourceSettingsBlock {
  return {
    captureDdls: settings.captureDdls,
    ddlArtifactsSchema: settings.ddlArtifactsSchema,
    executeTimeout: settings.executeTimeout,
    failTasksOnLobTruncation: false,
    heartbeatEnable: settings.heartbeatEnable,
    heartbeatFrequency: settings.heartbeatFrequency,
    heartbeatSchema: settings.heartbeatSchema,
    mapBooleanAsBoolean: settings.mapBooleanAsBoolean,
    mapJsonbAsClob: settings.mapJsonbAsClob,
    mapLongVarcharAs: settings.mapLongVarcharAs,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    pluginName: settings.pluginName,
    ...(settings.slotName === undefined ? {} : { slotName: settings.slotName }),
  };
}
