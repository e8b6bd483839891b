import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { environmentFile } from "../../helpers/environments";
import { TerraformJson, blocks, only } from "../../helpers/synth";

function stackFor(name: string): MigrationStack {
  const check = checkEnvironment(JSON.stringify(environmentFile(name)), name);
  if (!check.config) throw new Error(check.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return new MigrationStack(Testing.app(), name, { config: check.config });
}

const synthEnvironment = (name: string): TerraformJson => JSON.parse(Testing.synth(stackFor(name)));
const endpoints = (json: TerraformJson, type: "source" | "target") => blocks(json, "aws_dms_endpoint").filter((e) => e.endpoint_type === type);

describe("development: one SQL Server source with MS-Replication into the project's Postgres", () => {
  const json = synthEnvironment("development");

  test("creates the account roles, the instance, one source, the shared target and one full-load-and-cdc task", () => {
    expect(blocks(json, "aws_iam_role").map((r) => r.name).filter(Boolean).sort()).toEqual([
      "dms-cloudwatch-logs-role",
      "dms-vpc-role",
      // premigrationAssessment in the file: the role DMS writes assessment results with.
      "resident-information-development-dms-assessment",
    ]);
    expect(only(json, "aws_dms_replication_instance")).toMatchObject({ replication_instance_id: "development-dms-instance", engine_version: "3.6.1" });
    expect(endpoints(json, "source")).toEqual([
      expect.objectContaining({ endpoint_id: "source-uh-uht-endpoint", engine_name: "sqlserver", database_name: "uhtest", extra_connection_attributes: "" }),
    ]);
    expect(endpoints(json, "target")).toEqual([expect.objectContaining({ endpoint_id: "target-uh-endpoint", database_name: "uh_mirror" })]);
    expect(only(json, "aws_dms_replication_task")).toMatchObject({ replication_task_id: "uht-to-uh-mirror", migration_type: "full-load-and-cdc" });
  });

  test("the task's table mappings are the file's rules as DMS JSON", () => {
    expect(JSON.parse(only(json, "aws_dms_replication_task").table_mappings).rules.map((r: any) => [r["rule-type"], r["rule-action"], r["object-locator"]["table-name"]])).toEqual([
      ["selection", "include", "member"],
      ["selection", "include", "cccontactlink"],
      ["transformation", "convert-lowercase", "%"],
      ["transformation", "convert-lowercase", "%"],
    ]);
  });

  test("DMS may reach the source's SQL Server port, the database port, and Secrets Manager on HTTPS, nothing else", () => {
    const egress = blocks(json, "aws_vpc_security_group_egress_rule").map((r) => [r.cidr_ipv4 ?? "database", r.from_port, r.to_port]);
    expect(egress.sort()).toEqual([
      ["10.10.0.0/16", 443, 443],
      ["10.80.1.21/32", 1433, 1433],
      ["database", 5301, 5301],
    ]);
  });
});

describe("a team's own JSON in the file: AWS's table mappings and saved task settings, as written", () => {
  const awsFixture = (path: string) => JSON.parse(readFileSync(join(__dirname, "../../fixtures/aws", path), "utf8"));
  const mappings = awsFixture("table-mappings/data-masking.json");
  const saved = awsFixture("task-settings-saved.json");
  const file = environmentFile("development");
  Object.assign(file.tasks[0], { tableMappings: mappings, settings: saved, settingsAsWritten: true });
  const check = checkEnvironment(JSON.stringify(file), "development");
  const task = check.config ? only(JSON.parse(Testing.synth(new MigrationStack(Testing.app(), "development", { config: check.config }))), "aws_dms_replication_task") : undefined;

  test("the file passes its checks", () => {
    expect(check.problems).toEqual([]);
  });

  test("the table mappings are AWS's, rule for rule", () => {
    const rules = JSON.parse(task!.table_mappings).rules;
    expect(rules.map((rule: any) => [rule["rule-id"], rule["rule-action"], rule["object-locator"]["column-name"], rule.value])).toEqual([
      ["1", "include", undefined, undefined],
      ["2", "data-masking-digits-mask", "cust_passport_no", "#"],
      ["3", "data-masking-digits-randomize", "cust_prod_code", undefined],
      ["4", "data-masking-hash-mask", "cust_credit_no", undefined],
    ]);
  });

  test("the settings are the saved ones without the nulls DMS wrote, and nothing of the defaults", () => {
    const settings = JSON.parse(task!.replication_task_settings);
    expect(settings.FullLoadSettings.TargetTablePrepMode).toBe("DO_NOTHING");
    expect(settings.Logging).not.toHaveProperty("CloudWatchLogGroup");
    expect(Object.keys(settings).sort()).toEqual(Object.keys(saved).filter((key) => saved[key] !== null).sort());
  });
});

describe("staging: MS-CDC on an existing, shared replication instance", () => {
  const json = synthEnvironment("staging");

  test("creates no instance and no account roles", () => {
    expect(blocks(json, "aws_dms_replication_instance")).toHaveLength(0);
    expect(blocks(json, "aws_iam_role").map((r) => r.name).filter(Boolean)).toEqual([]);
  });

  test("the task runs on the existing instance and its rules go on the existing security group", () => {
    expect(only(json, "aws_dms_replication_task").replication_instance_arn).toBe("arn:aws:dms:eu-west-2:123456789012:rep:DNTOW6TGQEGCAOWQMZYHQRTWAA");
    expect(blocks(json, "aws_vpc_security_group_egress_rule").every((r) => r.security_group_id === "sg-0b2c3d4e5f6071829")).toBe(true);
    expect(blocks(json, "aws_vpc_security_group_ingress_rule")).toEqual([expect.objectContaining({ referenced_security_group_id: "sg-0b2c3d4e5f6071829", from_port: 5302 })]);
  });

  test("the source runs MS-CDC without requiring MS-Replication", () => {
    expect(endpoints(json, "source")[0].extra_connection_attributes).toBe("ignoreMsReplicationEnablement=true");
  });
});

describe("production: two SQL Server sources sharing one target, one of them full-load only", () => {
  const json = synthEnvironment("production");

  test("two sources, one target, two tasks writing to it", () => {
    expect(endpoints(json, "source").map((e) => e.endpoint_id)).toEqual(["source-uh-uht-endpoint", "source-uh-uhw-endpoint"]);
    expect(endpoints(json, "target")).toHaveLength(1);
    const tasks = blocks(json, "aws_dms_replication_task");
    expect(tasks.map((t) => [t.replication_task_id, t.migration_type])).toEqual([
      ["uht-to-uh-mirror", "full-load-and-cdc"],
      ["uhw-to-uh-mirror", "full-load"],
    ]);
    expect(new Set(tasks.map((t) => t.target_endpoint_arn)).size).toBe(1);
  });

  test("the instance is Multi-AZ", () => {
    expect(only(json, "aws_dms_replication_instance").multi_az).toBe(true);
  });

  test("the task settings override reaches the task", () => {
    const uht = blocks(json, "aws_dms_replication_task").find((t) => t.replication_task_id === "uht-to-uh-mirror")!;
    expect(JSON.parse(uht.replication_task_settings).TargetMetadata.BatchApplyEnabled).toBe(true);
  });

  test("endpoint secrets can be restored for a week after deletion, in production only", () => {
    expect(blocks(json, "aws_secretsmanager_secret").map((s) => s.recovery_window_in_days)).toEqual([7, 7, 7]);
    expect(blocks(synthEnvironment("development"), "aws_secretsmanager_secret").map((s) => s.recovery_window_in_days)).toEqual([0, 0]);
  });
});

describe("synth output", () => {
  test("a second synth is byte-identical", () => {
    for (const name of ["development", "staging", "production"]) {
      expect(Testing.synth(stackFor(name))).toBe(Testing.synth(stackFor(name)));
    }
  });

  test("writes each SQL Server source's DBA script next to the stack", () => {
    const outdir = Testing.fullSynth(stackFor("production"));
    const dba = join(outdir, "stacks", "production", "dba");
    expect(readdirSync(dba).sort()).toEqual(["source-uh-uht-endpoint.sql", "source-uh-uhw-endpoint.sql"]);
    const uht = readFileSync(join(dba, "source-uh-uht-endpoint.sql"), "utf8");
    expect(uht).toContain('DBA preparation script for the AWS DMS source endpoint "source-uh-uht-endpoint"');
    expect(uht).toContain("Capture mode:     ms-replication");
    expect(uht).toContain("sp_get_distributor");
    expect(uht).toContain("/uh-api/live-server/uht-password");
    const uhw = readFileSync(join(dba, "source-uh-uhw-endpoint.sql"), "utf8");
    expect(uhw).toContain("Capture mode:     none");
    expect(uhw).not.toContain("sp_cdc_enable_db");
  });
});
