import { spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Testing } from "cdktf";
import { loadEnvironments } from "../../modules/config";
import { MigrationStack } from "../../modules/stack/migration-stack";
import { COMMANDS } from "../../cli/main";
import { ENVIRONMENTS_DIR } from "../helpers/environments";

const REPO = join(__dirname, "..", "..");
const run = (...args: string[]) => spawnSync(process.execPath, [join(REPO, "bin", "dms-migration.js"), ...args], { cwd: REPO, encoding: "utf8" });

/** The package's `bin` as a user runs it (`npx dms-migration`, `npm run cli --`): a real process and its exit code. */
describe("the dms-migration bin", () => {
  test("--help lists every registered command and exits 0; an unknown command exits 2", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.stdout).toContain(`  ${name} `);
    const unknown = run("deploy", "production");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "deploy"');
  });

  test("diagram of a synthesized stack, offline", () => {
    const [config] = loadEnvironments(ENVIRONMENTS_DIR, ["production"]);
    const file = join(mkdtempSync(join(tmpdir(), "cli-bin-")), "cdk.tf.json");
    writeFileSync(file, Testing.synth(new MigrationStack(Testing.app(), "production", { config })));
    const diagram = run("diagram", "production", "--stack", file);
    expect(diagram.stderr).toBe("");
    expect(diagram.status).toBe(0);
    expect(diagram.stdout).toContain("schedule_uhw_to_uh_mirror_reload -. starts .-> task_uhw_to_uh_mirror");
  });
});
