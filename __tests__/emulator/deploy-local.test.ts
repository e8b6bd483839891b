import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { isRunning } from "../../cli/local-emulator";
import { stopEmulator } from "../../scripts/local/emulator-process";
import { REPO } from "../helpers/app";

/** The README's main command, and its counterpart, as a user runs them. */
describe("npm run deploy:local and destroy:local", () => {
  const dir = mkdtempSync(join(tmpdir(), "deploy-local-"));
  const npm = (script: string, environment: string) =>
    spawnSync("npm", ["run", "-s", script, "--", environment], { cwd: REPO, encoding: "utf8", env: { ...process.env, DEPLOY_LOCAL_DIR: dir } });
  const record = join(dir, "postgres-s3", "emulator.json");
  afterAll(async () => {
    // Whatever failed above, no emulator outlives the test.
    if (existsSync(record)) await stopEmulator(JSON.parse(readFileSync(record, "utf8")));
  });

  test("deploy:local starts an emulator, applies the environment and reports what DMS now has", () => {
    const run = npm("deploy:local", "postgres-s3");
    expect(run.stderr.replace(/npm warn .*\n/g, "")).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Deployed postgres-s3 to the local AWS emulator at http:\/\/127\.0\.0\.1:\d+: \d+ resources\./);
    expect(run.stdout).toMatch(/source\s+source-addresses-postgres\s+\(postgres; credentials from Secrets Manager\)/);
    expect(run.stdout).toMatch(/target\s+target-addresses-lake\s+\(s3; writes through role /);
    expect(run.stdout).toContain("npm run destroy:local -- postgres-s3");
    expect(isRunning(JSON.parse(readFileSync(record, "utf8")).pid)).toBe(true);
  });

  test("npm run plan against the running local deployment prints the replication report (nothing changes) and saves no changes", () => {
    const run = npm("plan", "postgres-s3");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/==> Planning postgres-s3 against the local emulator at http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toMatch(/Replication plan for postgres-s3: what this plan does to live replication\n\n {2}serverless {2}1 unchanged\n {2}endpoints {3}2 unchanged\n\n {2}No replication object changes\./);
    expect(run.stdout).toContain("No changes.");
  });

  test("a second deploy:local of the same environment is refused while its emulator runs", () => {
    const run = npm("deploy:local", "postgres-s3");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("postgres-s3 is already deployed locally");
  });

  test("destroy:local destroys the stack, stops the emulator and removes the deployment's folder", () => {
    const { pid } = JSON.parse(readFileSync(record, "utf8"));
    const run = npm("destroy:local", "postgres-s3");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Destroy complete! Resources: \d+ destroyed\./);
    expect(run.stdout).toContain("postgres-s3 is gone from the local emulator.");
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(join(dir, "postgres-s3"))).toBe(false);
  });
});
