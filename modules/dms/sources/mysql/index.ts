import { fileProblems } from "../../../core/rules";
import { SourceBuildContext, SourceEngine } from "../source-engine";
import { MysqlSourceEndpoint, MysqlSourceEndpointProps } from "./endpoint";
import { MYSQL_SOURCE_RULES } from "./rules";
import { MysqlSourceConfig, mysqlSourceSchema } from "./schema";

/** The props of a `MysqlSourceEndpoint` for one entry of the environment file. */
function mysqlSourceProps(source: MysqlSourceConfig, context: Partial<SourceBuildContext> = {}): MysqlSourceEndpointProps {
  const { engine: _engine, server, username, usernameParameter, passwordParameter, passwordVersion, kmsKeyArn, ...options } = source;
  return {
    ...options,
    projectName: context.projectName ?? "",
    environment: context.environment ?? "",
    serverName: server,
    credentials: { username, usernameParameterName: usernameParameter, passwordParameterName: passwordParameter, passwordVersion },
    kmsKeyArn: kmsKeyArn ?? context.kmsKeyArn,
    secretRecoveryWindowInDays: context.secretRecoveryWindowInDays,
  };
}

/** Where the file keeps what the props call otherwise. */
const FILE_PATHS = { serverName: "server", "credentials.usernameParameterName": "usernameParameter", credentials: "" };

export const mysqlSource: SourceEngine<typeof mysqlSourceSchema> = {
  engine: "mysql",
  schema: mysqlSourceSchema,
  settingsKey: "MySQLSettings",
  capturesChanges: (source) => source.captureChanges,
  problems: (source) => fileProblems(MYSQL_SOURCE_RULES, mysqlSourceProps(source), FILE_PATHS),
  build: (scope, id, source, context) => new MysqlSourceEndpoint(scope, id, mysqlSourceProps(source, context)),
};
