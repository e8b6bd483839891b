import { SourceEngine } from "../source-engine";
import { PostgresSourceEndpoint } from "./endpoint";
import { postgresSourceProblems } from "./rules";
import { ENVIRONMENT_DATABASE, POSTGRES_RENAMED_KEYS, postgresSourceSchema } from "./schema";
import { loginParameterNames } from "../../endpoints/endpoint-credentials";

export const postgresSource: SourceEngine<typeof postgresSourceSchema> = {
  engine: "postgres",
  schema: postgresSourceSchema,
  settingsKey: "PostgreSQLSettings",
  renamedKeys: POSTGRES_RENAMED_KEYS,
  capturesChanges: (source) => source.captureChanges !== false,
  readsEnvironmentDatabase: (source) => source.database === ENVIRONMENT_DATABASE,
  problems: ({ engine: _engine, ...entry }) => postgresSourceProblems(entry),
  parameterNames: ({ database }) =>
    database === ENVIRONMENT_DATABASE
      ? { passwordParameterNames: [] }
      : loginParameterNames(database.credentials),
  build: (scope, id, { engine: _engine, database, ...props }, context) =>
    new PostgresSourceEndpoint(scope, id, {
      ...props,
      projectName: context.projectName,
      environment: context.environment,
      production: context.production,
      database: database === ENVIRONMENT_DATABASE ? context.database : database,
      kmsKeyArn: props.kmsKeyArn ?? context.kmsKeyArn,
      secretRecoveryWindowInDays: context.secretRecoveryWindowInDays,
    }),
};

// The engine's public surface; its script generator and settings helpers stay inside the folder.
export { PostgresSourceEndpoint } from "./endpoint";
export type { ExternalPostgresSource, IPostgresSourceDatabase, PostgresSourceEndpointProps } from "./endpoint";
export type { PostgresLongVarcharMapping, PostgresPluginName, PostgresSourceHosting, PostgresSourceSettings } from "./settings";
