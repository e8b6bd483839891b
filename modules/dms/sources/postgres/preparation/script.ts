import { DmsSslMode, SourceReader } from "../../../endpoints/endpoint";
import { ScriptPasswordSource, ScriptText, assembleScript, checkPasswordSource, checkScriptTexts, passwordCommand, requireReaders, requireSelectedTable, scriptFailure, secretFieldCommand, selectionTexts } from "../../../endpoints/preparation-script";
import { MigrationType, orderedMigrationTypes } from "../../../migration-type";
import { TableSelection } from "../../../table-selection";
import { ddlCapture, heartbeatSchema, noDdlCapture, pglogicalExtension, replicationSlots } from "../change-capture";
import {
  PLAIN_SCHEMA_NAME,
  POSTGRES_PLUGIN_NAMES,
  PostgresPluginName,
  PostgresSourceHosting,
  ResolvedPostgresSourceSettings,
  SLOT_NAME,
} from "../settings";
import { RULE, Section, describeSelection, sqlLiteral } from "./psql";
import { changeCaptureChecks, pluginChecks, runnerChecks } from "../server-checks";
import { login, readAccess, replicaIdentityNotes, replicationRights, selectedTables } from "../table-access";

/** Everything the DBA script for one PostgreSQL source endpoint depends on. */
export interface PostgresPreparationInput extends ScriptPasswordSource {
  readonly projectName: string;
  readonly environment: string;
  /** The DMS source endpoint id; the script is named after it. */
  readonly endpointId: string;
  /**
   * Host name or IP address of the server, as the endpoint has it.
   * @default - not known at synth (a database of this project): the header names `serverDescription`
   */
  readonly serverName?: string;
  /** What the header calls the server when `serverName` is not known. @default "the source server" */
  readonly serverDescription?: string;
  readonly port: number;
  readonly databaseName: string;
  readonly hosting: PostgresSourceHosting;
  /** The endpoint is set up for change capture (its `captureChanges`). */
  readonly capturesChanges: boolean;
  readonly settings: ResolvedPostgresSourceSettings;
  /** The tasks reading this source: their selection rules and whether they read changes. */
  readonly readers: readonly SourceReader[];
  /**
   * The role DMS connects as, when known at synth; the script then sets the psql variable dms_login.
   * @default - given when the script runs, with `--set=dms_login=<name>`
   */
  readonly dmsLogin?: string;
  /** SSM parameter holding the DMS login's name, when that is how it is configured; the header shows how to read it. */
  readonly usernameParameterName?: string;
  /** The endpoint's SSL mode; the psql command in the header uses the same. @default "require" */
  readonly sslMode?: DmsSslMode;
}

const HOSTING_DESCRIPTIONS: Record<PostgresSourceHosting, string> = {
  "self-managed": "self-managed (on-premises or EC2)",
  rds: "rds (Amazon RDS or Aurora PostgreSQL)",
};
const PLUGIN_DESCRIPTIONS: Record<PostgresPluginName, string> = {
  "test-decoding": "test-decoding (the test_decoding module that ships with PostgreSQL)",
  pglogical: "pglogical (the pglogical extension)",
  "no-preference": "no-preference (pglogical when installed, otherwise test_decoding)",
};
/** The plugin name slots carry, as the session setting dms_prep.plugin holds it ('' when DMS chooses). */
const SLOT_PLUGINS: Record<PostgresPluginName, string> = { "test-decoding": "test_decoding", pglogical: "pglogical", "no-preference": "" };
const ROLE_NAME = /^[A-Za-z_][A-Za-z0-9_$@.-]{0,62}$/;
const SSM_PARAMETER_NAME = /^[A-Za-z0-9_.\-/:]{1,2048}$/;
const SHELL_SAFE = /^[^\s"'`$;&|<>()\\]+$/;

/** What the script has to do, derived once from the input. */
interface Plan {
  readonly input: PostgresPreparationInput;
  readonly rds: boolean;
  /** A task reads ongoing changes and the endpoint captures them. */
  readonly capturesChanges: boolean;
  /** How many tasks read changes, each holding a slot. */
  readonly cdcTasks: number;
  readonly settings: ResolvedPostgresSourceSettings;
  readonly selections: readonly TableSelection[];
  readonly migrationTypes: readonly MigrationType[];
}

/**
 * The SQL a source DBA runs with psql (as a superuser, or as the RDS master user) to prepare a PostgreSQL
 * database for a DMS source endpoint: the DMS login and its rights, read access to exactly the tables the
 * tasks select, and the change-capture prerequisites
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html).
 *
 * The script never contains a password (psql reads it from the DMS_PASSWORD environment variable when it
 * runs), is safe to run again (every change is guarded or idempotent), matches DMS `%` wildcards against
 * `pg_class` when it runs, and is byte-identical for the same input, so it can be written on every synth.
 *
 * @throws Error for input that cannot work: no task; a task reading changes from an endpoint that does not
 * capture them; no include or explicit rule; a value that would break the script or its header.
 */
export function postgresPreparationSql(input: PostgresPreparationInput): string {
  const plan = planFor(input);
  const sections: Section[] = [
    {
      title: "Checks, before anything changes",
      lines: [
        ...runnerChecks(plan.input.hosting, plan.capturesChanges),
        ...(plan.capturesChanges
          ? [...changeCaptureChecks(plan.input.hosting, plan.cdcTasks), ...pluginChecks(plan.settings.pluginName, plan.input.hosting)]
          : []),
      ],
    },
    selectedTables(plan.selections),
    login(plan.capturesChanges),
    readAccess(),
    ...changeCaptureSections(plan),
  ];
  return assembleScript({ rule: RULE, header: header(plan), settings: psqlSettings(plan), sections, finish: finish() });
}

function planFor(input: PostgresPreparationInput): Plan {
  const fail = scriptFailure("postgresPreparationSql", input.endpointId);
  checkText(input, fail);
  requireReaders(fail, input.readers.length, "readers");
  const changeReaders = input.readers.filter((reader) => reader.migrationType !== "full-load");
  if (changeReaders.length > 0 && !input.capturesChanges) {
    fail(
      `task ${changeReaders[0].replicationTaskId} reads ongoing changes (${changeReaders[0].migrationType}), but the endpoint is set up for full loads only (\`captureChanges: false\`)`,
    );
  }
  const selections = input.readers.flatMap((reader) => reader.selections);
  requireSelectedTable(fail, selections);
  if (input.dmsLogin !== undefined && !ROLE_NAME.test(input.dmsLogin)) {
    fail(`\`dmsLogin\` "${input.dmsLogin}" is not a plain role name (a letter or _, then letters, digits and _ $ @ . -; at most 63)`);
  }
  checkPasswordSource(fail, input);
  for (const [field, name] of [["usernameParameterName", input.usernameParameterName]] as const) {
    if (name !== undefined && !SSM_PARAMETER_NAME.test(name)) fail(`\`${field}\` "${name}" is not an SSM parameter name`);
  }
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) fail(`\`port\` ${input.port} is not a TCP port`);
  // The server name is pasted into a shell command in the header.
  if (input.serverName !== undefined && !SHELL_SAFE.test(input.serverName)) {
    fail(`\`serverName\` "${input.serverName}" is not a host name or IP address`);
  }
  if (input.databaseName.length > 63) fail("`databaseName` is longer than 63 characters, which PostgreSQL would cut short");
  const { settings } = input;
  if (!POSTGRES_PLUGIN_NAMES.includes(settings.pluginName)) fail(`\`settings.pluginName\` "${settings.pluginName}" is not a decoding plugin`);
  for (const field of ["heartbeatSchema", "ddlArtifactsSchema"] as const) {
    if (!PLAIN_SCHEMA_NAME.test(settings[field])) fail(`\`settings.${field}\` "${settings[field]}" is not a lowercase PostgreSQL name`);
  }
  if (settings.slotName !== undefined && !SLOT_NAME.test(settings.slotName)) {
    fail(`\`settings.slotName\` "${settings.slotName}" is not a replication slot name`);
  }

  const capturesChanges = input.capturesChanges && changeReaders.length > 0;
  return {
    input,
    rds: input.hosting === "rds",
    capturesChanges,
    cdcTasks: new Set(changeReaders.map((reader) => reader.replicationTaskId)).size,
    settings,
    // Duplicates come from several tasks selecting the same tables; the first one keeps its place.
    selections: selections.filter(
      (rule, index) =>
        selections.findIndex((other) => other.action === rule.action && other.schemaName === rule.schemaName && other.tableName === rule.tableName) ===
        index,
    ),
    migrationTypes: orderedMigrationTypes(input.readers.map((reader) => reader.migrationType)),
  };
}

/** Every value written into the script must stay on its line: a line break would end a comment early. */
function checkText(input: PostgresPreparationInput, fail: (message: string) => never): void {
  const texts: ScriptText[] = [
    ["projectName", input.projectName],
    ["environment", input.environment],
    ["endpointId", input.endpointId],
    ["serverName", input.serverName],
    ["serverDescription", input.serverDescription],
    ["databaseName", input.databaseName],
    ["dmsLogin", input.dmsLogin],
    ["passwordParameterName", input.passwordParameterName],
    ["passwordSecretArn", input.passwordSecretArn],
    ...input.readers.flatMap((reader, readerIndex): ScriptText[] => [
      [`readers[${readerIndex}].replicationTaskId`, reader.replicationTaskId],
      ...selectionTexts(reader.selections, `readers[${readerIndex}].selections`),
    ]),
  ];
  checkScriptTexts(fail, texts);
}

// ---------------------------------------------------------------------------------------------------------
// Header and psql settings
// ---------------------------------------------------------------------------------------------------------

function header(plan: Plan): string[] {
  const { input, settings } = plan;
  const server = input.serverName ?? `<host of ${input.serverDescription ?? "the source server"}>`;
  const sslMode = input.sslMode === undefined || input.sslMode === "require" ? "require" : input.sslMode === "none" ? "prefer" : input.sslMode;
  const ssm = (name: string, decrypt: boolean) =>
    `"$(aws ssm get-parameter${decrypt ? " --with-decryption" : ""} --name ${name} --query Parameter.Value --output text)"`;
  const loginArgument =
    input.dmsLogin !== undefined
      ? ""
      : input.usernameParameterName !== undefined
        ? ` --set=dms_login=${ssm(input.usernameParameterName, true)}`
        : ` --set=dms_login=${input.passwordSecretArn === undefined ? "<dms login>" : `"$(${secretFieldCommand(input.passwordSecretArn, "username")})"`}`;
  const runner = plan.rds
    ? plan.capturesChanges
      ? ["the RDS master user (a member of rds_superuser), who may create roles, grant rds_replication and create", "event triggers."]
      : ["the RDS master user (a member of rds_superuser), who may create roles and grant on the tables."]
    : plan.capturesChanges
      ? ["a superuser (such as postgres): only a superuser may give a role the REPLICATION attribute, and the", "script grants on tables of every owner and reads server files."]
      : ["a superuser (such as postgres), since the script grants on tables of every owner."];
  const cdc = plan.cdcTasks === 1 ? "1 task reads changes: 1 replication slot" : `${plan.cdcTasks} tasks read changes: ${plan.cdcTasks} replication slots`;
  return [
    RULE,
    `-- DBA preparation script for the AWS DMS source endpoint "${input.endpointId}" (PostgreSQL)`,
    RULE,
    `-- Project:          ${input.projectName}`,
    `-- Environment:      ${input.environment}`,
    `-- Server:           ${input.serverName === undefined ? `${input.serverDescription ?? "the source server"}, port ${input.port}` : `${input.serverName}:${input.port}`}`,
    `-- Database:         ${input.databaseName}`,
    `-- Hosting:          ${HOSTING_DESCRIPTIONS[input.hosting]}`,
    `-- Migration types:  ${plan.migrationTypes.join(", ")}${plan.capturesChanges ? ` (${cdc})` : ""}`,
    ...(plan.capturesChanges
      ? [
          `-- Decoding plugin:  ${PLUGIN_DESCRIPTIONS[settings.pluginName]}`,
          `-- WAL heartbeat:    ${settings.heartbeatEnable ? `every ${settings.heartbeatFrequency} minute(s), table awsdms_heartbeat in schema ${settings.heartbeatSchema}` : "off"}`,
          `-- DDL capture:      ${settings.captureDdls ? `on (event trigger awsdms_intercept_ddl, table ${settings.ddlArtifactsSchema}.awsdms_ddl_audit)` : "off"}`,
          ...(settings.slotName === undefined ? [] : [`-- Slot:             ${settings.slotName} (an existing slot the endpoint starts from)`]),
        ]
      : []),
    `-- DMS login:        ${input.dmsLogin ?? `given when the script runs (psql variable dms_login${input.usernameParameterName === undefined ? "" : `, from SSM ${input.usernameParameterName}`})`}`,
    "-- Tables:           the union of the selection rules of every task reading this endpoint:",
    ...plan.selections.map((rule) => `--                     ${describeSelection(rule)}`),
    "--",
    "-- What it does:",
    ...whatItDoes(plan).map((line) => `--   ${line}`),
    "--",
    `-- Who runs it: ${runner[0]}`,
    ...runner.slice(1).map((line) => `--   ${line}`),
    "-- It needs PostgreSQL 10 or later, and psql 10 or later.",
    "-- It follows the AWS DMS user guide, PostgreSQL as a source:",
    "--   https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html",
    "--",
    "-- How to run it, from bash:",
    `--   DMS_PASSWORD="$(${passwordCommand(input)})" \\`,
    `--     psql "host=${server} port=${input.port} dbname=${input.databaseName} sslmode=${sslMode} user=<${plan.rds ? "master user" : "superuser"}>" \\`,
    `--     --no-psqlrc${loginArgument} --file=${input.endpointId}.sql`,
    "-- The password is never written in this file, nor on a command line: the script reads the environment variable",
    "-- DMS_PASSWORD into the psql variable dms_password (where there is no printf, as on Windows, pass",
    "-- --set=dms_password=... instead), and sends it only to create a login that does not exist yet. An existing",
    "-- login keeps its password.",
    "--",
    "-- Generated by `npm run synth` from the stack's configuration. Do not edit it by hand: change the configuration",
    "-- and synth again. Safe to run twice: every step checks the current state or is idempotent. It stops at the",
    "-- first failed check (ON_ERROR_STOP), and says what to fix.",
    RULE,
  ];
}

function whatItDoes(plan: Plan): string[] {
  const { settings } = plan;
  const lines = [
    plan.capturesChanges
      ? "- Checks the server before changing anything: who runs the script, the database, that it is a primary, wal_level,"
      : "- Checks who runs the script and the database before changing anything.",
  ];
  if (plan.capturesChanges) {
    lines.push("  max_replication_slots, max_wal_senders, wal_sender_timeout and the decoding plugin.");
  }
  lines.push(
    "- Matches the selection rules against the tables when it runs: run it again after creating tables they select.",
    "- Creates the login DMS connects with (an existing one keeps its password) and lets it connect to the database.",
    "- Grants USAGE on the selected tables' schemas and SELECT on exactly the selected tables, and no other table.",
  );
  if (!plan.capturesChanges) {
    lines.push(
      plan.input.capturesChanges
        ? "- Sets up no change capture yet: no task reads ongoing changes. Synth and run again when a cdc task is added."
        : "- Sets up no change capture: this endpoint serves full loads only.",
    );
    return lines;
  }
  lines.push(
    plan.rds ? "- Grants rds_replication to the login, so it may create and read logical replication slots." : "- Gives the login the REPLICATION attribute, so it may create and read logical replication slots.",
  );
  if (settings.pluginName === "pglogical") lines.push("- Creates the pglogical extension.");
  if (settings.heartbeatEnable) lines.push(`- Creates the schema ${settings.heartbeatSchema} for DMS's heartbeat table and lets only the login create in it.`);
  if (settings.captureDdls) {
    lines.push(`- Creates the DDL-capture table, function and event trigger in the schema ${settings.ddlArtifactsSchema}.`);
  }
  lines.push(
    "- Warns about selected tables whose UPDATEs and DELETEs cannot be captured (no primary key) or that are unlogged,",
    "  and about replication slots that keep WAL.",
  );
  return lines;
}

function psqlSettings(plan: Plan): string[] {
  const { input, settings } = plan;
  const session = (name: string, value: string) => `SET dms_prep.${name} = ${sqlLiteral(value)};`;
  const loginLines =
    input.dmsLogin !== undefined
      ? [`\\set dms_login ${sqlLiteral(input.dmsLogin)}`]
      : [
          "\\if :{?dms_login}",
          "\\else",
          "DO $dms$ BEGIN RAISE EXCEPTION 'Give the DMS login: psql ... --set=dms_login=<login name>'; END $dms$;",
          "\\endif",
        ];
  return [
    "-- Stop at the first error, so nothing runs after a failed check; say only what matters.",
    "\\set ON_ERROR_STOP on",
    "\\set QUIET on",
    "SET client_min_messages = notice;",
    "SET standard_conforming_strings = on;",
    "-- Resolve names in pg_catalog only, so objects other roles created cannot stand in for built-in ones.",
    "SET search_path = pg_catalog, pg_temp;",
    "-- The DMS login, and its password from the environment (unless given with --set=dms_password=...).",
    ...loginLines,
    "\\if :{?dms_password}",
    "\\else",
    "\\set dms_password `printf '%s' \"$DMS_PASSWORD\"`",
    "\\endif",
    "-- What the blocks below read (a DO block cannot see psql variables).",
    "SET dms_prep.login = :'dms_login';",
    session("endpoint_id", input.endpointId),
    session("database", input.databaseName),
    session("password_parameter", input.passwordParameterName ?? `the secret ${input.passwordSecretArn}`),
    session("plugin", SLOT_PLUGINS[settings.pluginName]),
    session("heartbeat_schema", settings.heartbeatSchema),
    session("ddl_schema", settings.ddlArtifactsSchema),
    session("slot_name", settings.slotName ?? ""),
  ];
}

function changeCaptureSections(plan: Plan): Section[] {
  const { settings } = plan;
  if (!plan.capturesChanges) {
    return [
      {
        title: "Change capture",
        lines: plan.input.capturesChanges
          ? [
              `-- No task reads ongoing changes yet (migration types: ${plan.migrationTypes.join(", ")}), so no change capture is set up.`,
              "-- Synth and run the new script when a cdc or full-load-and-cdc task is added.",
            ]
          : ["-- The endpoint serves full loads only (captureChanges: false), so no change capture is set up."],
      },
    ];
  }
  return [
    replicationRights(plan.input.hosting),
    ...(settings.pluginName === "pglogical" ? [pglogicalExtension()] : []),
    ...(settings.heartbeatEnable ? [heartbeatSchema(settings.heartbeatSchema)] : []),
    settings.captureDdls ? ddlCapture(settings.ddlArtifactsSchema, plan.input.hosting) : noDdlCapture(),
    replicaIdentityNotes(),
    replicationSlots(),
  ];
}

function finish(): string[] {
  return [
    RULE,
    "-- Done",
    RULE,
    "DO $dms$ BEGIN RAISE NOTICE 'Database % is prepared for the DMS source endpoint %.', current_database(), current_setting('dms_prep.endpoint_id'); END $dms$;",
  ];
}
