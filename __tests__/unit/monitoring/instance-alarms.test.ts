import { DmsAccountRoles } from "../../../modules/dms/account-roles";
import { ReplicationInstance } from "../../../modules/dms/replication-instance";
import { DmsAlarmThresholds } from "../../../modules/monitoring/alarm-thresholds";
import { DmsMonitoring } from "../../../modules/monitoring/dms-monitoring";
import { DMS_INSTANCE_CLASS_MEMORY_GIB, dmsInstanceClassMemoryGib } from "../../../modules/monitoring/instance-class-memory";
import { ReplicationInstanceAlarms } from "../../../modules/monitoring/replication-instance-alarms";
import { logicalId, newStack, synth } from "../../helpers/synth";
import { CONTEXT, errorOf, instanceFixture, monitoringStack, synthAlarms, warnings } from "./monitoring-fixtures";

const GIB = 1024 ** 3;
const PREFIX = "mosaic-development-development-dms-instance";

function instanceAlarms(thresholds: Partial<DmsAlarmThresholds> = {}) {
  const { stack, monitoring } = monitoringStack({ thresholds });
  monitoring.addReplicationInstance(instanceFixture(stack));
  const json = synth(stack);
  return { alarms: synthAlarms(stack), topicArn: `\${aws_sns_topic.${logicalId(json, "aws_sns_topic")}.arn}` };
}

function existingInstance(attributes: { replicationInstanceId?: string; allocatedStorage?: number; instanceClass?: string }) {
  const { stack, monitoring } = monitoringStack();
  const instance = ReplicationInstance.fromExisting(stack, "Shared", {
    replicationInstanceArn: "arn:aws:dms:eu-west-2:123456789012:rep:ABCDEFGHIJKLMNOP",
    securityGroupId: "sg-0123456789abcdef0",
    ...attributes,
  });
  const added = monitoring.addReplicationInstance(instance);
  return { stack, added, alarms: synthAlarms(stack) };
}

describe("replication instance alarms", () => {
  test("an instance of known storage and class gets CPU, swap, storage and memory alarms", () => {
    expect(Object.keys(instanceAlarms().alarms).sort()).toEqual([
      `${PREFIX}-cpu-utilization-high`,
      `${PREFIX}-free-storage-low`,
      `${PREFIX}-freeable-memory-low`,
      `${PREFIX}-swap-usage-high`,
    ]);
  });

  test.each([
    ["cpu-utilization-high", "CPUUtilization", "Average", 90, "GreaterThanThreshold"],
    ["swap-usage-high", "SwapUsage", "Maximum", 500 * 1024 * 1024, "GreaterThanThreshold"],
    ["free-storage-low", "FreeStorageSpace", "Minimum", 0.2 * 50 * GIB, "LessThanThreshold"],
    ["freeable-memory-low", "FreeableMemory", "Minimum", Math.round(0.1 * 4 * GIB), "LessThanThreshold"],
  ])("%s: %s %s against %d (%s) for 3 five-minute periods, to the topic", (what, metric, statistic, threshold, comparison) => {
    const { alarms, topicArn } = instanceAlarms();
    expect(alarms[`${PREFIX}-${what}`]).toMatchObject({
      namespace: "AWS/DMS",
      metric_name: metric,
      dimensions: { ReplicationInstanceIdentifier: "development-dms-instance" },
      statistic,
      period: 300,
      evaluation_periods: 3,
      threshold,
      comparison_operator: comparison,
      treat_missing_data: "missing",
      alarm_actions: [topicArn],
      ok_actions: [topicArn],
    });
  });

  test("overridden shares and limits change the computed thresholds", () => {
    const { alarms } = instanceAlarms({ cpuUtilizationPercent: 80, swapUsageMib: 1024, freeStoragePercent: 25, freeableMemoryPercent: 15 });
    expect(alarms[`${PREFIX}-cpu-utilization-high`].threshold).toBe(80);
    expect(alarms[`${PREFIX}-swap-usage-high`].threshold).toBe(1024 * 1024 * 1024);
    expect(alarms[`${PREFIX}-free-storage-low`].threshold).toBe(12.5 * GIB);
    expect(alarms[`${PREFIX}-freeable-memory-low`].threshold).toBe(Math.round(0.15 * 4 * GIB));
  });

  test("per-instance overrides apply to that instance only", () => {
    const { stack, monitoring } = monitoringStack({ thresholds: { cpuUtilizationPercent: 85 } });
    monitoring.addReplicationInstance(instanceFixture(stack), { thresholds: { freeStoragePercent: 30 } });
    const alarms = synthAlarms(stack);
    expect(alarms[`${PREFIX}-cpu-utilization-high`].threshold).toBe(85);
    expect(alarms[`${PREFIX}-free-storage-low`].threshold).toBe(15 * GIB);
  });

  test("the memory alarm follows the class's memory (dms.r5.large: 16 GiB)", () => {
    const { alarms } = existingInstance({ replicationInstanceId: "shared-dms", instanceClass: "dms.r5.large" });
    expect(alarms["mosaic-development-shared-dms-freeable-memory-low"].threshold).toBe(Math.round(0.1 * 16 * GIB));
  });

  test("an existing instance without storage or class gets CPU and swap alarms only, with warnings", () => {
    const { stack, alarms } = existingInstance({ replicationInstanceId: "shared-dms" });
    expect(Object.keys(alarms).sort()).toEqual(["mosaic-development-shared-dms-cpu-utilization-high", "mosaic-development-shared-dms-swap-usage-high"]);
    expect(warnings(stack)).toEqual([
      "no free-storage alarm for shared-dms: its allocated storage is not known",
      "no freeable-memory alarm for shared-dms: its instance class is not known",
    ]);
  });

  test("a class whose memory is not in the table gets no memory alarm rather than a guess", () => {
    const { stack, alarms } = existingInstance({ replicationInstanceId: "shared-dms", allocatedStorage: 100, instanceClass: "dms.c7i.large" });
    expect(alarms["mosaic-development-shared-dms-freeable-memory-low"]).toBeUndefined();
    expect(alarms["mosaic-development-shared-dms-free-storage-low"].threshold).toBe(20 * GIB);
    expect(warnings(stack)).toEqual(["no freeable-memory alarm for shared-dms: the memory of class dms.c7i.large is not in DMS_INSTANCE_CLASS_MEMORY_GIB"]);
  });

  test("an instance whose name is not known gets no alarms and no events, with a warning", () => {
    const { stack, added, alarms } = existingInstance({ allocatedStorage: 100, instanceClass: "dms.t3.medium" });
    expect(added).toBeUndefined();
    expect(alarms).toEqual({});
    expect(synth(stack).resource.aws_dms_event_subscription).toBeUndefined();
    expect(warnings(stack)).toEqual([
      "no alarms or events for replication instance arn:aws:dms:eu-west-2:123456789012:rep:ABCDEFGHIJKLMNOP: its replicationInstanceId (the name its metrics carry) is not known",
    ]);
  });

  test("the instance given in the props is monitored", () => {
    const stack = newStack();
    const instance = new ReplicationInstance(stack, "Instance", {
      ...CONTEXT,
      replicationInstanceId: "dev-dms",
      instanceClass: "dms.c5.xlarge",
      engineVersion: "3.6.1",
      allocatedStorage: 100,
      vpcId: "vpc-0123456789abcdef0",
      subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
      accountRoles: new DmsAccountRoles(stack, "Roles", { mode: "existing" }),
    });
    new DmsMonitoring(stack, "Monitoring", { ...CONTEXT, replicationInstance: instance });
    const alarms = synthAlarms(stack);
    expect(alarms["mosaic-development-dev-dms-free-storage-low"].threshold).toBe(20 * GIB);
    expect(alarms["mosaic-development-dev-dms-freeable-memory-low"].threshold).toBe(Math.round(0.1 * 8 * GIB));
  });

  test("the memory table holds the sizes AWS lists per class (C6i/R6i by their family's ratio) and nothing guessed", () => {
    expect(dmsInstanceClassMemoryGib("dms.t3.micro")).toBe(1);
    expect(dmsInstanceClassMemoryGib("dms.t3.large")).toBe(8);
    expect(dmsInstanceClassMemoryGib("dms.c5.9xlarge")).toBe(72);
    expect(dmsInstanceClassMemoryGib("dms.r5.24xlarge")).toBe(768);
    expect(dmsInstanceClassMemoryGib("dms.c6i.4xlarge")).toBe(32);
    expect(dmsInstanceClassMemoryGib("dms.r6i.2xlarge")).toBe(64);
    expect(dmsInstanceClassMemoryGib("DMS.T3.MEDIUM")).toBe(4);
    expect(dmsInstanceClassMemoryGib("dms.t2.medium")).toBeUndefined();
    expect(dmsInstanceClassMemoryGib("dms.r7i.large")).toBeUndefined();
    expect(Object.keys(DMS_INSTANCE_CLASS_MEMORY_GIB)).toHaveLength(2 + 4 + 8 + 9 + 8 + 9);
  });

  describe("refuses", () => {
    test("the same instance twice", () => {
      const { stack, monitoring } = monitoringStack();
      const instance = instanceFixture(stack);
      monitoring.addReplicationInstance(instance);
      expect(errorOf(() => monitoring.addReplicationInstance(instance))).toBe(
        'test/Monitoring: replication instance "development-dms-instance" is already monitored',
      );
    });

    test("a share outside 1-99 percent", () => {
      expect(errorOf(() => instanceAlarms({ freeStoragePercent: 0 }))).toBe(
        "test/Monitoring: `thresholds.freeStoragePercent` = 0: must be a number from 1 to 99 percent, got 0",
      );
      expect(errorOf(() => instanceAlarms({ cpuUtilizationPercent: 100 }))).toBe(
        "test/Monitoring: `thresholds.cpuUtilizationPercent` = 100: must be a number from 1 to 99 percent, got 100",
      );
    });

    test("a swap limit that is not a whole number of MiB", () => {
      expect(errorOf(() => instanceAlarms({ swapUsageMib: 0.5 }))).toBe(
        "test/Monitoring: `thresholds.swapUsageMib` = 0.5: must be a whole number from 1 to 1048576 MiB, got 0.5",
      );
    });

    test("every bad threshold at once, when used directly", () => {
      expect(
        errorOf(
          () =>
            new ReplicationInstanceAlarms(newStack(), "Alarms", {
              ...CONTEXT,
              topicArn: "arn:aws:sns:eu-west-2:123456789012:alarms",
              replicationInstanceId: "dev-dms",
              thresholds: { freeableMemoryPercent: 120, swapUsageMib: 0 },
            }),
        ),
      ).toBe(
        "test/Alarms: `thresholds.freeableMemoryPercent` = 120: must be a number from 1 to 99 percent, got 120\n" +
          "test/Alarms: `thresholds.swapUsageMib` = 0: must be a whole number from 1 to 1048576 MiB, got 0",
      );
    });
  });
});
