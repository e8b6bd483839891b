import { fileProblems } from "../../../core/rules";
import { serverSourceProps } from "../server-source-props";
import { SourceEngine } from "../source-engine";
import { SybaseSourceEndpoint } from "./endpoint";
import { SYBASE_SOURCE_RULES } from "./rules";
import { sybaseSourceSchema } from "./schema";
import { loginParameterNames } from "../../endpoints/endpoint-credentials";

/** SAP ASE (DMS engine `sybase`). */
export const sybaseSource: SourceEngine<typeof sybaseSourceSchema> = {
  engine: "sybase",
  schema: sybaseSourceSchema,
  settingsKey: "SybaseSettings",
  capturesChanges: (source) => source.captureChanges !== false,
  problems: (source) => fileProblems(SYBASE_SOURCE_RULES, serverSourceProps(source)),
  parameterNames: ({ credentials }) => loginParameterNames(credentials),
  build: (scope, id, source, context) => new SybaseSourceEndpoint(scope, id, serverSourceProps(source, context)),
};

export { SybaseSourceEndpoint } from "./endpoint";
export type { SybaseSourceEndpointProps } from "./endpoint";
export type { SybaseSourceAttributes } from "./attributes";
export type { SybaseSslMode } from "./options";
