import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeReplicationTasksCommand } from "@aws-sdk/client-database-migration-service";
import { cliFor } from "../helpers/cli-session";
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

  describe("operated with the dms-migration CLI (--local, as after deploy:local)", () => {

    // The task was started on creation, then modified and resumed above: it runs.
    test("status --json: running, has run, healthy (exit 0); cutover-check is a no-go without CDC latency data (exit 1)", async () => {
      const cli = cliFor(session());
      const status = await cli("status", "--json");
      expect(status.code).toBe(0);
      const report = JSON.parse(status.stdout);
      expect(report).toMatchObject({ environment: "development", healthy: true, problems: [] });
      expect(report.tasks).toEqual([expect.objectContaining({ id: TASK, status: "running", migrationType: "full-load-and-cdc", hasRun: true })]);
      const cutover = await cli("cutover-check");
      expect(cutover.code).toBe(1);
      expect(cutover.stdout).toMatch(/NO-GO: \d+ checks? failed for development\./);
    });

    test("status --tables lists the mapped tables; start refuses a running task (exit 2)", async () => {
      const cli = cliFor(session());
      const status = await cli("status", "--tables");
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(`${TASK}  running  full-load-and-cdc`);
      expect(status.stdout).toMatch(/dbo\.member +Table completed/);
      expect(status.stdout).toContain("healthy: no task failed, no table in error");
      expect((await cli("start")).code).toBe(2); // already running
    });

    test("cutover-check is a go once CloudWatch shows CDC latency under the limit", async () => {
      const running = await task(session());
      const dimensions = [
        { Name: "ReplicationInstanceIdentifier", Value: "development-dms-instance" },
        { Name: "ReplicationTaskIdentifier", Value: running.ReplicationTaskArn!.split(":").pop()! },
      ];
      const now = Date.now();
      await session().clients.cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: "AWS/DMS",
          MetricData: ["CDCLatencySource", "CDCLatencyTarget"].flatMap((MetricName) =>
            [5, 3, 1].map((minutesAgo, index) => ({ MetricName, Dimensions: dimensions, Timestamp: new Date(now - minutesAgo * 60_000), Value: 4 + index, Unit: "Seconds" as const })),
          ),
        }),
      );
      const cli = cliFor(session());
      const go = await cli("cutover-check", "--max-latency", "30");
      expect(go.stdout).toContain(`GO     ${TASK}: CDC latency under 30 s for 15 min — CloudWatch AWS/DMS CDCLatencySource/CDCLatencyTarget: highest 6 s in 6 datapoints`);
      expect(go.stdout).toContain(`GO     ${TASK}: no failure or failover events in 15 min — DescribeEvents (replication-task, last 15 min): 0 events`);
      expect(go.stdout).toContain("GO     development-dms-instance: no failure or failover events in 15 min — DescribeEvents (replication-instance");
      expect(go).toMatchObject({ code: 0, stdout: expect.stringContaining("GO: every check passed for development.") });
      const json = JSON.parse((await cli("cutover-check", "--max-latency", "5", "--json")).stdout);
      expect(json.go).toBe(false);
      expect(json.checks.filter((c: { go: boolean }) => !c.go).map((c: { check: string }) => c.check)).toEqual(["CDC latency under 5 s for 15 min"]);
    });

    test("stop warns what stopping a change-capturing task costs; resume continues from the checkpoint (its fresh start is kept)", async () => {
      const cli = cliFor(session());
      const fresh = (await task(session())).ReplicationTaskStats!.FreshStartDate!.getTime();
      const stopped = await cli("stop");
      expect(stopped).toMatchObject({ code: 0, stdout: `${TASK}: stop → stopped` });
      expect(stopped.stderr).toContain(`warning: ${TASK} captures changes`);
      expect(stopped.stderr).toContain("SQL Server: the distribution/CDC retention");
      const resumed = await cli("resume");
      expect(resumed).toMatchObject({ code: 0, stdout: `${TASK}: resume-processing → running` });
      expect((await task(session())).ReplicationTaskStats!.FreshStartDate!.getTime()).toBe(fresh);
    });

    test("reload: some tables of the running task, or the whole task once stopped (reload-target starts afresh)", async () => {
      const cli = cliFor(session());
      expect(await cli("reload", "--tables", "dbo.member")).toMatchObject({ code: 0, stdout: `${TASK}: reloading dbo.member (ReloadTables, data-reload)` });
      const whileRunning = await cli("reload");
      expect(whileRunning.code).toBe(2);
      expect(whileRunning.stderr).toContain("already running; stop it first");
      const fresh = (await task(session())).ReplicationTaskStats!.FreshStartDate!.getTime();
      await cli("stop");
      expect(await cli("reload")).toMatchObject({ code: 0, stdout: `${TASK}: reload-target → running` });
      expect((await task(session())).ReplicationTaskStats!.FreshStartDate!.getTime()).toBeGreaterThan(fresh);
      await cli("stop");
    });

    test("in production a reload of a change-capturing task is refused (exit 3) until --confirm names it and --reason says why; the reason goes to its log group", async () => {
      // The same deployment recorded as the production tier (the CLI guards by the stack's tier, not its name): the
      // production code paths against real calls.
      const production = cliFor(session(), "production", "production");
      const before = await task(session());
      const refused = await production("reload");
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`Refused: ${TASK} in production (production) captures changes, and reload-target loads every table again`);
      expect(refused.stderr).toContain(`--confirm ${TASK} is missing; --reason "..." is missing`);
      expect((await production("reload", "--confirm", "uhw-to-uh-mirror", "--reason", "CHG-1")).code).toBe(3);
      expect((await task(session())).ReplicationTaskStats!.FreshStartDate).toEqual(before.ReplicationTaskStats!.FreshStartDate);

      const acknowledged = await production("reload", "--confirm", TASK, "--reason", "CHG-4711 reload after a source restore");
      expect(acknowledged.code).toBe(0);
      expect(acknowledged.stdout).toContain('"reason":"CHG-4711 reload after a source restore"');
      expect(acknowledged.stdout).toContain("written to CloudWatch Logs dms-tasks-development-dms-instance / dms-migration-cli");
      expect(acknowledged.stdout).toContain(`${TASK}: reload-target → running`);
      const events = await session().clients.logs.send(new GetLogEventsCommand({ logGroupName: "dms-tasks-development-dms-instance", logStreamName: "dms-migration-cli" }));
      expect(events.events!.map((e) => JSON.parse(e.message!))).toEqual([expect.objectContaining({ environment: "production", task: TASK, action: "reload-target", reason: "CHG-4711 reload after a source restore" })]);
      expect((await production("stop")).code).toBe(0);
    });

    test("assess runs a premigration assessment with the environment's bucket, key and role and prints each result", async () => {
      const assessed = await cliFor(session())("assess");
      expect(assessed.stderr).toBe("");
      expect(assessed.code).toBe(0);
      expect(assessed.stdout).toMatch(new RegExp(`^${TASK}: assessment ${TASK}-\\d{14} passed \\(results in s3://resident-information-development-dms-assessment-\\d{12}/${TASK}/\\)$`, "m"));
      expect(assessed.stdout).toContain("ok    table-with-no-primary-key-or-unique-constraint: passed");
    });

    test("diagram reads the deployed stack", async () => {
      const diagram = await cliFor(session())("diagram");
      expect(diagram.code).toBe(0);
      expect(diagram.stdout).toContain("endpoint_source_uh_uht_endpoint --> task_uht_to_uh_mirror");
    });
  });

  test("destroy removes everything the stack created", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
  });
});
