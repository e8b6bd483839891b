import { fileProblems } from "../../../core/rules";
import { serverTargetProps } from "../../endpoints/server-target";
import { TargetBuildContext, TargetEngine } from "../target-engine";
import { SqlServerTargetEndpoint, SqlServerTargetEndpointProps } from "./endpoint";
import { SQLSERVER_TARGET_RULES } from "./rules";
import { SqlServerTargetConfig, sqlServerTargetSchema } from "./schema";

function sqlServerTargetProps(target: SqlServerTargetConfig, context: Partial<TargetBuildContext> = {}): SqlServerTargetEndpointProps {
  return serverTargetProps(target, { ...context, kmsKeyArn: target.kmsKeyArn ?? context.kmsKeyArn });
}

export const sqlServerTarget: TargetEngine<typeof sqlServerTargetSchema> = {
  engine: "sqlserver",
  schema: sqlServerTargetSchema,
  settingsKey: "MicrosoftSQLServerSettings",
  problems: (target) => fileProblems(SQLSERVER_TARGET_RULES, sqlServerTargetProps(target)),
  build: (scope, name, target, context) => new SqlServerTargetEndpoint(scope, `Target-${name}`, sqlServerTargetProps(target, context)),
};
