import { fileProblems } from "../../../core/rules";
import { serverTargetProps } from "../../endpoints/server-target";
import { TargetBuildContext, TargetEngine } from "../target-engine";
import { OracleTargetEndpoint, OracleTargetEndpointProps } from "./endpoint";
import { ORACLE_TARGET_RULES } from "./rules";
import { OracleTargetConfig, oracleTargetSchema } from "./schema";

function oracleTargetProps(target: OracleTargetConfig, context: Partial<TargetBuildContext> = {}): OracleTargetEndpointProps {
  return serverTargetProps(target, { ...context, kmsKeyArn: target.kmsKeyArn ?? context.kmsKeyArn });
}

export const oracleTarget: TargetEngine<typeof oracleTargetSchema> = {
  engine: "oracle",
  schema: oracleTargetSchema,
  settingsKey: "OracleSettings",
  problems: (target) => fileProblems(ORACLE_TARGET_RULES, oracleTargetProps(target)),
  build: (scope, name, target, context) => new OracleTargetEndpoint(scope, `Target-${name}`, oracleTargetProps(target, context)),
};
