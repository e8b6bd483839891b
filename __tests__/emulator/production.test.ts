import { DescribeAlarmsCommand, MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { DescribeEndpointsCommand, DescribeReplicationInstancesCommand, DescribeReplicationTasksCommand } from "@aws-sdk/client-database-migration-service";
import { GetRolePolicyCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { DeleteDBSnapshotCommand, DescribeDBInstancesCommand, DescribeDBSnapshotsCommand } from "@aws-sdk/client-rds";
import { GetScheduleCommand } from "@aws-sdk/client-scheduler";
import { ListSubscriptionsByTopicCommand } from "@aws-sdk/client-sns";
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { DEFAULT_DMS_ALARM_THRESHOLDS } from "../../modules/monitoring";
import { writeDecommissionedCopy } from "../../scripts/local/decommission";
import { emulatorSuite } from "../helpers/emulator";
import { expectNothingLeft, soundDeploymentTests } from "../helpers/emulator-checks";
import { ENVIRONMENTS_DIR, environmentFile } from "../helpers/environments";
import { changedEnvironment, planChange, startTypes } from "../helpers/replication-changes";

const DATABASE = "resident-information-db-production";
const CDC_TASK = "uht-to-uh-mirror";
const FULL_LOAD_TASK = "uhw-to-uh-mirror";
const TARGET_ENDPOINT = "target-uh-endpoint";

/**
 * production (two SQL Server sources sharing one target, a nightly full-load reload, alarms, customer-managed
 * keys, a protected Multi-AZ database) applied to the local emulator, then decommissioned and destroyed.
 */
describe("production on the local AWS emulator", () => {
  const session = emulatorSuite("production");

  const database = async () => (await session().clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DATABASE }))).DBInstances![0];
  const tasks = async () => (await session().clients.dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks ?? [];
  const taskNamed = async (id: string) => (await tasks()).find((t) => t.ReplicationTaskIdentifier === id)!;
  const targetEndpoint = async () =>
    (await session().clients.dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: "endpoint-id", Values: [TARGET_ENDPOINT] }] }))).Endpoints![0];
  /** The environment files the deployment was last applied from (the replacement below changes them). */
  let appliedFrom = ENVIRONMENTS_DIR;

  soundDeploymentTests(session);

  test("the database is encrypted with the environment's key, Multi-AZ, protected from deletion and backed up for 30 days", async () => {
    const db = await database();
    expect(db).toMatchObject({ StorageEncrypted: true, MultiAZ: true, DeletionProtection: true, BackupRetentionPeriod: 30, PubliclyAccessible: false });
    expect(db.KmsKeyId).toMatch(/^arn:aws:kms:eu-west-2:\d{12}:key\//);
    const [instance] = (await session().clients.dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances!;
    expect(instance).toMatchObject({ MultiAZ: true, PubliclyAccessible: false });
    expect(instance.KmsKeyId).toBe(db.KmsKeyId);
  });

  test("the nightly reload starts the full-load task with reload-target, through a role that may start only that task", async () => {
    const task = (await tasks()).find((t) => t.ReplicationTaskIdentifier === "uhw-to-uh-mirror")!;
    const schedule = await session().clients.scheduler.send(new GetScheduleCommand({ Name: "uhw-to-uh-mirror-reload" }));
    expect(schedule).toMatchObject({ ScheduleExpression: "cron(30 1 * * ? *)", ScheduleExpressionTimezone: "Europe/London", State: "ENABLED" });
    expect(schedule.Target?.Arn).toBe("arn:aws:scheduler:::aws-sdk:databasemigration:startReplicationTask");
    expect(JSON.parse(schedule.Target!.Input!)).toEqual({ ReplicationTaskArn: task.ReplicationTaskArn, StartReplicationTaskType: "reload-target" });
    const roleName = schedule.Target!.RoleArn!.split("/").pop()!;
    const [policyName] = (await session().clients.iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames!;
    const policy = JSON.parse(decodeURIComponent((await session().clients.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }))).PolicyDocument!));
    expect(policy.Statement).toEqual([expect.objectContaining({ Effect: "Allow", Action: "dms:StartReplicationTask", Resource: task.ReplicationTaskArn })]);
  });

  test("alarms watch each task's own metrics at the configured thresholds and notify the subscribed topic", async () => {
    const alarms = (await session().clients.cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 100 }))).MetricAlarms ?? [];
    const taskAlarms = (taskId: string, resourceId: string) =>
      alarms
        .filter((a) => a.Dimensions?.some((d) => d.Name === "ReplicationTaskIdentifier" && d.Value === resourceId))
        .map((a: MetricAlarm) => {
          expect(a.Namespace).toBe("AWS/DMS");
          expect(a.Dimensions).toContainEqual({ Name: "ReplicationInstanceIdentifier", Value: "production-dms-instance" });
          expect(a.AlarmName).toContain(taskId);
          return `${a.MetricName} ${a.ComparisonOperator} ${a.Threshold}`;
        })
        .sort();
    const byId = Object.fromEntries((await tasks()).map((t) => [t.ReplicationTaskIdentifier, t.ReplicationTaskArn!.split(":").pop()!]));
    const t = DEFAULT_DMS_ALARM_THRESHOLDS;
    expect(taskAlarms("uht-to-uh-mirror", byId["uht-to-uh-mirror"])).toEqual(
      [
        `CDCChangesDiskSource GreaterThanThreshold ${t.cdcChangesOnDisk}`,
        `CDCChangesDiskTarget GreaterThanThreshold ${t.cdcChangesOnDisk}`,
        `CDCLatencySource GreaterThanThreshold ${t.cdcLatencySourceCriticalSeconds}`,
        `CDCLatencySource GreaterThanThreshold ${t.cdcLatencySourceWarningSeconds}`,
        `CDCLatencyTarget GreaterThanThreshold ${t.cdcLatencyTargetCriticalSeconds}`,
        // production.json raises this one from the default.
        "CDCLatencyTarget GreaterThanThreshold 600",
        "FullLoadThroughputRowsTarget LessThanOrEqualToThreshold 0",
      ].sort(),
    );
    expect(taskAlarms("uhw-to-uh-mirror", byId["uhw-to-uh-mirror"])).toEqual(["FullLoadThroughputRowsTarget LessThanOrEqualToThreshold 0"]);
    const topics = new Set(alarms.flatMap((a) => a.AlarmActions ?? []));
    expect(topics.size).toBe(1);
    const [topic] = [...topics];
    const subscriptions = (await session().clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }))).Subscriptions ?? [];
    expect(subscriptions.map((s) => [s.Protocol, s.Endpoint])).toEqual([["email", "data-platform-alerts@hackney.gov.uk"]]);
  });

  test("a change that would replace the database (a new database name) is refused at plan time, and the database is still there", async () => {
    const dir = join(session().workdir, "replacing-environments");
    mkdirSync(dir, { recursive: true });
    const file = environmentFile("production");
    file.database.name = "uh_mirror_v2";
    writeFileSync(join(dir, "production.json"), JSON.stringify(file));
    writeFileSync(join(dir, "schema.json"), JSON.stringify(environmentFile("schema")));
    const replacing = session().deploymentFrom(dir, "replacing");
    replacing.synth();
    replacing.init();
    const plan = replacing.plan();
    expect(plan.status).toBe(1);
    expect(plan.output).toMatch(/Instance cannot be destroyed[\s\S]*aws_db_instance\.TargetDatabase_Instance/);
    expect((await database()).DBInstanceStatus).toBe("available");
  });

  describe("replacing live replication objects (a target endpoint settings change, a new migration type)", () => {
    // One apply only (each replacement costs the provider's stop, delete, create and start waiters, and npm test must
    // stay under 15 minutes): the acknowledged replacement first, then a refused one on the same objects, which also
    // proves that removing the acknowledgement restores the protection.
    const acknowledgement = (id: string) => ({ id, reason: `CHG-1234: ${id} replaced for the new executeTimeout; reload agreed with the data team` });
    // moto names a task's ARN after its identifier (AWS gives a new task a new ARN): its creation date tells a new task.
    let replaced: { taskCreated: number; endpointArn: string };

    test("acknowledged: the report says the endpoint and both its tasks are replaced, reload, drop the target tables and lose the CDC position; the apply replaces them and the CDC task runs again", async () => {
      const before = { task: await taskNamed(CDC_TASK), endpoint: await targetEndpoint() };
      expect(before.task.Status).toBe("running");
      const dir = changedEnvironment(session(), "acknowledged", (file) => {
        file.dms.targetEndpoint.settings = { executeTimeout: 120 };
        file.acknowledgeReplacement = [TARGET_ENDPOINT, CDC_TASK, FULL_LOAD_TASK].map(acknowledgement);
      });
      const { plan, deployment } = planChange(session(), dir, "acknowledged");
      expect(plan.status).toBe("changes");
      expect(plan.report).toMatch(/^Replication plan for production: what this plan does to live replication\n\n {2}tasks {7}2 REPLACED\n {2}endpoints {3}2 unchanged, 1 REPLACED\n {2}instance {4}1 unchanged\n/);
      expect(plan.report).not.toContain("REFUSED");
      expect(plan.report).toContain(
        `endpoint ${TARGET_ENDPOINT}: REPLACED\n    forced by: postgres_settings (cannot be changed in place; replace_triggered_by)\n    - a new endpoint (new ARN): every task using it is REPLACED too (${CDC_TASK}, ${FULL_LOAD_TASK})`,
      );
      expect(plan.report).toContain(
        `task ${CDC_TASK}: REPLACED\n    forced by: target_endpoint_arn (endpoint ${TARGET_ENDPOINT} is replaced)\n` +
          "    - the old task is stopped and deleted; a NEW task starts from scratch: its CDC position is LOST\n" +
          "    - full load again: target tables are DROPPED and re-created, then fully reloaded (TargetTablePrepMode DROP_AND_CREATE)\n" +
          "    - CDC restarts at the time the new task starts; to continue without a gap, read the old task's RecoveryCheckpoint",
      );
      expect(plan.report).toContain(`task ${FULL_LOAD_TASK}: REPLACED\n    forced by: target_endpoint_arn (endpoint ${TARGET_ENDPOINT} is replaced)\n`);
      console.log(`Acknowledged replacement (production):\n${plan.report}`);

      await deployment.applyPlan(plan.planFile!);
      appliedFrom = dir;
      const after = { task: await taskNamed(CDC_TASK), endpoint: await targetEndpoint() };
      expect(after.endpoint.EndpointArn).not.toBe(before.endpoint.EndpointArn);
      expect(after.endpoint.PostgreSQLSettings?.ExecuteTimeout).toBe(120);
      expect(after.task.ReplicationTaskCreationDate!.getTime()).toBeGreaterThan(before.task.ReplicationTaskCreationDate!.getTime());
      expect(after.task.TargetEndpointArn).toBe(after.endpoint.EndpointArn);
      // A new task: started afresh on creation, as the report said.
      expect(after.task.Status).toBe("running");
      expect(startTypes(session(), CDC_TASK)).toEqual(["start-replication", "start-replication"]);
      replaced = { taskCreated: after.task.ReplicationTaskCreationDate!.getTime(), endpointArn: after.endpoint.EndpointArn! };
    });

    test("with the acknowledgement removed, a new migration type and another endpoint settings change are refused at plan (Terraform names the endpoint; the report names the forcing attributes); nothing is touched", async () => {
      expect(replaced).toBeDefined();
      const dir = changedEnvironment(session(), "unacknowledged", (file) => {
        file.dms.targetEndpoint.settings = { executeTimeout: 180 };
        file.tasks.find((task: { replicationTaskId: string }) => task.replicationTaskId === CDC_TASK).migrationType = "cdc";
      });
      const { plan } = planChange(session(), dir, "unacknowledged");
      expect(plan.status).toBe("refused");
      // Terraform itself refuses (prevent_destroy), so `cdktf deploy` would too. It stops at the first protected
      // object it meets (the endpoint, which the tasks depend on); the report names the others from the what-if plan.
      expect(plan.output).toMatch(/Resource aws_dms_endpoint\.Dms_TargetEndpoint_\w+ has\s+lifecycle\.prevent_destroy set/);
      expect(plan.report).toMatch(/^Replication plan for production \(REFUSED by production's protection; nothing was saved to apply\)/);
      expect(plan.report).toContain(`REFUSED     endpoint ${TARGET_ENDPOINT}: replacement forced by postgres_settings (cannot be changed in place; replace_triggered_by); production needs it in acknowledgeReplacement with a reason`);
      expect(plan.report).toMatch(new RegExp(`task ${CDC_TASK}: REPLACED[^\n]*\n {4}forced by: [^\n]*migration_type \\(cannot be changed in place; replace_triggered_by\\)`));
      // Terraform stops at the endpoint; the tasks it would replace next are refused in the report too.
      expect(plan.report).toContain(`REFUSED     task ${CDC_TASK}: replacement forced by`);
      console.log(`Refused replacement (production):\n${plan.report}`);

      const task = await taskNamed(CDC_TASK);
      expect(task).toMatchObject({ Status: "running", MigrationType: "full-load-and-cdc" });
      expect(task.ReplicationTaskCreationDate!.getTime()).toBe(replaced.taskCreated);
      expect((await targetEndpoint()).EndpointArn).toBe(replaced.endpointArn);
      expect(startTypes(session(), CDC_TASK)).toEqual(["start-replication", "start-replication"]);
    });
  });

  test("decommissioning lifts the protection on purpose; destroy then removes everything but the final snapshot", async () => {
    const decommissioned = session().deploymentFrom(writeDecommissionedCopy(appliedFrom, "production", join(session().workdir, "decommissioned-environments")), "decommissioned");
    decommissioned.synth();
    decommissioned.init();
    await decommissioned.apply();
    expect((await database()).DeletionProtection).toBe(false);

    await decommissioned.destroy();
    await expectNothingLeft(session());
    const snapshots = (await session().clients.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: `${DATABASE}-final` }))).DBSnapshots ?? [];
    expect(snapshots.map((s) => [s.DBInstanceIdentifier, s.Encrypted])).toEqual([[DATABASE, true]]);
    await session().clients.rds.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: `${DATABASE}-final` }));
  });
});
