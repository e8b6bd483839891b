import { readFileSync } from "fs";
import { join } from "path";
import { PlanJson, analysePlan, formatReport, protectedAddresses, refusedAddresses } from "../../../cli/plan/replication-report";

/** `terraform show -json` of saved plans against a local deployment of development, trimmed (see __tests__/fixtures/plans/README.md). */
const fixture = (name: string): PlanJson => JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "plans", `development-${name}.json`), "utf8"));
const objectOf = (name: string, id: string, options = {}) => analysePlan(fixture(name), options).objects.find((object) => object.id === id)!;

describe("replication report", () => {
  test("a mapping change on a running task: modified, stopped and resumed from its checkpoint; nothing else changes", () => {
    const report = analysePlan(fixture("mapping-change"));
    expect(report.objects.map((object) => [object.kind, object.id, object.outcome])).toEqual(
      expect.arrayContaining([
        ["task", "uht-to-uh-mirror", "modified"],
        ["endpoint", "target-uh-endpoint", "unchanged"],
        ["endpoint", "source-uh-uht-endpoint", "unchanged"],
        ["instance", "development-dms-instance", "unchanged"],
      ]),
    );
    expect(objectOf("mapping-change", "uht-to-uh-mirror").effects).toEqual(["changes table_mappings", "stopped, modified and resumed from its checkpoint (resume-processing)"]);
    expect(report.undeclaredDestroyed).toEqual([]);
  });

  test("a task-setting change: the same resume", () => {
    expect(objectOf("task-setting", "uht-to-uh-mirror")).toMatchObject({
      outcome: "modified",
      effects: ["changes replication_task_settings", "stopped, modified and resumed from its checkpoint (resume-processing)"],
    });
  });

  test("keepStopped: the report says Terraform stops the task and keeps it stopped", () => {
    expect(objectOf("keep-stopped", "uht-to-uh-mirror").effects).toEqual(["STOPPED by Terraform and kept stopped (keepStopped)"]);
  });

  test("a new migration type replaces the task: named attribute, CDC position lost, where to restart", () => {
    const task = objectOf("migration-type", "uht-to-uh-mirror");
    expect(task.outcome).toBe("replaced");
    expect(task.forcedBy).toEqual(["migration_type (cannot be changed in place; replace_triggered_by)"]);
    expect(task.effects.join("\n")).toMatch(/CDC position is LOST/);
    expect(task.effects.join("\n")).toMatch(/RecoveryCheckpoint .* cdcStartPosition/);
    // A cdc task has no full load to prepare tables for.
    expect(task.effects.join("\n")).not.toMatch(/full load again/);
  });

  test("a target endpoint setting replaces the endpoint (postgres_settings) and, through its ARN, the task, which reloads and drops the tables", () => {
    const endpoint = objectOf("target-settings", "target-uh-endpoint");
    expect(endpoint).toMatchObject({ outcome: "replaced", forcedBy: ["postgres_settings (cannot be changed in place; replace_triggered_by)"] });
    expect(endpoint.effects).toEqual(["a new endpoint (new ARN): every task using it is REPLACED too (uht-to-uh-mirror)"]);
    const task = objectOf("target-settings", "uht-to-uh-mirror");
    expect(task.forcedBy).toEqual(["target_endpoint_arn (endpoint target-uh-endpoint is replaced)"]);
    expect(task.effects).toContain("full load again: target tables are DROPPED and re-created, then fully reloaded (TargetTablePrepMode DROP_AND_CREATE)");
  });

  test("a task removed from the file: destroyed, and listed as not declared", () => {
    const report = analysePlan(fixture("task-removed"));
    expect(report.objects.find((object) => object.kind === "task")).toMatchObject({ outcome: "destroyed", effects: ["stopped and deleted: replication ends and its CDC position is lost"] });
    expect(report.undeclaredDestroyed).toContain("aws_dms_replication_task.Dms_Task-uht-to-uh-mirror_Task_B42B4763");
  });

  test("the text puts a one-screen summary first, refusals in it, details below", () => {
    const plan = fixture("target-settings");
    const taskAddress = plan.resource_changes!.find((change) => change.type === "aws_dms_replication_task")!.address;
    const text = formatReport(analysePlan(plan, { refusedAddresses: [taskAddress] }), "Replication plan for production");
    const [summary, details] = text.split("\nDetails:\n");
    expect(summary.split("\n").length).toBeLessThan(15);
    expect(summary).toMatch(/tasks\s+1 REPLACED/);
    expect(summary).toMatch(/endpoints\s+1 unchanged, 1 REPLACED/);
    expect(summary).toContain("REFUSED     task uht-to-uh-mirror: replacement forced by target_endpoint_arn (endpoint target-uh-endpoint is replaced); production needs it in acknowledgeReplacement");
    expect(details).toContain("task uht-to-uh-mirror: REPLACED (REFUSED in production: not acknowledged)");
  });

  test("every protected object the plan replaces is refused, not only the one Terraform stopped at; an in-place change of one is not", () => {
    const plan = fixture("target-settings");
    const addresses = plan.resource_changes!.filter((change) => change.type.startsWith("aws_dms_")).map((change) => change.address);
    const report = analysePlan(plan, { refusedAddresses: addresses });
    const refusedIds = report.objects.filter((object) => object.refused).map((object) => object.id).sort();
    expect(refusedIds).toEqual(["target-uh-endpoint", "uht-to-uh-mirror"]);
    expect(report.objects.filter((object) => object.outcome === "modified" || object.outcome === "unchanged").every((object) => !object.refused)).toBe(true);
    expect(protectedAddresses({ resource: { aws_dms_endpoint: { A: { lifecycle: { prevent_destroy: true } }, B: {} }, aws_dms_replication_task: { T: { lifecycle: { prevent_destroy: true } } } } })).toEqual([
      "aws_dms_endpoint.A",
      "aws_dms_replication_task.T",
    ]);
  });

  test("a clean plan says so", () => {
    const clean: PlanJson = { resource_changes: fixture("mapping-change").resource_changes!.map((change) => ({ ...change, change: { ...change.change, actions: ["no-op"] } })) };
    expect(formatReport(analysePlan(clean))).toContain("No replication object changes.");
  });

  test("Terraform's prevent_destroy refusals are read from its output, even wrapped", () => {
    const output = [
      "Error: Instance cannot be destroyed",
      "  on cdk.tf.json line 1081, in resource.aws_dms_replication_task.Dms_Task-x_Task_1:",
      "Resource aws_dms_replication_task.Dms_Task-x_Task_1 has lifecycle.prevent_destroy set, but the plan calls",
      "Resource aws_dms_endpoint.Dms_TargetEndpoint_2 has",
      "lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed.",
    ].join("\n");
    expect(refusedAddresses(output)).toEqual(["aws_dms_replication_task.Dms_Task-x_Task_1", "aws_dms_endpoint.Dms_TargetEndpoint_2"]);
  });
});
