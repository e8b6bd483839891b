import { MigrationType, orderedMigrationTypes } from "../../../migration-type";
import { ScriptPasswordSource, ScriptText, assembleScript, checkPasswordSource, checkScriptTexts, passwordCommand, passwordOrigin, requireReaders, requireSelectedTable, scriptFailure, selectionTexts } from "../../../endpoints/preparation-script";
import { SourcePreparationInput } from "../../../source-preparation-input";
import { TableSelection } from "../../../table-selection";
import {
  POLLING_INTERVAL,
  SourceDatabase,
  distributorCheck,
  msCdc,
  publication,
  rdsCaptureJob,
  selectedTables,
} from "./change-capture";
import { SafeguardPolicy, SqlServerCaptureMode, SqlServerHosting } from "../options";
import { LOGIN, LOGIN_LITERAL, PASSWORD_LITERAL, RULE, Section, bracketed, describeSelection, nLiteral, raise } from "./tsql";

/** Everything the DBA script for one SQL Server source endpoint depends on. */
export interface SqlServerPreparationInput extends SourcePreparationInput, ScriptPasswordSource {
  readonly captureMode: SqlServerCaptureMode;
  readonly hosting: SqlServerHosting;
  /**
   * The SQL login DMS connects with, when known at synth; the script then sets it with `:setvar`.
   * @default - given when the script runs, as the sqlcmd variable DMS_LOGIN
   */
  readonly dmsLogin?: string;
  /** The DMS login is a member of sysadmin (the script makes it one). Not possible on RDS. @default false */
  readonly dmsLoginIsSysadmin?: boolean;
  /** DMS enables MS-CDC itself (`setUpMsCdcForTables=true`, needs a sysadmin login), so the script does not. @default false */
  readonly setUpMsCdcForTables?: boolean;
  /** @default - DMS's default, RELY_ON_SQL_SERVER_REPLICATION_AGENT */
  readonly safeguardPolicy?: SafeguardPolicy;
  /** DMS reads changes from log backups only (`readBackupOnly=Y`, needs a sysadmin login). @default false */
  readonly readBackupOnly?: boolean;
  /** RDS Multi-AZ: also store the capture polling interval with `rds_set_configuration`, for the standby. @default false */
  readonly multiAz?: boolean;
}

const MODE_DESCRIPTIONS: Record<SqlServerCaptureMode, string> = {
  "ms-replication": "ms-replication (transactional replication for tables with a primary key, MS-CDC for the others)",
  "ms-cdc": "ms-cdc (SQL Server Change Data Capture on every selected table)",
  none: "none (full loads only; no change capture)",
};
const HOSTING_DESCRIPTIONS: Record<SqlServerHosting, string> = {
  "self-managed": "self-managed (on-premises or EC2)",
  rds: "rds (Amazon RDS for SQL Server)",
};
const SQL_LOGIN = /^[A-Za-z_][A-Za-z0-9_@#.-]{0,127}$/;

/** What the script has to do, derived once from the input. */
interface Plan {
  readonly input: SqlServerPreparationInput;
  readonly rds: boolean;
  readonly mode: SqlServerCaptureMode;
  /** A task reads ongoing changes and the mode captures them. */
  readonly capturesChanges: boolean;
  readonly sysadmin: boolean;
  /** DMS enables MS-CDC itself (`setUpMsCdcForTables`). */
  readonly dmsEnablesCdc: boolean;
  readonly exclusiveTruncation: boolean;
  /** MS-Replication with a login that is not sysadmin: the publication and the grants are made by hand. */
  readonly handMadeReplication: boolean;
  readonly selections: readonly TableSelection[];
  readonly migrationTypes: readonly MigrationType[];
  readonly db: SourceDatabase;
}

/**
 * The T-SQL a source DBA runs with sqlcmd (as sysadmin, or as the RDS master user) to prepare a SQL Server
 * database for a DMS source endpoint: the DMS login and its grants, the change-capture prerequisites, and
 * MS-CDC or the MS-Replication publication for the selected tables, following the AWS DMS user guide
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SQLServer.html and
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SQLServer.CDC.html).
 *
 * The script never contains a password (sqlcmd substitutes the DMS_PASSWORD variable when it runs), is safe
 * to run again (every change is guarded), matches DMS `%` wildcards against `sys.tables` when it runs, and is
 * byte-identical for the same input, so it can be written on every synth.
 *
 * @throws Error for input that cannot work: MS-Replication, `readBackupOnly`, exclusive truncation, a sysadmin
 * login or `setUpMsCdcForTables` on RDS; tasks reading changes, or change-capture options, with
 * `captureMode: "none"`; no task; no include or explicit selection; a value that would break the script.
 */
export function sqlServerPreparationScript(input: SqlServerPreparationInput): string {
  const plan = planFor(input);
  const sections: Section[] = [checks(plan), login(plan), ...masterAndMsdbGrants(plan), sourceDatabaseGrants(plan), ...changeCapture(plan)];
  return assembleScript({ rule: RULE, header: header(plan), settings: sqlcmdSettings(plan), sections, finish: finish(plan) });
}

/** The options themselves were checked by the endpoint's rule table (../rules.ts); this checks what the script adds. */
function planFor(input: SqlServerPreparationInput): Plan {
  const fail = scriptFailure("sqlServerPreparationScript", input.endpointId);
  checkText(input, fail);
  const rds = input.hosting === "rds";
  const mode = input.captureMode;
  requireReaders(fail, input.migrationTypes.length, "migrationTypes");
  const readsChanges = input.migrationTypes.some((type) => type !== "full-load");
  if (mode === "none") {
    if (readsChanges) fail('a task reads ongoing changes (cdc or full-load-and-cdc), but `captureMode` is "none" (full loads only)');
  }
  requireSelectedTable(fail, input.selections);
  if (input.dmsLogin !== undefined && !SQL_LOGIN.test(input.dmsLogin)) {
    fail(`\`dmsLogin\` "${input.dmsLogin}" is not a plain SQL login name (a letter or _, then letters, digits and _ @ # . -; at most 128)`);
  }
  checkPasswordSource(fail, input);
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) fail(`\`port\` ${input.port} is not a TCP port`);
  // It is pasted into a shell command in the header.
  if (!/^[^\s"'`$;&|<>()]+$/.test(input.serverName)) fail(`\`serverName\` "${input.serverName}" is not a host name or IP address`);
  if (input.databaseName.length > 128) fail("`databaseName` is longer than 128 characters");

  const capturesChanges = mode !== "none" && readsChanges;
  const sysadmin = input.dmsLoginIsSysadmin ?? false;
  return {
    input,
    rds,
    mode,
    capturesChanges,
    sysadmin,
    dmsEnablesCdc: input.setUpMsCdcForTables ?? false,
    exclusiveTruncation: input.safeguardPolicy === "EXCLUSIVE_AUTOMATIC_TRUNCATION",
    handMadeReplication: capturesChanges && mode === "ms-replication" && !sysadmin,
    // Duplicates come from several tasks selecting the same tables; the first one keeps its place.
    selections: input.selections.filter(
      (rule, index) =>
        input.selections.findIndex(
          (other) => other.action === rule.action && other.schemaName === rule.schemaName && other.tableName === rule.tableName,
        ) === index,
    ),
    migrationTypes: orderedMigrationTypes(input.migrationTypes),
    db: { identifier: bracketed(input.databaseName), literal: nLiteral(input.databaseName) },
  };
}

/**
 * Every value written into the script must stay on its line, and must not contain "$(": sqlcmd reads that
 * anywhere in the file, comments and literals included, as a variable, and has no escape for it.
 */
function checkText(input: SqlServerPreparationInput, fail: (message: string) => never): void {
  const texts: ScriptText[] = [
    ["projectName", input.projectName],
    ["environment", input.environment],
    ["endpointId", input.endpointId],
    ["serverName", input.serverName],
    ["databaseName", input.databaseName],
    ["passwordParameterName", input.passwordParameterName],
    ["passwordSecretArn", input.passwordSecretArn],
    ...selectionTexts(input.selections),
    ["dmsLogin", input.dmsLogin],
  ];
  checkScriptTexts(fail, texts, (_field, value) => (value.includes("$(") ? 'contains "$(", which sqlcmd would read as a variable' : undefined));
}

// ---------------------------------------------------------------------------------------------------------
// Header and sqlcmd settings
// ---------------------------------------------------------------------------------------------------------

function header(plan: Plan): string[] {
  const { input } = plan;
  const loginVariable = input.dmsLogin === undefined ? " DMS_LOGIN=<dms login>" : "";
  // The shell's command substitution is written with backticks, because "$(" cannot appear in the file.
  const ssmValue = passwordCommand(input);
  const command = `sqlcmd -S ${input.serverName},${input.port} -d master -i ${input.endpointId}.sql -v${loginVariable} DMS_PASSWORD="\`${ssmValue}\`"`;
  const runner = plan.rds
    ? ["the RDS master user (RDS has no sysadmin; the master user can create logins and enable MS-CDC)."]
    : [
        "a member of the sysadmin server role (for example a DBA login), because the script creates a",
        `login and server grants${plan.capturesChanges ? " and enables change capture, which only sysadmin may do" : ""}.`,
      ];
  return [
    RULE,
    `-- DBA preparation script for the AWS DMS source endpoint "${input.endpointId}"`,
    RULE,
    `-- Project:          ${input.projectName}`,
    `-- Environment:      ${input.environment}`,
    `-- Server:           ${input.serverName},${input.port}`,
    `-- Database:         ${plan.db.identifier}`,
    `-- Capture mode:     ${MODE_DESCRIPTIONS[plan.mode]}`,
    `-- Hosting:          ${HOSTING_DESCRIPTIONS[input.hosting]}`,
    `-- Migration types:  ${plan.migrationTypes.join(", ")}`,
    `-- DMS login:        ${input.dmsLogin ?? "given when the script runs (sqlcmd variable DMS_LOGIN)"}${
      plan.sysadmin ? " (sysadmin)" : ""
    }`,
    "-- Tables:           the union of the selection rules of every task reading this endpoint:",
    ...plan.selections.map((rule) => `--                     ${describeSelection(rule)}`),
    "--",
    "-- What it does:",
    ...whatItDoes(plan).map((line) => `--   ${line}`),
    "--",
    `-- Who runs it: ${runner[0]}`,
    ...runner.slice(1).map((line) => `--   ${line}`),
    "-- It needs SQL Server 2012 or later (ALTER ROLE ... ADD MEMBER).",
    "-- It follows the AWS DMS user guide, SQL Server as a source:",
    "--   https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SQLServer.html",
    "--   https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SQLServer.CDC.html",
    "--",
    "-- How to run it, from bash (sqlcmd uses Windows authentication unless you add -U <admin login>):",
    `--   ${command}`,
    '-- In PowerShell, set $env:DMS_PASSWORD from the same aws command and pass -v DMS_PASSWORD="$env:DMS_PASSWORD".',
    `-- The password is never written in this file: sqlcmd takes it from ${input.passwordSecretArn === undefined ? "the SSM parameter" : "the secret"} when the script runs.`,
    "-- It must not contain a single quote.",
    "--",
    "-- Generated by `npm run synth` from the stack's configuration. Do not edit it by hand: change the configuration",
    "-- and synth again. Safe to run twice: every step checks the current state before it changes anything.",
    RULE,
  ];
}

function whatItDoes(plan: Plan): string[] {
  const lines = [
    `- Creates the login DMS connects with and its user in ${plan.db.identifier}, with the full-load grants`,
    "  (db_datareader, VIEW DATABASE STATE, VIEW DEFINITION, VIEW SERVER STATE).",
  ];
  if (!plan.capturesChanges) {
    lines.push(
      plan.mode === "none"
        ? "- Sets up no change capture: this endpoint serves full loads only."
        : "- Sets up no change capture yet: no task reads ongoing changes. Synth and run again when a cdc task is added.",
    );
    return lines;
  }
  lines.push("- Checks the change-capture prerequisites: the FULL recovery model and a full backup.");
  if (plan.mode === "ms-replication") {
    lines.push(
      "- Checks that a distributor exists (DMS needs one for MS-Replication).",
      plan.sysadmin
        ? "- Leaves the publication to DMS, which creates it for tables with a primary key (its login is sysadmin)."
        : "- Creates the publication AR_PUBLICATION_000<DBID> with an article for every selected table with a primary key.",
    );
  }
  const cdcTables = plan.mode === "ms-replication" ? "the selected tables without a primary key" : "every selected table";
  if (plan.dmsEnablesCdc) lines.push(`- Leaves MS-CDC to DMS (setUpMsCdcForTables=true), which enables it for ${cdcTables}.`);
  else if (plan.rds) lines.push(`- Enables MS-CDC with msdb.dbo.rds_cdc_enable_db, and on ${cdcTables}.`);
  else lines.push(`- Enables MS-CDC on the database and on ${cdcTables}.`);
  if (plan.rds) lines.push(`- Makes the capture job keep changes in the log for a day (polling interval ${POLLING_INTERVAL} s).`);
  if (plan.exclusiveTruncation) {
    lines.push("- Grants what safeguardPolicy=EXCLUSIVE_AUTOMATIC_TRUNCATION needs (then only one DMS task may read the database).");
  }
  if (plan.input.readBackupOnly) lines.push("- Notes that readBackupOnly=Y (changes from log backups only) needs a sysadmin DMS login.");
  if (!plan.dmsEnablesCdc || plan.handMadeReplication) {
    lines.push("- Matches wildcards when it runs: run it again after creating tables that the rules select.");
  }
  return lines;
}

function sqlcmdSettings(plan: Plan): string[] {
  return [
    "-- Stop at the first error, so nothing runs after a failed check.",
    ":on error exit",
    ...(plan.input.dmsLogin === undefined ? [] : [`:setvar DMS_LOGIN ${plan.input.dmsLogin}`]),
    "GO",
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Checks, login and grants
// ---------------------------------------------------------------------------------------------------------

function checks(plan: Plan): Section {
  const { db } = plan;
  const lines = ["USE [master];", "GO"];
  if (plan.rds) lines.push("IF HAS_PERMS_BY_NAME(NULL, NULL, N'ALTER ANY LOGIN') = 0", ...raise("Run this script as the RDS master user."));
  else lines.push("IF IS_SRVROLEMEMBER(N'sysadmin') = 0", ...raise("Run this script as a member of the sysadmin server role."));
  lines.push(
    `IF DB_ID(${db.literal}) IS NULL`,
    ...raise(`Database ${db.identifier} does not exist on this server.`),
    "-- The statements below write the login in brackets, so a name with ] would break them.",
    `IF ${LOGIN_LITERAL} = N'' OR CHARINDEX(N']', ${LOGIN_LITERAL}) > 0`,
    ...raise("DMS_LOGIN must be a login name without ]."),
  );
  if (plan.capturesChanges) {
    const fix = plan.rds
      ? "turn on automated backups (a backup retention of 1 day or more), which sets FULL"
      : `run ALTER DATABASE ${db.identifier} SET RECOVERY FULL; and take a full backup`;
    lines.push(
      "-- DMS reads changes from the log and its backups, so the log must be kept in full (AWS DMS user guide).",
      `IF EXISTS (SELECT 1 FROM sys.databases WHERE name = ${db.literal} AND recovery_model_desc = N'SIMPLE')`,
      ...raise(
        `Database ${db.identifier} uses the SIMPLE recovery model, but DMS change capture needs FULL (or BULK_LOGGED): ${fix}, then run this script again.`,
      ),
    );
    if (!plan.rds) {
      lines.push(
        `IF NOT EXISTS (SELECT 1 FROM msdb.dbo.backupset WHERE database_name = ${db.literal} AND type = 'D')`,
        `    PRINT ${nLiteral(
          `WARNING: msdb.dbo.backupset records no full backup of ${db.identifier}. DMS needs one before the task starts (native format, one file, not encrypted, not to a URL).`,
        )};`,
        "-- The MS-CDC capture and cleanup jobs and the replication agents are SQL Server Agent jobs.",
        "IF NOT EXISTS (SELECT 1 FROM sys.dm_server_services WHERE servicename LIKE N'SQL Server Agent%' AND status_desc = N'Running')",
        `    PRINT ${nLiteral(
          "WARNING: SQL Server Agent is not running. Start it, and set it to start automatically, or change capture stops.",
        )};`,
      );
    }
  }
  lines.push("GO");
  if (plan.capturesChanges && plan.mode === "ms-replication") lines.push(...distributorCheck());
  return { title: "Checks, before anything changes", lines };
}

function login(plan: Plan): Section {
  const parameter = passwordOrigin(plan.input);
  const lines = [
    `-- Its password is the sqlcmd variable DMS_PASSWORD, read from ${parameter}.`,
    "-- An existing login keeps its password, so running the script again never locks DMS out.",
    `IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = ${LOGIN_LITERAL})`,
    `    CREATE LOGIN ${LOGIN} WITH PASSWORD = ${PASSWORD_LITERAL};`,
    "ELSE",
    `    PRINT ${nLiteral(
      `Login [$(DMS_LOGIN)] already exists; its password is unchanged. To rotate it, ALTER LOGIN with the value of ${plan.input.passwordParameterName ?? parameter}.`,
    )};`,
    "GO",
    "-- GRANT is idempotent: granting again changes nothing.",
    "-- Every mode: DMS reads server state (AWS DMS user guide).",
    `GRANT VIEW SERVER STATE TO ${LOGIN};`,
  ];
  if (plan.handMadeReplication) {
    lines.push("-- MS-Replication without sysadmin: AWS grants CONNECT SQL explicitly.", `GRANT CONNECT SQL TO ${LOGIN};`);
  }
  if (plan.sysadmin) {
    const reasons = sysadminReasons(plan);
    lines.push(
      `-- The configuration declares the DMS login sysadmin${
        reasons.length > 0 ? `, as ${reasons.join(" and ")} need${reasons.length === 1 ? "s" : ""}` : ""
      }.`,
      `IF ISNULL(IS_SRVROLEMEMBER(N'sysadmin', ${LOGIN_LITERAL}), 0) = 0`,
      `    ALTER SERVER ROLE [sysadmin] ADD MEMBER ${LOGIN};`,
    );
  }
  lines.push("GO");
  return { title: "The login DMS connects with", lines };
}

/** Why the DMS login needs sysadmin, for the options that need it. */
function sysadminReasons(plan: Plan): string[] {
  if (!plan.capturesChanges) return [];
  return [
    plan.mode === "ms-replication" ? "DMS creating its own publication" : "",
    plan.dmsEnablesCdc ? "setUpMsCdcForTables=true" : "",
    plan.input.readBackupOnly ? "readBackupOnly=Y" : "",
  ].filter((reason) => reason !== "");
}

/** The DMS login's user in the current database; stops if the name or the login is already used otherwise. */
function databaseUser(database: string): string[] {
  return [
    `IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = ${LOGIN_LITERAL} AND sid <> SUSER_SID(${LOGIN_LITERAL}))`,
    ...raise(
      `User {login} in ${database} belongs to another login (after a restore?): map it with ALTER USER ... WITH LOGIN, then run this script again.`,
    ),
    `IF EXISTS (SELECT 1 FROM sys.database_principals WHERE sid = SUSER_SID(${LOGIN_LITERAL}) AND name <> ${LOGIN_LITERAL})`,
    ...raise(`Login {login} already has a user with another name in ${database} (is it the database owner?). Give DMS its own login.`),
    `IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = ${LOGIN_LITERAL})`,
    `    CREATE USER ${LOGIN} FOR LOGIN ${LOGIN};`,
    "GO",
  ];
}

function roleMember(role: string): string[] {
  return [
    "IF NOT EXISTS (",
    "    SELECT 1 FROM sys.database_role_members AS m",
    "    JOIN sys.database_principals AS r ON r.principal_id = m.role_principal_id",
    "    JOIN sys.database_principals AS u ON u.principal_id = m.member_principal_id",
    `    WHERE r.name = ${nLiteral(role)} AND u.name = ${LOGIN_LITERAL}`,
    ")",
    `    ALTER ROLE ${bracketed(role)} ADD MEMBER ${LOGIN};`,
  ];
}

function masterAndMsdbGrants(plan: Plan): Section[] {
  const exclusive = plan.capturesChanges && plan.exclusiveTruncation;
  const sections: Section[] = [];
  if (plan.handMadeReplication) {
    sections.push({
      title: "master: public access and the log function (MS-Replication without sysadmin)",
      lines: ["USE [master];", "GO", ...databaseUser("[master]"), `GRANT SELECT ON FN_DBLOG TO ${LOGIN};`, "GO"],
    });
  }
  if (!plan.handMadeReplication && !exclusive) return sections;
  const lines = ["USE [msdb];", "GO", ...databaseUser("[msdb]")];
  if (plan.handMadeReplication) {
    lines.push(
      "-- MS-Replication without sysadmin (AWS DMS user guide): DMS starts and stops jobs and finds the log backups.",
      `GRANT EXECUTE ON dbo.sp_start_job TO ${LOGIN};`,
      `GRANT EXECUTE ON dbo.sp_stop_job TO ${LOGIN};`,
      `GRANT SELECT ON dbo.backupset TO ${LOGIN};`,
      `GRANT SELECT ON dbo.backupmediafamily TO ${LOGIN};`,
      `GRANT SELECT ON dbo.backupfile TO ${LOGIN};`,
    );
  }
  if (exclusive) {
    lines.push(
      "-- safeguardPolicy=EXCLUSIVE_AUTOMATIC_TRUNCATION: DMS looks at the replication jobs (msdb.dbo.syscategories and",
      "-- msdb.dbo.sysjobs) before it truncates the log itself with sp_repldone. Only one DMS task may read this database.",
      `GRANT SELECT ON dbo.syscategories TO ${LOGIN};`,
      `GRANT SELECT ON dbo.sysjobs TO ${LOGIN};`,
    );
  }
  lines.push("GO");
  sections.push({ title: "msdb: the jobs and the backup history DMS reads", lines });
  return sections;
}

function sourceDatabaseGrants(plan: Plan): Section {
  const lines = [
    `USE ${plan.db.identifier};`,
    "GO",
    ...databaseUser(plan.db.identifier),
    "-- Every mode: a full load reads every table and its definition (AWS DMS user guide).",
    ...roleMember("db_datareader"),
    `GRANT VIEW DATABASE STATE TO ${LOGIN};`,
    `GRANT VIEW DEFINITION TO ${LOGIN};`,
  ];
  if (plan.capturesChanges && (plan.mode === "ms-cdc" || plan.handMadeReplication)) {
    lines.push(
      plan.mode === "ms-cdc"
        ? '-- MS-CDC: AWS asks for "at least db_owner" in the source database (AWS DMS user guide).'
        : "-- MS-Replication without sysadmin: db_owner in the source database (AWS DMS user guide).",
      ...roleMember("db_owner"),
    );
  }
  lines.push("GO");
  return { title: `The source database ${plan.db.identifier}: the DMS user and its grants`, lines };
}

// ---------------------------------------------------------------------------------------------------------
// Change capture
// ---------------------------------------------------------------------------------------------------------

function changeCapture(plan: Plan): Section[] {
  if (!plan.capturesChanges) {
    return [
      {
        title: "Change capture",
        lines:
          plan.mode === "none"
            ? ['-- Capture mode "none": this endpoint serves full loads only, so no change capture is set up.']
            : [
                `-- Capture mode "${plan.mode}", but no task reads ongoing changes (migration types: ${plan.migrationTypes.join(", ")}),`,
                "-- so no change capture is set up yet. Synth and run the new script when a cdc task is added.",
              ],
      },
    ];
  }
  const sections: Section[] = [];
  // The later batches read the resolved table list; DMS needs none of it when it enables MS-CDC itself.
  if (!plan.dmsEnablesCdc || plan.handMadeReplication) sections.push(selectedTables(plan.db, plan.selections));
  if (plan.mode === "ms-replication") {
    sections.push(
      publication({
        db: plan.db,
        dmsLoginIsSysadmin: plan.sysadmin,
        exclusiveTruncation: plan.exclusiveTruncation,
        description: `AWS DMS source endpoint ${plan.input.endpointId} (${plan.input.projectName}, ${plan.input.environment})`,
      }),
    );
  }
  sections.push(
    msCdc({ db: plan.db, rds: plan.rds, onlyTablesWithoutPrimaryKey: plan.mode === "ms-replication", dmsEnablesCdc: plan.dmsEnablesCdc }),
  );
  if (plan.rds) sections.push(rdsCaptureJob(plan.db, plan.input.multiAz ?? false));
  return sections;
}

function finish(plan: Plan): string[] {
  const lines = [RULE, "-- Done", RULE];
  const options = sysadminReasons(plan).filter((reason) => reason !== "DMS creating its own publication");
  if (options.length > 0 && !plan.sysadmin) {
    const need = `${options.join(" and ")} need${options.length === 1 ? "s" : ""} the DMS login to be sysadmin`;
    lines.push(
      `-- ${need}, which the configuration does not declare.`,
      `IF ISNULL(IS_SRVROLEMEMBER(N'sysadmin', ${LOGIN_LITERAL}), 0) = 0`,
      `    PRINT ${nLiteral(`WARNING: ${need}, and [$(DMS_LOGIN)] is not: the DMS task will fail.`)};`,
    );
  }
  lines.push(`PRINT ${nLiteral(`${plan.db.identifier} is prepared for the DMS source endpoint ${plan.input.endpointId}.`)};`, "GO");
  return lines;
}
