import { ProjectEnvironment } from "../../../../core/project-environment";
import { ScriptPasswordSource, checkPasswordSource, passwordCommand, scriptFailure, scriptRule, secretFieldCommand } from "../../../endpoints/preparation-script";
import { TableSelection } from "../../../table-selection";
import { MysqlFlavor, MysqlHosting } from "../options";

/** What the DBA script of a MySQL-family source depends on. */
export interface MysqlPreparationInput extends ProjectEnvironment, ScriptPasswordSource {
  readonly endpointId: string;
  readonly serverName: string;
  readonly port: number;
  readonly flavor: MysqlFlavor;
  readonly hosting: MysqlHosting;
  /** Whether the login must connect over TLS (`REQUIRE SSL`): every SSL mode but `none`. */
  readonly requireSsl: boolean;
  /** The DMS login's name, when the configuration knows it. @default - the script reads it from @dms_login */
  readonly dmsLogin?: string;
  readonly usernameParameterName?: string;
  /** Whether a task reading the source captures changes: the binary log and replication grants are then prepared. */
  readonly capturesChanges: boolean;
  /** The union of the selection rules of every task reading this source. */
  readonly selections: readonly TableSelection[];
  readonly binlogRetentionHours: number;
  readonly requireBinlogChecksumNone: boolean;
}

/** The schema holding the script's helper procedures while it runs; dropped at the end. */
export const HELPER_SCHEMA = "dms_preparation";

const RULE = scriptRule("=", 110);

/** A string literal under NO_BACKSLASH_ESCAPES, which the script sets: only quotes are doubled. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A DMS name pattern as a LIKE pattern with `!` as escape: DMS's `%` stays a wildcard, its `_` is literal. */
export function likePattern(pattern: string): string {
  return literal(pattern.replace(/!/g, "!!").replace(/_/g, "!_"));
}

function selectionPredicate(rule: TableSelection): string {
  return `(t.TABLE_SCHEMA LIKE ${likePattern(rule.schemaName)} ESCAPE '!' AND t.TABLE_NAME LIKE ${likePattern(rule.tableName)} ESCAPE '!')`;
}

/** Rows of information_schema.TABLES the selection picks: includes (and explicit rules) minus excludes, as DMS does. */
export function selectedTablesQuery(selections: readonly TableSelection[]): string[] {
  const includes = selections.filter((rule) => rule.action !== "exclude").map(selectionPredicate);
  const excludes = selections.filter((rule) => rule.action === "exclude").map(selectionPredicate);
  return [
    "SELECT t.TABLE_SCHEMA, t.TABLE_NAME FROM information_schema.TABLES AS t",
    "      WHERE t.TABLE_TYPE = 'BASE TABLE'",
    `        AND (${includes.length > 0 ? includes.join("\n          OR ") : "FALSE"})`,
    ...(excludes.length > 0 ? [`        AND NOT (${excludes.join("\n          OR ")})`] : []),
    "      ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME",
  ];
}

const check = (condition: string, problem: string) => {
  // SIGNAL keeps 128 characters of a message; the longer explanation is in the comment above each check.
  if (problem.length > 128) throw new Error(`check message longer than SIGNAL keeps: ${problem}`);
  return `CALL ${HELPER_SCHEMA}.require_that(${condition}, ${literal(problem)});`;
};

function header(input: MysqlPreparationInput): string[] {
  const rds = input.hosting === "rds";
  const ssm = (name: string) => `"$(aws ssm get-parameter --with-decryption --name ${name} --query Parameter.Value --output text)"`;
  const base64 = (name: string) => `"$(printf %s ${ssm(name)} | base64 -w0)"`;
  const loginLine =
    input.dmsLogin === undefined
      ? [`--     printf "SET @dms_login = FROM_BASE64('%s');\\n" ${input.usernameParameterName === undefined && input.passwordSecretArn !== undefined ? `"$(printf %s "$(${secretFieldCommand(input.passwordSecretArn, "username")})" | base64 -w0)"` : base64(input.usernameParameterName ?? "<dms login parameter>")}`]
      : [];
  return [
    RULE,
    `-- DMS source preparation for endpoint ${input.endpointId} (${input.projectName}, ${input.environment})`,
    `-- Server:     ${input.serverName}:${input.port} (${input.flavor}, ${rds ? "RDS" : "self-managed"})`,
    `-- DMS login:  ${input.dmsLogin ?? `@dms_login${input.usernameParameterName === undefined ? "" : `, from SSM ${input.usernameParameterName}`}`}`,
    "-- Tables:     the union of the selection rules of every task reading this endpoint:",
    ...input.selections.map((rule) => `--               ${rule.action} ${rule.schemaName}.${rule.tableName}`),
    "--",
    "-- What it does:",
    ...(input.capturesChanges
      ? rds
        ? [
            "--   checks the binary log settings the parameter group must give (binlog_format=ROW, binlog_row_image=FULL),",
            `--   keeps binary logs ${input.binlogRetentionHours} hours (mysql.rds_set_configuration),`,
          ]
        : [
            "--   checks binary logging is on, sets binlog_format=ROW and binlog_row_image=FULL (also put them in my.cnf,",
            `--   SET GLOBAL does not survive a restart), keeps binary logs at least ${input.binlogRetentionHours} hours,`,
          ]
      : ["--   (full loads only: no binary log settings, no replication privileges)"]),
    `--   creates the DMS login if it does not exist${input.requireSsl ? " (REQUIRE SSL: it can only connect over TLS)" : ""},`,
    ...(input.capturesChanges ? ["--   grants it REPLICATION CLIENT and REPLICATION SLAVE, to read the binary log,"] : []),
    "--   grants it SELECT on each selected table, and nothing else.",
    "--",
    `-- Who runs it: ${rds ? "the master user" : "an administrator (SUPER or SYSTEM_VARIABLES_ADMIN, CREATE USER, GRANT OPTION)"}, with the mysql`,
    "-- or mariadb client. It creates a helper schema, dms_preparation, for its checks and drops it at the end.",
    "--",
    "-- How to run it, from bash (the password goes through a pipe, never a command line or this file):",
    "--   {",
    `--     printf "SET @dms_password = FROM_BASE64('%s');\\n" "$(printf %s "$(${passwordCommand(input)})" | base64 -w0)"`,
    ...loginLine,
    `--     cat ${input.endpointId}.sql`,
    // The MariaDB client spells "TLS or nothing" --ssl; MySQL's, --ssl-mode=REQUIRED.
    `--   } | ${input.flavor === "mariadb" ? "mariadb" : "mysql"} --host=${input.serverName} --port=${input.port} ${input.flavor === "mariadb" ? "--ssl" : "--ssl-mode=REQUIRED"} --user=<admin> -p`,
    "--",
    "-- Generated by `npm run synth` from the stack's configuration; change the configuration and synth again rather",
    "-- than editing it. Safe to run twice. It stops at the first failed check and says what to fix.",
    RULE,
  ];
}

/**
 * The session every MySQL DBA script (source or target) runs in, and its `<schema>.require_that(ok, problem)`
 * procedure, which stops the script with the problem when a check fails.
 */
export function mysqlScriptHelpers(schema: string): string[] {
  return [
    "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES,STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';",
    `CREATE DATABASE IF NOT EXISTS ${schema};`,
    `DROP PROCEDURE IF EXISTS ${schema}.require_that;`,
    "DELIMITER //",
    `CREATE PROCEDURE ${schema}.require_that(IN ok BOOLEAN, IN problem VARCHAR(128))`,
    "BEGIN",
    "  IF NOT COALESCE(ok, FALSE) THEN",
    "    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = problem;",
    "  END IF;",
    "END//",
    "DELIMITER ;",
  ];
}

function binaryLog(input: MysqlPreparationInput): string[] {
  const seconds = input.binlogRetentionHours * 3600;
  const checksum = input.requireBinlogChecksumNone
    ? {
        check: check("@@GLOBAL.binlog_checksum = 'NONE'", "binlog_checksum must be NONE for this DMS version: set it in the parameter group"),
        set: "SET GLOBAL binlog_checksum = 'NONE';",
      }
    : undefined;
  const lines = [
    "",
    "-- Binary log: DMS reads row images of every change (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html).",
  ];
  if (input.hosting === "rds") {
    lines.push(
      "-- On RDS these come from the DB parameter group (the cluster parameter group on Aurora), and binary logging",
      "-- needs automated backups (RDS for MySQL/MariaDB) or binlog_format set in the cluster parameter group (Aurora).",
      check("@@GLOBAL.log_bin = 1", "Binary logging is off: turn on automated backups (RDS) or set binlog_format (Aurora)"),
      check("@@GLOBAL.binlog_format = 'ROW'", "binlog_format must be ROW: set it in the parameter group and reboot"),
      check("@@GLOBAL.binlog_row_image = 'FULL'", "binlog_row_image must be FULL: set it in the parameter group"),
      ...(checksum ? [checksum.check] : []),
      `CALL mysql.rds_set_configuration('binlog retention hours', ${input.binlogRetentionHours});`,
    );
  } else {
    lines.push(
      "-- log_bin cannot be turned on at run time: start the server with log_bin and a server_id.",
      check("@@GLOBAL.log_bin = 1", "Binary logging is off: start the server with log_bin and server_id, then run this again"),
      "SET GLOBAL binlog_format = 'ROW';",
      "SET GLOBAL binlog_row_image = 'FULL';",
      ...(checksum ? [checksum.set] : []),
      `-- Keep at least ${input.binlogRetentionHours} hours; 0 (never expire) and longer settings are kept as they are.`,
      `SET GLOBAL binlog_expire_logs_seconds = IF(@@GLOBAL.binlog_expire_logs_seconds = 0 OR @@GLOBAL.binlog_expire_logs_seconds >= ${seconds}, @@GLOBAL.binlog_expire_logs_seconds, ${seconds});`,
      check("@@GLOBAL.binlog_format = 'ROW' AND @@GLOBAL.binlog_row_image = 'FULL'", "binlog_format or binlog_row_image did not take"),
    );
  }
  return lines;
}

/**
 * A SQL expression quoting the string `expression` as a literal for a prepared statement. QUOTE() doubles
 * backslashes, which NO_BACKSLASH_ESCAPES (set by the script) then reads as two: only quotes are doubled here.
 */
const quoted = (expression: string) => `CONCAT('''', REPLACE(${expression}, '''', ''''''), '''')`;

function login(input: MysqlPreparationInput): string[] {
  const execute = (statement: string) => [
    `SET @dms_statement = ${statement};`,
    "PREPARE dms_statement FROM @dms_statement;",
    "EXECUTE dms_statement;",
    "DEALLOCATE PREPARE dms_statement;",
  ];
  return [
    "",
    "-- The DMS login. An existing login keeps its password.",
    ...(input.dmsLogin === undefined ? [] : [`SET @dms_login = ${literal(input.dmsLogin)};`]),
    check("@dms_login IS NOT NULL AND @dms_login <> ''", "Set @dms_login first (see how to run this script at its top)"),
    check("@dms_password IS NOT NULL AND @dms_password <> ''", "Set @dms_password first (see how to run this script at its top)"),
    ...execute(
      `CONCAT('CREATE USER IF NOT EXISTS ', ${quoted("@dms_login")}, '@''%'' IDENTIFIED BY ', ${quoted("@dms_password")}${input.requireSsl ? ", ' REQUIRE SSL'" : ""})`,
    ),
    "SET @dms_password = NULL;",
    ...(input.capturesChanges
      ? ["-- Reading the binary log: SHOW BINARY LOGS / MASTER STATUS, and the replication stream.", ...execute(`CONCAT('GRANT REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO ', ${quoted("@dms_login")}, '@''%''')`)]
      : []),
  ];
}

function tableGrants(input: MysqlPreparationInput): string[] {
  return [
    "",
    "-- SELECT on each selected table, resolved now against information_schema: DMS's % is LIKE's %, its _ is literal,",
    "-- and exclude rules win over include rules. A table created later needs this script to run again.",
    `DROP PROCEDURE IF EXISTS ${HELPER_SCHEMA}.grant_selected_tables;`,
    "DELIMITER //",
    `CREATE PROCEDURE ${HELPER_SCHEMA}.grant_selected_tables(IN login VARCHAR(128))`,
    "BEGIN",
    "  DECLARE done BOOLEAN DEFAULT FALSE;",
    "  DECLARE granted INT DEFAULT 0;",
    "  DECLARE selected_schema, selected_table VARCHAR(64);",
    "  DECLARE selected CURSOR FOR",
    ...selectedTablesQuery(input.selections).map((line) => `    ${line}`),
    "    ;",
    "  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;",
    "  OPEN selected;",
    "  grant_loop: LOOP",
    "    FETCH selected INTO selected_schema, selected_table;",
    "    IF done THEN LEAVE grant_loop; END IF;",
    "    SET @dms_statement = CONCAT('GRANT SELECT ON `', REPLACE(selected_schema, '`', '``'), '`.`', REPLACE(selected_table, '`', '``'),",
    `      '\` TO ', ${quoted("login")}, '@''%''');`,
    "    PREPARE dms_statement FROM @dms_statement;",
    "    EXECUTE dms_statement;",
    "    DEALLOCATE PREPARE dms_statement;",
    "    SET granted = granted + 1;",
    "  END LOOP;",
    "  CLOSE selected;",
    "  IF granted = 0 THEN",
    "    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'No table matches the selection rules of the tasks reading this source';",
    "  END IF;",
    "  SELECT granted AS tables_granted;",
    "END//",
    "DELIMITER ;",
    `CALL ${HELPER_SCHEMA}.grant_selected_tables(@dms_login);`,
  ];
}

function readBack(input: MysqlPreparationInput): string[] {
  return [
    "",
    `DROP DATABASE ${HELPER_SCHEMA};`,
    ...(input.capturesChanges
      ? ["SELECT @@GLOBAL.log_bin AS log_bin, @@GLOBAL.binlog_format AS binlog_format, @@GLOBAL.binlog_row_image AS binlog_row_image, @@GLOBAL.binlog_checksum AS binlog_checksum;"]
      : []),
  ];
}

/**
 * The script the DBA runs with the mysql (or mariadb) client to prepare a MySQL, MariaDB or Aurora MySQL source for
 * DMS: the binary log settings change capture needs, and a login that may read the binary log and exactly the
 * selected tables. It never contains a password: the DBA pipes it in as @dms_password.
 */
export function mysqlPreparationSql(input: MysqlPreparationInput): string {
  checkPasswordSource(scriptFailure("mysqlPreparationSql", input.endpointId), input);
  const lines = [
    ...header(input),
    ...mysqlScriptHelpers(HELPER_SCHEMA),
    ...(input.capturesChanges ? binaryLog(input) : []),
    ...login(input),
    ...tableGrants(input),
    ...readBack(input),
  ];
  return `${lines.join("\n")}\n`;
}
