import { fileProblems } from "../../../core/rules";
import { SourceBuildContext, SourceEngine } from "../source-engine";
import { MongodbSourceEndpoint, MongodbSourceEndpointProps } from "./endpoint";
import { MONGODB_SOURCE_RULES } from "./rules";
import { MongodbSourceConfig, mongodbSourceSchema } from "./schema";

/**
 * The props of a `MongodbSourceEndpoint` for one entry of the environment file. At file-check time the environment's
 * key is not known yet, so a stand-in lets the `kmsKeyArn` rule wait for the stack, which passes the real key.
 */
function mongodbSourceProps(source: MongodbSourceConfig, context: Partial<SourceBuildContext> = {}): MongodbSourceEndpointProps {
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

const ENVIRONMENT_KEY_AT_BUILD = "(the environment's key)";

export const mongodbSource: SourceEngine<typeof mongodbSourceSchema> = {
  engine: "mongodb",
  schema: mongodbSourceSchema,
  settingsKey: "MongoDbSettings",
  capturesChanges: (source) => source.captureChanges,
  problems: (source) => fileProblems(MONGODB_SOURCE_RULES, mongodbSourceProps(source, { kmsKeyArn: ENVIRONMENT_KEY_AT_BUILD })),
  parameterNames: ({ credentials }) => ({
    usernameParameterName: credentials.usernameParameterName,
    passwordParameterNames: [credentials.passwordParameterName],
  }),
  build: (scope, id, source, context) => new MongodbSourceEndpoint(scope, id, mongodbSourceProps(source, context)),
};

export { MongodbSourceEndpoint } from "./endpoint";
export type { MongodbSourceEndpointProps } from "./endpoint";
