import { eventChecks } from "../../../cli/cutover";
import { serverlessView, taskView } from "../../../cli/replications";
import { statusLines } from "../../../cli/status-report";
import { chooseStartType } from "../../../cli/task-control";
import { TaskSnapshot } from "../../../cli/task-snapshot";

describe("a serverless replication read like a task", () => {
  test("DescribeReplications' answer becomes the same view as a task's: status, type, start, stop reason, failures, progress", () => {
    const view = serverlessView({
      ReplicationConfigIdentifier: "addresses-to-lake",
      ReplicationConfigArn: "arn:aws:dms:eu-west-2:123456789012:replication-config:ABC",
      ReplicationType: "full-load-and-cdc",
      Status: "stopped",
      StopReason: "Stop Reason FATAL_ERROR",
      FailureMessages: ["", "Error reading source"],
      ReplicationStats: { FullLoadProgressPercent: 40, TablesLoaded: 2, TablesErrored: 1, FreshStartDate: new Date(0) },
    });
    expect(view).toMatchObject({
      kind: "serverless", id: "addresses-to-lake", status: "stopped", migrationType: "full-load-and-cdc", hasRun: true,
      stopReason: "Stop Reason FATAL_ERROR", lastFailure: "Error reading source", stats: { fullLoadProgressPercent: 40, tablesLoaded: 2, tablesErrored: 1 },
    });
    expect(chooseStartType("start", view)).toBe("resume-processing");
  });

  test("a replication that was never started is `created` and its first start is start-replication; a task's view is the same shape", () => {
    const created = serverlessView({ ReplicationConfigIdentifier: "r", ReplicationType: "cdc", Status: "created" });
    expect(created.hasRun).toBe(false);
    expect(chooseStartType("start", created)).toBe("start-replication");
    expect(() => chooseStartType("resume", created)).toThrow("has never run");
    const task = taskView({ ReplicationTaskIdentifier: "t", MigrationType: "full-load", Status: "stopped", ReplicationTaskStats: { StartDate: new Date(0) } });
    expect(task).toMatchObject({ kind: "task", hasRun: true });
    expect(chooseStartType("start", task)).toBe("reload-target");
  });

  test("while DMS Serverless provisions capacity, start is refused until it is ready", () => {
    const provisioning = serverlessView({ ReplicationConfigIdentifier: "r", ReplicationType: "cdc", Status: "provisioning_capacity" });
    expect(() => chooseStartType("start", provisioning)).toThrow("is provisioning_capacity; wait");
  });

  test("status marks it serverless and says its CDC latency is not read, rather than showing 'no data'", () => {
    const snapshot: TaskSnapshot = {
      id: "addresses-to-lake", kind: "serverless", status: "running", migrationType: "cdc", validation: false, hasRun: true,
      tablesLoaded: 0, tablesLoading: 0, tablesQueued: 0, tablesErrored: 0, latency: {}, latencyWindow: { minutes: 15, datapoints: 0 }, tables: [],
    };
    const lines = statusLines("postgres-s3", "test", [snapshot], { tables: false });
    expect(lines).toContain("addresses-to-lake  running  cdc  (serverless)");
    expect(lines).toContain("  CDC latency   not read for a serverless replication (see its metrics in the DMS console)");
  });
});

describe("cutover-check's DMS events", () => {
  const sources = [
    { id: "uht-to-uh-mirror", type: "replication-task" as const },
    { id: "production-dms-instance", type: "replication-instance" as const },
  ];

  test("a quiet period is a go for each task and instance, saying how many events were read", () => {
    const checks = eventChecks(sources, [{ sourceIdentifier: "uht-to-uh-mirror", sourceType: "replication-task", message: "Replication task started.", categories: ["state change"] }], 15);
    expect(checks.map((c) => [c.task, c.go, c.detail])).toEqual([
      ["uht-to-uh-mirror", true, "DescribeEvents (replication-task, last 15 min): 1 event, none a failure, failover or low storage"],
      ["production-dms-instance", true, "DescribeEvents (replication-instance, last 15 min): 0 events, none a failure, failover or low storage"],
    ]);
  });

  test("a failure of the task or a failover of its instance is a no-go naming the event; another source's events do not count", () => {
    const checks = eventChecks(
      sources,
      [
        { sourceIdentifier: "uht-to-uh-mirror", sourceType: "replication-task", message: "Replication task has failed.", categories: ["failure"] },
        { sourceIdentifier: "production-dms-instance", sourceType: "replication-instance", message: "Multi-AZ failover started.", categories: ["failover"] },
        { sourceIdentifier: "someone-elses-task", sourceType: "replication-task", message: "Replication task has failed.", categories: ["failure"] },
      ],
      30,
    );
    expect(checks.map((c) => c.go)).toEqual([false, false]);
    expect(checks[0].detail).toBe('DescribeEvents (replication-task, last 30 min): 1 event; failure: "Replication task has failed."');
    expect(checks[1].detail).toContain('failover: "Multi-AZ failover started."');
  });
});
