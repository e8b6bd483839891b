import { secretFieldCommand } from "../../../endpoints/preparation-script";
import { ProjectEnvironment } from "../../../../core/project-environment";
import { TableSelection } from "../../../table-selection";

/** What the DBA script of an SAP ASE source depends on. */
export interface SybasePreparationInput extends ProjectEnvironment {
  readonly endpointId: string;
  readonly serverName: string;
  readonly port: number;
  readonly databaseName: string;
  /** The DMS login, when the configuration knows it. */
  readonly dmsLogin?: string;
  readonly usernameParameterName?: string;
  /** The endpoint's existing secret, whose `username` is the login when neither `dmsLogin` nor the parameter is given. @default - none */
  readonly loginSecretArn?: string;
  /** Whether a task reading the source captures changes: replication agent threads and the login's roles are then prepared. */
  readonly capturesChanges: boolean;
  /** Whether DMS marks the tables for replication itself (`enableReplication=Y`); otherwise the script does. */
  readonly dmsMarksTables: boolean;
  readonly selections: readonly TableSelection[];
}

/** Where the login's name goes when the configuration does not know it; the header shows how `sed` fills it in. */
export const LOGIN_PLACEHOLDER = "<DMS_LOGIN>";
const RULE = `-- ${"=".repeat(110)}`;

/** An SAP ASE string literal: quotes doubled. */
export function aseLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A DMS name pattern as a LIKE pattern with `!` as escape: `%` stays a wildcard; `_` and `[` are literal, as in DMS. */
export function aseLikePattern(pattern: string): string {
  return aseLiteral(pattern.replace(/!/g, "!!").replace(/_/g, "!_").replace(/\[/g, "![").replace(/]/g, "!]"));
}

const matches = (rule: TableSelection) => `(u.name like ${aseLikePattern(rule.schemaName)} escape '!' and o.name like ${aseLikePattern(rule.tableName)} escape '!')`;

/** The condition on sysobjects `o` and its owner `u` for the selected user tables: includes minus excludes, as DMS does. */
export function aseSelectedTables(selections: readonly TableSelection[]): string {
  const includes = selections.filter((rule) => rule.action !== "exclude").map(matches);
  const excludes = selections.filter((rule) => rule.action === "exclude").map(matches);
  return [`(${includes.length > 0 ? includes.join(" or ") : "1 = 0"})`, ...(excludes.length > 0 ? [`not (${excludes.join(" or ")})`] : [])].join(" and ");
}

function header(input: SybasePreparationInput): string[] {
  const ssm = (name: string) => `$(aws ssm get-parameter --name ${name} --query Parameter.Value --output text)`;
  const fill =
    input.dmsLogin === undefined
      ? `sed "s/${LOGIN_PLACEHOLDER}/${input.usernameParameterName === undefined && input.loginSecretArn !== undefined ? `$(${secretFieldCommand(input.loginSecretArn, "username")})` : ssm(input.usernameParameterName ?? "<dms login parameter>")}/g" ${input.endpointId}.sql`
      : `cat ${input.endpointId}.sql`;
  return [
    RULE,
    `-- DMS source preparation for endpoint ${input.endpointId} (${input.projectName}, ${input.environment})`,
    `-- Server:     ${input.serverName}:${input.port}, database ${input.databaseName} (SAP ASE)`,
    `-- DMS login:  ${input.dmsLogin ?? `from ${input.usernameParameterName === undefined && input.loginSecretArn !== undefined ? `the \`username\` of the secret ${input.loginSecretArn}` : `SSM ${input.usernameParameterName ?? "(unknown)"}`}`}`,
    "-- Tables:     the union of the selection rules of every task reading this endpoint:",
    ...input.selections.map((rule) => `--               ${rule.action} ${rule.schemaName}.${rule.tableName}`),
    "--",
    "-- What it does:",
    "--   checks the DMS login exists (create it first: create login <name> with password ..., the password from SSM),",
    ...(input.capturesChanges
      ? [
          "--   turns on the replication agent threads (sp_configure 'enable rep agent threads'), which DMS reads changes through,",
          "--   grants the login sa_role, replication_role and sybase_ts_role, as AWS lists for change capture,",
          input.dmsMarksTables
            ? "--   leaves marking the tables for replication to DMS (enableReplication=Y),"
            : "--   marks each selected table for replication (sp_setreptable), since DMS is told not to (enableReplication=N),",
        ]
      : ["--   (full loads only: no replication agent and no replication roles)"]),
    "--   adds the login as a user of the database and grants it SELECT on each selected table, resolved in sysobjects",
    "--   when it runs (DMS's schema is the table's owner; its % is LIKE's %, its _ is literal; exclude rules win).",
    "--",
    "-- Who runs it: a login with sa_role and sso_role, with isql. Only one DMS task may read changes from a database.",
    "-- It follows https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SAP.html",
    "--",
    "-- How to run it, from bash:",
    `--   ${fill} | isql -S <server> -U <admin> -w 200`,
    "--",
    "-- Generated by `npm run synth` from the stack's configuration; change the configuration and synth again rather",
    "-- than editing it. Safe to run twice: each step checks before it changes anything.",
    RULE,
  ];
}

function checks(login: string): string[] {
  return [
    "",
    "use master",
    "go",
    `if not exists (select 1 from master..syslogins where name = ${aseLiteral(login)})`,
    `    raiserror 20001 ${aseLiteral(`The DMS login ${login} does not exist: create it (create login ... with password ...), then run this script again.`)}`,
    "go",
  ];
}

function replicationAgent(login: string): string[] {
  return [
    "",
    "-- DMS reads changes through the replication agent threads (a server setting; dynamic, no restart).",
    "if not exists (select 1 from master..syscurconfigs c, master..sysconfigures f where f.config = c.config and f.name = 'enable rep agent threads' and c.value = 1)",
    "    exec sp_configure 'enable rep agent threads', 1",
    "go",
    "-- The roles AWS lists for change capture; grant role is a no-op for a role the login already has.",
    `grant role sa_role to ${login}`,
    "go",
    `grant role replication_role to ${login}`,
    "go",
    `grant role sybase_ts_role to ${login}`,
    "go",
  ];
}

function databaseGrants(input: SybasePreparationInput, login: string): string[] {
  const markTables = input.capturesChanges && !input.dmsMarksTables;
  return [
    "",
    `use ${input.databaseName}`,
    "go",
    `if not exists (select 1 from sysusers where name = ${aseLiteral(login)})`,
    `    exec sp_adduser ${aseLiteral(login)}`,
    "go",
    `-- SELECT on each selected table${markTables ? ", and sp_setreptable to mark it for replication" : ""}.`,
    "declare @owner varchar(255), @table varchar(255), @granted int",
    "select @granted = 0",
    "declare selected cursor for",
    "    select u.name, o.name from sysobjects o, sysusers u",
    `    where o.uid = u.uid and o.type = 'U' and ${aseSelectedTables(input.selections)}`,
    "    order by u.name, o.name",
    "open selected",
    "fetch selected into @owner, @table",
    "while @@sqlstatus = 0",
    "begin",
    `    exec ('grant select on ' + @owner + '.' + @table + ' to ${login.replace(/'/g, "''")}')`,
    ...(markTables ? ["    exec ('sp_setreptable ''' + @owner + '.' + @table + ''', ''true''')"] : []),
    "    select @granted = @granted + 1",
    "    fetch selected into @owner, @table",
    "end",
    "close selected",
    "deallocate cursor selected",
    "if @granted = 0",
    "    raiserror 20002 'No table matches the selection rules of the tasks reading this source'",
    "select @granted as tables_granted",
    "go",
  ];
}

/**
 * The isql script a DBA runs to prepare an SAP ASE source for DMS. It never creates a login or holds a password: the
 * login is made beforehand with the password from SSM, and the script checks it exists.
 */
export function sybasePreparationScript(input: SybasePreparationInput): string {
  const login = input.dmsLogin ?? LOGIN_PLACEHOLDER;
  const lines = [...header(input), ...checks(login), ...(input.capturesChanges ? replicationAgent(login) : []), ...databaseGrants(input, login)];
  return `${lines.join("\n")}\n`;
}
