import { secretFieldCommand } from "../../../endpoints/preparation-script";
import { ProjectEnvironment } from "../../../../core/project-environment";
import { TableSelection } from "../../../table-selection";
import { Db2Hosting, Db2Platform } from "../options";

/** What the DBA script of a Db2 source depends on. */
export interface Db2PreparationInput extends ProjectEnvironment {
  readonly endpointId: string;
  readonly serverName: string;
  readonly port: number;
  readonly databaseName: string;
  readonly platform: Db2Platform;
  readonly hosting: Db2Hosting;
  /** The DMS login (an operating-system or LDAP user: Db2 has no logins of its own), when the configuration knows it. */
  readonly dmsLogin?: string;
  readonly usernameParameterName?: string;
  /** The endpoint's existing secret, whose `username` is the login when neither `dmsLogin` nor the parameter is given. @default - none */
  readonly loginSecretArn?: string;
  /** Whether a task reading the source captures changes: the log checks and DBADM are then prepared. */
  readonly capturesChanges: boolean;
  /** Whether DMS sets DATA CAPTURE CHANGES itself (`SetDataCaptureChanges`); otherwise the script alters each table. */
  readonly dmsSetsDataCaptureChanges: boolean;
  readonly archiveLogRetentionHours: number;
  readonly selections: readonly TableSelection[];
}

/** Where the login's name goes when the configuration does not know it; the header shows how `sed` fills it in. */
export const LOGIN_PLACEHOLDER = "<DMS_LOGIN>";
const RULE = `-- ${"=".repeat(110)}`;
// Statements end with @, so the compound statements below can hold semicolons: run with `db2 -td@ -f`.
const END = "@";

/** A Db2 string literal: quotes doubled. */
export function db2Literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A Db2 delimited identifier: double quotes doubled. */
function delimited(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A DMS name pattern as a LIKE pattern with `!` as escape: `%` stays a wildcard, `_` is literal (as in DMS). */
export function db2LikePattern(pattern: string): string {
  return db2Literal(pattern.replace(/!/g, "!!").replace(/_/g, "!_"));
}

const matches = (rule: TableSelection, schemaColumn: string, tableColumn: string) =>
  `(${schemaColumn} LIKE ${db2LikePattern(rule.schemaName)} ESCAPE '!' AND ${tableColumn} LIKE ${db2LikePattern(rule.tableName)} ESCAPE '!')`;

/** The WHERE clause of the selected base tables: includes (and explicit rules) minus excludes, as DMS does. */
export function db2SelectedTables(selections: readonly TableSelection[], schemaColumn: string, tableColumn: string): string {
  const includes = selections.filter((rule) => rule.action !== "exclude").map((rule) => matches(rule, schemaColumn, tableColumn));
  const excludes = selections.filter((rule) => rule.action === "exclude").map((rule) => matches(rule, schemaColumn, tableColumn));
  return [`(${includes.length > 0 ? includes.join(" OR ") : "1 = 0"})`, ...(excludes.length > 0 ? [`NOT (${excludes.join(" OR ")})`] : [])].join(" AND ");
}

function header(input: Db2PreparationInput): string[] {
  const ssm = (name: string) => `$(aws ssm get-parameter --name ${name} --query Parameter.Value --output text)`;
  const fill =
    input.dmsLogin === undefined
      ? `sed "s/${LOGIN_PLACEHOLDER}/${input.usernameParameterName === undefined && input.loginSecretArn !== undefined ? `$(${secretFieldCommand(input.loginSecretArn, "username")})` : ssm(input.usernameParameterName ?? "<dms login parameter>")}/g" ${input.endpointId}.sql`
      : `cat ${input.endpointId}.sql`;
  const zos = input.platform === "zos";
  return [
    RULE,
    `-- DMS source preparation for endpoint ${input.endpointId} (${input.projectName}, ${input.environment})`,
    `-- Server:     ${input.serverName}:${input.port}, database ${input.databaseName} (${zos ? "Db2 for z/OS" : input.hosting === "rds" ? "Amazon RDS for Db2" : "Db2 LUW, self-managed"})`,
    `-- DMS login:  ${input.dmsLogin ?? `from ${input.usernameParameterName === undefined && input.loginSecretArn !== undefined ? `the \`username\` of the secret ${input.loginSecretArn}` : `SSM ${input.usernameParameterName ?? "(unknown)"}`}`} (an existing operating-system or LDAP user: Db2 keeps no passwords)`,
    "-- Tables:     the union of the selection rules of every task reading this endpoint:",
    ...input.selections.map((rule) => `--               ${rule.action} ${rule.schemaName}.${rule.tableName}`),
    "--",
    "-- What it does:",
    ...(zos
      ? [
          "--   grants the login SELECT on the catalog tables DMS reads and on each selected table (full loads only: DMS",
          "--   does not capture changes from Db2 for z/OS). Tables are selected by LIKE when it runs: the last query lists",
          "--   the GRANT statements for tables matched by a % pattern; run its output too.",
        ]
      : [
          ...(input.capturesChanges
            ? [
                "--   checks the database is recoverable (LOGARCHMETH1 or LOGARCHMETH2 not OFF), which change capture needs,",
                ...(input.hosting === "rds" ? [`--   keeps archive logs ${input.archiveLogRetentionHours} hours (rdsadmin.set_archive_log_retention),`] : []),
                "--   grants the login DBADM and DATAACCESS (Db2 lets only SYSADM or DBADM read log records),",
                ...(input.dmsSetsDataCaptureChanges ? [] : ["--   sets DATA CAPTURE CHANGES on each selected table (SetDataCaptureChanges is off),"]),
              ]
            : ["--   (full loads only: no log checks and no DBADM)"]),
          "--   grants the login CONNECT, the catalog reads DMS makes, and SELECT on each selected table, resolved in",
          "--   SYSCAT.TABLES when it runs (DMS's % is LIKE's %, its _ is literal, exclude rules win).",
        ]),
    "--",
    `-- Who runs it: ${zos ? "a user with SYSADM or SECADM, in SPUFI or DSNTEP2 (statements end with @)." : input.hosting === "rds" ? "the RDS for Db2 master user, with the db2 command line." : "a user with SECADM (and DBADM for the DATA CAPTURE CHANGES step), with the db2 command line."}`,
    "-- It follows https://docs.aws.amazon.com/dms/latest/userguide/" + (zos ? "CHAP_Source.DB2zOS.html" : "CHAP_Source.DB2.html"),
    "--",
    ...(zos
      ? [`-- How to run it: fill in the login (${fill}), then run it with the statement terminator @.`]
      : [
          "-- How to run it, from bash, after `db2 connect to <database> user <admin>`:",
          `--   ${fill} | db2 -td${END} -v -f -`,
        ]),
    "--",
    "-- Generated by `npm run synth` from the stack's configuration; change the configuration and synth again rather",
    "-- than editing it. Safe to run twice (grants are idempotent). It stops at the first failed check and says what to fix.",
    RULE,
  ];
}

/** SIGNAL unless `condition` holds, in a compound statement (Db2 LUW 9.7+). */
function requireThat(condition: string, problem: string): string[] {
  return [`BEGIN`, `  IF NOT (${condition}) THEN`, `    SIGNAL SQLSTATE '75000' SET MESSAGE_TEXT = ${db2Literal(problem.slice(0, 70))};`, "  END IF;", `END${END}`];
}

function luwLogs(input: Db2PreparationInput): string[] {
  const lines = [
    "",
    "-- Change capture reads the recoverable log: LOGARCHMETH1 (or LOGARCHMETH2) must archive it. Turning it on",
    "-- (UPDATE DB CFG USING LOGARCHMETH1 DISK:/path) puts the database in backup pending: take a full backup after.",
    ...requireThat(
      "EXISTS (SELECT 1 FROM SYSIBMADM.DBCFG WHERE NAME IN ('logarchmeth1', 'logarchmeth2') AND UPPER(VALUE) <> 'OFF')",
      "LOGARCHMETH1 is OFF: archive logging needed for DMS change capture",
    ),
  ];
  if (input.hosting === "rds") {
    lines.push(
      `-- RDS for Db2 purges archive logs quickly; keep ${input.archiveLogRetentionHours} hours so a paused task can catch up.`,
      `CALL rdsadmin.set_archive_log_retention(?, ${db2Literal(input.databaseName)}, ${db2Literal(String(input.archiveLogRetentionHours))})${END}`,
    );
  }
  return lines;
}

function luwGrants(input: Db2PreparationInput, login: string): string[] {
  const user = `USER ${delimited(login)}`;
  const where = db2SelectedTables(input.selections, "TABSCHEMA", "TABNAME");
  const lines = [
    "",
    "-- What every DMS task reads (AWS's full-load list).",
    `GRANT CONNECT ON DATABASE TO ${user}${END}`,
    `GRANT USAGE ON WORKLOAD SYSDEFAULTUSERWORKLOAD TO ${user}${END}`,
    ...["SYSIBM.SYSDUMMY1", "SYSIBMADM.ENV_INST_INFO", "SYSIBMADM.ENV_SYS_INFO", "SYSCAT.TABLES", "SYSCAT.COLUMNS", "SYSCAT.INDEXES", "SYSCAT.INDEXCOLUSE"].map(
      (table) => `GRANT SELECT ON ${table} TO ${user}${END}`,
    ),
  ];
  if (input.capturesChanges) {
    lines.push("", "-- Reading log records needs SYSADM or DBADM, and the data DATAACCESS (AWS DMS user guide).", `GRANT DBADM, DATAACCESS ON DATABASE TO ${user}${END}`);
  }
  lines.push(
    "",
    "-- SELECT on each selected table, and DATA CAPTURE CHANGES when DMS is told not to set it.",
    "BEGIN",
    "  DECLARE granted INTEGER DEFAULT 0;",
    `  FOR selected AS SELECT TABSCHEMA, TABNAME FROM SYSCAT.TABLES WHERE TYPE = 'T' AND ${where} DO`,
    `    EXECUTE IMMEDIATE 'GRANT SELECT ON "' || REPLACE(RTRIM(selected.TABSCHEMA), '"', '""') || '"."' || REPLACE(selected.TABNAME, '"', '""') || '" TO ${user.replace(/'/g, "''")}';`,
    ...(input.capturesChanges && !input.dmsSetsDataCaptureChanges
      ? [`    EXECUTE IMMEDIATE 'ALTER TABLE "' || REPLACE(RTRIM(selected.TABSCHEMA), '"', '""') || '"."' || REPLACE(selected.TABNAME, '"', '""') || '" DATA CAPTURE CHANGES';`]
      : []),
    "    SET granted = granted + 1;",
    "  END FOR;",
    "  IF granted = 0 THEN",
    "    SIGNAL SQLSTATE '75000' SET MESSAGE_TEXT = 'No table matches the selection rules of the tasks';",
    "  END IF;",
    `END${END}`,
  );
  return lines;
}

function zosGrants(input: Db2PreparationInput, login: string): string[] {
  const user = delimited(login);
  const where = db2SelectedTables(input.selections, "CREATOR", "NAME");
  return [
    "",
    "-- The catalog tables DMS reads (AWS DMS user guide, Db2 for z/OS prerequisites).",
    ...["SYSIBM.SYSTABLES", "SYSIBM.SYSTABLESPACE", "SYSIBM.SYSTABLEPART", "SYSIBM.SYSCOLUMNS", "SYSIBM.SYSDATABASE", "SYSIBM.SYSDUMMY1"].map(
      (table) => `GRANT SELECT ON ${table} TO ${user}${END}`,
    ),
    "",
    "-- The GRANT statements for the selected tables: run this query's output as well.",
    `SELECT 'GRANT SELECT ON "' || RTRIM(CREATOR) || '"."' || RTRIM(NAME) || '" TO ${user.replace(/'/g, "''")};' FROM SYSIBM.SYSTABLES WHERE TYPE = 'T' AND ${where} ORDER BY CREATOR, NAME${END}`,
  ];
}

/**
 * The Db2 script a DBA runs to prepare a Db2 source for DMS. Db2 authenticates with operating-system or LDAP users,
 * so it never creates a login and never holds a password; it grants an existing user what DMS needs.
 */
export function db2PreparationScript(input: Db2PreparationInput): string {
  const login = input.dmsLogin ?? LOGIN_PLACEHOLDER;
  const lines =
    input.platform === "zos"
      ? [...header(input), ...zosGrants(input, login)]
      : [...header(input), ...(input.capturesChanges ? luwLogs(input) : []), ...luwGrants(input, login)];
  return `${lines.join("\n")}\n`;
}
