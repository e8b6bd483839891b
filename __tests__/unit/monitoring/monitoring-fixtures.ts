import { Construct } from "constructs";
import { AnnotationMetadataEntryType, TerraformStack } from "cdktf";
import { SqlServerSourceEndpoint } from "../../../modules/dms/sources/sql-server/endpoint";
import { MigrationType } from "../../../modules/dms/migration-type";
import { ReplicationInstance } from "../../../modules/dms/replication-instance";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { DmsMonitoring, DmsMonitoringProps } from "../../../modules/monitoring/dms-monitoring";
import { IMonitoredTask } from "../../../modules/monitoring/replication-task-alarms";
import { dmsFixture, sqlServerProps } from "../../helpers/fixtures";
import { TerraformJson, newStack, synth } from "../../helpers/synth";

export const CONTEXT = { projectName: "mosaic", environment: "development" };
export const TASK_ARN = "arn:aws:dms:eu-west-2:123456789012:task:UPIIRRYFTHAI7AAEHCM6X5CAFXH2ODSHQ7M3WUA";

/** A task as the alarms see it, without endpoints. */
export function fakeTask(migrationType: MigrationType = "full-load-and-cdc", replicationTaskId = "mosaic-to-mirror"): IMonitoredTask {
  return { replicationTaskArn: TASK_ARN, replicationTaskId, migrationType };
}

/** A created replication instance (`development-dms-instance`, dms.t3.medium, 50 GiB). */
export function instanceFixture(stack: Construct): ReplicationInstance {
  return dmsFixture(stack).instance;
}

/** A real task on the fixture's instance, from a SQL Server source. */
export function realTask(stack: Construct, migrationType: MigrationType = "full-load-and-cdc") {
  const { instance, target, context } = dmsFixture(stack);
  const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps());
  const task = new ReplicationTask(stack, "Task", {
    ...context,
    replicationTaskId: "mosaic-to-mirror",
    migrationType,
    replicationInstance: instance,
    source,
    target,
    tableMappings: new TableMappings().include({ schema: "dbo", table: "member" }),
  });
  return { instance, task };
}

/** Monitoring with a created topic in a new stack. */
export function monitoringStack(props: Partial<DmsMonitoringProps> = {}): { stack: TerraformStack; monitoring: DmsMonitoring } {
  const stack = newStack();
  const monitoring = new DmsMonitoring(stack, "Monitoring", { ...CONTEXT, ...props });
  return { stack, monitoring };
}

/** Alarms of a synthesized stack by alarm name, without cdktf metadata. */
export function alarmsByName(json: TerraformJson): Record<string, any> {
  const alarms: Record<string, any> = {};
  for (const block of Object.values<any>(json.resource?.aws_cloudwatch_metric_alarm ?? {})) {
    const { ["//"]: _metadata, ...rest } = block;
    alarms[rest.alarm_name] = rest;
  }
  return alarms;
}

export function synthAlarms(stack: TerraformStack): Record<string, any> {
  return alarmsByName(synth(stack));
}

/** The message of the error `build` throws. */
export function errorOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

/** Warnings added to constructs of a stack. */
export function warnings(stack: Construct): string[] {
  return stack.node
    .findAll()
    .flatMap((construct) => construct.node.metadata)
    .filter((entry) => entry.type === AnnotationMetadataEntryType.WARN)
    .map((entry) => String(entry.data));
}
