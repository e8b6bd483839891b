import { existsSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runSynth } from "../helpers/app";
import { BUNDLED_ENVIRONMENTS, environmentFile } from "../helpers/environments";

/** Runs the app against a folder holding the bundled files with one of them changed. */
function synthWith(name: string, edit: (file: Record<string, any>) => void) {
  const dir = mkdtempSync(join(tmpdir(), "environments-"));
  for (const bundled of BUNDLED_ENVIRONMENTS) {
    const file = environmentFile(bundled);
    if (bundled === name) edit(file);
    writeFileSync(join(dir, `${bundled}.json`), JSON.stringify(file, null, 2));
  }
  return { ...runSynth({ ENVIRONMENTS_DIR: dir }), dir };
}

describe("the app refuses a bad environment file before writing any stack", () => {
  test("a production file with multiAz: false", () => {
    const run = synthWith("production", (file) => (file.database.multiAz = false));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(run.dir, "production.json")}: database.multiAz = false: production databases must be Multi-AZ; allowed: true`);
    expect(existsSync(run.outdir)).toBe(false);
  });

  test("a file with a misspelt key", () => {
    const run = synthWith("staging", (file) => {
      file.database.instanceClas = file.database.instanceClass;
      delete file.database.instanceClass;
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(run.dir, "staging.json")}: database.instanceClas = "db.t4g.small": unknown key (did you mean "instanceClass"?)`);
    expect(run.stderr).not.toContain("database.instanceClass =");
    expect(existsSync(run.outdir)).toBe(false);
  });

  test("a file holding a literal password, which is not echoed", () => {
    const run = synthWith("development", (file) => (file.database.password = "Correct-Horse-Battery-9"));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(run.dir, "development.json")}: database.password = (not shown: a 23-character value): an environment file must never hold a password`);
    expect(run.stderr + run.stdout).not.toContain("Correct-Horse-Battery-9");
    expect(existsSync(run.outdir)).toBe(false);
  });
});
