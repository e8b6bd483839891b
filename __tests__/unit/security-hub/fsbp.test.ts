import { readFileSync } from "fs";
import { join } from "path";
import { CONTROLS, ControlResult, Finding, controlResults, evaluate } from "../../helpers/fsbp/checker";
import { synthAllBundled } from "../../helpers/bundled-stacks";
import { newStack, synth } from "../../helpers/synth";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";

const README = readFileSync(join(__dirname, "..", "..", "..", "README.md"), "utf8");

/** The lines of one `### heading` inside the README's "AWS Security Hub controls" section. */
function readmeTableIds(subsection: string): string[] {
  const section = README.split(/^## /m).find((part) => part.startsWith("AWS Security Hub controls"));
  if (!section) throw new Error('README has no "AWS Security Hub controls" section');
  const table = section.split(/^### /m).find((part) => part.startsWith(subsection));
  if (!table) throw new Error(`README's Security Hub section has no "${subsection}" table`);
  return [...table.matchAll(/^\| ([A-Za-z0-9]+\.\d+) \|/gm)].map((match) => match[1]);
}

describe("AWS Security Hub controls over every bundled environment", () => {
  const stacks = synthAllBundled();
  const findings = new Map(stacks.map(([name, json]) => [name, evaluate(json)] as const));
  const results = new Map([...findings].map(([name, found]) => [name, controlResults(found)] as const));
  const exceptions = readmeTableIds("Not met in production");

  afterAll(() => {
    // The per-environment table the README promises: one row per control, one column per environment.
    const table: Record<string, Record<string, ControlResult>> = {};
    for (const control of CONTROLS) table[control.id] = Object.fromEntries([...results].map(([name, byControl]) => [name, byControl.get(control.id)!]));
    console.log(`Security Hub controls per bundled environment (${CONTROLS.length} checked)\n` + formatTable(table));
  });

  test("the README lists exactly the controls checked", () => {
    expect(readmeTableIds("Controls checked")).toEqual(CONTROLS.map((control) => control.id));
  });

  test("production fails no control outside the README's list of exceptions", () => {
    const failed = findings.get("production")!.filter((finding) => !finding.passed && !exceptions.includes(finding.control));
    expect(failed).toEqual([]);
  });

  test("every exception the README lists is one production really does not meet (no stale entries)", () => {
    const production = results.get("production")!;
    expect(exceptions.filter((id) => production.get(id) !== "FAIL")).toEqual([]);
  });

  test("production has every kind of resource the controls are about, so its passes are not vacuous", () => {
    const evaluated = new Set(findings.get("production")!.map((finding: Finding) => finding.control));
    for (const id of ["DMS.1", "DMS.7", "DMS.8", "DMS.9", "RDS.3", "RDS.10", "RDS.11", "RDS.25", "SecretsManager.1", "SNS.1", "KMS.4"]) {
      expect(evaluated).toContain(id);
    }
  });
});

describe("the checker fails what it should", () => {
  test("a public, unencrypted, unmonitored instance with the default user and port fails the matching controls", () => {
    const stack = newStack();
    new DbInstance(stack, "Db", {
      engine: "postgres", instanceClass: "db.t4g.micro", username: "postgres", port: 5432, publiclyAccessible: true,
      backupRetentionPeriod: 1, allocatedStorage: 20,
    });
    const failed = evaluate(synth(stack)).filter((finding) => !finding.passed).map((finding) => finding.control);
    expect(failed).toEqual(["RDS.2", "RDS.3", "RDS.5", "RDS.6", "RDS.8", "RDS.9", "RDS.10", "RDS.11", "RDS.17", "RDS.18", "RDS.23", "RDS.25", "RDS.36"]);
  });

  test("a bare bucket fails every S3 control", () => {
    const stack = newStack();
    new S3Bucket(stack, "Bucket", { bucket: "bare" });
    expect(evaluate(synth(stack)).filter((finding) => !finding.passed).map((finding) => finding.control)).toEqual([
      "S3.5", "S3.8", "S3.9", "S3.11", "S3.12", "S3.13", "S3.17",
    ]);
  });
});

function formatTable(table: Record<string, Record<string, string>>): string {
  const columns = Object.keys(Object.values(table)[0] ?? {});
  const width = Math.max(...Object.keys(table).map((id) => id.length), 7);
  const header = ["Control".padEnd(width), ...columns].join(" | ");
  const rows = Object.entries(table).map(([id, byEnvironment]) =>
    [id.padEnd(width), ...columns.map((column) => byEnvironment[column].padEnd(column.length))].join(" | "));
  return [header, ...rows].join("\n");
}
