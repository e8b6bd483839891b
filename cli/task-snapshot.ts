import { Datapoint, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeReplicationInstancesCommand, DescribeTableStatisticsCommand, ReplicationTask, TableStatistics } from "@aws-sdk/client-database-migration-service";
import { OperatedEnvironment } from "./environment";
import { TaskNode } from "./stack-model";
import { TaskState } from "./task-control";

/** One table as DescribeTableStatistics reports it (the counts the operators read). */
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

/** A task now: DescribeReplicationTasks, DescribeTableStatistics and its CDC latency in CloudWatch. */
export interface TaskSnapshot {
  readonly id: string;
  readonly status: string;
  readonly migrationType: string;
  readonly validation: boolean;
  readonly hasRun: boolean;
  readonly fullLoadProgressPercent?: number;
  readonly tablesLoaded: number;
  readonly tablesLoading: number;
  readonly tablesQueued: number;
  readonly tablesErrored: number;
  readonly stopReason?: string;
  readonly lastFailure?: string;
  /** Latest CDCLatencySource / CDCLatencyTarget average, in seconds, over the last minutes asked for. */
  readonly latency: { readonly source?: number; readonly target?: number };
  /** The highest of both over those minutes, and how many datapoints were read. */
  readonly latencyWindow: { readonly minutes: number; readonly maximum?: number; readonly datapoints: number };
  readonly tables: readonly TableRow[];
}

export function taskState(task: ReplicationTask): TaskState {
  return {
    id: task.ReplicationTaskIdentifier ?? "",
    status: task.Status ?? "unknown",
    migrationType: task.MigrationType ?? "",
    hasRun: Boolean(task.ReplicationTaskStartDate ?? task.ReplicationTaskStats?.StartDate ?? task.ReplicationTaskStats?.FreshStartDate),
  };
}

export async function tableStatistics(environment: OperatedEnvironment, taskArn: string): Promise<TableRow[]> {
  const rows: TableStatistics[] = [];
  let marker: string | undefined;
  do {
    const page = await environment.dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: taskArn, Marker: marker, MaxRecords: 500 }));
    rows.push(...(page.TableStatistics ?? []));
    marker = page.Marker;
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

/** The CloudWatch dimensions of a task's metrics: its instance's identifier and the task's resource id (the ARN's last part). */
async function metricDimensions(environment: OperatedEnvironment, task: ReplicationTask, node: TaskNode) {
  const found = await environment.dms.send(new DescribeReplicationInstancesCommand({ Filters: [{ Name: "replication-instance-arn", Values: [task.ReplicationInstanceArn ?? ""] }] }));
  const instanceId =
    found.ReplicationInstances?.find((i) => i.ReplicationInstanceArn === task.ReplicationInstanceArn)?.ReplicationInstanceIdentifier ??
    environment.model.instances.find((i) => i.ref === node.instanceRef)?.id ??
    "";
  return [
    { Name: "ReplicationInstanceIdentifier", Value: instanceId },
    { Name: "ReplicationTaskIdentifier", Value: (task.ReplicationTaskArn ?? "").split(":").pop() ?? "" },
  ];
}

export async function metricSeries(environment: OperatedEnvironment, namespace: string, metric: string, dimensions: { Name: string; Value: string }[], minutes: number): Promise<Datapoint[]> {
  const end = new Date();
  const result = await environment.cloudwatch.send(
    new GetMetricStatisticsCommand({
      Namespace: namespace,
      MetricName: metric,
      Dimensions: dimensions,
      StartTime: new Date(end.getTime() - minutes * 60_000),
      EndTime: end,
      Period: 60,
      Statistics: ["Average", "Maximum"],
    }),
  );
  return [...(result.Datapoints ?? [])].sort((a, b) => (a.Timestamp?.getTime() ?? 0) - (b.Timestamp?.getTime() ?? 0));
}

export async function taskSnapshot(environment: OperatedEnvironment, node: TaskNode, latencyMinutes = 15): Promise<TaskSnapshot> {
  const task = await environment.describeTask(node.id);
  const stats = task.ReplicationTaskStats;
  const dimensions = await metricDimensions(environment, task, node);
  const [source, target] = await Promise.all(["CDCLatencySource", "CDCLatencyTarget"].map((metric) => metricSeries(environment, "AWS/DMS", metric, dimensions, latencyMinutes)));
  const latest = (points: Datapoint[]) => points.at(-1)?.Average;
  const all = [...source, ...target].map((p) => p.Maximum ?? p.Average ?? 0);
  return {
    id: node.id,
    status: task.Status ?? "unknown",
    migrationType: task.MigrationType ?? node.migrationType,
    validation: node.validation,
    hasRun: taskState(task).hasRun,
    fullLoadProgressPercent: stats?.FullLoadProgressPercent,
    tablesLoaded: stats?.TablesLoaded ?? 0,
    tablesLoading: stats?.TablesLoading ?? 0,
    tablesQueued: stats?.TablesQueued ?? 0,
    tablesErrored: stats?.TablesErrored ?? 0,
    stopReason: task.StopReason,
    lastFailure: task.LastFailureMessage,
    latency: { source: latest(source), target: latest(target) },
    latencyWindow: { minutes: latencyMinutes, maximum: all.length > 0 ? Math.max(...all) : undefined, datapoints: all.length },
    tables: task.ReplicationTaskArn && taskState(task).hasRun ? await tableStatistics(environment, task.ReplicationTaskArn) : [],
  };
}
