import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";
import { runSynth } from "../helpers/app";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every stack file (manifest.json aside: its warnings carry construct stack traces), by path. */
function stackFiles(outdir: string): Record<string, string> {
  const stacks = join(outdir, "stacks");
  return Object.fromEntries(filesUnder(stacks).map((path) => [relative(stacks, path), readFileSync(path, "utf8")]));
}

test("synth writes the same stacks whether cdktf's token stack traces are skipped (the default) or kept", () => {
  const skipped = runSynth();
  const kept = runSynth({ CDKTF_TOKEN_STACK_TRACES: "1" });
  expect([skipped.status, kept.status]).toEqual([0, 0]);
  const files = stackFiles(skipped.outdir);
  expect(Object.keys(files).filter((path) => path.endsWith("cdk.tf.json")).length).toBeGreaterThanOrEqual(5);
  expect(stackFiles(kept.outdir)).toEqual(files);
});
