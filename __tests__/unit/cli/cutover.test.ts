import { cutoverChecks } from "../../../cli/cutover";
import { resolveNameTokens } from "../../../cli/commands/assess";
import { TableRow, TaskSnapshot } from "../../../cli/task-snapshot";

const table = (name: string, over: Partial<TableRow> = {}): TableRow => ({
  schema: "dbo", table: name, state: "Table completed", fullLoadRows: 10, fullLoadErrorRows: 0, inserts: 0, updates: 0, deletes: 0,
  validationState: "Validated", validationFailedRecords: 0, validationSuspendedRecords: 0, validationPendingRecords: 0, ...over,
});
const ready = (over: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  id: "uht-to-uh-mirror", kind: "task", status: "running", migrationType: "full-load-and-cdc", validation: true, hasRun: true,
  fullLoadProgressPercent: 100, tablesLoaded: 2, tablesLoading: 0, tablesQueued: 0, tablesErrored: 0,
  latency: { source: 2, target: 4 }, latencyWindow: { minutes: 15, maximum: 12, datapoints: 30 },
  tables: [table("member"), table("cccontactlink")], ...over,
});
const limits = { maxLatencySeconds: 60 };
const failing = (task: TaskSnapshot) => cutoverChecks(task, limits).filter((c) => !c.go).map((c) => `${c.check}: ${c.detail}`);

describe("cutover-check", () => {
  test("a running CDC task with every table loaded and validated and low latency is a go, and each line says what it read", () => {
    const checks = cutoverChecks(ready(), limits);
    expect(checks.every((c) => c.go)).toBe(true);
    expect(checks.map((c) => c.detail)).toEqual([
      'DescribeTableStatistics: 2 tables, all "Table completed"',
      "DescribeTableStatistics: 2 tables, none in error or with rows that failed to load; TablesErrored 0",
      'DescribeTableStatistics: 2 tables, all "Validated" with 0 mismatched, suspended or pending records',
      "CloudWatch AWS/DMS CDCLatencySource/CDCLatencyTarget: highest 12 s in 30 datapoints over the last 15 min",
      "DescribeReplicationTasks: status running, no failure message",
    ]);
  });

  test("each rule fails on its own", () => {
    expect(failing(ready({ tables: [table("member"), table("cccontactlink", { state: "Full load" })] }))).toEqual([
      "full load finished: DescribeTableStatistics: 2 tables; not completed: dbo.cccontactlink (Full load)",
    ]);
    expect(failing(ready({ tables: [table("member", { fullLoadErrorRows: 3 }), table("x")] }))).toEqual([
      "no table in error: DescribeTableStatistics: 2 tables; in error: dbo.member (Table completed, 3 rows failed to load)",
    ]);
    expect(failing(ready({ tables: [table("member", { validationState: "Mismatched records", validationFailedRecords: 4 })] }))).toEqual([
      "validation finished without mismatches: DescribeTableStatistics: 1 table; not validated: dbo.member (Mismatched records, 4 mismatched)",
    ]);
    expect(failing(ready({ latencyWindow: { minutes: 15, maximum: 61, datapoints: 30 } }))).toEqual([
      "CDC latency under 60 s for 15 min: CloudWatch AWS/DMS CDCLatencySource/CDCLatencyTarget: highest 61 s in 30 datapoints over the last 15 min",
    ]);
    expect(failing(ready({ latencyWindow: { minutes: 15, datapoints: 0 } }))[0]).toMatch(/no datapoints in the last 15 min/);
    expect(failing(ready({ status: "stopped" }))).toEqual([
      "task healthy: DescribeReplicationTasks: status stopped, no failure message; a change-capturing task must be running until the switch",
    ]);
    expect(failing(ready({ lastFailure: "Task error" }))[0]).toMatch(/^task healthy: .*last failure "Task error"/);
  });

  test("no table statistics at all is a no-go, not an empty pass", () => {
    expect(failing(ready({ tables: [] })).map((l) => l.split(":")[0])).toEqual(["full load finished", "validation finished without mismatches"]);
  });

  test("a finished full-load task with validation off: no latency rule, validation noted as not checked", () => {
    const checks = cutoverChecks(ready({ migrationType: "full-load", status: "stopped", stopReason: "Stop Reason FULL_LOAD_ONLY_FINISHED", validation: false }), limits);
    expect(checks.every((c) => c.go)).toBe(true);
    expect(checks.find((c) => c.check === "validation")!.detail).toMatch(/validation is off/);
    expect(checks.find((c) => c.check === "CDC latency")!.detail).toMatch(/not applicable/);
  });
});

describe("assess", () => {
  test("the results bucket's name is completed with the caller's account, never typed by hand", () => {
    expect(resolveNameTokens("addresses-staging-dms-assessment-${data.aws_caller_identity.AwsAccount_Identity_1A2B.account_id}", { accountId: "123456789012", region: "eu-west-2" })).toBe(
      "addresses-staging-dms-assessment-123456789012",
    );
  });
});
