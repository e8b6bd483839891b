import { fileProblems } from "../../../core/rules";
import { SourceBuildContext, SourceEngine } from "../source-engine";
import { MysqlSourceEndpoint, MysqlSourceEndpointProps } from "./endpoint";
import { MYSQL_SOURCE_RULES } from "./rules";
import { MysqlSourceConfig, mysqlSourceSchema } from "./schema";

/** The props of a `MysqlSourceEndpoint` for one entry of the environment file. */
function mysqlSourceProps(source: MysqlSourceConfig, context: Partial<SourceBuildContext> = {}): MysqlSourceEndpointProps {
  const { engine: _engine, kmsKeyArn, ...options } = source;
  return {
    ...options,
    projectName: context.projectName ?? "",
    environment: context.environment ?? "",
    production: context.production,
    kmsKeyArn: kmsKeyArn ?? context.kmsKeyArn,
    secretRecoveryWindowInDays: context.secretRecoveryWindowInDays,
  };
}


export const mysqlSource: SourceEngine<typeof mysqlSourceSchema> = {
  engine: "mysql",
  schema: mysqlSourceSchema,
  settingsKey: "MySQLSettings",
  capturesChanges: (source) => source.captureChanges,
  problems: (source) => fileProblems(MYSQL_SOURCE_RULES, mysqlSourceProps(source)),
  parameterNames: ({ credentials }) => ({
    usernameParameterName: credentials.usernameParameterName,
    passwordParameterNames: [credentials.passwordParameterName],
  }),
  build: (scope, id, source, context) => new MysqlSourceEndpoint(scope, id, mysqlSourceProps(source, context)),
};
