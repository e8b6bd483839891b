import { Problem, renderValue } from "../core/problem";
/**
 * The thresholds of the DMS alarms. AWS publishes no thresholds; these defaults are this project's own choice,
 * made to catch sustained trouble and ignore short bursts. Periods are 5 minutes. The metrics are described at
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Monitoring.html.
 */
export interface DmsAlarmThresholds {
  /** `CDCLatencySource` (Maximum) above this for 3 periods (15 min): capture from the source is slow. @default 600 */
  readonly cdcLatencySourceWarningSeconds: number;
  /** `CDCLatencySource` (Maximum) above this for 2 periods (10 min): the source's log retention is at risk. @default 1800 */
  readonly cdcLatencySourceCriticalSeconds: number;
  /** `CDCLatencyTarget` (Maximum) above this for 3 periods (15 min): changes reach the target late. @default 300 */
  readonly cdcLatencyTargetWarningSeconds: number;
  /** `CDCLatencyTarget` (Maximum) above this for 2 periods (10 min): end-to-end lag is beyond tolerance. @default 1800 */
  readonly cdcLatencyTargetCriticalSeconds: number;
  /**
   * `CDCChangesDiskSource` and `CDCChangesDiskTarget` (Average) above this for 3 periods (15 min): changes
   * spill to disk because memory is too small or transactions too large. @default 0
   */
  readonly cdcChangesOnDisk: number;
  /** `FullLoadThroughputRowsTarget` (Sum) at 0 for this long: a full load is stuck. A multiple of 5. @default 30 */
  readonly fullLoadStalledMinutes: number;
  /** `FreeStorageSpace` (Minimum) below this share of the instance's allocated storage, for 15 min. @default 20 */
  readonly freeStoragePercent: number;
  /** `FreeableMemory` (Minimum) below this share of the instance class's memory, for 15 min. @default 10 */
  readonly freeableMemoryPercent: number;
  /** `CPUUtilization` (Average) above this, for 15 min. @default 90 */
  readonly cpuUtilizationPercent: number;
  /** `SwapUsage` (Maximum) above this many MiB, for 15 min. @default 500 */
  readonly swapUsageMib: number;
  /** `ReplicationSlotDiskUsage` (Maximum) of a PostgreSQL source above this many GiB, for 15 min. @default 10 */
  readonly replicationSlotDiskUsageGib: number;
}

export type DmsAlarmThresholdName = keyof DmsAlarmThresholds;

export const DEFAULT_DMS_ALARM_THRESHOLDS: Readonly<DmsAlarmThresholds> = Object.freeze({
  cdcLatencySourceWarningSeconds: 600,
  cdcLatencySourceCriticalSeconds: 1800,
  cdcLatencyTargetWarningSeconds: 300,
  cdcLatencyTargetCriticalSeconds: 1800,
  cdcChangesOnDisk: 0,
  fullLoadStalledMinutes: 30,
  freeStoragePercent: 20,
  freeableMemoryPercent: 10,
  cpuUtilizationPercent: 90,
  swapUsageMib: 500,
  replicationSlotDiskUsageGib: 10,
});

/** The allowed range of one threshold, shared by the constructs and the environment-file schema. */
export interface ThresholdRule {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only. */
  readonly integer: boolean;
  /** Must be a multiple of this. @default - any */
  readonly multipleOf?: number;
  readonly unit: string;
}

const seconds: ThresholdRule = { min: 60, max: 86400, integer: true, unit: "seconds" };
const percent: ThresholdRule = { min: 1, max: 99, integer: false, unit: "percent" };

/** One day is the longest an alarm may look back (period x evaluation periods). */
export const DMS_ALARM_THRESHOLD_RULES: Readonly<Record<DmsAlarmThresholdName, ThresholdRule>> = Object.freeze({
  cdcLatencySourceWarningSeconds: seconds,
  cdcLatencySourceCriticalSeconds: seconds,
  cdcLatencyTargetWarningSeconds: seconds,
  cdcLatencyTargetCriticalSeconds: seconds,
  cdcChangesOnDisk: { min: 0, max: 1_000_000_000, integer: true, unit: "changes" },
  fullLoadStalledMinutes: { min: 10, max: 1440, integer: true, multipleOf: 5, unit: "minutes" },
  freeStoragePercent: percent,
  freeableMemoryPercent: percent,
  cpuUtilizationPercent: percent,
  swapUsageMib: { min: 1, max: 1_048_576, integer: true, unit: "MiB" },
  replicationSlotDiskUsageGib: { min: 1, max: 65536, integer: true, unit: "GiB" },
});

/** Warning levels that must stay below their critical level, or the warning would never be seen. */
export const DMS_ALARM_THRESHOLD_PAIRS: ReadonlyArray<readonly [DmsAlarmThresholdName, DmsAlarmThresholdName]> = [
  ["cdcLatencySourceWarningSeconds", "cdcLatencySourceCriticalSeconds"],
  ["cdcLatencyTargetWarningSeconds", "cdcLatencyTargetCriticalSeconds"],
];

/** What is allowed for one threshold, as words: `a whole number from 60 to 86400 seconds`. */
export function describeThresholdRule(rule: ThresholdRule): string {
  const kind = rule.multipleOf ? `a multiple of ${rule.multipleOf}` : rule.integer ? "a whole number" : "a number";
  return `${kind} from ${rule.min} to ${rule.max} ${rule.unit}`;
}

/** The problem of one threshold value, or undefined. */
export function thresholdValueProblem(name: DmsAlarmThresholdName, value: number): string | undefined {
  const rule = DMS_ALARM_THRESHOLD_RULES[name];
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= rule.min &&
    value <= rule.max &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.multipleOf === undefined || value % rule.multipleOf === 0);
  return ok ? undefined : `must be ${describeThresholdRule(rule)}, got ${value}`;
}

/**
 * Every problem of a set of overrides merged onto `base`, as `[field, message]`: values out of range, and
 * warning levels not below their critical level. Unknown names are refused too (JavaScript callers).
 */
export function alarmThresholdProblems(
  overrides: Partial<DmsAlarmThresholds>,
  base: Readonly<DmsAlarmThresholds> = DEFAULT_DMS_ALARM_THRESHOLDS,
): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in DMS_ALARM_THRESHOLD_RULES)) {
      problems.push([name, `is not a threshold; allowed: ${Object.keys(DMS_ALARM_THRESHOLD_RULES).join(", ")}`]);
      continue;
    }
    if (value === undefined) continue;
    const problem = thresholdValueProblem(name as DmsAlarmThresholdName, value);
    if (problem) problems.push([name, problem]);
  }
  if (problems.length > 0) return problems;
  const merged = mergeThresholds(base, overrides);
  for (const [warning, critical] of DMS_ALARM_THRESHOLD_PAIRS) {
    if (merged[warning] >= merged[critical]) {
      problems.push([warning, `(${merged[warning]}) must be below ${critical} (${merged[critical]})`]);
    }
  }
  return problems;
}

/** alarmThresholdProblems as problems at `thresholds.<name>`, for a construct's validateWith. */
export function thresholdProblems(overrides: Partial<DmsAlarmThresholds>, base: Readonly<DmsAlarmThresholds> = DEFAULT_DMS_ALARM_THRESHOLDS): Problem[] {
  return alarmThresholdProblems(overrides, base).map(([name, message]) => ({
    path: `thresholds.${name}`,
    value: renderValue((overrides as Record<string, unknown>)[name]),
    message,
  }));
}

/** `base` with the overrides that are set. */
export function mergeThresholds(base: Readonly<DmsAlarmThresholds>, overrides: Partial<DmsAlarmThresholds> = {}): DmsAlarmThresholds {
  const merged: Record<string, number> = { ...base };
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) merged[name] = value;
  return merged as unknown as DmsAlarmThresholds;
}
