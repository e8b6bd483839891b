import { Datapoint, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeReplicationInstancesCommand } from "@aws-sdk/client-database-migration-service";
import { OperatedEnvironment } from "./environment";
import { describeReplication, ReplicationView, TableRow, tableStatistics } from "./replications";
import { TaskNode } from "./stack-model";

export type { TableRow } from "./replications";

/**
 * A task or serverless replication now: DescribeReplicationTasks / DescribeReplications, its table statistics and,
 * for a task, its CDC latency in CloudWatch.
 */
export interface TaskSnapshot {
  readonly id: string;
  readonly kind: TaskNode["kind"];
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
  /**
   * Latest CDCLatencySource / CDCLatencyTarget average, in seconds, over the last minutes asked for. Read for tasks
   * only: AWS documents the metrics' dimensions for replication instances and tasks, not for serverless replications.
   */
  readonly latency: { readonly source?: number; readonly target?: number };
  /** The highest of both over those minutes, and how many datapoints were read. */
  readonly latencyWindow: { readonly minutes: number; readonly maximum?: number; readonly datapoints: number };
  readonly tables: readonly TableRow[];
}

/** The CloudWatch dimensions of a task's metrics: its instance's identifier and the task's resource id (the ARN's last part). */
async function metricDimensions(environment: OperatedEnvironment, task: ReplicationView, node: TaskNode) {
  const found = await environment.dms.send(new DescribeReplicationInstancesCommand({ Filters: [{ Name: "replication-instance-arn", Values: [task.instanceArn ?? ""] }] }));
  const instanceId =
    found.ReplicationInstances?.find((i) => i.ReplicationInstanceArn === task.instanceArn)?.ReplicationInstanceIdentifier ??
    environment.model.instances.find((i) => i.ref === node.instanceRef)?.id ??
    "";
  return [
    { Name: "ReplicationInstanceIdentifier", Value: instanceId },
    { Name: "ReplicationTaskIdentifier", Value: task.arn.split(":").pop() ?? "" },
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
  const view = await describeReplication(environment, node);
  const latencyOf = async (metric: string) =>
    view.kind === "task" ? metricSeries(environment, "AWS/DMS", metric, await metricDimensions(environment, view, node), latencyMinutes) : [];
  const [source, target] = await Promise.all(["CDCLatencySource", "CDCLatencyTarget"].map(latencyOf));
  const latest = (points: Datapoint[]) => points.at(-1)?.Average;
  const all = [...source, ...target].map((p) => p.Maximum ?? p.Average ?? 0);
  return {
    id: node.id,
    kind: view.kind,
    status: view.status,
    migrationType: view.migrationType || node.migrationType,
    validation: node.validation,
    hasRun: view.hasRun,
    fullLoadProgressPercent: view.stats.fullLoadProgressPercent,
    tablesLoaded: view.stats.tablesLoaded ?? 0,
    tablesLoading: view.stats.tablesLoading ?? 0,
    tablesQueued: view.stats.tablesQueued ?? 0,
    tablesErrored: view.stats.tablesErrored ?? 0,
    stopReason: view.stopReason,
    lastFailure: view.lastFailure,
    latency: { source: latest(source), target: latest(target) },
    latencyWindow: { minutes: latencyMinutes, maximum: all.length > 0 ? Math.max(...all) : undefined, datapoints: all.length },
    tables: view.arn && view.hasRun ? await tableStatistics(environment, view) : [],
  };
}
