import { capturesChanges } from "./stack-model";
import { TaskSnapshot } from "./task-snapshot";

export interface CutoverCheck {
  readonly task: string;
  readonly check: string;
  readonly go: boolean;
  /** What was read, and why it passes or fails. */
  readonly detail: string;
}

export interface CutoverLimits {
  /** Highest CDCLatencySource/CDCLatencyTarget allowed over the period, in seconds. */
  readonly maxLatencySeconds: number;
}

const list = (names: readonly string[]) => (names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", "));

/**
 * The go / no-go list for switching applications to the target, per task: the full load finished for every table,
 * no table in error, validation finished without mismatches (where it is on), CDC latency under the limit over the
 * period, and the task healthy (running when it captures changes; finished when it is a full load).
 */
export function cutoverChecks(task: TaskSnapshot, limits: CutoverLimits): CutoverCheck[] {
  const checks: CutoverCheck[] = [];
  const add = (check: string, go: boolean, detail: string) => checks.push({ task: task.id, check, go, detail });
  const tables = task.tables;
  const read = `DescribeTableStatistics: ${tables.length} table${tables.length === 1 ? "" : "s"}`;

  if (task.migrationType === "cdc") add("full load finished", true, "not applicable: a cdc task has no full load");
  else {
    const unfinished = tables.filter((t) => t.state !== "Table completed");
    add(
      "full load finished",
      tables.length > 0 && unfinished.length === 0,
      tables.length === 0 ? `${read}; no table statistics, the task has not loaded anything` : unfinished.length ? `${read}; not completed: ${list(unfinished.map((t) => `${t.schema}.${t.table} (${t.state})`))}` : `${read}, all "Table completed"`,
    );
  }

  const errored = tables.filter((t) => t.state === "Table error" || t.state === "Table cancelled" || t.fullLoadErrorRows > 0);
  add(
    "no table in error",
    errored.length === 0 && task.tablesErrored === 0,
    errored.length || task.tablesErrored
      ? `${read}; in error: ${list(errored.map((t) => `${t.schema}.${t.table} (${t.state}${t.fullLoadErrorRows ? `, ${t.fullLoadErrorRows} rows failed to load` : ""})`)) || `${task.tablesErrored} (TablesErrored)`}`
      : `${read}, none in error or with rows that failed to load; TablesErrored 0`,
  );

  if (!task.validation) add("validation", true, "validation is off in the task settings: not checked (turn it on to compare rows before a cutover)");
  else {
    const notValidated = tables.filter((t) => t.validationState !== "Validated" || t.validationFailedRecords > 0 || t.validationSuspendedRecords > 0 || t.validationPendingRecords > 0);
    add(
      "validation finished without mismatches",
      tables.length > 0 && notValidated.length === 0,
      notValidated.length || tables.length === 0
        ? `${read}; not validated: ${list(notValidated.map((t) => `${t.schema}.${t.table} (${t.validationState}${t.validationFailedRecords ? `, ${t.validationFailedRecords} mismatched` : ""}${t.validationPendingRecords ? `, ${t.validationPendingRecords} pending` : ""})`)) || "no tables"}`
        : `${read}, all "Validated" with 0 mismatched, suspended or pending records`,
    );
  }

  if (!capturesChanges(task.migrationType)) add("CDC latency", true, "not applicable: a full-load task captures no changes");
  else if (task.kind === "serverless") {
    // Not known is not a go: the operator reads it where AWS shows it, and decides.
    add(`CDC latency under ${limits.maxLatencySeconds} s`, false, "not read for a serverless replication (no documented CloudWatch dimensions); check its latency in the DMS console");
  } else {
    const { maximum, datapoints, minutes } = task.latencyWindow;
    add(
      `CDC latency under ${limits.maxLatencySeconds} s for ${minutes} min`,
      maximum !== undefined && maximum <= limits.maxLatencySeconds,
      maximum === undefined
        ? `CloudWatch AWS/DMS CDCLatencySource/CDCLatencyTarget: no datapoints in the last ${minutes} min (is the task running?)`
        : `CloudWatch AWS/DMS CDCLatencySource/CDCLatencyTarget: highest ${Math.round(maximum)} s in ${datapoints} datapoints over the last ${minutes} min`,
    );
  }

  const healthy = capturesChanges(task.migrationType) ? task.status === "running" : task.status === "stopped" && /FULL_LOAD_ONLY_FINISHED/.test(task.stopReason ?? "");
  add(
    "task healthy",
    healthy && !task.lastFailure,
    `${task.kind === "serverless" ? "DescribeReplications" : "DescribeReplicationTasks"}: status ${task.status}${task.stopReason ? `, stop reason "${task.stopReason}"` : ""}${task.lastFailure ? `, last failure "${task.lastFailure}"` : ", no failure message"}${
      healthy ? "" : capturesChanges(task.migrationType) ? "; a change-capturing task must be running until the switch" : "; a full-load task must have finished its load"
    }`,
  );
  return checks;
}

/** A DMS event as DescribeEvents returns it (only what the check reads). */
export interface DmsEvent {
  readonly sourceIdentifier: string;
  readonly sourceType: string;
  readonly message: string;
  readonly categories: readonly string[];
  readonly date?: Date;
}

export type EventSourceType = "replication-task" | "replication-instance";

/** Event categories that make a switch now unsafe: the task or its instance failed, failed over or ran short of storage. */
const ALARMING_CATEGORIES = new Set(["failure", "failover", "low storage"]);

/**
 * One check per task or instance from its DMS events over the period: a go when none of them is a failure, failover
 * or low-storage event, saying what was read.
 */
export function eventChecks(sources: readonly { id: string; type: EventSourceType }[], events: readonly DmsEvent[], minutes: number): CutoverCheck[] {
  return sources.map(({ id, type }) => {
    const own = events.filter((e) => e.sourceIdentifier === id && e.sourceType === type);
    const alarming = own.filter((e) => e.categories.some((c) => ALARMING_CATEGORIES.has(c)));
    const read = `DescribeEvents (${type}, last ${minutes} min): ${own.length} event${own.length === 1 ? "" : "s"}`;
    return {
      task: id,
      check: `no failure or failover events in ${minutes} min`,
      go: alarming.length === 0,
      detail: alarming.length === 0 ? `${read}, none a failure, failover or low storage` : `${read}; ${list(alarming.map((e) => `${e.categories.join("/")}: "${e.message}"`))}`,
    };
  });
}
