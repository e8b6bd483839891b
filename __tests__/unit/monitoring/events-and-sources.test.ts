import { DmsEventNotifications, DMS_EVENT_CATEGORIES } from "../../../modules/monitoring/dms-event-notifications";
import { DmsMonitoring } from "../../../modules/monitoring/dms-monitoring";
import { PostgresDatabase } from "../../../modules/postgres/postgres-database";
import { postgresProps } from "../../helpers/fixtures";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";
import { CONTEXT, errorOf, fakeTask, instanceFixture, monitoringStack, realTask, synthAlarms } from "./monitoring-fixtures";

const GIB = 1024 ** 3;

function subscription(json: TerraformJson, sourceType: string): Record<string, any> {
  const found = blocks(json, "aws_dms_event_subscription").filter((s) => s.source_type === sourceType);
  if (found.length !== 1) throw new Error(`expected one ${sourceType} subscription, found ${found.length}`);
  return found[0];
}

describe("DMS event subscriptions", () => {
  test("a replication instance's failure, low storage and failover events go to the topic", () => {
    const { stack, monitoring } = monitoringStack();
    monitoring.addReplicationInstance(instanceFixture(stack));
    const json = synth(stack);
    expect(subscription(json, "replication-instance")).toEqual({
      name: "mosaic-development-dms-replication-instance-events",
      source_type: "replication-instance",
      source_ids: ["development-dms-instance"],
      event_categories: ["failure", "low storage", "failover"],
      sns_topic_arn: `\${aws_sns_topic.${logicalId(json, "aws_sns_topic")}.arn}`,
      enabled: true,
      tags: { Environment: "development", project_name: "mosaic", "terraform-managed": "true" },
      // Created after the topic policy (so DMS may publish) and after the source it names.
      depends_on: [
        `aws_sns_topic_policy.${logicalId(json, "aws_sns_topic_policy")}`,
        `aws_dms_replication_instance.${logicalId(json, "aws_dms_replication_instance")}`,
      ],
    });
  });

  test("a task's failure and state-change events go to the topic, by task name", () => {
    const { stack, monitoring } = monitoringStack();
    const { instance, task } = realTask(stack);
    monitoring.addTask(task, { replicationInstance: instance });
    const json = synth(stack);
    expect(subscription(json, "replication-task")).toMatchObject({
      name: "mosaic-development-dms-replication-task-events",
      source_ids: ["mosaic-to-mirror"],
      event_categories: ["failure", "state change"],
      depends_on: [`aws_sns_topic_policy.${logicalId(json, "aws_sns_topic_policy")}`, `aws_dms_replication_task.${logicalId(json, "aws_dms_replication_task")}`],
    });
  });

  test("all tasks share one subscription, listed in name order", () => {
    const { stack, monitoring } = monitoringStack();
    const replicationInstance = instanceFixture(stack);
    monitoring.addTask(fakeTask("full-load", "uhw-to-mirror"), { replicationInstance });
    monitoring.addTask(fakeTask("cdc", "uht-to-mirror"), { replicationInstance });
    expect(subscription(synth(stack), "replication-task").source_ids).toEqual(["uht-to-mirror", "uhw-to-mirror"]);
  });

  test("categories can be chosen", () => {
    const { stack, monitoring } = monitoringStack({ taskEventCategories: ["failure", "configuration change", "deletion"] });
    monitoring.addTask(fakeTask(), { replicationInstance: instanceFixture(stack) });
    expect(subscription(synth(stack), "replication-task").event_categories).toEqual(["failure", "configuration change", "deletion"]);
  });

  test("nothing monitored, no subscription", () => {
    const { stack } = monitoringStack();
    expect(synth(stack).resource.aws_dms_event_subscription).toBeUndefined();
  });

  test("the categories are those DescribeEventCategories returns: lower case, with spaces", () => {
    expect(DMS_EVENT_CATEGORIES["replication-instance"]).toEqual(
      expect.arrayContaining(["low storage", "configuration change", "maintenance", "deletion", "creation", "failover", "failure"]),
    );
    expect(DMS_EVENT_CATEGORIES["replication-task"]).toEqual(
      expect.arrayContaining(["configuration change", "state change", "deletion", "creation", "failure"]),
    );
  });

  describe("refuses", () => {
    test("a category spelt as the user guide prints it", () => {
      const { stack, monitoring } = monitoringStack({ instanceEventCategories: ["failure", "LowStorage"] });
      expect(errorOf(() => monitoring.addReplicationInstance(instanceFixture(stack)))).toBe(
        'test/Monitoring/InstanceEvents: `eventCategories` ["LowStorage"] are not categories of replication-instance; allowed: "configuration change", "creation", "deletion", "maintenance", "low storage", "failover", "failure"',
      );
    });

    test("a category of the other source type", () => {
      const stack = newStack();
      expect(
        errorOf(
          () => new DmsEventNotifications(stack, "Events", { ...CONTEXT, sourceType: "replication-task", topicArn: "arn:aws:sns:eu-west-2:123456789012:a", eventCategories: ["low storage"] }),
        ),
      ).toBe('test/Events: `eventCategories` ["low storage"] are not categories of replication-task; allowed: "configuration change", "creation", "deletion", "state change", "failure"');
    });

    test("no category at all", () => {
      expect(
        errorOf(() => new DmsEventNotifications(newStack(), "Events", { ...CONTEXT, sourceType: "replication-task", topicArn: "arn:aws:sns:eu-west-2:123456789012:a", eventCategories: [] })),
      ).toBe('test/Events: `eventCategories` [] is empty; allowed: "configuration change", "creation", "deletion", "state change", "failure"');
    });

    test("a source that is not a DMS name, or one added twice", () => {
      const events = new DmsEventNotifications(newStack(), "Events", { ...CONTEXT, sourceType: "replication-task", topicArn: "arn:aws:sns:eu-west-2:123456789012:a" });
      expect(errorOf(() => events.addSource("arn:aws:dms:eu-west-2:123456789012:task:ABC"))).toBe(
        'test/Events: source "arn:aws:dms:eu-west-2:123456789012:task:ABC" must be a DMS name: letters, digits and single hyphens, starting with a letter',
      );
      events.addSource("uht-to-mirror");
      expect(errorOf(() => events.addSource("uht-to-mirror"))).toBe('test/Events: source "uht-to-mirror" is already subscribed');
    });
  });
});

describe("PostgreSQL source replication slots", () => {
  const NAME = "mosaic-development-reporting-db-development-replication-slot-disk-usage-high";

  test("alarm on ReplicationSlotDiskUsage of the RDS instance above 10 GiB for 15 minutes, to the topic", () => {
    const { stack, monitoring } = monitoringStack();
    monitoring.addPostgresSource("reporting-db-development");
    const json = synth(stack);
    const topicArn = `\${aws_sns_topic.${logicalId(json, "aws_sns_topic")}.arn}`;
    expect(synthAlarms(stack)[NAME]).toMatchObject({
      namespace: "AWS/RDS",
      metric_name: "ReplicationSlotDiskUsage",
      dimensions: { DBInstanceIdentifier: "reporting-db-development" },
      statistic: "Maximum",
      period: 300,
      evaluation_periods: 3,
      threshold: 10 * GIB,
      comparison_operator: "GreaterThanThreshold",
      treat_missing_data: "notBreaching",
      alarm_actions: [topicArn],
      ok_actions: [topicArn],
    });
  });

  test("the limit can be overridden, for all sources or one", () => {
    const { stack, monitoring } = monitoringStack({ thresholds: { replicationSlotDiskUsageGib: 50 } });
    monitoring.addPostgresSource("reporting-db-development");
    monitoring.addPostgresSource("archive-db-development", { thresholds: { replicationSlotDiskUsageGib: 5 } });
    const alarms = synthAlarms(stack);
    expect(alarms[NAME].threshold).toBe(50 * GIB);
    expect(alarms["mosaic-development-archive-db-development-replication-slot-disk-usage-high"].threshold).toBe(5 * GIB);
  });

  test("takes a PostgresDatabase of this project", () => {
    const { stack, monitoring } = monitoringStack();
    monitoring.addPostgresSource(new PostgresDatabase(stack, "Db", postgresProps()));
    expect(synthAlarms(stack)["mosaic-development-mosaic-mirror-db-development-replication-slot-disk-usage-high"].dimensions).toEqual({
      DBInstanceIdentifier: "mosaic-mirror-db-development",
    });
  });

  test("refuses an identifier RDS would not accept, and the same source twice", () => {
    const { monitoring } = monitoringStack();
    expect(errorOf(() => monitoring.addPostgresSource("reporting_db"))).toBe(
      'test/Monitoring/PostgresSource-reporting_db: `dbInstanceIdentifier` = "reporting_db": is not an RDS instance identifier; allowed: 1-63 letters, digits or single hyphens, starting with a letter',
    );
    monitoring.addPostgresSource("reporting-db-development");
    expect(errorOf(() => monitoring.addPostgresSource("reporting-db-development"))).toBe(
      'test/Monitoring: PostgreSQL source "reporting-db-development" is already monitored',
    );
  });

  test("refuses a limit below 1 GiB", () => {
    const { monitoring } = monitoringStack();
    expect(errorOf(() => monitoring.addPostgresSource("reporting-db-development", { thresholds: { replicationSlotDiskUsageGib: 0 } }))).toBe(
      "test/Monitoring: `thresholds.replicationSlotDiskUsageGib` = 0: must be a whole number from 1 to 65536 GiB, got 0",
    );
  });
});

describe("DmsMonitoring with a topic of its own", () => {
  test("reports to a given topic and creates none", () => {
    const stack = newStack();
    const monitoring = new DmsMonitoring(stack, "Monitoring", { ...CONTEXT, topic: { topicArn: "arn:aws:sns:eu-west-2:123456789012:platform-alarms" } });
    monitoring.addTask(fakeTask("cdc"), { replicationInstance: instanceFixture(stack) });
    const json = synth(stack);
    expect(json.resource.aws_sns_topic).toBeUndefined();
    expect(json.resource.aws_kms_key).toBeUndefined();
    const alarm = synthAlarms(stack)["mosaic-development-mosaic-to-mirror-cdc-latency-target-critical"];
    expect(alarm.alarm_actions).toEqual(["arn:aws:sns:eu-west-2:123456789012:platform-alarms"]);
    expect(only(json, "aws_dms_event_subscription").sns_topic_arn).toBe("arn:aws:sns:eu-west-2:123456789012:platform-alarms");
  });

  test("refuses subscribers or a key alongside a given topic", () => {
    expect(
      errorOf(
        () =>
          new DmsMonitoring(newStack(), "Monitoring", {
            ...CONTEXT,
            topic: { topicArn: "arn:aws:sns:eu-west-2:123456789012:platform-alarms" },
            subscribers: [{ protocol: "email", endpoint: "ops@example.com" }],
          }),
      ),
    ).toBe("test/Monitoring: `subscribers` = (given): configures a created topic; with `topic`, set it on that topic instead");
  });

  test("passes subscribers and a key to the topic it creates", () => {
    const { stack } = monitoringStack({
      subscribers: [{ protocol: "email", endpoint: "ops@example.com" }],
      kmsKeyArn: "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    });
    const json = synth(stack);
    expect(only(json, "aws_sns_topic").kms_master_key_id).toBe("arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    expect(only(json, "aws_sns_topic_subscription")).toMatchObject({ protocol: "email", endpoint: "ops@example.com" });
  });
});
