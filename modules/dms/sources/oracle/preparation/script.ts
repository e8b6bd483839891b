import { MigrationType, orderedMigrationTypes } from "../../../migration-type";
import { ScriptPasswordSource, ScriptText, assembleScript, checkPasswordSource, checkScriptTexts, passwordOrigin, secretFieldCommand, requireReaders, requireSelectedTable, scriptFailure, selectionTexts } from "../../../endpoints/preparation-script";
import { SourcePreparationInput } from "../../../source-preparation-input";
import { TableSelection } from "../../../table-selection";
import { changeCaptureGrants, dictionaryGrants } from "./grants";
import { OracleCdcReader, OracleHosting } from "../options";
import { RULE, Section, describeSelection, literal, raise } from "./plsql";
import { databaseSupplementalLogging, rdsArchivedLogRetention, rdsLogDirectories, selectedTables } from "./supplemental-logging";

/** Everything the DBA script for one Oracle source endpoint depends on. */
export interface OraclePreparationInput extends SourcePreparationInput, ScriptPasswordSource {
  readonly reader: OracleCdcReader;
  readonly hosting: OracleHosting;
  /** Whether the endpoint captures changes at all (`captureChanges`); false for full-load-only sources. */
  readonly captureChanges: boolean;
  /**
   * The Oracle user DMS connects with, when known at synth (created unquoted, so in upper case).
   * @default - read when the script runs, from its second argument (the header gives it from `usernameParameterName`)
   */
  readonly dmsUser?: string;
  /** SSM parameter holding the DMS user's name, when `dmsUser` is not known at synth. */
  readonly usernameParameterName?: string;
  /** Binary Reader reads the logs from ASM, as this user of the ASM instance. @default - no ASM */
  readonly asmUser?: string;
  /** `addSupplementalLogging=Y`: DMS adds PRIMARY KEY logging itself; the script grants ALTER instead. @default false */
  readonly addSupplementalLogging?: boolean;
  /** `exposeViews=true`: the script also grants SELECT on ALL_VIEWS and the selected views. @default false */
  readonly exposeViews?: boolean;
  /** RDS: hours of archived redo logs to keep, at least. @default 24 */
  readonly archivedLogRetentionHours?: number;
}

const READER_DESCRIPTIONS: Record<OracleCdcReader, string> = {
  logminer: "logminer (Oracle LogMiner, DMS's default)",
  "binary-reader": "binary-reader (DMS Binary Reader reads the redo and archived logs itself)",
};
const HOSTING_DESCRIPTIONS: Record<OracleHosting, string> = {
  "self-managed": "self-managed (on-premises or EC2)",
  rds: "rds (Amazon RDS for Oracle)",
};
/** An unquoted Oracle identifier (DMS's user is created unquoted, so Oracle keeps it in upper case). */
const ORACLE_USER = /^[A-Za-z][A-Za-z0-9_$#]{0,127}$/;
const SSM_PARAMETER_NAME = /^[A-Za-z0-9_.\-/]{1,2048}$/;
/** A service name or SID, as pasted into the EZConnect string of the header's command. */
const SERVICE_NAME = /^[A-Za-z0-9_.$#-]{1,128}$/;

/** What the script has to do, derived once from the input. */
interface Plan {
  readonly input: OraclePreparationInput;
  readonly rds: boolean;
  readonly reader: OracleCdcReader;
  /** A task reads ongoing changes and the endpoint captures them. */
  readonly capture: boolean;
  readonly asm: boolean;
  readonly dmsAddsPrimaryKeyLogging: boolean;
  readonly exposeViews: boolean;
  readonly retentionHours: number;
  readonly selections: readonly TableSelection[];
  readonly migrationTypes: readonly MigrationType[];
}

/**
 * The SQL*Plus script a source DBA runs (as SYSDBA, or as the RDS master user) to prepare an Oracle database
 * for a DMS source endpoint: the DMS user and its grants for the chosen reader, ARCHIVELOG and supplemental
 * logging, following the AWS DMS user guide (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.Oracle.html).
 *
 * The script never contains a password (it is the script's first argument, read from SSM on the command
 * line), is safe to run again (every change is checked first; grants are idempotent), resolves DMS `%`
 * wildcards against DBA_TABLES when it runs, and is byte-identical for the same input.
 *
 * @throws Error for input that cannot work: tasks reading changes from a full-load-only endpoint, ASM on
 * RDS or without Binary Reader, no task, no include or explicit selection, or a value that would break
 * the script.
 */
export function oraclePreparationScript(input: OraclePreparationInput): string {
  const plan = planFor(input);
  const sections: Section[] = [checks(plan), dmsUser(plan), dictionaryGrants(grantOptions(plan)), ...changeCapture(plan)];
  sections.push(
    selectedTables({
      selections: plan.selections,
      capture: plan.capture,
      dmsAddsPrimaryKeyLogging: plan.capture && plan.dmsAddsPrimaryKeyLogging,
      exposeViews: plan.exposeViews,
    }),
  );
  if (plan.capture && plan.asm) sections.push(asmUser(plan));
  return assembleScript({ rule: RULE, header: header(plan), settings: sqlplusSettings(plan), sections, finish: finish(plan) });
}

function planFor(input: OraclePreparationInput): Plan {
  const fail = scriptFailure("oraclePreparationScript", input.endpointId);
  checkText(input, fail);
  const rds = input.hosting === "rds";
  const asm = input.asmUser !== undefined;
  if (asm && input.reader !== "binary-reader") fail('ASM only applies to Binary Reader (`reader: "binary-reader"`)');
  if (asm && rds) fail("RDS for Oracle has no ASM that DMS can reach");
  requireReaders(fail, input.migrationTypes.length, "migrationTypes");
  const readsChanges = input.migrationTypes.some((type) => type !== "full-load");
  if (readsChanges && !input.captureChanges) {
    fail("a task reads ongoing changes (cdc or full-load-and-cdc), but the endpoint serves full loads only (`captureChanges: false`)");
  }
  requireSelectedTable(fail, input.selections);
  if (input.dmsUser !== undefined && !ORACLE_USER.test(input.dmsUser)) {
    fail(`\`dmsUser\` "${input.dmsUser}" is not a plain Oracle user name (a letter, then letters, digits, _ $ #; at most 128)`);
  }
  if (input.dmsUser === undefined && input.usernameParameterName === undefined && input.passwordSecretArn === undefined) {
    fail("give `dmsUser` or `usernameParameterName`, so the script knows which user DMS connects as");
  }
  checkPasswordSource(fail, input);
  for (const [field, name] of [
    ["usernameParameterName", input.usernameParameterName],
  ] as const) {
    if (name !== undefined && !SSM_PARAMETER_NAME.test(name)) fail(`\`${field}\` "${name}" is not an SSM parameter name`);
  }
  if (input.asmUser !== undefined && !ORACLE_USER.test(input.asmUser)) fail(`\`asmUser\` "${input.asmUser}" is not a plain Oracle user name`);
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) fail(`\`port\` ${input.port} is not a TCP port`);
  // Both are pasted into the shell command in the header.
  if (!/^[^\s"'`$;&|<>()]+$/.test(input.serverName)) fail(`\`serverName\` "${input.serverName}" is not a host name or IP address`);
  if (!SERVICE_NAME.test(input.databaseName)) fail(`\`databaseName\` "${input.databaseName}" is not an Oracle service name or SID`);
  const retentionHours = input.archivedLogRetentionHours ?? 24;
  if (!Number.isInteger(retentionHours) || retentionHours < 1) {
    fail(`\`archivedLogRetentionHours\` ${retentionHours} must be a whole number of hours, at least 1`);
  }

  return {
    input,
    rds,
    reader: input.reader,
    capture: input.captureChanges && readsChanges,
    asm,
    dmsAddsPrimaryKeyLogging: input.addSupplementalLogging ?? false,
    exposeViews: input.exposeViews ?? false,
    retentionHours,
    // Duplicates come from several tasks selecting the same tables; the first one keeps its place.
    selections: input.selections.filter(
      (rule, index) =>
        input.selections.findIndex(
          (other) => other.action === rule.action && other.schemaName === rule.schemaName && other.tableName === rule.tableName,
        ) === index,
    ),
    migrationTypes: orderedMigrationTypes(input.migrationTypes),
  };
}

/**
 * Every value written into the script must stay on its line and hold no "&", which SQL*Plus would read as a
 * substitution variable; schema and table names cannot hold a double quote, which Oracle names never do.
 */
function checkText(input: OraclePreparationInput, fail: (message: string) => never): void {
  const texts: ScriptText[] = [
    ["projectName", input.projectName],
    ["environment", input.environment],
    ["endpointId", input.endpointId],
    ["serverName", input.serverName],
    ["databaseName", input.databaseName],
    ["passwordParameterName", input.passwordParameterName],
    ["passwordSecretArn", input.passwordSecretArn],
    ...selectionTexts(input.selections),
  ];
  checkScriptTexts(fail, texts, (field, value) => {
    if (value.includes("&")) return 'contains "&", which SQL*Plus would read as a substitution variable';
    if (field.startsWith("selections") && value.includes('"')) return "contains a double quote, which no Oracle name can";
    return undefined;
  });
}

function grantOptions(plan: Plan) {
  return { rds: plan.rds, capture: plan.capture, reader: plan.reader, asm: plan.asm, exposeViews: plan.exposeViews };
}

// ---------------------------------------------------------------------------------------------------------
// Header and SQL*Plus settings
// ---------------------------------------------------------------------------------------------------------

function header(plan: Plan): string[] {
  const { input } = plan;
  const ssm = (name: string) => `"\`aws ssm get-parameter --with-decryption --name ${name} --query Parameter.Value --output text\`"`;
  const secretField = (field: "username" | "password") => `"\`${secretFieldCommand(input.passwordSecretArn as string, field)}\`"`;
  const userFrom = input.usernameParameterName ?? `the secret's \`username\``;
  const userArgument =
    input.dmsUser !== undefined ? "" : input.usernameParameterName !== undefined ? ` ${ssm(input.usernameParameterName)}` : ` ${secretField("username")}`;
  const passwordArgument = input.passwordSecretArn === undefined ? ssm(input.passwordParameterName as string) : secretField("password");
  const admin = plan.rds ? "<master user>" : "sys";
  const connect = `"${admin}@//${input.serverName}:${input.port}/${input.databaseName}${plan.rds ? "" : " as sysdba"}"`;
  const runner = plan.rds
    ? [
        "the RDS master user. RDS has no SYSDBA; the script uses AWS's rdsadmin procedures where the",
        "  master user cannot act directly (grants on SYS objects, supplemental logging, log retention).",
      ]
    : [
        "SYS AS SYSDBA (or another SYSDBA login), connected to the database DMS reads (in a",
        "  multitenant database, to the PDB, never to CDB$ROOT). It grants on SYS objects and alters the database.",
      ];
  const lowerCaseRules = plan.selections.filter((rule) => /[a-z]/.test(rule.schemaName) || /[a-z]/.test(rule.tableName));
  return [
    RULE,
    `-- DBA preparation script for the AWS DMS source endpoint "${input.endpointId}" (Oracle)`,
    RULE,
    `-- Project:          ${input.projectName}`,
    `-- Environment:      ${input.environment}`,
    `-- Server:           ${input.serverName}:${input.port}`,
    `-- Service name:     ${input.databaseName}`,
    `-- Reader:           ${plan.capture ? READER_DESCRIPTIONS[plan.reader] : "none (no change capture is prepared)"}${plan.asm ? ", logs in ASM" : ""}`,
    `-- Hosting:          ${HOSTING_DESCRIPTIONS[input.hosting]}`,
    `-- Migration types:  ${plan.migrationTypes.join(", ")}`,
    `-- DMS user:         ${
      input.dmsUser === undefined
        ? `the script's second argument (from ${input.usernameParameterName === undefined ? "the endpoint's secret" : `SSM ${input.usernameParameterName}`})`
        : input.dmsUser.toUpperCase()
    }`,
    "-- Tables:           the union of the selection rules of every task reading this endpoint:",
    ...plan.selections.map((rule) => `--                     ${describeSelection(rule)}`),
    ...(lowerCaseRules.length > 0
      ? [
          "--   Note: a rule above has lower-case letters. DMS matches names case-sensitively and Oracle keeps unquoted",
          "--   names in upper case, so such a rule only matches tables created with quoted lower-case names.",
        ]
      : []),
    "--",
    "-- What it does:",
    ...whatItDoes(plan).map((line) => `--   ${line}`),
    "--",
    `-- Who runs it: ${runner[0]}`,
    ...runner.slice(1).map((line) => `--${line}`),
    "--",
    "-- How to run it, from bash on a host with SQL*Plus (sqlplus asks for the administrator's password):",
    `--   sqlplus -L ${connect} @${input.endpointId}.sql ${passwordArgument}${userArgument}`,
    `-- The first argument is the DMS user's password, read from ${passwordOrigin(input)}${
      input.dmsUser === undefined ? `; the second is the DMS user's name, from ${userFrom}` : ""
    }.`,
    "-- The password is never written in this file. It is on the sqlplus command line while the script runs, so run",
    "-- it from a host only DBAs use. Oracle passwords cannot contain a double quote.",
    "--",
    "-- Generated by `npm run synth` from the stack's configuration. Do not edit it by hand: change the configuration",
    "-- and synth again. Safe to run twice: every step checks the current state before it changes anything.",
    RULE,
  ];
}

function whatItDoes(plan: Plan): string[] {
  const lines = [
    plan.capture ? "- Checks the connection, the container and ARCHIVELOG mode." : "- Checks the connection and the container.",
    "- Creates the user DMS connects with (an existing user keeps its password) and grants it the dictionary",
    "  access AWS lists for every Oracle source.",
  ];
  if (!plan.capture) {
    lines.push(
      plan.input.captureChanges
        ? "- Sets up no change capture yet: no task reads ongoing changes. Synth and run again when a cdc task is added."
        : "- Sets up no change capture: this endpoint serves full loads only.",
    );
  } else {
    if (plan.reader === "logminer") lines.push("- Grants what LogMiner needs (EXECUTE on DBMS_LOGMNR, LOGMINING from 12c on).");
    else if (plan.rds) lines.push("- Grants what Binary Reader needs, and creates and grants AWS's ONLINELOG_DIR and ARCHIVELOG_DIR.");
    else lines.push(`- Grants what Binary Reader needs${plan.asm ? " on ASM" : " (it creates its own directories)"}.`);
    lines.push(
      plan.rds
        ? "- Turns on minimal supplemental logging (rdsadmin) and keeps archived redo logs for at least"
        : "- Turns on minimal supplemental logging on the database.",
    );
    if (plan.rds) lines.push(`  ${plan.retentionHours} hours.`);
  }
  lines.push(
    plan.capture
      ? plan.dmsAddsPrimaryKeyLogging
        ? "- Grants SELECT and ALTER on every selected table (DMS adds PRIMARY KEY logging itself), and adds"
        : "- Grants SELECT on every selected table and adds its supplemental logging: PRIMARY KEY, a log group on"
      : "- Grants SELECT on every selected table.",
  );
  if (plan.capture) {
    lines.push(
      plan.dmsAddsPrimaryKeyLogging
        ? "  logging to tables without a primary key: a log group on a unique index's columns, or ALL columns."
        : "  a unique index's columns, or ALL columns.",
    );
  }
  if (plan.exposeViews) lines.push("- Grants SELECT on the selected views (exposeViews=true).");
  lines.push("- Matches wildcards when it runs: run it again after creating tables that the rules select.");
  if (plan.capture && plan.asm) lines.push("- Shows what the ASM administrator grants the ASM user (on the ASM instance, not run here).");
  return lines;
}

function sqlplusSettings(plan: Plan): string[] {
  const user =
    plan.input.dmsUser === undefined ? "UPPER(TRIM(q'\"&2\"'))" : literal(plan.input.dmsUser.toUpperCase());
  return [
    "-- Stop at the first error; print the script's messages; never echo a line with the password in it.",
    "WHENEVER OSERROR EXIT FAILURE",
    "WHENEVER SQLERROR EXIT FAILURE ROLLBACK",
    "SET ECHO OFF",
    "SET VERIFY OFF",
    "SET FEEDBACK OFF",
    "SET SQLBLANKLINES ON",
    "SET SERVEROUTPUT ON SIZE UNLIMITED FORMAT WRAPPED",
    "SET DEFINE ON",
    "VARIABLE dms_user VARCHAR2(128)",
    "VARIABLE dms_password VARCHAR2(1024)",
    "-- The only lines that read the arguments. q'\"...\"' quotes them whole: Oracle passwords cannot hold a double quote.",
    "BEGIN",
    "    :dms_password := q'\"&1\"';",
    `    :dms_user := ${user};`,
    "END;",
    "/",
    "SET DEFINE OFF",
    "-- Substitution is off from here on: the rest of the script reads the bind variables :dms_user and :dms_password.",
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Checks and the DMS user
// ---------------------------------------------------------------------------------------------------------

function checks(plan: Plan): Section {
  const { input } = plan;
  const lines = [
    "DECLARE",
    "    v_count PLS_INTEGER;",
    "    v_container VARCHAR2(128);",
    "    v_cdb VARCHAR2(3);",
    "    v_log_mode VARCHAR2(12);",
    "    v_version VARCHAR2(30);",
    "    v_compatible VARCHAR2(100);",
    "BEGIN",
  ];
  if (plan.rds) {
    lines.push(
      "    SELECT COUNT(*) INTO v_count FROM all_objects",
      "    WHERE owner = 'RDSADMIN' AND object_name = 'RDSADMIN_UTIL' AND object_type = 'PACKAGE';",
      "    IF v_count = 0 THEN",
      raise("rdsadmin.rdsadmin_util is not visible: run this script as the master user of an RDS for Oracle instance."),
      "    END IF;",
    );
  } else {
    lines.push(
      "    IF SYS_CONTEXT('USERENV', 'ISDBA') <> 'TRUE' THEN",
      raise("Connect AS SYSDBA: the script grants on SYS objects and alters the database."),
      "    END IF;",
    );
  }
  lines.push(
    "    IF :dms_password IS NULL THEN",
    raise("The first argument, the DMS user's password, is empty."),
    "    END IF;",
    "    IF :dms_user IS NULL OR NOT REGEXP_LIKE(:dms_user, '^[A-Z][A-Z0-9_$#]*$') OR LENGTHB(:dms_user) > 128 THEN",
    raise(
      input.dmsUser === undefined
        ? "The second argument, the DMS user's name, is not a plain Oracle user name (a letter, then letters, digits, _ $ #)."
        : "The DMS user's name is not a plain Oracle user name.",
    ),
    "    END IF;",
    "    -- CON_NAME and V$DATABASE.CDB exist from 12c on; before that there are no containers.",
    "    BEGIN",
    "        v_container := SYS_CONTEXT('USERENV', 'CON_NAME');",
    "        EXECUTE IMMEDIATE 'SELECT cdb FROM v$database' INTO v_cdb;",
    "    EXCEPTION",
    "        WHEN OTHERS THEN",
    "            v_container := NULL;",
    "            v_cdb := 'NO';",
    "    END;",
    "    IF v_cdb = 'YES' AND v_container = 'CDB$ROOT' THEN",
    raise(`Connected to CDB$ROOT, which DMS does not read: connect to the PDB DMS reads (service ${input.databaseName}).`),
    "    END IF;",
  );
  if (plan.capture && plan.reader === "logminer") {
    lines.push(
      "    -- AWS's guide (archived copy) says LogMiner cannot read from a PDB and Binary Reader can; newer DMS versions",
      "    -- may differ (UNCONFIRMED), so this is a warning only.",
      "    IF v_cdb = 'YES' THEN",
      "        DBMS_OUTPUT.PUT_LINE('WARNING: ' || v_container || ' is a PDB. Check that your DMS version supports LogMiner on a PDB, or use Binary Reader.');",
      "    END IF;",
    );
  }
  if (plan.capture) {
    const fix = plan.rds
      ? "turn on automated backups (a backup retention of 1 day or more), which turns on archiving"
      : "switch it in a maintenance window (SHUTDOWN IMMEDIATE; STARTUP MOUNT; ALTER DATABASE ARCHIVELOG; ALTER DATABASE OPEN;)";
    lines.push(
      "    -- DMS reads changes from the redo and archived logs, so the database must archive them.",
      "    SELECT log_mode INTO v_log_mode FROM v$database;",
      "    IF v_log_mode <> 'ARCHIVELOG' THEN",
      raise(`The database runs in NOARCHIVELOG mode, but DMS change capture needs ARCHIVELOG: ${fix}, then run this script again.`),
      "    END IF;",
    );
  }
  lines.push(
    "    -- AWS: DMS supports the version when this query works; the values are printed for the record.",
    "    SELECT version INTO v_version FROM v$instance;",
    "    SELECT value INTO v_compatible FROM v$parameter WHERE name = 'compatible';",
    "    DBMS_OUTPUT.PUT_LINE('Oracle ' || v_version || ', compatible = ' || v_compatible || NVL2(v_container, ', container ' || v_container, '') || '.');",
    "END;",
    "/",
  );
  return { title: "Checks, before anything changes", lines };
}

function dmsUser(plan: Plan): Section {
  return {
    title: "The user DMS connects with",
    lines: [
      `-- Its password is the script's first argument, read from ${passwordOrigin(plan.input)}.`,
      "-- An existing user keeps its password, so running the script again never locks DMS out. Check that the user's",
      "-- profile does not expire its password (PASSWORD_LIFE_TIME), or DMS stops connecting one day.",
      "DECLARE",
      "    v_name VARCHAR2(128) := :dms_user;",
      "    v_count PLS_INTEGER;",
      "BEGIN",
      "    SELECT COUNT(*) INTO v_count FROM dba_users WHERE username = v_name;",
      "    IF v_count = 0 THEN",
      "        EXECUTE IMMEDIATE 'CREATE USER \"' || v_name || '\" IDENTIFIED BY \"' || :dms_password || '\"';",
      "        DBMS_OUTPUT.PUT_LINE('Created user ' || v_name || '.');",
      "    ELSE",
      `        DBMS_OUTPUT.PUT_LINE('User ' || v_name || ' already exists; its password is unchanged. To rotate it, ALTER USER with the value of ${plan.input.passwordParameterName ?? passwordOrigin(plan.input)}.');`,
      "    END IF;",
      "    EXECUTE IMMEDIATE 'GRANT CREATE SESSION TO \"' || v_name || '\"';",
      "END;",
      "/",
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Change capture
// ---------------------------------------------------------------------------------------------------------

function changeCapture(plan: Plan): Section[] {
  if (!plan.capture) {
    return [
      {
        title: "Change capture",
        lines: plan.input.captureChanges
          ? [
              `-- Reader "${plan.reader}", but no task reads ongoing changes (migration types: ${plan.migrationTypes.join(", ")}),`,
              "-- so no change capture is set up yet. Synth and run the new script when a cdc task is added.",
            ]
          : ["-- captureChanges is false: this endpoint serves full loads only, so no change capture is set up."],
      },
    ];
  }
  const sections = [changeCaptureGrants(grantOptions(plan))];
  if (plan.rds && plan.reader === "binary-reader") sections.push(rdsLogDirectories());
  sections.push(databaseSupplementalLogging(plan.rds));
  if (plan.rds) sections.push(rdsArchivedLogRetention(plan.retentionHours));
  return sections;
}

/** ASM: what the ASM administrator does on the ASM instance; nothing here can do it from the database. */
function asmUser(plan: Plan): Section {
  const user = (plan.input.asmUser as string).toUpperCase();
  return {
    title: "Binary Reader on ASM: the ASM user (on the ASM instance; not run by this script)",
    lines: [
      `-- DMS also logs in to the ASM instance as ${user}, with the password after the comma in the endpoint's password.`,
      "-- On the ASM instance, as SYSASM (AWS: SYSASM from Oracle 11.2.0.2 on, SYSDBA before):",
      `--   CREATE USER ${user} IDENTIFIED BY "<the ASM password kept in SSM>"`,
      `--   GRANT SYSASM TO ${user}`,
      "-- Then check that it can log in, as AWS suggests:",
      `--   sqlplus ${user}@<asm server>:<port>/+ASM as sysasm`,
      `PROMPT Reminder: on the ASM instance, ${user} needs SYSASM (SYSDBA before 11.2.0.2); see section above.`,
    ],
  };
}

function finish(plan: Plan): string[] {
  return [
    RULE,
    "-- Done",
    RULE,
    `PROMPT ${plan.input.databaseName} is prepared for the DMS source endpoint ${plan.input.endpointId}.`,
    "EXIT SUCCESS",
  ];
}
