import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { terraform } from "../../cli/terraform-cli";
import { AppRun, runSynth } from "../helpers/app";
import { BUNDLED_ENVIRONMENTS } from "../helpers/environments";
import { filesContaining, secretHandlingProblems } from "../helpers/secret-scan";

// Values a careless app might pick up from its environment and write into a stack.
const SENTINEL = "sentinel-Pa55w0rd-7f3c9e1a";
const SENTINEL_ENV = { PGPASSWORD: SENTINEL, DB_PASSWORD: SENTINEL, POSTGRES_PASSWORD: SENTINEL, TF_VAR_db_password: SENTINEL };

describe("every bundled environment, synthesized by `npm run synth`", () => {
  let run: AppRun;
  beforeAll(() => {
    run = runSynth(SENTINEL_ENV);
  });

  test("synth succeeds and writes one stack per environment", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const name of BUNDLED_ENVIRONMENTS) {
      expect(JSON.parse(readFileSync(join(run.outdir, "stacks", name, "cdk.tf.json"), "utf8")).terraform.required_providers.aws.version).toBe("5.100.0");
    }
  });

  test.each(BUNDLED_ENVIRONMENTS)("%s passes terraform init (offline, from the provider mirror) and validate", (name) => {
    const dir = join(run.outdir, "stacks", name);
    terraform(dir, ["init", "-backend=false", "-input=false", "-no-color"]);
    expect(terraform(dir, ["validate", "-no-color"])).toContain("Success! The configuration is valid.");
  });

  test.each(BUNDLED_ENVIRONMENTS)("%s moves secrets only through ephemeral blocks and write-only arguments", (name) => {
    const json = JSON.parse(readFileSync(join(run.outdir, "stacks", name, "cdk.tf.json"), "utf8"));
    expect(secretHandlingProblems(json)).toEqual([]);
    expect(Object.keys(json.ephemeral)).toEqual(expect.arrayContaining(["aws_ssm_parameter"]));
  });

  test("no password value is anywhere in cdktf.out", () => {
    expect(filesContaining(run.outdir, [SENTINEL])).toEqual([]);
  });

  test("a second synth, in a new process, writes byte-identical stacks and DBA scripts", () => {
    const again = runSynth();
    expect(again.status).toBe(0);
    for (const name of BUNDLED_ENVIRONMENTS) {
      for (const file of ["cdk.tf.json", ...readdirSync(join(run.outdir, "stacks", name, "dba")).map((f) => join("dba", f))]) {
        expect(readFileSync(join(again.outdir, "stacks", name, file), "utf8")).toBe(readFileSync(join(run.outdir, "stacks", name, file), "utf8"));
      }
    }
  });
});
