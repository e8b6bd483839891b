import { validateWith } from "../core/rules";
import { Construct } from "constructs";
import { Annotations, Token } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DEFAULT_DMS_ALARM_THRESHOLDS, DmsAlarmThresholds, mergeThresholds, thresholdProblems } from "./alarm-thresholds";
import { dmsInstanceClassMemoryGib } from "./instance-class-memory";
import { AlarmContext, GIB, MIB, MetricAlarmSpec, metricAlarm } from "./metric-alarm";

export interface ReplicationInstanceAlarmsProps extends AlarmContext {
  /** The instance's name, such as `staging-dms-instance`: the `ReplicationInstanceIdentifier` of its metrics. */
  readonly replicationInstanceId: string;
  /** GiB. @default - unknown: no storage alarm */
  readonly allocatedStorage?: number;
  /** Such as `dms.t3.medium`. @default - unknown: no memory alarm */
  readonly instanceClass?: string;
  /** @default DEFAULT_DMS_ALARM_THRESHOLDS */
  readonly thresholds?: Partial<DmsAlarmThresholds>;
}

export interface ReplicationInstanceAlarmSet {
  readonly cpuUtilization: CloudwatchMetricAlarm;
  readonly swapUsage: CloudwatchMetricAlarm;
  /** Absent when the allocated storage is not known. */
  readonly freeStorage?: CloudwatchMetricAlarm;
  /** Absent when the instance class is not known or not in `DMS_INSTANCE_CLASS_MEMORY_GIB`. */
  readonly freeableMemory?: CloudwatchMetricAlarm;
}

const PERIOD = 300;

/**
 * CloudWatch alarms on one replication instance (namespace `AWS/DMS`, dimension
 * `ReplicationInstanceIdentifier`), each over 15 minutes: CPU, swap, free storage below a share of the
 * allocated storage, and freeable memory below a share of the class's memory. An alarm whose threshold
 * cannot be computed (storage or class unknown, class not in the table) is left out with a warning.
 */
export class ReplicationInstanceAlarms extends Construct {
  readonly alarms: ReplicationInstanceAlarmSet;

  constructor(scope: Construct, id: string, props: ReplicationInstanceAlarmsProps) {
    super(scope, id);
    validateWith(this, props, thresholdProblems(props.thresholds ?? {}));
    const t = mergeThresholds(DEFAULT_DMS_ALARM_THRESHOLDS, props.thresholds);
    const resource = props.replicationInstanceId;
    type Fixed = "resource" | "namespace" | "dimensions" | "period" | "evaluationPeriods" | "treatMissingData";
    const alarm = (key: string, spec: Omit<MetricAlarmSpec, Fixed>) =>
      metricAlarm(this, key, props, {
        ...spec,
        resource,
        namespace: "AWS/DMS",
        dimensions: { ReplicationInstanceIdentifier: props.replicationInstanceId },
        period: PERIOD,
        evaluationPeriods: 3,
        // An instance publishes these every minute while it exists; a gap is unusual and shows as
        // INSUFFICIENT_DATA (no notification) rather than being counted as good or bad. Instance failures
        // reach the topic through the instance's event subscription.
        treatMissingData: "missing",
      });

    const cpuUtilization = alarm("CpuUtilization", {
      what: "cpu-utilization-high",
      description: `DMS replication instance ${resource}: CPU above ${t.cpuUtilizationPercent}% for 15 minutes. Tasks are starved: use a larger class or spread tasks.`,
      metricName: "CPUUtilization",
      statistic: "Average",
      threshold: t.cpuUtilizationPercent,
      comparisonOperator: "GreaterThanThreshold",
    });
    const swapUsage = alarm("SwapUsage", {
      what: "swap-usage-high",
      description: `DMS replication instance ${resource}: swap above ${t.swapUsageMib} MiB for 15 minutes. The instance is short of memory.`,
      metricName: "SwapUsage",
      statistic: "Maximum",
      threshold: t.swapUsageMib * MIB,
      comparisonOperator: "GreaterThanThreshold",
    });

    let freeStorage: CloudwatchMetricAlarm | undefined;
    const storage = props.allocatedStorage;
    if (storage === undefined || Token.isUnresolved(storage)) {
      Annotations.of(this).addWarning(`no free-storage alarm for ${resource}: its allocated storage is not known`);
    } else {
      freeStorage = alarm("FreeStorage", {
        what: "free-storage-low",
        description:
          `DMS replication instance ${resource}: free storage below ${t.freeStoragePercent}% of its ${storage} GiB for 15 minutes. ` +
          "Task logs, cached changes and swap files fill it: raise allocated storage or shorten log retention.",
        metricName: "FreeStorageSpace",
        statistic: "Minimum",
        threshold: Math.round((storage * GIB * t.freeStoragePercent) / 100),
        comparisonOperator: "LessThanThreshold",
      });
    }

    let freeableMemory: CloudwatchMetricAlarm | undefined;
    const memoryGib = props.instanceClass === undefined || Token.isUnresolved(props.instanceClass) ? undefined : dmsInstanceClassMemoryGib(props.instanceClass);
    if (memoryGib === undefined) {
      Annotations.of(this).addWarning(
        props.instanceClass === undefined
          ? `no freeable-memory alarm for ${resource}: its instance class is not known`
          : `no freeable-memory alarm for ${resource}: the memory of class ${props.instanceClass} is not in DMS_INSTANCE_CLASS_MEMORY_GIB`,
      );
    } else {
      freeableMemory = alarm("FreeableMemory", {
        what: "freeable-memory-low",
        description:
          `DMS replication instance ${resource}: freeable memory below ${t.freeableMemoryPercent}% of the ${memoryGib} GiB of ${props.instanceClass} for 15 minutes. ` +
          "The instance is overloaded and will swap: use a larger (or R-class) instance or fewer tasks.",
        metricName: "FreeableMemory",
        statistic: "Minimum",
        threshold: Math.round((memoryGib * GIB * t.freeableMemoryPercent) / 100),
        comparisonOperator: "LessThanThreshold",
      });
    }
    this.alarms = { cpuUtilization, swapUsage, freeStorage, freeableMemory };
  }
}
