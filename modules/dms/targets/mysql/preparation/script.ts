import { ScriptPasswordSource, checkPasswordSource, passwordCommand, scriptFailure, secretFieldCommand } from "../../../endpoints/preparation-script";
import { ProjectEnvironment } from "../../../../core/project-environment";
import { mysqlScriptHelpers } from "../../../sources/mysql/preparation/script";
import { DMS_CONTROL_DATABASE, MysqlTargetFlavor, MysqlTargetHosting } from "../options";

/** What the DBA script of a MySQL-family target depends on. */
export interface MysqlTargetPreparationInput extends ProjectEnvironment, ScriptPasswordSource {
  readonly endpointId: string;
  readonly serverName: string;
  readonly port: number;
  readonly flavor: MysqlTargetFlavor;
  readonly hosting: MysqlTargetHosting;
  /** Whether the login must connect over TLS (`REQUIRE SSL`): every SSL mode but `none`. */
  readonly requireSsl: boolean;
  /** The DMS login's name, when the configuration knows it. @default - the script reads it from @dms_login */
  readonly dmsLogin?: string;
  readonly usernameParameterName?: string;
  /** The databases DMS writes tables to. */
  readonly databases: readonly string[];
}

/** The schema holding the script's helper procedure while it runs; dropped at the end. */
export const TARGET_HELPER_SCHEMA = "dms_target_preparation";

/** What DMS's target login needs on each database it writes (the MySQL target page of the DMS user guide). */
export const TARGET_DATABASE_PRIVILEGES = "ALTER, CREATE, DROP, INDEX, INSERT, UPDATE, DELETE, SELECT";

const RULE = `-- ${"=".repeat(110)}`;

/** A string literal under NO_BACKSLASH_ESCAPES, which the script sets: only quotes are doubled. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
/** An identifier in backticks. */
const name = (value: string) => `\`${value.replace(/`/g, "``")}\``;
/** A SQL expression quoting `expression` as a literal inside a prepared statement (NO_BACKSLASH_ESCAPES: quotes only). */
const quoted = (expression: string) => `CONCAT('''', REPLACE(${expression}, '''', ''''''), '''')`;

const check = (condition: string, problem: string) => {
  if (problem.length > 128) throw new Error(`check message longer than SIGNAL keeps: ${problem}`);
  return `CALL ${TARGET_HELPER_SCHEMA}.require_that(${condition}, ${literal(problem)});`;
};

const execute = (statement: string) => [
  `SET @dms_statement = ${statement};`,
  "PREPARE dms_statement FROM @dms_statement;",
  "EXECUTE dms_statement;",
  "DEALLOCATE PREPARE dms_statement;",
];

function header(input: MysqlTargetPreparationInput): string[] {
  const rds = input.hosting === "rds";
  const ssm = (parameter: string) => `"$(aws ssm get-parameter --with-decryption --name ${parameter} --query Parameter.Value --output text)"`;
  const base64 = (parameter: string) => `"$(printf %s ${ssm(parameter)} | base64 -w0)"`;
  const client = input.flavor === "mariadb" ? "mariadb" : "mysql";
  return [
    RULE,
    `-- DMS target preparation for endpoint ${input.endpointId} (${input.projectName}, ${input.environment})`,
    `-- Server:     ${input.serverName}:${input.port} (${input.flavor}, ${rds ? "RDS" : "self-managed"})`,
    `-- DMS login:  ${input.dmsLogin ?? `@dms_login${input.usernameParameterName === undefined ? "" : `, from SSM ${input.usernameParameterName}`}`}`,
    `-- Databases:  ${input.databases.join(", ")} (and ${DMS_CONTROL_DATABASE}, DMS's control tables)`,
    "--",
    "-- What it does (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.MySQL.html):",
    rds
      ? "--   checks local_infile is ON (DMS loads with LOAD DATA LOCAL INFILE; set it in the parameter group),"
      : "--   turns local_infile ON (DMS loads with LOAD DATA LOCAL INFILE; also put it in my.cnf),",
    "--   creates the databases DMS writes to, if missing,",
    `--   creates the DMS login if it does not exist${input.requireSsl ? " (REQUIRE SSL: it can only connect over TLS)" : ""},`,
    `--   grants it ${TARGET_DATABASE_PRIVILEGES} on each of those databases,`,
    `--   and ALL PRIVILEGES on ${DMS_CONTROL_DATABASE} only. Nothing on any other database, no global privilege.`,
    "--",
    `-- Who runs it: ${rds ? "the master user" : "an administrator (SYSTEM_VARIABLES_ADMIN or SUPER, CREATE USER, GRANT OPTION)"}.`,
    "--",
    "-- How to run it, from bash (the password goes through a pipe, never a command line or this file):",
    "--   {",
    `--     printf "SET @dms_password = FROM_BASE64('%s');\\n" "$(printf %s "$(${passwordCommand(input)})" | base64 -w0)"`,
    ...(input.dmsLogin === undefined ? [`--     printf "SET @dms_login = FROM_BASE64('%s');\\n" ${input.usernameParameterName === undefined && input.passwordSecretArn !== undefined ? `"$(printf %s "$(${secretFieldCommand(input.passwordSecretArn, "username")})" | base64 -w0)"` : base64(input.usernameParameterName ?? "<dms login parameter>")}`] : []),
    `--     cat ${input.endpointId}.sql`,
    `--   } | ${client} --host=${input.serverName} --port=${input.port} ${input.flavor === "mariadb" ? "--ssl" : "--ssl-mode=REQUIRED"} --user=<admin> -p`,
    "--",
    "-- Generated by `npm run synth`; change the configuration and synth again rather than editing it. Safe to run twice.",
    RULE,
  ];
}


function localInfile(input: MysqlTargetPreparationInput): string[] {
  return input.hosting === "rds"
    ? ["", check("@@GLOBAL.local_infile = 1", "local_infile must be 1 for DMS to load: set it in the parameter group")]
    : ["", "SET GLOBAL local_infile = 1;", check("@@GLOBAL.local_infile = 1", "local_infile did not take")];
}

function login(input: MysqlTargetPreparationInput): string[] {
  const grantTo = (privileges: string, database: string) =>
    execute(`CONCAT(${literal(`GRANT ${privileges} ON ${name(database)}.* TO `)}, ${quoted("@dms_login")}, '@''%''')`);
  return [
    "",
    "-- The databases DMS writes to, and its control database.",
    ...[...input.databases, DMS_CONTROL_DATABASE].map((database) => `CREATE DATABASE IF NOT EXISTS ${name(database)};`),
    "",
    "-- The DMS login. An existing login keeps its password.",
    ...(input.dmsLogin === undefined ? [] : [`SET @dms_login = ${literal(input.dmsLogin)};`]),
    check("@dms_login IS NOT NULL AND @dms_login <> ''", "Set @dms_login first (see how to run this script at its top)"),
    check("@dms_password IS NOT NULL AND @dms_password <> ''", "Set @dms_password first (see how to run this script at its top)"),
    ...execute(
      `CONCAT('CREATE USER IF NOT EXISTS ', ${quoted("@dms_login")}, '@''%'' IDENTIFIED BY ', ${quoted("@dms_password")}${input.requireSsl ? ", ' REQUIRE SSL'" : ""})`,
    ),
    "SET @dms_password = NULL;",
    ...input.databases.flatMap((database) => grantTo(TARGET_DATABASE_PRIVILEGES, database)),
    ...grantTo("ALL PRIVILEGES", DMS_CONTROL_DATABASE),
    "",
    `DROP DATABASE ${TARGET_HELPER_SCHEMA};`,
    "SELECT @@GLOBAL.local_infile AS local_infile;",
  ];
}

/**
 * The script the DBA runs with the mysql (or mariadb) client to prepare a MySQL, MariaDB or Aurora MySQL target for
 * DMS: `local_infile`, the target databases, and a login with AWS's documented rights on exactly those and on DMS's
 * control database. It never contains a password: the DBA pipes it in as @dms_password.
 */
export function mysqlTargetPreparationSql(input: MysqlTargetPreparationInput): string {
  checkPasswordSource(scriptFailure("mysqlTargetPreparationSql", input.endpointId), input);
  return `${[...header(input), ...mysqlScriptHelpers(TARGET_HELPER_SCHEMA), ...localInfile(input), ...login(input)].join("\n")}\n`;
}
