import { fileProblems } from "../../../core/rules";
import { serverTargetProps } from "../../endpoints/server-target";
import { TargetBuildContext, TargetEngine } from "../target-engine";
import { SybaseTargetEndpoint, SybaseTargetEndpointProps } from "./endpoint";
import { SYBASE_TARGET_RULES } from "./rules";
import { SybaseTargetConfig, sybaseTargetSchema } from "./schema";

function sybaseTargetProps(target: SybaseTargetConfig, context: Partial<TargetBuildContext> = {}): SybaseTargetEndpointProps {
  return serverTargetProps(target, { ...context, kmsKeyArn: target.kmsKeyArn ?? context.kmsKeyArn });
}

export const sybaseTarget: TargetEngine<typeof sybaseTargetSchema> = {
  engine: "sybase",
  schema: sybaseTargetSchema,
  settingsKey: "SybaseSettings",
  problems: (target) => fileProblems(SYBASE_TARGET_RULES, sybaseTargetProps(target)),
  build: (scope, name, target, context) => new SybaseTargetEndpoint(scope, `Target-${name}`, sybaseTargetProps(target, context)),
};
