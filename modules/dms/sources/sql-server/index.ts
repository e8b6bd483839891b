import { fileProblems } from "../../../core/rules";
import { SourceBuildContext, SourceEngine } from "../source-engine";
import { SqlServerSourceEndpoint, SqlServerSourceEndpointProps } from "./endpoint";
import { SQL_SERVER_SOURCE_RULES } from "./rules";
import { SqlServerSourceConfig, sqlServerSourceSchema } from "./schema";

/** The props of a `SqlServerSourceEndpoint` for one entry of the environment file. */
function sqlServerSourceProps(source: SqlServerSourceConfig, context: Partial<SourceBuildContext> = {}): SqlServerSourceEndpointProps {
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

export const sqlServerSource: SourceEngine<typeof sqlServerSourceSchema> = {
  engine: "sqlserver",
  schema: sqlServerSourceSchema,
  settingsKey: "MicrosoftSQLServerSettings",
  capturesChanges: (source) => source.captureMode !== "none",
  problems: (source) => fileProblems(SQL_SERVER_SOURCE_RULES, sqlServerSourceProps(source), FILE_PATHS),
  build: (scope, id, source, context) => new SqlServerSourceEndpoint(scope, id, sqlServerSourceProps(source, context)),
};
