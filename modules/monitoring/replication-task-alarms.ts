import { validateWith } from "../core/rules";
import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { MigrationType } from "../dms/migration-type";
import { DEFAULT_DMS_ALARM_THRESHOLDS, DmsAlarmThresholds, mergeThresholds, thresholdProblems } from "./alarm-thresholds";
import { AlarmContext, MetricAlarmSpec, metricAlarm } from "./metric-alarm";

/** What task alarms need of a task; `ReplicationTask` has it. */
export interface IMonitoredTask {
  readonly replicationTaskArn: string;
  /** The task's name, such as `uht-to-uh-mirror`: alarm names and event subscriptions use it. */
  readonly replicationTaskId: string;
  readonly migrationType: MigrationType;
}

export interface ReplicationTaskAlarmsProps extends AlarmContext {
  readonly task: IMonitoredTask;
  /** Name of the instance the task runs on: the `ReplicationInstanceIdentifier` of the task's metrics. */
  readonly replicationInstanceId: string;
  /** @default DEFAULT_DMS_ALARM_THRESHOLDS */
  readonly thresholds?: Partial<DmsAlarmThresholds>;
  /**
   * The stalled-full-load alarm of `full-load` and `full-load-and-cdc` tasks. Turn it off if the task
   * keeps publishing zero full-load rows once its full load is over (see the alarm's comment).
   * @default true
   */
  readonly fullLoadStalledAlarm?: boolean;
}

/** The alarms of one task; those its migration type cannot raise are absent. */
export interface ReplicationTaskAlarmSet {
  readonly cdcLatencySourceWarning?: CloudwatchMetricAlarm;
  readonly cdcLatencySourceCritical?: CloudwatchMetricAlarm;
  readonly cdcLatencyTargetWarning?: CloudwatchMetricAlarm;
  readonly cdcLatencyTargetCritical?: CloudwatchMetricAlarm;
  readonly cdcChangesDiskSource?: CloudwatchMetricAlarm;
  readonly cdcChangesDiskTarget?: CloudwatchMetricAlarm;
  readonly fullLoadStalled?: CloudwatchMetricAlarm;
}

const PERIOD = 300;

/**
 * The `ReplicationTaskIdentifier` of a task's metrics: its resource id, the last part of its ARN
 * (`arn:aws:dms:<region>:<account>:task:<RESOURCE ID>`), not its `replication_task_id`. AWS's
 * monitoring page (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Monitoring.html) says so without an
 * example; CloudWatch dashboards of real tasks show ids such as `UPIIRRYFTHAI7AAEHCM6X5CAFXH2ODSHQ7M3WUA` there.
 * It is derived in Terraform from the ARN, so it follows the task when the task is replaced.
 */
export function replicationTaskResourceId(replicationTaskArn: string): string {
  return Token.asString(Fn.element(Fn.split(":", replicationTaskArn), 6));
}

/**
 * CloudWatch alarms on one DMS task (namespace `AWS/DMS`, dimensions `ReplicationInstanceIdentifier` and
 * `ReplicationTaskIdentifier`), only those its migration type can raise: CDC latency at the source and at
 * the target (warning and critical) and changes spilling to disk for `cdc` and `full-load-and-cdc`; a
 * stalled full load for `full-load` and `full-load-and-cdc`. Each notifies the topic on ALARM and on OK.
 */
export class ReplicationTaskAlarms extends Construct {
  readonly alarms: ReplicationTaskAlarmSet;

  constructor(scope: Construct, id: string, props: ReplicationTaskAlarmsProps) {
    super(scope, id);
    validateWith(this, props, thresholdProblems(props.thresholds ?? {}));
    const t = mergeThresholds(DEFAULT_DMS_ALARM_THRESHOLDS, props.thresholds);
    const task = props.task;
    const resource = task.replicationTaskId;
    const dimensions = {
      ReplicationInstanceIdentifier: props.replicationInstanceId,
      ReplicationTaskIdentifier: replicationTaskResourceId(task.replicationTaskArn),
    };
    const alarm = (key: string, spec: Omit<MetricAlarmSpec, "resource" | "namespace" | "dimensions" | "period">) =>
      metricAlarm(this, key, props, { ...spec, resource, namespace: "AWS/DMS", dimensions, period: PERIOD });

    const alarms: { -readonly [K in keyof ReplicationTaskAlarmSet]: ReplicationTaskAlarmSet[K] } = {};
    if (task.migrationType !== "full-load") {
      // CDC metrics are only published while the task runs: a stopped task is not lagging. Stops and
      // failures are reported by the task's event subscription (state change, failure), not by these.
      const cdc = { treatMissingData: "notBreaching" as const };
      alarms.cdcLatencySourceWarning = alarm("CdcLatencySourceWarning", {
        ...cdc,
        what: "cdc-latency-source-warning",
        description:
          `DMS task ${resource}: CDCLatencySource above ${t.cdcLatencySourceWarningSeconds} s for 15 minutes. ` +
          "Capture from the source is slow: check log access on the source (backups, archive reads) or a long open transaction.",
        metricName: "CDCLatencySource",
        statistic: "Maximum",
        evaluationPeriods: 3,
        threshold: t.cdcLatencySourceWarningSeconds,
        comparisonOperator: "GreaterThanThreshold",
      });
      alarms.cdcLatencySourceCritical = alarm("CdcLatencySourceCritical", {
        ...cdc,
        what: "cdc-latency-source-critical",
        description:
          `DMS task ${resource}: CDCLatencySource above ${t.cdcLatencySourceCriticalSeconds} s for 10 minutes. ` +
          "The source may discard log DMS has not read yet (log retention, polling interval): act now.",
        metricName: "CDCLatencySource",
        statistic: "Maximum",
        evaluationPeriods: 2,
        threshold: t.cdcLatencySourceCriticalSeconds,
        comparisonOperator: "GreaterThanThreshold",
      });
      alarms.cdcLatencyTargetWarning = alarm("CdcLatencyTargetWarning", {
        ...cdc,
        what: "cdc-latency-target-warning",
        description:
          `DMS task ${resource}: CDCLatencyTarget above ${t.cdcLatencyTargetWarningSeconds} s for 15 minutes. ` +
          "Changes reach the target late; if CDCLatencySource is low, look at the apply side (indexes, triggers, batch apply, the target's size).",
        metricName: "CDCLatencyTarget",
        statistic: "Maximum",
        evaluationPeriods: 3,
        threshold: t.cdcLatencyTargetWarningSeconds,
        comparisonOperator: "GreaterThanThreshold",
      });
      alarms.cdcLatencyTargetCritical = alarm("CdcLatencyTargetCritical", {
        ...cdc,
        what: "cdc-latency-target-critical",
        description:
          `DMS task ${resource}: CDCLatencyTarget above ${t.cdcLatencyTargetCriticalSeconds} s for 10 minutes. ` +
          "The target is far behind the source.",
        metricName: "CDCLatencyTarget",
        statistic: "Maximum",
        evaluationPeriods: 2,
        threshold: t.cdcLatencyTargetCriticalSeconds,
        comparisonOperator: "GreaterThanThreshold",
      });
      for (const side of ["Source", "Target"] as const) {
        alarms[`cdcChangesDisk${side}`] = alarm(`CdcChangesDisk${side}`, {
          ...cdc,
          what: `cdc-changes-disk-${side.toLowerCase()}`,
          description:
            `DMS task ${resource}: CDCChangesDisk${side} above ${t.cdcChangesOnDisk} for 15 minutes. ` +
            "Changes spill to disk: raise the task's MemoryLimitTotal or the instance class, or look for very large transactions.",
          metricName: `CDCChangesDisk${side}`,
          statistic: "Average",
          evaluationPeriods: 3,
          threshold: t.cdcChangesOnDisk,
          comparisonOperator: "GreaterThanThreshold",
        });
      }
    }
    if (task.migrationType !== "cdc" && props.fullLoadStalledAlarm !== false) {
      alarms.fullLoadStalled = alarm("FullLoadStalled", {
        what: "full-load-stalled",
        description:
          `DMS task ${resource}: no rows written to the target (FullLoadThroughputRowsTarget) for ${t.fullLoadStalledMinutes} minutes ` +
          "while the metric is published. A full load is stuck: look for locks on the target or a table that cannot be read.",
        metricName: "FullLoadThroughputRowsTarget",
        statistic: "Sum",
        evaluationPeriods: t.fullLoadStalledMinutes / 5,
        threshold: 0,
        comparisonOperator: "LessThanOrEqualToThreshold",
        // Nothing is published while the task is stopped (a finished full-load task stops): that is not a
        // stall. Only periods that report zero rows count. Whether DMS goes on publishing zeros during the
        // CDC phase of a full-load-and-cdc task is not documented; if it does, this alarm stays in ALARM
        // after the full load, and `fullLoadStalledAlarm: false` turns it off.
        treatMissingData: "notBreaching",
      });
    }
    this.alarms = alarms;
  }
}
