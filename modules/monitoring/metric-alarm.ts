import { Construct } from "constructs";
import { Token } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { ValidationError } from "../core/errors";
import { ProjectEnvironment, projectTags } from "../core/project-environment";

/** What every alarm of a monitored resource shares: names, tags and where it reports. */
export interface AlarmContext extends ProjectEnvironment {
  /** SNS topic that gets every alarm's ALARM and OK notifications. */
  readonly topicArn: string;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * How CloudWatch evaluates periods without data. Each alarm chooses one and says why:
 * `notBreaching` where a metric is only published while a task runs, `missing` where a gap is itself
 * unusual (instance metrics) and should show as INSUFFICIENT_DATA rather than be guessed either way.
 */
export type TreatMissingData = "notBreaching" | "breaching" | "ignore" | "missing";

export type ComparisonOperator =
  | "GreaterThanThreshold"
  | "GreaterThanOrEqualToThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold";

export interface MetricAlarmSpec {
  /** The monitored resource in the alarm name, such as a task or instance id. */
  readonly resource: string;
  /** What the alarm watches, in the alarm name, such as `cdc-latency-target-warning`. */
  readonly what: string;
  readonly description: string;
  readonly namespace: "AWS/DMS" | "AWS/RDS";
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum";
  /** Seconds. */
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly treatMissingData: TreatMissingData;
}

/** `<project>-<environment>-<resource>-<what>`: stable, since it is built from names, not construct paths. */
export function alarmName(context: ProjectEnvironment, resource: string, what: string): string {
  return `${context.projectName}-${context.environment}-${resource}-${what}`;
}

/** A CloudWatch alarm that notifies the topic when it goes into ALARM and when it is OK again. */
export function metricAlarm(scope: Construct, id: string, context: AlarmContext, spec: MetricAlarmSpec): CloudwatchMetricAlarm {
  const name = alarmName(context, spec.resource, spec.what);
  if (!Token.isUnresolved(name) && name.length > 255) {
    throw new ValidationError(scope, `alarm name "${name}" is ${name.length} characters; CloudWatch allows 255`);
  }
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: name,
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions,
    statistic: spec.statistic,
    period: spec.period,
    evaluationPeriods: spec.evaluationPeriods,
    threshold: spec.threshold,
    comparisonOperator: spec.comparisonOperator,
    treatMissingData: spec.treatMissingData,
    alarmActions: [context.topicArn],
    okActions: [context.topicArn],
    tags: projectTags(context, name, context.additionalTags),
  });
}

/** Bytes in a GiB and a MiB, for thresholds given in those units. */
export const GIB = 1024 ** 3;
export const MIB = 1024 ** 2;
