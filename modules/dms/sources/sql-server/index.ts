import { fileProblems } from "../../../core/rules";
import { SourceEngine } from "../source-engine";
import { SqlServerSourceEndpoint } from "./endpoint";
import { SQL_SERVER_SOURCE_RULES } from "./rules";
import { SQL_SERVER_RENAMED_KEYS, sqlServerSourceSchema } from "./schema";

const FILE_CONTEXT = { projectName: "", environment: "" };

export const sqlServerSource: SourceEngine<typeof sqlServerSourceSchema> = {
  engine: "sqlserver",
  schema: sqlServerSourceSchema,
  settingsKey: "MicrosoftSQLServerSettings",
  renamedKeys: SQL_SERVER_RENAMED_KEYS,
  capturesChanges: (source) => source.captureMode !== "none",
  problems: ({ engine: _engine, ...props }) => fileProblems(SQL_SERVER_SOURCE_RULES, { ...props, ...FILE_CONTEXT }),
  parameterNames: ({ credentials }) => ({
    usernameParameterName: credentials.usernameParameterName,
    passwordParameterNames: [credentials.passwordParameterName],
  }),
  build: (scope, id, { engine: _engine, ...props }, context) =>
    new SqlServerSourceEndpoint(scope, id, {
      ...props,
      projectName: context.projectName,
      environment: context.environment,
      kmsKeyArn: props.kmsKeyArn ?? context.kmsKeyArn,
      secretRecoveryWindowInDays: context.secretRecoveryWindowInDays,
    }),
};

// The engine's public surface; its script generator, renderers and rules stay inside the folder.
export { SqlServerSourceEndpoint } from "./endpoint";
export type { SqlServerSourceEndpointProps } from "./endpoint";
export type { AlwaysOnOptions, SqlServerChangeCaptureOptions } from "./attributes";
export type { SafeguardPolicy, SqlServerCaptureMode, SqlServerHosting } from "./options";
