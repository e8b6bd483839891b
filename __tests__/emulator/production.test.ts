import { DescribeAlarmsCommand, MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { DescribeReplicationInstancesCommand, DescribeReplicationTasksCommand } from "@aws-sdk/client-database-migration-service";
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

const DATABASE = "resident-information-db-production";

/**
 * production (two SQL Server sources sharing one target, a nightly full-load reload, alarms, customer-managed
 * keys, a protected Multi-AZ database) applied to the local emulator, then decommissioned and destroyed.
 */
describe("production on the local AWS emulator", () => {
  const session = emulatorSuite("production");

  const database = async () => (await session().clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DATABASE }))).DBInstances![0];
  const tasks = async () => (await session().clients.dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks ?? [];

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

  test("decommissioning lifts the protection on purpose; destroy then removes everything but the final snapshot", async () => {
    const decommissioned = session().deploymentFrom(writeDecommissionedCopy(ENVIRONMENTS_DIR, "production", join(session().workdir, "decommissioned-environments")), "decommissioned");
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
