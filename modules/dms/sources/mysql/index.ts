import { fileProblems } from "../../../core/rules";
import { serverSourceProps } from "../server-source-props";
import { SourceEngine } from "../source-engine";
import { MysqlSourceEndpoint } from "./endpoint";
import { MYSQL_SOURCE_RULES } from "./rules";
import { mysqlSourceSchema } from "./schema";

export const mysqlSource: SourceEngine<typeof mysqlSourceSchema> = {
  engine: "mysql",
  schema: mysqlSourceSchema,
  settingsKey: "MySQLSettings",
  capturesChanges: (source) => source.captureChanges,
  problems: (source) => fileProblems(MYSQL_SOURCE_RULES, serverSourceProps(source)),
  parameterNames: ({ credentials }) => ({
    usernameParameterName: credentials.usernameParameterName,
    passwordParameterNames: [credentials.passwordParameterName],
  }),
  build: (scope, id, source, context) => new MysqlSourceEndpoint(scope, id, serverSourceProps(source, context)),
};
