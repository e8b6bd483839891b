import { Construct } from "constructs";
import { SqlServerSourceEndpoint } from "../../../modules/dms/sources/sql-server/endpoint";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { ReplicationTaskSchedule, ReplicationTaskScheduleProps } from "../../../modules/dms/replication-task-schedule";
import { ServerlessReplication, ServerlessReplicationProps } from "../../../modules/dms/serverless-replication";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { TaskSettings } from "../../../modules/dms/task-settings";
import { dmsFixture, sqlServerProps } from "../../helpers/fixtures";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

const MAPPINGS = new TableMappings().include({ schema: "dbo", table: "member" });

function serverless(stack: Construct, overrides: Partial<ServerlessReplicationProps> = {}, captureMode: "ms-cdc" | "none" = "ms-cdc") {
  const { target, context, network, roles } = dmsFixture(stack);
  const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps({ captureMode }));
  return new ServerlessReplication(stack, "Serverless", {
    ...context,
    ...network,
    replicationConfigId: "mosaic-serverless",
    migrationType: "full-load-and-cdc",
    source,
    target,
    tableMappings: MAPPINGS,
    maxCapacityUnits: 16,
    accountRoles: roles,
    ...overrides,
  });
}

function errorOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("ServerlessReplication", () => {
  test("an aws_dms_replication_config with the same endpoints, mappings and settings, scaling between its capacity units", () => {
    const stack = newStack();
    serverless(stack, { minCapacityUnits: 2, settings: TaskSettings.defaults().with({ FullLoadSettings: { MaxFullLoadSubTasks: 16 } }) });
    const json = synth(stack);
    const config = only(json, "aws_dms_replication_config");
    expect(config).toMatchObject({
      replication_config_identifier: "mosaic-serverless",
      replication_type: "full-load-and-cdc",
      table_mappings: MAPPINGS.toJson(),
      start_replication: true,
      compute_config: { min_capacity_units: 2, max_capacity_units: 16, multi_az: false },
    });
    expect(JSON.parse(config.replication_settings).FullLoadSettings.MaxFullLoadSubTasks).toBe(16);
    const group = Object.entries<any>(json.resource.aws_dms_replication_subnet_group).find(([, g]) => g.replication_subnet_group_id.endsWith("mosaic-serverless"))!;
    expect(config.compute_config.replication_subnet_group_id).toBe(`\${aws_dms_replication_subnet_group.${group[0]}.replication_subnet_group_id}`);
  });

  test("runs in its own security group, opened to the source and the database like an instance", () => {
    const stack = newStack();
    serverless(stack);
    const json = synth(stack);
    const [groupId] = Object.entries<any>(json.resource.aws_security_group).find(([, g]) => g.description?.startsWith("DMS Serverless"))!;
    const own = blocks(json, "aws_vpc_security_group_egress_rule").filter((r) => r.security_group_id === `\${aws_security_group.${groupId}.id}`);
    expect(own.map((r) => r.from_port).sort()).toEqual([1433, 5432]);
    expect(blocks(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.referenced_security_group_id === `\${aws_security_group.${groupId}.id}`)).toHaveLength(1);
    expect(only(json, "aws_dms_replication_config").compute_config.vpc_security_group_ids).toEqual([`\${aws_security_group.${groupId}.id}`]);
  });

  test("refuses capacity units DMS does not offer, and a minimum above the maximum", () => {
    expect(errorOf(() => serverless(newStack(), { maxCapacityUnits: 3 as never }))).toMatch(/`maxCapacityUnits` = 3: allowed: 1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384/);
    expect(errorOf(() => serverless(newStack(), { minCapacityUnits: 32, maxCapacityUnits: 8 }))).toMatch(/`minCapacityUnits` = 32: must not exceed maxCapacityUnits \(8\)/);
  });

  test("refuses views, which DMS Serverless does not migrate", () => {
    const views = new TableMappings().include({ schema: "dbo", table: "v_%", tableType: "view" });
    expect(errorOf(() => serverless(newStack(), { tableMappings: views }))).toMatch(/does not migrate views/);
  });

  test("refuses change capture from a full-load-only source, and single-AZ in production", () => {
    expect(errorOf(() => serverless(newStack(), {}, "none"))).toMatch(/needs a source that captures changes/);
    expect(errorOf(() => serverless(newStack(), { environment: "production" }))).toMatch(/`multiAz` = \(missing\): production serverless replications must be Multi-AZ; allowed: true/);
  });
});

function scheduled(overrides: Partial<ReplicationTaskScheduleProps> = {}, migrationType: "full-load" | "full-load-and-cdc" = "full-load"): TerraformJson {
  const stack = newStack();
  const { instance, target, context } = dmsFixture(stack);
  const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps({ captureMode: migrationType === "full-load" ? "none" : "ms-cdc" }));
  const task = new ReplicationTask(stack, "Reporting", {
    ...context,
    replicationTaskId: "reporting-reload",
    migrationType,
    replicationInstance: instance,
    source,
    target,
    tableMappings: MAPPINGS,
    startReplicationTask: true,
  });
  new ReplicationTaskSchedule(stack, "Nightly", { ...context, task, expression: "cron(0 2 * * ? *)", timeZone: "Europe/London", ...overrides });
  return synth(stack);
}

describe("ReplicationTaskSchedule", () => {
  test("starts the task through EventBridge Scheduler's DMS target with the reload start type, in the given time zone", () => {
    const json = scheduled();
    const schedule = only(json, "aws_scheduler_schedule");
    const taskArn = `\${aws_dms_replication_task.${logicalId(json, "aws_dms_replication_task")}.replication_task_arn}`;
    expect(schedule).toMatchObject({
      name: "reporting-reload-reload",
      schedule_expression: "cron(0 2 * * ? *)",
      schedule_expression_timezone: "Europe/London",
      state: "ENABLED",
      flexible_time_window: { mode: "OFF" },
    });
    expect(schedule.target.arn).toMatch(/^arn:\$\{data\.aws_partition\.\S+\.partition\}:scheduler:::aws-sdk:databasemigration:startReplicationTask$/);
    expect(JSON.parse(schedule.target.input)).toEqual({ ReplicationTaskArn: taskArn, StartReplicationTaskType: "reload-target" });
  });

  test("through a role that the scheduler of this account may assume, and that may start that one task only", () => {
    const json = scheduled();
    const role = blocks(json, "aws_iam_role").find((r) => r.name_prefix === "dms-schedule-")!;
    const trust = JSON.parse(role.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: "scheduler.amazonaws.com" });
    expect(trust.Condition.StringEquals["aws:SourceAccount"]).toMatch(/^\$\{data\.aws_caller_identity\.\S+\.account_id\}$/);
    expect(JSON.parse(blocks(json, "aws_iam_role_policy").find((p) => p.name === "start-replication-task")!.policy).Statement).toEqual([
      { Effect: "Allow", Action: "dms:StartReplicationTask", Resource: `\${aws_dms_replication_task.${logicalId(json, "aws_dms_replication_task")}.replication_task_arn}` },
    ]);
  });

  test("can be paused and can start a task's first run", () => {
    const schedule = only(scheduled({ enabled: false, startType: "start-replication" }), "aws_scheduler_schedule");
    expect(schedule.state).toBe("DISABLED");
    expect(JSON.parse(schedule.target.input).StartReplicationTaskType).toBe("start-replication");
  });

  test("refuses a task that captures changes, which runs continuously", () => {
    expect(errorOf(() => scheduled({}, "full-load-and-cdc"))).toMatch(/only `full-load` tasks are run on a schedule; reporting-reload is `full-load-and-cdc`/);
  });

  test("refuses an expression or time zone EventBridge Scheduler would not take", () => {
    expect(errorOf(() => scheduled({ expression: "every night" }))).toMatch(/`expression` = "every night": .*allowed: rate\(/);
    expect(errorOf(() => scheduled({ timeZone: "GMT+1" }))).toMatch(/`timeZone` = "GMT\+1": .*allowed: a name such as Europe\/London/);
    expect(errorOf(() => scheduled({ expression: "rate(0 days)" }))).toMatch(/`expression` = "rate\(0 days\)": .*n at least 1/);
    // Both at once, in one error: the rules of the file check (core/aws-facts/fact-rules.ts).
    const both = errorOf(() => scheduled({ expression: "cron(99 1 * * ? *)", timeZone: "Europe/Londn" }));
    expect(both).toMatch(/`expression` = "cron\(99 1 \* \* \? \*\)": .*minutes field "99".*allowed: 0-59/);
    expect(both).toMatch(/`timeZone` = "Europe\/Londn": .*did you mean "Europe\/London"/);
  });
});
