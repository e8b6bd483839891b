import { validateWith } from "../core/rules";
import { Construct } from "constructs";
import { Token } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { renderValue } from "../core/problem";
import { DEFAULT_DMS_ALARM_THRESHOLDS, DmsAlarmThresholds, mergeThresholds, thresholdProblems } from "./alarm-thresholds";
import { AlarmContext, GIB, metricAlarm } from "./metric-alarm";

export interface ReplicationSlotDiskAlarmProps extends AlarmContext {
  /** The RDS instance of the PostgreSQL source, such as `mosaic-mirror-db-staging`. */
  readonly dbInstanceIdentifier: string;
  /** Only `replicationSlotDiskUsageGib` is used. @default DEFAULT_DMS_ALARM_THRESHOLDS */
  readonly thresholds?: Partial<DmsAlarmThresholds>;
}

const DB_INSTANCE_IDENTIFIER = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/;

/**
 * An alarm on the write-ahead log an RDS PostgreSQL source keeps for its replication slots
 * (`AWS/RDS` `ReplicationSlotDiskUsage`, Maximum, for 15 minutes). A slot DMS stopped reading keeps WAL
 * until the disk is full, which stops the source database.
 */
export class ReplicationSlotDiskAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: ReplicationSlotDiskAlarmProps) {
    super(scope, id);
    const identifier = props.dbInstanceIdentifier;
    const problems = thresholdProblems(props.thresholds ?? {});
    if (!Token.isUnresolved(identifier) && (!DB_INSTANCE_IDENTIFIER.test(identifier) || identifier.endsWith("-"))) {
      problems.unshift({
        path: "dbInstanceIdentifier",
        value: renderValue(identifier),
        message: "is not an RDS instance identifier; allowed: 1-63 letters, digits or single hyphens, starting with a letter",
      });
    }
    validateWith(this, props, problems);
    const gib = mergeThresholds(DEFAULT_DMS_ALARM_THRESHOLDS, props.thresholds).replicationSlotDiskUsageGib;
    this.alarm = metricAlarm(this, "ReplicationSlotDiskUsage", props, {
      resource: identifier,
      what: "replication-slot-disk-usage-high",
      description:
        `PostgreSQL source ${identifier}: replication slots hold more than ${gib} GiB of WAL for 15 minutes. ` +
        "A slot is not being read (a stopped DMS task, or a slot left behind): resume the task or drop the slot before the disk fills.",
      namespace: "AWS/RDS",
      metricName: "ReplicationSlotDiskUsage",
      dimensions: { DBInstanceIdentifier: identifier },
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 3,
      threshold: gib * GIB,
      comparisonOperator: "GreaterThanThreshold",
      // A gap means RDS reported no slot usage (no slot, or the instance is stopped): nothing is retained.
      treatMissingData: "notBreaching",
    });
  }
}
