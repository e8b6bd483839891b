import { ENVIRONMENT_USAGE, parseEnvironmentArgs, parseTableList, positiveNumber } from "./args";
import { recordChange } from "./change-record";
import { OperatedEnvironment, resolveEnvironment } from "./environment";
import { CliIo, UsageError } from "./io";
import { describeReplication, reloadTables, ReplicationView, startReplication, stopReplication } from "./replications";
import { capturesChanges, TaskNode } from "./stack-model";
import { chooseStartType, guardReload, StartAction, StartType } from "./task-control";
import { metricSeries } from "./task-snapshot";

export const TASK_OPTIONS_USAGE = [
  "  --task ID        only this task or serverless replication (repeatable; default: all of the environment's)",
  "  --wait           wait until each task is running (or stopped) before returning",
  "  --timeout S      how long --wait waits, in seconds (default 600)",
  ...ENVIRONMENT_USAGE,
];
export const GUARD_USAGE = [
  "  --confirm ID     production: repeat the task id to reload a change-capturing task",
  '  --reason "..."   production: why, printed for the change record and written to the task\'s log group',
];

const taskOptions = {
  task: { type: "string", multiple: true },
  wait: { type: "boolean", default: false },
  timeout: { type: "string" },
  confirm: { type: "string" },
  reason: { type: "string" },
  tables: { type: "string" },
} as const;

interface Planned {
  readonly node: TaskNode;
  readonly task: ReplicationView;
  readonly startType: StartType | "reload-tables";
  readonly reason?: string;
}

/** `start`, `resume` and `reload`: every check for every task first, then the calls (nothing starts if one is refused). */
export async function runStartAction(action: StartAction, argv: string[], io: CliIo, usage: readonly string[]): Promise<number> {
  const { values, target, help } = parseEnvironmentArgs(argv, taskOptions);
  if (help) return (usage.forEach((line) => io.out(line)), 0);
  if (values.tables !== undefined && action !== "reload") throw new UsageError("--tables is for reload only.");
  const environment = resolveEnvironment(target, io);
  const tables = values.tables !== undefined ? parseTableList(String(values.tables)) : undefined;
  const planned: Planned[] = [];
  for (const node of environment.tasks(values.task as string[] | undefined)) {
    const task = await describeReplication(environment, node);
    let startType: Planned["startType"];
    if (tables) {
      if (task.status !== "running") throw new UsageError(`Task ${node.id} is ${task.status}; DMS reloads single tables only of a running task (start it, or reload the whole task).`);
      startType = "reload-tables";
    } else {
      startType = chooseStartType(action, task);
    }
    const reason = guardReload(task, startType, {
      production: environment.production,
      environment: environment.model.environment,
      confirm: values.confirm as string | undefined,
      reason: values.reason as string | undefined,
      targetTablePrepMode: node.targetTablePrepMode,
    });
    planned.push({ node, task, startType, reason });
  }
  for (const { node, task, startType, reason } of planned) {
    if (reason) await recordChange(environment, { task: node.id, action: startType, reason, logGroup: logGroupOf(environment, node) }, io);
    if (startType === "reload-tables") {
      await reloadTables(environment, task, tables!);
      io.out(`${node.id}: reloading ${tables!.map((t) => `${t.schema}.${t.table}`).join(", ")} (${task.kind === "task" ? "ReloadTables" : "ReloadReplicationTables"}, data-reload)`);
      continue;
    }
    io.out(`${node.id}: ${startType} → ${await startReplication(environment, task, startType)}`);
  }
  if (values.wait) await waitFor(environment, planned.map((p) => p.node), ["running", "stopped"], positiveNumber("timeout", values.timeout as string | undefined, 600), io);
  return 0;
}

export async function runStopAction(argv: string[], io: CliIo, usage: readonly string[]): Promise<number> {
  const { values, target, help } = parseEnvironmentArgs(argv, taskOptions);
  if (help) return (usage.forEach((line) => io.out(line)), 0);
  const environment = resolveEnvironment(target, io);
  const stopped: TaskNode[] = [];
  for (const node of environment.tasks(values.task as string[] | undefined)) {
    const task = await describeReplication(environment, node);
    if (task.status !== "running") {
      io.out(`${node.id}: ${task.status}, nothing to stop`);
      continue;
    }
    if (capturesChanges(node.migrationType)) for (const line of await stopCost(environment, node)) io.err(line);
    io.out(`${node.id}: stop → ${await stopReplication(environment, task)}`);
    stopped.push(node);
  }
  if (values.wait && stopped.length) await waitFor(environment, stopped, ["stopped", "failed"], positiveNumber("timeout", values.timeout as string | undefined, 600), io);
  return 0;
}

/** The log group DMS writes a task's log to: `dms-tasks-<replication instance id>`. */
function logGroupOf(environment: OperatedEnvironment, node: TaskNode): string | undefined {
  const instance = environment.model.instances.find((i) => i.ref === node.instanceRef);
  return instance ? `dms-tasks-${instance.id}` : undefined;
}

const POSTGRES_ENGINES = new Set(["postgres", "aurora-postgresql"]);

/**
 * What stopping a change-capturing task costs. Every source keeps the changes DMS has not read only as long as its
 * log retention allows; a PostgreSQL source's logical replication slot keeps all WAL until DMS reads it again, so
 * the source's disk fills while the task is stopped (read from its RDS metrics when the stack names the instance).
 */
export async function stopCost(environment: OperatedEnvironment, node: TaskNode): Promise<string[]> {
  const source = environment.model.endpoints.find((e) => e.ref === node.sourceRef);
  const lines = [`warning: ${node.id} captures changes. While it is stopped nothing is replicated, and it can resume only from changes the source still keeps.`];
  if (!source || !POSTGRES_ENGINES.has(source.engine)) {
    lines.push("  Resume it before the source's transaction log retention ends (SQL Server: the distribution/CDC retention; Oracle: archived redo logs).");
    return lines;
  }
  lines.push("  PostgreSQL source: its replication slot keeps every WAL segment until the task reads it again; the source's storage fills while the task is stopped.");
  const dbInstanceId = environment.model.alarms.find((a) => a.dbInstanceId)?.dbInstanceId;
  if (!dbInstanceId) {
    lines.push("  (the stack names no RDS instance for the source: watch its OldestReplicationSlotLag and TransactionLogsDiskUsage in CloudWatch)");
    return lines;
  }
  for (const metric of ["OldestReplicationSlotLag", "TransactionLogsDiskUsage"]) {
    const points = await metricSeries(environment, "AWS/RDS", metric, [{ Name: "DBInstanceIdentifier", Value: dbInstanceId }], 15);
    const latest = points.at(-1)?.Maximum ?? points.at(-1)?.Average;
    lines.push(`  ${dbInstanceId} ${metric}: ${latest === undefined ? "no data in the last 15 min" : `${(latest / 1024 / 1024).toFixed(1)} MiB now`}`);
  }
  return lines;
}

async function waitFor(environment: OperatedEnvironment, nodes: readonly TaskNode[], wanted: readonly string[], timeoutSeconds: number, io: CliIo): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (const node of nodes) {
    for (;;) {
      const { status } = await describeReplication(environment, node);
      if (wanted.includes(status)) {
        io.out(`${node.id}: ${status}`);
        break;
      }
      if (Date.now() > deadline) throw new Error(`${node.id} is still ${status} after ${timeoutSeconds} s`);
      await io.sleep(10_000);
    }
  }
}
