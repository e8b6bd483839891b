import { Peer } from "../../../network/peer";
import { SourceEngine } from "../source-engine";
import { PostgresSourceEndpoint } from "./endpoint";
import { postgresSourceSchema } from "./schema";

export const postgresSource: SourceEngine<typeof postgresSourceSchema> = {
  engine: "postgres",
  schema: postgresSourceSchema,
  settingsKey: "PostgreSQLSettings",
  capturesChanges: (source) => source.captureChanges,
  // Its cross-field rules run in its schema, which knows whether the entry is the environment's database.
  problems: () => [],
  parameterNames: (source) => ({
    usernameParameterName: source.usernameParameter,
    passwordParameterNames: source.passwordParameter === undefined ? [] : [source.passwordParameter],
  }),
  build: (scope, id, source, context) =>
    new PostgresSourceEndpoint(scope, id, {
      projectName: context.projectName,
      environment: context.environment,
      endpointId: source.endpointId,
      database: source.fromDatabase
        ? context.database
        : {
            serverName: source.server as string,
            port: source.port,
            databaseName: source.databaseName as string,
            hosting: source.hosting,
            credentials: {
              username: source.username,
              usernameParameterName: source.usernameParameter,
              passwordParameterName: source.passwordParameter as string,
              passwordVersion: source.passwordVersion,
            },
            peer: source.allowedCidr ? Peer.ipv4(source.allowedCidr) : undefined,
          },
      captureChanges: source.captureChanges,
      sslMode: source.sslMode,
      certificateArn: source.certificateArn,
      settings: {
        pluginName: source.pluginName,
        slotName: source.slotName,
        heartbeatEnable: source.heartbeatEnable,
        heartbeatFrequency: source.heartbeatFrequency,
        heartbeatSchema: source.heartbeatSchema,
        captureDdls: source.captureDdls,
        ddlArtifactsSchema: source.ddlArtifactsSchema,
        executeTimeout: source.executeTimeout,
        mapBooleanAsBoolean: source.mapBooleanAsBoolean,
        mapJsonbAsClob: source.mapJsonbAsClob,
        mapLongVarcharAs: source.mapLongVarcharAs,
      },
      kmsKeyArn: source.kmsKeyArn ?? context.kmsKeyArn,
      secretRecoveryWindowInDays: context.secretRecoveryWindowInDays,
    }),
};

// The engine's public surface; its script generator and settings helpers stay inside the folder.
export { PostgresSourceEndpoint } from "./endpoint";
export type { ExternalPostgresSource, IPostgresSourceDatabase, PostgresSourceEndpointProps } from "./endpoint";
export type { PostgresLongVarcharMapping, PostgresPluginName, PostgresSourceHosting, PostgresSourceSettings } from "./settings";
