import { DescribeReplicationTasksCommand } from "@aws-sdk/client-database-migration-service";
import { EmulatorSession, emulatorSuite } from "../helpers/emulator";
import { expectEmulatorMatchesState, expectNoChanges, expectNothingLeft, soundDeploymentTests } from "../helpers/emulator-checks";
import { changedEnvironment, planChange, startTypes } from "../helpers/replication-changes";

const TASK = "uht-to-uh-mirror";

async function task(session: EmulatorSession) {
  const tasks = await session.clients.dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: "replication-task-id", Values: [TASK] }] }));
  return tasks.ReplicationTasks![0];
}

/**
 * development (SQL Server MS-Replication source, full-load-and-cdc) applied to the local emulator, with an
 * apply interrupted half way, as a closed laptop or a cancelled CI job would; then its running task changed (a
 * mapping and a setting) and resumed from its checkpoint.
 */
describe("development on the local AWS emulator", () => {
  const session = emulatorSuite("development", { apply: false });

  test("an apply interrupted while the database is being created leaves a state that a second apply completes", async () => {
    const interrupted = session().deployment.startApply();
    let output = "";
    let sent = false;
    interrupted.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (sent) return; // a second interrupt makes Terraform exit at once, without waiting for the provider
      // Interrupt while the provider waits for the database to become available, not at "Creating...": a
      // create call cancelled in flight can leave an instance that AWS made and state never recorded, on
      // the emulator as on AWS (Terraform's own warning: "data loss may occur").
      if (/aws_db_instance\.\S+: Still creating\.\.\./.test(output)) sent = interrupted.kill("SIGINT");
    });
    const status = await new Promise<number | null>((resolve) => interrupted.on("close", resolve));
    expect(output).toContain("Interrupt received");
    expect(status).not.toBe(0);
    const partial = session().deployment.resources();
    expect(partial.length).toBeGreaterThan(0);
    await expectEmulatorMatchesState(session());

    await session().deployment.apply();
    expect(session().deployment.resources().length).toBeGreaterThan(partial.length);
    expectNoChanges(session());
  });

  describe("once applied", () => {
    soundDeploymentTests(session);
  });

  describe("changing the running CDC task", () => {
    test("it was started on creation (start-replication) and runs", async () => {
      expect((await task(session())).Status).toBe("running");
      expect(startTypes(session(), TASK)).toEqual(["start-replication"]);
    });

    // One apply changes a mapping and a setting: each modify costs the provider's stop, modify and start waiters
    // (about two minutes here), and npm test must stay under 15 minutes. The report for each change alone is
    // asserted on recorded plans in __tests__/unit/cli/replication-report.test.ts.
    test("a mapping and a setting change: the report says stopped and resumed; the task is modified, running, and was resumed, not started", async () => {
      const dir = changedEnvironment(session(), "changed", (file) => {
        file.tasks[0].tableMappings.splice(2, 0, { action: "include", schema: "dbo", table: "ccemail" });
        file.tasks[0].settings = { FullLoadSettings: { TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD" } };
      });
      const { plan, deployment } = planChange(session(), dir, "changed");
      expect(plan.status).toBe("changes");
      expect(plan.report).toMatch(/tasks\s+1 modified\n\s+endpoints\s+2 unchanged/);
      expect(plan.report).toContain(`task ${TASK}: MODIFIED\n    - changes replication_task_settings, table_mappings\n    - stopped, modified and resumed from its checkpoint (resume-processing)`);
      await deployment.applyPlan(plan.planFile!);
      const modified = await task(session());
      expect(modified.Status).toBe("running");
      expect(JSON.parse(modified.TableMappings!).rules.map((rule: { "object-locator": { "table-name": string } }) => rule["object-locator"]["table-name"])).toContain("ccemail");
      expect(JSON.parse(modified.ReplicationTaskSettings!).FullLoadSettings.TargetTablePrepMode).toBe("TRUNCATE_BEFORE_LOAD");
      expect(startTypes(session(), TASK)).toEqual(["start-replication", "resume-processing"]);
      expect(planChange(session(), dir, "changed-again").plan.status).toBe("clean");
    });
  });

  test("destroy removes everything the stack created", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
  });
});
