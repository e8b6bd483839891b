import { fileProblems } from "../../../core/rules";
import { SourceEngine } from "../source-engine";
import { OracleSourceEndpoint } from "./endpoint";
import { ORACLE_SOURCE_RULES } from "./rules";
import { ORACLE_RENAMED_KEYS, oracleSourceSchema } from "./schema";

const FILE_CONTEXT = { projectName: "", environment: "" };

export const oracleSource: SourceEngine<typeof oracleSourceSchema> = {
  engine: "oracle",
  schema: oracleSourceSchema,
  settingsKey: "OracleSettings",
  renamedKeys: ORACLE_RENAMED_KEYS,
  capturesChanges: (source) => source.captureChanges !== false,
  problems: ({ engine: _engine, ...props }) => fileProblems(ORACLE_SOURCE_RULES, { ...props, ...FILE_CONTEXT }),
  parameterNames: ({ credentials, asm }) => ({
    usernameParameterName: credentials.usernameParameterName,
    passwordParameterNames: [credentials.passwordParameterName, ...(asm ? [asm.passwordParameterName] : [])],
  }),
  build: (scope, id, { engine: _engine, ...props }, context) =>
    new OracleSourceEndpoint(scope, id, {
      ...props,
      projectName: context.projectName,
      environment: context.environment,
      kmsKeyArn: props.kmsKeyArn ?? context.kmsKeyArn,
      secretRecoveryWindowInDays: context.secretRecoveryWindowInDays,
    }),
};

// The engine's public surface; its script generator, renderers and rules stay inside the folder.
export { OracleSourceEndpoint } from "./endpoint";
export type { OracleSourceEndpointProps } from "./endpoint";
export type { OracleChangeCaptureOptions } from "./attributes";
export type { OracleAsmOptions, OracleCdcReader, OracleHosting, OracleSecondaryOptions, OracleSslMode } from "./options";
