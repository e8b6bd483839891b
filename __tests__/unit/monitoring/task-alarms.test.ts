import { ReplicationInstance } from "../../../modules/dms/replication-instance";
import { MigrationType } from "../../../modules/dms/migration-type";
import { DmsAlarmThresholds } from "../../../modules/monitoring/alarm-thresholds";
import { DmsMonitoring, DmsMonitoringProps } from "../../../modules/monitoring/dms-monitoring";
import { ReplicationTaskAlarms } from "../../../modules/monitoring/replication-task-alarms";
import { logicalId, newStack, only, synth } from "../../helpers/synth";
import { CONTEXT, TASK_ARN, errorOf, fakeTask, instanceFixture, monitoringStack, realTask, synthAlarms, warnings } from "./monitoring-fixtures";

const PREFIX = "mosaic-development-mosaic-to-mirror";
const CDC_ALARMS = [
  `${PREFIX}-cdc-changes-disk-source`,
  `${PREFIX}-cdc-changes-disk-target`,
  `${PREFIX}-cdc-latency-source-critical`,
  `${PREFIX}-cdc-latency-source-warning`,
  `${PREFIX}-cdc-latency-target-critical`,
  `${PREFIX}-cdc-latency-target-warning`,
];
const FULL_LOAD_ALARMS = [`${PREFIX}-full-load-stalled`];

/** Task alarms only (no instance alarms): the instance is given to addTask, not to the props. */
function taskAlarms(migrationType: MigrationType = "full-load-and-cdc", thresholds: Partial<DmsAlarmThresholds> = {}, props: Partial<DmsMonitoringProps> = {}) {
  const { stack, monitoring } = monitoringStack(props);
  monitoring.addTask(fakeTask(migrationType), { replicationInstance: instanceFixture(stack), thresholds });
  const json = synth(stack);
  const topicArn = `\${aws_sns_topic.${logicalId(json, "aws_sns_topic")}.arn}`;
  const alarms = synthAlarms(stack);
  return { alarms, topicArn };
}

describe("task alarms", () => {
  test("a full-load-and-cdc task gets the CDC alarms and the full-load alarm", () => {
    expect(Object.keys(taskAlarms("full-load-and-cdc").alarms).sort()).toEqual([...CDC_ALARMS, ...FULL_LOAD_ALARMS].sort());
  });

  test("a cdc task gets no full-load alarm", () => {
    expect(Object.keys(taskAlarms("cdc").alarms).sort()).toEqual(CDC_ALARMS);
  });

  test("the stalled-full-load alarm can be turned off", () => {
    const { stack, monitoring } = monitoringStack();
    monitoring.addTask(fakeTask("full-load-and-cdc"), { replicationInstance: instanceFixture(stack), fullLoadStalledAlarm: false });
    expect(Object.keys(synthAlarms(stack)).sort()).toEqual(CDC_ALARMS);
  });

  test("a full-load task gets no CDC alarm", () => {
    expect(Object.keys(taskAlarms("full-load").alarms)).toEqual(FULL_LOAD_ALARMS);
  });

  const dimensions = { ReplicationInstanceIdentifier: "development-dms-instance", ReplicationTaskIdentifier: '${element(split(":", "' + TASK_ARN + '"), 6)}' };

  test.each([
    ["cdc-latency-source-warning", "CDCLatencySource", "Maximum", 3, 600, "GreaterThanThreshold", "notBreaching"],
    ["cdc-latency-source-critical", "CDCLatencySource", "Maximum", 2, 1800, "GreaterThanThreshold", "notBreaching"],
    ["cdc-latency-target-warning", "CDCLatencyTarget", "Maximum", 3, 300, "GreaterThanThreshold", "notBreaching"],
    ["cdc-latency-target-critical", "CDCLatencyTarget", "Maximum", 2, 1800, "GreaterThanThreshold", "notBreaching"],
    ["cdc-changes-disk-source", "CDCChangesDiskSource", "Average", 3, 0, "GreaterThanThreshold", "notBreaching"],
    ["cdc-changes-disk-target", "CDCChangesDiskTarget", "Average", 3, 0, "GreaterThanThreshold", "notBreaching"],
    ["full-load-stalled", "FullLoadThroughputRowsTarget", "Sum", 6, 0, "LessThanOrEqualToThreshold", "notBreaching"],
  ])("%s: %s %s over %i five-minute periods against %d (%s), missing data %s, to the topic", (what, metric, statistic, periods, threshold, comparison, missing) => {
    const { alarms, topicArn } = taskAlarms();
    expect(alarms[`${PREFIX}-${what}`]).toMatchObject({
      namespace: "AWS/DMS",
      metric_name: metric,
      dimensions,
      statistic,
      period: 300,
      evaluation_periods: periods,
      threshold,
      comparison_operator: comparison,
      treat_missing_data: missing,
      alarm_actions: [topicArn],
      ok_actions: [topicArn],
      tags: { Name: `${PREFIX}-${what}`, Environment: "development", project_name: "mosaic", "terraform-managed": "true" },
    });
    expect(alarms[`${PREFIX}-${what}`].insufficient_data_actions).toBeUndefined();
  });

  test("ReplicationTaskIdentifier is the resource id at the end of a real task's ARN, derived in Terraform", () => {
    const { stack, monitoring } = monitoringStack();
    const { instance, task } = realTask(stack);
    monitoring.addTask(task, { replicationInstance: instance });
    const json = synth(stack);
    const taskId = logicalId(json, "aws_dms_replication_task");
    expect(synthAlarms(stack)[`${PREFIX}-cdc-latency-target-warning`].dimensions).toEqual({
      ReplicationInstanceIdentifier: "development-dms-instance",
      ReplicationTaskIdentifier: `\${element(split(":", aws_dms_replication_task.${taskId}.replication_task_arn), 6)}`,
    });
  });

  test("thresholds given to the monitoring apply to every task", () => {
    const { alarms } = taskAlarms("full-load-and-cdc", {}, {
      thresholds: {
        cdcLatencySourceWarningSeconds: 900,
        cdcLatencySourceCriticalSeconds: 3600,
        cdcLatencyTargetWarningSeconds: 600,
        cdcLatencyTargetCriticalSeconds: 3600,
        cdcChangesOnDisk: 10000,
        fullLoadStalledMinutes: 60,
      },
    });
    expect(alarms[`${PREFIX}-cdc-latency-source-warning`].threshold).toBe(900);
    expect(alarms[`${PREFIX}-cdc-latency-source-critical`].threshold).toBe(3600);
    expect(alarms[`${PREFIX}-cdc-latency-target-warning`].threshold).toBe(600);
    expect(alarms[`${PREFIX}-cdc-latency-target-critical`].threshold).toBe(3600);
    expect(alarms[`${PREFIX}-cdc-changes-disk-source`].threshold).toBe(10000);
    expect(alarms[`${PREFIX}-cdc-changes-disk-target`].threshold).toBe(10000);
    expect(alarms[`${PREFIX}-full-load-stalled`]).toMatchObject({ threshold: 0, evaluation_periods: 12 });
  });

  test("thresholds given to addTask apply to that task, on top of the monitoring's", () => {
    const { alarms } = taskAlarms("cdc", { cdcLatencyTargetWarningSeconds: 120 }, { thresholds: { cdcLatencyTargetCriticalSeconds: 2700 } });
    expect(alarms[`${PREFIX}-cdc-latency-target-warning`].threshold).toBe(120);
    expect(alarms[`${PREFIX}-cdc-latency-target-critical`].threshold).toBe(2700);
    expect(alarms[`${PREFIX}-cdc-latency-source-warning`].threshold).toBe(600);
  });

  test("alarm descriptions say what crossed which threshold", () => {
    expect(taskAlarms().alarms[`${PREFIX}-cdc-latency-target-warning`].alarm_description).toMatch(
      /^DMS task mosaic-to-mirror: CDCLatencyTarget above 300 s for 15 minutes\./,
    );
  });

  test("the monitoring's instance is the default instance of its tasks", () => {
    const stack = newStack();
    const instance = instanceFixture(stack);
    const monitoring = new DmsMonitoring(stack, "Monitoring", { ...CONTEXT, replicationInstance: instance });
    monitoring.addTask(fakeTask("cdc"));
    expect(synthAlarms(stack)[`${PREFIX}-cdc-latency-target-warning`].dimensions.ReplicationInstanceIdentifier).toBe("development-dms-instance");
  });

  test("a task on an instance whose name is not known gets its events but no alarms, with a warning", () => {
    const { stack, monitoring } = monitoringStack();
    const existing = ReplicationInstance.fromExisting(stack, "Shared", {
      replicationInstanceArn: "arn:aws:dms:eu-west-2:123456789012:rep:ABCDEFGHIJKLMNOP",
      securityGroupId: "sg-0123456789abcdef0",
    });
    expect(monitoring.addTask(fakeTask(), { replicationInstance: existing })).toBeUndefined();
    expect(synthAlarms(stack)).toEqual({});
    expect(only(synth(stack), "aws_dms_event_subscription").source_ids).toEqual(["mosaic-to-mirror"]);
    expect(warnings(stack)).toEqual([
      'no alarms for task "mosaic-to-mirror": the name (replicationInstanceId) of its replication instance arn:aws:dms:eu-west-2:123456789012:rep:ABCDEFGHIJKLMNOP is not known, and every task metric carries it; its events are still sent',
    ]);
  });

  describe("refuses", () => {
    test("a task without an instance", () => {
      const { monitoring } = monitoringStack();
      expect(errorOf(() => monitoring.addTask(fakeTask()))).toBe(
        'test/Monitoring: task "mosaic-to-mirror": give `replicationInstance` (here or in the props); every task metric names the instance it runs on',
      );
    });

    test("the same task twice", () => {
      const { stack, monitoring } = monitoringStack();
      const replicationInstance = instanceFixture(stack);
      monitoring.addTask(fakeTask(), { replicationInstance });
      expect(errorOf(() => monitoring.addTask(fakeTask(), { replicationInstance }))).toBe('test/Monitoring: task "mosaic-to-mirror" is already monitored');
    });

    test("a warning level that is not below its critical level", () => {
      expect(errorOf(() => taskAlarms("cdc", {}, { thresholds: { cdcLatencyTargetWarningSeconds: 1800 } }))).toBe(
        "test/Monitoring: `thresholds.cdcLatencyTargetWarningSeconds` = 1800: (1800) must be below cdcLatencyTargetCriticalSeconds (1800)",
      );
    });

    test("a per-task override that crosses the monitoring's critical level", () => {
      expect(errorOf(() => taskAlarms("cdc", { cdcLatencySourceWarningSeconds: 3000 }, { thresholds: { cdcLatencySourceCriticalSeconds: 2400 } }))).toBe(
        "test/Monitoring: `thresholds.cdcLatencySourceWarningSeconds` = 3000: (3000) must be below cdcLatencySourceCriticalSeconds (2400)",
      );
    });

    test("a latency outside 60 s to a day", () => {
      expect(errorOf(() => taskAlarms("cdc", {}, { thresholds: { cdcLatencyTargetWarningSeconds: 30 } }))).toBe(
        "test/Monitoring: `thresholds.cdcLatencyTargetWarningSeconds` = 30: must be a whole number from 60 to 86400 seconds, got 30",
      );
    });

    test("a full-load stall that is not a whole number of five-minute periods", () => {
      expect(errorOf(() => taskAlarms("full-load", { fullLoadStalledMinutes: 12 }))).toBe(
        "test/Monitoring: `thresholds.fullLoadStalledMinutes` = 12: must be a multiple of 5 from 10 to 1440 minutes, got 12",
      );
    });

    test("a negative count of changes on disk", () => {
      expect(errorOf(() => taskAlarms("cdc", { cdcChangesOnDisk: -1 }))).toBe(
        "test/Monitoring: `thresholds.cdcChangesOnDisk` = -1: must be a whole number from 0 to 1000000000 changes, got -1",
      );
    });

    test("a threshold name that does not exist (from JavaScript)", () => {
      expect(errorOf(() => taskAlarms("cdc", { cdcLatency: 60 } as unknown as Partial<DmsAlarmThresholds>))).toMatch(
        /^test\/Monitoring: `thresholds\.cdcLatency` = 60: is not a threshold; allowed: cdcLatencySourceWarningSeconds, /,
      );
    });

    test("an alarm name longer than CloudWatch allows", () => {
      const stack = newStack();
      expect(
        errorOf(
          () =>
            new ReplicationTaskAlarms(stack, "Long", {
              ...CONTEXT,
              topicArn: "arn:aws:sns:eu-west-2:123456789012:alarms",
              replicationInstanceId: "development-dms-instance",
              task: fakeTask("full-load", `t${"a".repeat(240)}`),
            }),
        ),
      ).toMatch(/^test\/Long: alarm name "mosaic-development-ta+-full-load-stalled" is 278 characters; CloudWatch allows 255$/);
    });
  });
});
