import { progressBar, statusLines, taskProblems } from "../../../cli/status-report";
import { TableRow, TaskSnapshot } from "../../../cli/task-snapshot";

const table = (name: string, over: Partial<TableRow> = {}): TableRow => ({
  schema: "dbo", table: name, state: "Table completed", fullLoadRows: 10, fullLoadErrorRows: 0, inserts: 1, updates: 2, deletes: 0,
  validationState: "Validated", validationFailedRecords: 0, validationSuspendedRecords: 0, validationPendingRecords: 0, ...over,
});
const snapshot = (over: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  id: "uht-to-uh-mirror", kind: "task", status: "running", migrationType: "full-load-and-cdc", validation: true, hasRun: true,
  fullLoadProgressPercent: 45, tablesLoaded: 1, tablesLoading: 1, tablesQueued: 0, tablesErrored: 0,
  latency: { source: 3, target: 7.4 }, latencyWindow: { minutes: 15, maximum: 9, datapoints: 30 },
  tables: [table("member"), table("cccontactlink", { state: "Full load", validationState: "Pending records" })], ...over,
});

describe("status", () => {
  test("a progress bar for the full load", () => {
    expect(progressBar(45)).toBe("[#########-----------]  45%");
    expect(progressBar(undefined)).toBe("[--------------------]   0%");
    expect(progressBar(130)).toBe("[####################] 100%");
  });

  test("a failed task and an errored table are problems; a running task is not", () => {
    expect(taskProblems(snapshot())).toEqual([]);
    expect(taskProblems(snapshot({ status: "failed", lastFailure: "Last Error Table error" }))).toEqual(["uht-to-uh-mirror is failed: Last Error Table error"]);
    expect(taskProblems(snapshot({ tables: [table("member", { state: "Table error" })] }))).toEqual(["uht-to-uh-mirror has 1 table(s) in error: dbo.member"]);
    expect(taskProblems(snapshot({ tablesErrored: 2, tables: [] }))).toEqual(["uht-to-uh-mirror has 2 table(s) in error"]);
  });

  test("one screen: progress, latency, table states and validation; --tables adds a line per table", () => {
    const lines = statusLines("development", "AWS eu-west-2", [snapshot()], { tables: false });
    expect(lines).toEqual(
      expect.arrayContaining([
        "uht-to-uh-mirror  running  full-load-and-cdc",
        "  full load     [#########-----------]  45%  tables: 1 loaded, 1 loading, 0 queued, 0 errored",
        "  CDC latency   source 3 s, target 7 s (CloudWatch, last 15 min)",
        "  tables        1 Full load, 1 Table completed",
        "  validation    1 Pending records, 1 Validated",
        "healthy: no task failed, no table in error",
      ]),
    );
    const detailed = statusLines("development", "AWS eu-west-2", [snapshot()], { tables: true });
    expect(detailed.filter((l) => l.startsWith("    dbo."))).toHaveLength(2);
    expect(statusLines("x", "y", [snapshot({ status: "failed" })], { tables: false }).at(-1)).toBe("NOT HEALTHY: uht-to-uh-mirror is failed");
  });
});
