import { fileProblems } from "../../../core/rules";
import { serverTargetProps } from "../../endpoints/server-target";
import { TargetBuildContext, TargetEngine } from "../target-engine";
import { BabelfishTargetEndpoint, BabelfishTargetEndpointProps } from "./endpoint";
import { BABELFISH_REFUSED_TASK_SETTINGS, BABELFISH_TARGET_RULES } from "./rules";
import { BabelfishTargetConfig, babelfishTargetSchema } from "./schema";

function babelfishTargetProps(target: BabelfishTargetConfig, context: Partial<TargetBuildContext> = {}): BabelfishTargetEndpointProps {
  return serverTargetProps(target, { ...context, kmsKeyArn: target.kmsKeyArn ?? context.kmsKeyArn });
}

export const babelfishTarget: TargetEngine<typeof babelfishTargetSchema> = {
  engine: "babelfish",
  schema: babelfishTargetSchema,
  // The default connection is PostgreSQL's; a `tds` endpoint is described under MicrosoftSQLServerSettings, which the SQL Server target lists.
  settingsKey: "PostgreSQLSettings",
  refusesTaskSettings: BABELFISH_REFUSED_TASK_SETTINGS,
  problems: (target) => fileProblems(BABELFISH_TARGET_RULES, babelfishTargetProps(target)),
  build: (scope, name, target, context) => new BabelfishTargetEndpoint(scope, `Target-${name}`, babelfishTargetProps(target, context)),
};
