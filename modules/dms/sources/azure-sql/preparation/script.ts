import { ScriptPasswordSource, checkPasswordSource, passwordCommand, passwordOrigin, scriptFailure } from "../../../endpoints/preparation-script";
import { SourcePreparationInput } from "../../../source-preparation-input";
import { LOGIN, LOGIN_LITERAL, PASSWORD_LITERAL, RULE, describeSelection, nLiteral, raise, selectionPredicate } from "../../sql-server/preparation/tsql";

/** What the DBA script of an Azure SQL Database source depends on. */
export interface AzureSqlDatabasePreparationInput extends SourcePreparationInput, ScriptPasswordSource {
  /** The DMS user, when known at synth; otherwise the sqlcmd variable DMS_LOGIN. */
  readonly dmsLogin?: string;
}

/**
 * The T-SQL a DBA runs with sqlcmd, connected to the database itself, to prepare an Azure SQL Database for DMS full
 * loads: a contained user (Azure SQL Database has no USE across databases, so no server login is needed), and read
 * access to exactly the selected tables. The password comes from the sqlcmd variable DMS_PASSWORD, never the file.
 */
export function azureSqlDatabasePreparationScript(input: AzureSqlDatabasePreparationInput): string {
  if (!input.selections.some((rule) => rule.action !== "exclude")) {
    throw new Error(`azureSqlDatabasePreparationScript (endpoint "${input.endpointId}"): the selection rules select no table: give at least one include or explicit rule`);
  }
  checkPasswordSource(scriptFailure("azureSqlDatabasePreparationScript", input.endpointId), input);
  const ssmValue = passwordCommand(input);
  const loginVariable = input.dmsLogin === undefined ? " DMS_LOGIN=<dms user>" : "";
  const lines = [
    RULE,
    `-- DBA preparation script for the AWS DMS source endpoint "${input.endpointId}" (Azure SQL Database)`,
    RULE,
    `-- Project:      ${input.projectName}`,
    `-- Environment:  ${input.environment}`,
    `-- Server:       ${input.serverName},${input.port}`,
    `-- Database:     ${input.databaseName}`,
    "-- Tables:       the union of the selection rules of every task reading this endpoint:",
    ...input.selections.map((rule) => `--                 ${describeSelection(rule)}`),
    "--",
    "-- What it does: creates the contained user DMS connects with (if it does not exist) and grants it SELECT on each",
    "-- selected table and VIEW DEFINITION, nothing else. DMS does not capture changes from Azure SQL Database, so",
    "-- tasks reading it are full loads (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.AzureSQL.html).",
    "--",
    "-- Who runs it: the server admin or a member of db_owner, connected to the database (not master). From bash:",
    `--   sqlcmd -S ${input.serverName},${input.port} -d ${input.databaseName} -U <admin> -i ${input.endpointId}.sql -v${loginVariable} DMS_PASSWORD="\`${ssmValue}\`"`,
    ...(input.passwordSecretArn === undefined ? [] : [`-- The password is ${passwordOrigin(input)}.`]),
    "-- The password is never written in this file. Safe to run twice.",
    RULE,
    ":on error exit",
    ...(input.dmsLogin === undefined ? [] : [`:setvar DMS_LOGIN ${input.dmsLogin}`]),
    "GO",
    `IF ${LOGIN_LITERAL} = N'' OR CHARINDEX(N']', ${LOGIN_LITERAL}) > 0`,
    ...raise("DMS_LOGIN must be a user name without ]."),
    `IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = ${LOGIN_LITERAL})`,
    `    CREATE USER ${LOGIN} WITH PASSWORD = ${PASSWORD_LITERAL};`,
    "GO",
    `GRANT VIEW DEFINITION TO ${LOGIN};`,
    "GO",
    "-- SELECT on each selected table, matched against sys.tables when it runs (exclude rules win).",
    "DECLARE @statement nvarchar(max) = N'';",
    "SELECT @statement = @statement + N'GRANT SELECT ON ' + QUOTENAME(s.name) + N'.' + QUOTENAME(t.name) + N' TO ' + QUOTENAME(" + LOGIN_LITERAL + ") + N';'",
    "FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id",
    "WHERE t.is_ms_shipped = 0",
    ...selectionPredicate(input.selections, "s.name", "t.name", "  "),
    ";",
    "IF @statement = N''",
    ...raise("No table matches the selection rules of the tasks reading this source."),
    "EXEC sys.sp_executesql @statement;",
    `PRINT ${nLiteral("Granted SELECT on the selected tables.")};`,
    "GO",
  ];
  return `${lines.join("\n")}\n`;
}
