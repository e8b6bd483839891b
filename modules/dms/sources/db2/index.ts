import { fileProblems } from "../../../core/rules";
import { serverSourceProps } from "../server-source-props";
import { SourceBuildContext, SourceEngine } from "../source-engine";
import { Db2SourceEndpoint, Db2SourceEndpointProps } from "./endpoint";
import { DB2_SOURCE_RULES } from "./rules";
import { Db2SourceConfig, Db2ZosSourceConfig, db2SourceSchema, db2ZosSourceSchema } from "./schema";
import { loginParameterNames } from "../../endpoints/endpoint-credentials";

/** The props of a `Db2SourceEndpoint` for one entry of the environment file. */
function db2SourceProps(source: Db2SourceConfig | Db2ZosSourceConfig, context: Partial<SourceBuildContext> = {}): Db2SourceEndpointProps {
  return { ...serverSourceProps(source, context), platform: source.engine === "db2-zos" ? "zos" : "luw" };
}

const parameterNames = ({ credentials }: Db2SourceConfig | Db2ZosSourceConfig) => loginParameterNames(credentials);

/** Db2 for Linux, UNIX and Windows, and Amazon RDS for Db2 (DMS engine `db2`). */
export const db2Source: SourceEngine<typeof db2SourceSchema> = {
  engine: "db2",
  schema: db2SourceSchema,
  settingsKey: "IBMDb2Settings",
  capturesChanges: (source) => source.captureChanges !== false,
  problems: (source) => fileProblems(DB2_SOURCE_RULES, db2SourceProps(source)),
  parameterNames,
  build: (scope, id, source, context) => new Db2SourceEndpoint(scope, id, db2SourceProps(source, context)),
};

/** Db2 for z/OS (DMS engine `db2-zos`): full loads only. */
export const db2ZosSource: SourceEngine<typeof db2ZosSourceSchema> = {
  engine: "db2-zos",
  schema: db2ZosSourceSchema,
  settingsKey: "IBMDb2Settings",
  capturesChanges: () => false,
  problems: (source) => fileProblems(DB2_SOURCE_RULES, db2SourceProps(source)),
  parameterNames,
  build: (scope, id, source, context) => new Db2SourceEndpoint(scope, id, db2SourceProps(source, context)),
};

export { Db2SourceEndpoint } from "./endpoint";
export type { Db2SourceEndpointProps } from "./endpoint";
export type { Db2ChangeCaptureOptions } from "./attributes";
export type { Db2Hosting, Db2Platform, Db2SslMode } from "./options";
