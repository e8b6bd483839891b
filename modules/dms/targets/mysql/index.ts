import { fileProblems } from "../../../core/rules";
import { serverTargetProps } from "../../endpoints/server-target";
import { TargetBuildContext, TargetEngine } from "../target-engine";
import { MysqlTargetEndpoint, MysqlTargetEndpointProps } from "./endpoint";
import { MYSQL_TARGET_REFUSED_TASK_SETTINGS, MYSQL_TARGET_RULES } from "./rules";
import { MysqlTargetConfig, mysqlTargetSchema } from "./schema";

function mysqlTargetProps(target: MysqlTargetConfig, context: Partial<TargetBuildContext> = {}): MysqlTargetEndpointProps {
  return serverTargetProps(target, { ...context, kmsKeyArn: target.kmsKeyArn ?? context.kmsKeyArn });
}

export const mysqlTarget: TargetEngine<typeof mysqlTargetSchema> = {
  engine: "mysql",
  schema: mysqlTargetSchema,
  settingsKey: "MySQLSettings",
  refusesTaskSettings: MYSQL_TARGET_REFUSED_TASK_SETTINGS,
  problems: (target) => fileProblems(MYSQL_TARGET_RULES, mysqlTargetProps(target)),
  build: (scope, name, target, context) => new MysqlTargetEndpoint(scope, `Target-${name}`, mysqlTargetProps(target, context)),
};
