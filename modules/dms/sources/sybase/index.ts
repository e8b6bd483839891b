import { fileProblems } from "../../../core/rules";
import { SourceBuildContext, SourceEngine } from "../source-engine";
import { SybaseSourceEndpoint, SybaseSourceEndpointProps } from "./endpoint";
import { SYBASE_SOURCE_RULES } from "./rules";
import { SybaseSourceConfig, sybaseSourceSchema } from "./schema";

/** The props of a `SybaseSourceEndpoint` for one entry of the environment file. */
function sybaseSourceProps(source: SybaseSourceConfig, context: Partial<SourceBuildContext> = {}): SybaseSourceEndpointProps {
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

/** SAP ASE (DMS engine `sybase`). */
export const sybaseSource: SourceEngine<typeof sybaseSourceSchema> = {
  engine: "sybase",
  schema: sybaseSourceSchema,
  settingsKey: "SybaseSettings",
  capturesChanges: (source) => source.captureChanges !== false,
  problems: (source) => fileProblems(SYBASE_SOURCE_RULES, sybaseSourceProps(source)),
  parameterNames: ({ credentials }) => ({
    usernameParameterName: credentials.usernameParameterName,
    passwordParameterNames: [credentials.passwordParameterName],
  }),
  build: (scope, id, source, context) => new SybaseSourceEndpoint(scope, id, sybaseSourceProps(source, context)),
};

export { SybaseSourceEndpoint } from "./endpoint";
export type { SybaseSourceEndpointProps } from "./endpoint";
export type { SybaseSourceAttributes } from "./attributes";
export type { SybaseSslMode } from "./options";
