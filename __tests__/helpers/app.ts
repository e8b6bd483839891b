import { spawnSync } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

export const REPO = join(__dirname, "..", "..");

export interface AppRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outdir: string;
}

/** Runs `npm run synth`, as the README tells users to, into a fresh output folder. */
export function runSynth(env: NodeJS.ProcessEnv = {}): AppRun {
  const outdir = join(mkdtempSync(join(tmpdir(), "synth-")), "cdktf.out");
  const result = spawnSync("npm", ["run", "-s", "synth"], {
    cwd: REPO,
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outdir };
}
