import { fileProblems } from "../../../core/rules";
import { serverSourceProps } from "../server-source-props";
import { SourceEngine } from "../source-engine";
import { SqlServerSourceEndpoint } from "./endpoint";
import { SQL_SERVER_SOURCE_RULES } from "./rules";
import { SQL_SERVER_RENAMED_KEYS, sqlServerSourceSchema } from "./schema";
import { loginParameterNames } from "../../endpoints/endpoint-credentials";

export const sqlServerSource: SourceEngine<typeof sqlServerSourceSchema> = {
  engine: "sqlserver",
  schema: sqlServerSourceSchema,
  settingsKey: "MicrosoftSQLServerSettings",
  renamedKeys: SQL_SERVER_RENAMED_KEYS,
  capturesChanges: (source) => source.captureMode !== "none",
  problems: (source) => fileProblems(SQL_SERVER_SOURCE_RULES, serverSourceProps(source)),
  parameterNames: ({ credentials }) => loginParameterNames(credentials),
  build: (scope, id, source, context) => new SqlServerSourceEndpoint(scope, id, serverSourceProps(source, context)),
};

// The engine's public surface; its script generator, renderers and rules stay inside the folder.
export { SqlServerSourceEndpoint } from "./endpoint";
export type { SqlServerSourceEndpointProps } from "./endpoint";
export type { AlwaysOnOptions, SqlServerChangeCaptureOptions } from "./attributes";
export type { SafeguardPolicy, SqlServerCaptureMode, SqlServerHosting } from "./options";
