import { fileProblems } from "../../../core/rules";
import { serverSourceProps } from "../server-source-props";
import { SourceEngine } from "../source-engine";
import { MysqlSourceEndpoint } from "./endpoint";
import { MYSQL_SOURCE_RULES } from "./rules";
import { mysqlSourceSchema } from "./schema";
import { loginParameterNames } from "../../endpoints/endpoint-credentials";

export const mysqlSource: SourceEngine<typeof mysqlSourceSchema> = {
  engine: "mysql",
  schema: mysqlSourceSchema,
  settingsKey: "MySQLSettings",
  capturesChanges: (source) => source.captureChanges,
  problems: (source) => fileProblems(MYSQL_SOURCE_RULES, serverSourceProps(source)),
  parameterNames: ({ credentials }) => loginParameterNames(credentials),
  build: (scope, id, source, context) => new MysqlSourceEndpoint(scope, id, serverSourceProps(source, context)),
};
