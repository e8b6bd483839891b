import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { Construct } from "constructs";
import { Testing } from "cdktf";
import { SqlServerSourceEndpoint } from "../../../modules/dms/sources/sql-server/endpoint";
import { ReplicationTask, ReplicationTaskProps } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { TaskSettings } from "../../../modules/dms/task-settings";
import { allowSecretsManager, dmsFixture, sqlServerProps } from "../../helpers/fixtures";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

const MAPPINGS = new TableMappings().include({ schema: "dbo", table: "member" }).lowercase("column", { schema: "%", table: "%", column: "%" });

/** A task from a SQL Server source into the project's database, with overridable props. */
function buildTask(stack: Construct, overrides: Partial<ReplicationTaskProps> = {}, captureMode: "ms-replication" | "ms-cdc" | "none" = "ms-replication") {
  const { instance, target, context } = dmsFixture(stack);
  const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps({ captureMode }));
  return new ReplicationTask(stack, "Task", {
    ...context,
    replicationTaskId: "mosaic-to-mirror",
    migrationType: "full-load-and-cdc",
    replicationInstance: instance,
    source,
    target,
    tableMappings: MAPPINGS,
    ...overrides,
  });
}

function synthTask(overrides: Partial<ReplicationTaskProps> = {}): TerraformJson {
  const stack = newStack();
  buildTask(stack, overrides);
  return synth(stack);
}

function taskError(overrides: Partial<ReplicationTaskProps>, captureMode: "ms-replication" | "ms-cdc" | "none" = "ms-replication"): string {
  try {
    buildTask(newStack(), overrides, captureMode);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the task to refuse its props");
}

describe("ReplicationTask", () => {
  test("runs on the instance between the two endpoints, with the mappings and settings as deterministic JSON", () => {
    const json = synthTask();
    const task = only(json, "aws_dms_replication_task");
    const endpoints = Object.entries<any>(json.resource.aws_dms_endpoint);
    const sourceId = endpoints.find(([, e]) => e.endpoint_type === "source")![0];
    const targetId = endpoints.find(([, e]) => e.endpoint_type === "target")![0];
    expect(task).toMatchObject({
      replication_task_id: "mosaic-to-mirror",
      migration_type: "full-load-and-cdc",
      replication_instance_arn: `\${aws_dms_replication_instance.${logicalId(json, "aws_dms_replication_instance")}.replication_instance_arn}`,
      source_endpoint_arn: `\${aws_dms_endpoint.${sourceId}.endpoint_arn}`,
      target_endpoint_arn: `\${aws_dms_endpoint.${targetId}.endpoint_arn}`,
      table_mappings: MAPPINGS.toJson(),
      replication_task_settings: TaskSettings.defaults().toJson(),
      start_replication_task: true,
      tags: { Name: "mosaic-to-mirror", Environment: "development", project_name: "mosaic", "terraform-managed": "true" },
    });
  });

  test("is replaced, rather than failing at apply, when its migration type changes", () => {
    const json = synthTask({ migrationType: "cdc" });
    const [triggerId, trigger] = Object.entries<any>(json.resource.terraform_data).find(([, data]) => "migration_type" in data.triggers_replace)!;
    expect(trigger.triggers_replace).toEqual({ migration_type: "cdc" });
    expect(only(json, "aws_dms_replication_task").lifecycle.replace_triggered_by).toEqual([`terraform_data.${triggerId}`]);
  });

  test("a task that captures changes is started and kept running by Terraform; a full load is not re-run by an apply", () => {
    const startFlag = (overrides: Partial<ReplicationTaskProps>) => only(synthTask(overrides), "aws_dms_replication_task").start_replication_task;
    expect(startFlag({ migrationType: "cdc" })).toBe(true);
    expect(startFlag({ migrationType: "full-load-and-cdc" })).toBe(true);
    expect(startFlag({ migrationType: "full-load" })).toBe(false);
    expect(startFlag({ migrationType: "full-load", startReplicationTask: true })).toBe(true);
  });

  test("keepStopped keeps a task stopped on purpose, and cannot be combined with starting it", () => {
    expect(only(synthTask({ keepStopped: true }), "aws_dms_replication_task").start_replication_task).toBe(false);
    expect(taskError({ keepStopped: true, startReplicationTask: true })).toMatch(/`keepStopped` keeps the task stopped/);
  });

  test("starts on create, and from a CDC start time or position, when asked", () => {
    expect(only(synthTask({ startReplicationTask: true, cdcStartTime: "2026-01-31T02:00:00Z" }), "aws_dms_replication_task")).toMatchObject({
      start_replication_task: true,
      cdc_start_time: "2026-01-31T02:00:00Z",
    });
    expect(only(synthTask({ migrationType: "cdc", cdcStartPosition: "0000002f:00000cb0:0003" }), "aws_dms_replication_task").cdc_start_position).toBe(
      "0000002f:00000cb0:0003",
    );
  });

  test("takes custom task settings", () => {
    const settings = TaskSettings.defaults().with({ FullLoadSettings: { TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD" } });
    const json = synthTask({ settings });
    expect(JSON.parse(only(json, "aws_dms_replication_task").replication_task_settings).FullLoadSettings.TargetTablePrepMode).toBe("TRUNCATE_BEFORE_LOAD");
  });

  test("opens exactly the two paths DMS needs: the database port from the instance, and the source port to the source", () => {
    const json = synthTask();
    const instanceGroup = `\${aws_security_group.${Object.entries<any>(json.resource.aws_security_group).find(([, g]) => g.name_prefix.startsWith("dms-instance"))![0]}.id}`;
    const dbGroup = `\${aws_security_group.${Object.entries<any>(json.resource.aws_security_group).find(([, g]) => g.name_prefix.startsWith("allow_"))![0]}.id}`;
    expect(blocks(json, "aws_vpc_security_group_ingress_rule")).toEqual([
      expect.objectContaining({ security_group_id: dbGroup, referenced_security_group_id: instanceGroup, from_port: 5432, to_port: 5432, ip_protocol: "tcp" }),
    ]);
    expect(blocks(json, "aws_vpc_security_group_egress_rule")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ security_group_id: instanceGroup, cidr_ipv4: "10.80.1.21/32", from_port: 1433, to_port: 1433 }),
        expect.objectContaining({ security_group_id: instanceGroup, referenced_security_group_id: dbGroup, from_port: 5432, to_port: 5432 }),
      ]),
    );
    expect(blocks(json, "aws_vpc_security_group_egress_rule")).toHaveLength(2);
  });

  test("shares one target endpoint between tasks from several sources (Hackney UHT and UHW)", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    for (const name of ["uht", "uhw"]) {
      const source = new SqlServerSourceEndpoint(stack, `Source-${name}`, sqlServerProps({ endpointId: `source-${name}`, serverName: name === "uht" ? "10.80.1.21" : "10.80.1.22" }));
      new ReplicationTask(stack, `Task-${name}`, {
        ...context,
        replicationTaskId: `${name}-to-mirror`,
        migrationType: "full-load-and-cdc",
        replicationInstance: instance,
        source,
        target,
        tableMappings: MAPPINGS,
      });
    }
    const json = synth(stack);
    const targets = Object.entries<any>(json.resource.aws_dms_endpoint).filter(([, e]) => e.endpoint_type === "target");
    expect(targets).toHaveLength(1);
    expect(blocks(json, "aws_dms_replication_task").map((t) => t.target_endpoint_arn)).toEqual([
      `\${aws_dms_endpoint.${targets[0][0]}.endpoint_arn}`,
      `\${aws_dms_endpoint.${targets[0][0]}.endpoint_arn}`,
    ]);
    // The database is opened to DMS once, however many tasks write to it.
    expect(blocks(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(1);
  });
});

describe("ReplicationTask validation", () => {
  test.each(["cdc", "full-load-and-cdc"] as const)("refuses a %s task on a source set up for full loads only", (migrationType) => {
    expect(taskError({ migrationType }, "none")).toMatch(
      new RegExp(`test/Task: \`migrationType\` = "${migrationType}": needs a source that captures changes, but source-mosaic-endpoint is set up for full loads only`),
    );
  });

  test("allows a full load from such a source", () => {
    expect(() => buildTask(newStack(), { migrationType: "full-load" }, "none")).not.toThrow();
  });

  test("refuses a CDC start time and position together", () => {
    expect(taskError({ cdcStartTime: "1700000000", cdcStartPosition: "x" })).toMatch(/give `cdcStartTime` or `cdcStartPosition`, not both/);
  });

  test("refuses a CDC start on a full-load task", () => {
    expect(taskError({ migrationType: "full-load", cdcStartTime: "1700000000" })).toMatch(/only apply to `cdc` and `full-load-and-cdc` tasks/);
  });

  test("refuses a CDC start time that is neither RFC 3339 nor Unix seconds", () => {
    expect(taskError({ cdcStartTime: "yesterday" })).toMatch(/`cdcStartTime` = "yesterday": allowed: an RFC 3339 time/);
  });

  test("refuses an instance too old for the target's PostgreSQL version", () => {
    const stack = newStack();
    const { target, context } = dmsFixture(stack, { postgresVersion: "17" });
    const oldInstance = { replicationInstanceArn: "arn", engineVersion: "3.5.3", connections: target as never };
    const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps());
    expect(
      () =>
        new ReplicationTask(stack, "Task", {
          ...context,
          replicationTaskId: "t",
          migrationType: "full-load",
          replicationInstance: oldInstance,
          source,
          target,
          tableMappings: MAPPINGS,
        }),
    ).toThrow(/the replication instance runs DMS 3\.5\.3, but target target-mosaic-endpoint needs DMS 3\.5\.4 or later/);
  });

  test("refuses data-masking rules on an instance older than DMS 3.5.4", () => {
    const stack = newStack();
    const { target, context } = dmsFixture(stack);
    const oldInstance = { replicationInstanceArn: "arn", engineVersion: "3.5.3", connections: target as never };
    const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps());
    const masked = MAPPINGS.hashMask({ schema: "dbo", table: "member", column: "ni_number" });
    const build = (tableMappings: TableMappings) => () =>
      new ReplicationTask(stack, `Task-${tableMappings.rules.length}`, {
        ...context,
        replicationTaskId: `t${tableMappings.rules.length}`,
        migrationType: "full-load",
        replicationInstance: oldInstance,
        source,
        target,
        tableMappings,
      });
    expect(build(masked)).toThrow(/the replication instance runs DMS 3\.5\.3, but data-masking rules need DMS 3\.5\.4 or later/);
  });

  test("checks resync settings against the task's migration type", () => {
    const settings = TaskSettings.defaults().with({ ValidationSettings: { EnableValidation: true }, ResyncSettings: { EnableResync: true } });
    expect(taskError({ settings })).toMatch(/`ResyncSettings\.ResyncSchedule` = \(missing\): required for a full-load-and-cdc task with resync on/);
  });

  test("refuses a task id DMS cannot use", () => {
    expect(taskError({ replicationTaskId: "task_1" })).toMatch(/`replicationTaskId` = "task_1"/);
  });
});

describe("the DBA script a SQL Server source writes at synth", () => {
  function dbaFolder(build: (stack: Construct) => void): string {
    const stack = newStack();
    build(stack);
    allowSecretsManager(stack);
    return join(Testing.fullSynth(stack), "stacks", "test", "dba");
  }

  test("covers the tables of every task reading the source, and their migration types", () => {
    const dir = dbaFolder((stack) => {
      const { instance, target, context } = dmsFixture(stack);
      const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps({ captureMode: "ms-cdc" }));
      const common = { ...context, replicationInstance: instance, source, target };
      new ReplicationTask(stack, "Members", { ...common, replicationTaskId: "members", migrationType: "full-load-and-cdc", tableMappings: MAPPINGS });
      new ReplicationTask(stack, "Phones", {
        ...common,
        replicationTaskId: "phones",
        migrationType: "full-load",
        tableMappings: new TableMappings().include({ schema: "dbo", table: "CCPhone" }),
      });
    });
    const script = readFileSync(join(dir, "source-mosaic-endpoint.sql"), "utf8");
    expect(script).toContain("-- Migration types:  full-load, full-load-and-cdc");
    expect(script).toContain("include dbo.member");
    expect(script).toContain("include dbo.CCPhone");
    expect(script).toContain("EXEC sys.sp_cdc_enable_db");
  });

  test("is not written while no task reads the source", () => {
    const dir = dbaFolder((stack) => new SqlServerSourceEndpoint(stack, "Source", sqlServerProps()));
    expect(existsSync(dir)).toBe(false);
  });
});

describe("ReplicationTask data validation", () => {
  test("turns validation on and logs the validator, keeping the other components", () => {
    const settings = JSON.parse(only(synthTask({ validation: true }), "aws_dms_replication_task").replication_task_settings);
    expect(settings.ValidationSettings).toEqual({ EnableValidation: true });
    expect(settings.Logging.LogComponents.map((c: any) => c.Id)).toEqual(["SOURCE_UNLOAD", "SOURCE_CAPTURE", "TARGET_LOAD", "TARGET_APPLY", "TASK_MANAGER", "VALIDATOR_EXT"]);
  });

  test("is off by default", () => {
    expect(JSON.parse(only(synthTask(), "aws_dms_replication_task").replication_task_settings).ValidationSettings).toBeUndefined();
  });
});
