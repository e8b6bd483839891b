import { fileProblems } from "../../../core/rules";
import { endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import { SourceEngine } from "../source-engine";
import { oracleOptionProblems } from "./attributes";
import { OracleSourceEndpoint, OracleSourceEndpointProps } from "./endpoint";
import { ORACLE_RENAMED_KEYS, oracleSourceSchema } from "./schema";

const FILE_RULES = [...endpointRules<OracleSourceEndpointProps>(["none", "verify-ca"]), ...serverSourceRules<OracleSourceEndpointProps>()];
const FILE_CONTEXT = { projectName: "", environment: "" };

export const oracleSource: SourceEngine<typeof oracleSourceSchema> = {
  engine: "oracle",
  schema: oracleSourceSchema,
  settingsKey: "OracleSettings",
  renamedKeys: ORACLE_RENAMED_KEYS,
  capturesChanges: (source) => source.captureChanges !== false,
  problems: ({ engine: _engine, ...entry }) => {
    const props = { ...entry, ...FILE_CONTEXT };
    const options = oracleOptionProblems(props).map((message) => ({ path: "", value: "", message }));
    return [...fileProblems(FILE_RULES, props), ...options];
  },
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
