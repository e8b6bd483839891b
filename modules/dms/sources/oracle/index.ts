import { fileProblems } from "../../../core/rules";
import { serverSourceProps } from "../server-source-props";
import { SourceEngine } from "../source-engine";
import { OracleSourceEndpoint } from "./endpoint";
import { ORACLE_SOURCE_RULES } from "./rules";
import { ORACLE_RENAMED_KEYS, oracleSourceSchema } from "./schema";
import { loginParameterNames } from "../../endpoints/endpoint-credentials";

export const oracleSource: SourceEngine<typeof oracleSourceSchema> = {
  engine: "oracle",
  schema: oracleSourceSchema,
  settingsKey: "OracleSettings",
  renamedKeys: ORACLE_RENAMED_KEYS,
  capturesChanges: (source) => source.captureChanges !== false,
  problems: (source) => fileProblems(ORACLE_SOURCE_RULES, serverSourceProps(source)),
  parameterNames: ({ credentials, asm }) => loginParameterNames(credentials, asm ? [asm.passwordParameterName] : []),
  build: (scope, id, source, context) => new OracleSourceEndpoint(scope, id, serverSourceProps(source, context)),
};

// The engine's public surface; its script generator, renderers and rules stay inside the folder.
export { OracleSourceEndpoint } from "./endpoint";
export type { OracleSourceEndpointProps } from "./endpoint";
export type { OracleChangeCaptureOptions } from "./attributes";
export type { OracleAsmOptions, OracleCdcReader, OracleHosting, OracleSecondaryOptions, OracleSslMode } from "./options";
