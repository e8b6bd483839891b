import { existsSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runSynth } from "../helpers/app";
import { BUNDLED_ENVIRONMENTS, environmentFile } from "../helpers/environments";
import { BAD_FILE_CASES } from "../helpers/bad-files";

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

  test("several corpus files at once: every file's problems in one run, no stack trace, no stack written", () => {
    // One spawn for a few cases of __tests__/helpers/bad-files.ts (the whole corpus runs in-process in the unit tier).
    const picked = ["a region typo", "half of IPv4 at dms.secretsManagerAccess.cidr (oracle-aurora)", "cron with minute 99", "an AWS secret access key at database.allowedIngress[0].description (staging)"]
      .map((name) => BAD_FILE_CASES.find((badCase) => badCase.name === name)!);
    expect(new Set(picked.map((badCase) => badCase.environment)).size).toBe(picked.length);
    const dir = mkdtempSync(join(tmpdir(), "environments-"));
    for (const bundled of BUNDLED_ENVIRONMENTS) writeFileSync(join(dir, `${bundled}.json`), JSON.stringify(environmentFile(bundled), null, 2));
    for (const badCase of picked) writeFileSync(join(dir, `${badCase.environment}.json`), badCase.text);
    const run = runSynth({ ENVIRONMENTS_DIR: dir });
    expect(run.status).toBe(1);
    const lines = run.stderr.split("\n");
    for (const badCase of picked) {
      expect(lines.some((line) => line.startsWith(`${join(dir, `${badCase.environment}.json`)}: ${badCase.field} = `) && line.includes(badCase.allowed))).toBe(true);
      if (badCase.secret) expect(run.stderr + run.stdout).not.toContain(badCase.secret);
    }
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(run.outdir)).toBe(false);
  });
});
