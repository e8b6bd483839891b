import { RefusedError, UsageError } from "./io";
import { capturesChanges } from "./stack-model";

/** StartReplicationTaskType values: https://docs.aws.amazon.com/dms/latest/APIReference/API_StartReplicationTask.html */
export type StartType = "start-replication" | "resume-processing" | "reload-target";
export type StartAction = "start" | "resume" | "reload";

/** What the start-type choice needs from DescribeReplicationTasks. */
export interface TaskState {
  readonly id: string;
  readonly status: string;
  readonly migrationType: string;
  /** Whether the task has ever been started (it has a start date). */
  readonly hasRun: boolean;
}

// A task's transitional states, and a serverless replication's on its way to running or stopped
// (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Serverless.Components.html).
const BUSY = new Set([
  "creating", "starting", "stopping", "modifying", "deleting", "moving", "testing",
  "initializing", "preparing_metadata_resources", "testing_connection", "fetching_metadata", "calculating_capacity",
  "provisioning_capacity", "replication_starting", "deprovisioning",
]);

/**
 * The start type for an operator's `start`, `resume` or `reload`. AWS: start-replication is the only valid type
 * for a task's first run (any other "will result in data errors"); after a stop, resume-processing continues
 * from the checkpoint; reload-target loads the target again from the source.
 */
export function chooseStartType(action: StartAction, task: TaskState): StartType {
  if (task.status === "running") throw new UsageError(`Task ${task.id} is already running${action === "reload" ? "; stop it first, or reload some tables with --tables" : ""}.`);
  if (BUSY.has(task.status)) throw new UsageError(`Task ${task.id} is ${task.status}; wait until it is ready or stopped.`);
  if (action === "start") {
    if (!task.hasRun) return "start-replication";
    // A change-capturing task continues where it stopped; a full load that ran before can only run again.
    return capturesChanges(task.migrationType) ? "resume-processing" : "reload-target";
  }
  if (!task.hasRun) throw new UsageError(`Task ${task.id} has never run; its first run must be a start (start-replication), not a ${action}.`);
  return action === "resume" ? "resume-processing" : "reload-target";
}

/** Whether this start loads tables from scratch (the full-load part runs again, with the task's TargetTablePrepMode). */
export function loadsTables(startType: StartType | "reload-tables", migrationType: string): boolean {
  if (startType === "resume-processing") return false;
  if (startType === "start-replication") return migrationType !== "cdc";
  return true;
}

export interface ProductionGuard {
  readonly production: boolean;
  readonly environment: string;
  /** --confirm: must repeat the task id. */
  readonly confirm?: string;
  /** --reason: why, for the change record. */
  readonly reason?: string;
  readonly targetTablePrepMode?: string;
}

/**
 * In production, a start that would load the tables of a change-capturing task again (a reload, or a first start of
 * a full-load-and-cdc task) is refused unless `--confirm <task id>` repeats the task and `--reason` says why.
 * Returns the reason to record, or undefined when no acknowledgement is needed.
 */
export function guardReload(task: TaskState, startType: StartType | "reload-tables", guard: ProductionGuard): string | undefined {
  if (!guard.production || !capturesChanges(task.migrationType) || !loadsTables(startType, task.migrationType)) return undefined;
  const reason = guard.reason?.trim();
  if (guard.confirm === task.id && reason) return reason;
  const prep = guard.targetTablePrepMode ?? "DROP_AND_CREATE";
  const what =
    startType === "reload-tables"
      ? "reloads the named tables: their rows are loaded again from the source while CDC goes on"
      : `loads every table again (TargetTablePrepMode ${prep}${prep === "DROP_AND_CREATE" ? ": the target tables are dropped and created first" : prep === "TRUNCATE_BEFORE_LOAD" ? ": the target tables are emptied first" : ""}) and starts capturing changes from now`;
  const problems = [
    guard.confirm === undefined ? `--confirm ${task.id} is missing` : guard.confirm !== task.id ? `--confirm names "${guard.confirm}", not ${task.id}` : undefined,
    reason ? undefined : `--reason "..." is missing`,
  ].filter(Boolean);
  throw new RefusedError(
    [
      `Refused: ${task.id} in ${guard.environment} (production) captures changes, and ${startType} ${what}.`,
      `To do it anyway, repeat the task id and say why: --confirm ${task.id} --reason "<why, for the change record>"`,
      `(${problems.join("; ")})`,
    ].join("\n"),
  );
}
