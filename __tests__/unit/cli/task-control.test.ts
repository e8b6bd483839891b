import { chooseStartType, guardReload, loadsTables, TaskState } from "../../../cli/task-control";
import { RefusedError, UsageError } from "../../../cli/io";

const task = (over: Partial<TaskState> = {}): TaskState => ({ id: "uht-to-uh-mirror", status: "ready", migrationType: "full-load-and-cdc", hasRun: false, ...over });

describe("the start type", () => {
  test.each([
    ["start", task(), "start-replication"],
    ["start", task({ status: "stopped", hasRun: true }), "resume-processing"],
    ["start", task({ status: "failed", hasRun: true, migrationType: "cdc" }), "resume-processing"],
    ["start", task({ status: "stopped", hasRun: true, migrationType: "full-load" }), "reload-target"],
    // A task that was modified after running is "ready" again, but has its checkpoint.
    ["start", task({ status: "ready", hasRun: true }), "resume-processing"],
    ["resume", task({ status: "stopped", hasRun: true }), "resume-processing"],
    ["reload", task({ status: "stopped", hasRun: true }), "reload-target"],
  ] as const)("%s of %j is %s", (action, state, expected) => {
    expect(chooseStartType(action, state)).toBe(expected);
  });

  test("a first run can only be a start; a running or busy task cannot be started", () => {
    expect(() => chooseStartType("resume", task())).toThrow(/never run; its first run must be a start/);
    expect(() => chooseStartType("reload", task())).toThrow(UsageError);
    expect(() => chooseStartType("start", task({ status: "running", hasRun: true }))).toThrow(/already running/);
    expect(() => chooseStartType("reload", task({ status: "running", hasRun: true }))).toThrow(/stop it first, or reload some tables with --tables/);
    expect(() => chooseStartType("start", task({ status: "modifying" }))).toThrow(/is modifying/);
  });

  test("what loads tables again: a reload, a first start with a full load; never a resume", () => {
    expect(loadsTables("reload-target", "cdc")).toBe(true);
    expect(loadsTables("start-replication", "full-load-and-cdc")).toBe(true);
    expect(loadsTables("start-replication", "cdc")).toBe(false);
    expect(loadsTables("resume-processing", "full-load-and-cdc")).toBe(false);
    expect(loadsTables("reload-tables", "full-load-and-cdc")).toBe(true);
  });
});

describe("the production guard", () => {
  const production = { production: true, environment: "production", targetTablePrepMode: "DROP_AND_CREATE" };
  const stopped = task({ status: "stopped", hasRun: true });

  test("refuses a reload of a change-capturing production task without the confirmation and a reason, saying what it would do", () => {
    let error: Error | undefined;
    try {
      guardReload(stopped, "reload-target", production);
    } catch (caught) {
      error = caught as Error;
    }
    expect(error).toBeInstanceOf(RefusedError);
    expect(error!.message).toContain("Refused: uht-to-uh-mirror in production (production) captures changes");
    expect(error!.message).toContain("the target tables are dropped and created first");
    expect(error!.message).toContain("--confirm uht-to-uh-mirror is missing; --reason \"...\" is missing");
  });

  test("the confirmation must name the same task, and the reason must say something", () => {
    expect(() => guardReload(stopped, "reload-target", { ...production, confirm: "uhw-to-uh-mirror", reason: "x" })).toThrow(/--confirm names "uhw-to-uh-mirror", not uht-to-uh-mirror/);
    expect(() => guardReload(stopped, "reload-target", { ...production, confirm: "uht-to-uh-mirror", reason: "  " })).toThrow(/--reason "..." is missing/);
    expect(guardReload(stopped, "reload-target", { ...production, confirm: "uht-to-uh-mirror", reason: " CHG-1234 rebuild after schema change " })).toBe("CHG-1234 rebuild after schema change");
  });

  test("a first start of a full-load-and-cdc task and a table reload are guarded too; a resume, a cdc-only start and full-load tasks are not", () => {
    expect(() => guardReload(task(), "start-replication", production)).toThrow(RefusedError);
    expect(() => guardReload(stopped, "reload-tables", production)).toThrow(/reloads the named tables/);
    expect(guardReload(stopped, "resume-processing", production)).toBeUndefined();
    expect(guardReload(task({ migrationType: "cdc" }), "start-replication", production)).toBeUndefined();
    expect(guardReload(task({ migrationType: "full-load", hasRun: true }), "reload-target", production)).toBeUndefined();
  });

  test("outside production nothing is asked", () => {
    expect(guardReload(stopped, "reload-target", { ...production, production: false, environment: "staging" })).toBeUndefined();
  });
});
