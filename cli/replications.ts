import {
  DescribeReplicationsCommand,
  DescribeReplicationTableStatisticsCommand,
  DescribeTableStatisticsCommand,
  ReloadReplicationTablesCommand,
  ReloadTablesCommand,
  Replication,
  ReplicationStats,
  ReplicationTask,
  ReplicationTaskStats,
  StartReplicationCommand,
  StartReplicationTaskCommand,
  StopReplicationCommand,
  StopReplicationTaskCommand,
  TableStatistics,
} from "@aws-sdk/client-database-migration-service";
import { OperatedEnvironment } from "./environment";
import { UsageError } from "./io";
import { TaskNode } from "./stack-model";
import { StartType, TaskState } from "./task-control";

/**
 * A replication task or a DMS Serverless replication as the operations commands see it: the same questions (status,
 * progress, start, stop, tables) answered by each one's own API (DescribeReplicationTasks / StartReplicationTask for a
 * task, DescribeReplications / StartReplication for a serverless replication).
 */
export interface ReplicationView extends TaskState {
  readonly kind: TaskNode["kind"];
  readonly arn: string;
  readonly instanceArn?: string;
  readonly stopReason?: string;
  readonly lastFailure?: string;
  readonly stats: {
    readonly fullLoadProgressPercent?: number;
    readonly tablesLoaded?: number;
    readonly tablesLoading?: number;
    readonly tablesQueued?: number;
    readonly tablesErrored?: number;
  };
}

/** One table as DescribeTableStatistics / DescribeReplicationTableStatistics report it (the counts the operators read). */
export interface TableRow {
  readonly schema: string;
  readonly table: string;
  readonly state: string;
  readonly fullLoadRows: number;
  readonly fullLoadErrorRows: number;
  readonly inserts: number;
  readonly updates: number;
  readonly deletes: number;
  readonly validationState: string;
  readonly validationFailedRecords: number;
  readonly validationSuspendedRecords: number;
  readonly validationPendingRecords: number;
}

/** A task's and a serverless replication's statistics have the same fields (ReplicationTaskStats, ReplicationStats). */
function progressOf(stats: ReplicationTaskStats | ReplicationStats | undefined): ReplicationView["stats"] {
  return {
    fullLoadProgressPercent: stats?.FullLoadProgressPercent,
    tablesLoaded: stats?.TablesLoaded,
    tablesLoading: stats?.TablesLoading,
    tablesQueued: stats?.TablesQueued,
    tablesErrored: stats?.TablesErrored,
  };
}

export function taskView(task: ReplicationTask): ReplicationView {
  const stats = task.ReplicationTaskStats;
  return {
    kind: "task",
    id: task.ReplicationTaskIdentifier ?? "",
    arn: task.ReplicationTaskArn ?? "",
    status: task.Status ?? "unknown",
    migrationType: task.MigrationType ?? "",
    hasRun: Boolean(task.ReplicationTaskStartDate ?? stats?.StartDate ?? stats?.FreshStartDate),
    instanceArn: task.ReplicationInstanceArn,
    stopReason: task.StopReason,
    lastFailure: task.LastFailureMessage,
    stats: progressOf(stats),
  };
}

export function serverlessView(replication: Replication): ReplicationView {
  const stats = replication.ReplicationStats;
  return {
    kind: "serverless",
    id: replication.ReplicationConfigIdentifier ?? "",
    arn: replication.ReplicationConfigArn ?? "",
    status: replication.Status ?? "unknown",
    migrationType: replication.ReplicationType ?? "",
    // A serverless replication that was never started is "created"; its stats carry the start dates once it was.
    hasRun: Boolean(stats?.StartDate ?? stats?.FreshStartDate) || !["created", "unknown"].includes(replication.Status ?? "unknown"),
    stopReason: replication.StopReason,
    lastFailure: replication.FailureMessages?.filter(Boolean).join("; ") || undefined,
    stats: progressOf(stats),
  };
}

/** A task or serverless replication of the stack as DMS describes it now, found by its identifier (never by a typed ARN). */
export async function describeReplication(environment: OperatedEnvironment, node: TaskNode): Promise<ReplicationView> {
  if (node.kind === "task") return taskView(await environment.describeTask(node.id));
  const found = await environment.dms.send(new DescribeReplicationsCommand({ Filters: [{ Name: "replication-config-id", Values: [node.id] }] }));
  const replication = found.Replications?.find((r) => r.ReplicationConfigIdentifier === node.id);
  if (!replication) throw new UsageError(`Serverless replication ${node.id} of ${environment.model.environment} does not exist in ${environment.target}; is the environment deployed?`);
  return serverlessView(replication);
}

/** Starts it with `startType`; returns the status DMS answered with. */
export async function startReplication(environment: OperatedEnvironment, view: ReplicationView, startType: StartType): Promise<string> {
  if (view.kind === "task") {
    const started = await environment.dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: view.arn, StartReplicationTaskType: startType }));
    return started.ReplicationTask?.Status ?? "requested";
  }
  const started = await environment.dms.send(new StartReplicationCommand({ ReplicationConfigArn: view.arn, StartReplicationType: startType }));
  return started.Replication?.Status ?? "requested";
}

export async function stopReplication(environment: OperatedEnvironment, view: ReplicationView): Promise<string> {
  if (view.kind === "task") {
    const stopped = await environment.dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: view.arn }));
    return stopped.ReplicationTask?.Status ?? "requested";
  }
  const stopped = await environment.dms.send(new StopReplicationCommand({ ReplicationConfigArn: view.arn }));
  return stopped.Replication?.Status ?? "requested";
}

/** Reloads some tables of a running task or serverless replication (ReloadTables / ReloadReplicationTables, data-reload). */
export async function reloadTables(environment: OperatedEnvironment, view: ReplicationView, tables: readonly { schema: string; table: string }[]): Promise<void> {
  const TablesToReload = tables.map((t) => ({ SchemaName: t.schema, TableName: t.table }));
  if (view.kind === "task") await environment.dms.send(new ReloadTablesCommand({ ReplicationTaskArn: view.arn, TablesToReload, ReloadOption: "data-reload" }));
  else await environment.dms.send(new ReloadReplicationTablesCommand({ ReplicationConfigArn: view.arn, TablesToReload, ReloadOption: "data-reload" }));
}

export async function tableStatistics(environment: OperatedEnvironment, view: ReplicationView): Promise<TableRow[]> {
  const rows: TableStatistics[] = [];
  let marker: string | undefined;
  do {
    if (view.kind === "task") {
      const page = await environment.dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: view.arn, Marker: marker, MaxRecords: 500 }));
      rows.push(...(page.TableStatistics ?? []));
      marker = page.Marker;
    } else {
      const page = await environment.dms.send(new DescribeReplicationTableStatisticsCommand({ ReplicationConfigArn: view.arn, Marker: marker, MaxRecords: 500 }));
      rows.push(...(page.ReplicationTableStatistics ?? []));
      marker = page.Marker;
    }
  } while (marker);
  return rows.map((t) => ({
    schema: t.SchemaName ?? "",
    table: t.TableName ?? "",
    state: t.TableState ?? "unknown",
    fullLoadRows: t.FullLoadRows ?? 0,
    fullLoadErrorRows: t.FullLoadErrorRows ?? 0,
    inserts: t.Inserts ?? 0,
    updates: t.Updates ?? 0,
    deletes: t.Deletes ?? 0,
    validationState: t.ValidationState ?? "Not enabled",
    validationFailedRecords: t.ValidationFailedRecords ?? 0,
    validationSuspendedRecords: t.ValidationSuspendedRecords ?? 0,
    validationPendingRecords: t.ValidationPendingRecords ?? 0,
  }));
}
