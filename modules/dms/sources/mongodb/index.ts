import { fileProblems } from "../../../core/rules";
import { SourceBuildContext, SourceEngine } from "../source-engine";
import { MongodbSourceEndpoint, MongodbSourceEndpointProps } from "./endpoint";
import { MONGODB_SOURCE_RULES } from "./rules";
import { MongodbSourceConfig, mongodbSourceSchema } from "./schema";
import { loginParameterNames } from "../../endpoints/endpoint-credentials";
import { serverSourceProps } from "../server-source-props";

/** The props of a `MongodbSourceEndpoint` for one entry of the environment file (the server sources' mapping). */
function mongodbSourceProps(source: MongodbSourceConfig, context: Partial<SourceBuildContext> = {}): MongodbSourceEndpointProps {
  return serverSourceProps(source, context);
}

/** At file-check time the environment's key is not created yet: a stand-in for it lets the `kmsKeyArn` rule pass. */
const ENVIRONMENT_KEY_AT_BUILD = "(the environment's key)";

export const mongodbSource: SourceEngine<typeof mongodbSourceSchema> = {
  engine: "mongodb",
  schema: mongodbSourceSchema,
  settingsKey: "MongoDbSettings",
  capturesChanges: (source) => source.captureChanges,
  problems: (source, environment) =>
    fileProblems(MONGODB_SOURCE_RULES, mongodbSourceProps(source, { kmsKeyArn: environment?.environmentKey ? ENVIRONMENT_KEY_AT_BUILD : undefined })),
  parameterNames: ({ credentials }) => loginParameterNames(credentials),
  build: (scope, id, source, context) => new MongodbSourceEndpoint(scope, id, mongodbSourceProps(source, context)),
};

export { MongodbSourceEndpoint } from "./endpoint";
export type { MongodbSourceEndpointProps } from "./endpoint";
