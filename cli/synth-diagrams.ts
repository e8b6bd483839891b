import { existsSync, readdirSync, writeFileSync } from "fs";
import { join } from "path";
import { environmentDiagram } from "./diagram";
import { readStackModel } from "./stack-model";

/** After `app.synth()`: writes `diagram.mmd` beside each stack's `cdk.tf.json` in `outdir`; returns the files written. */
export function writeStackDiagrams(outdir: string): string[] {
  const stacks = join(outdir, "stacks");
  if (!existsSync(stacks)) return [];
  const written: string[] = [];
  for (const name of readdirSync(stacks)) {
    const file = join(stacks, name, "cdk.tf.json");
    if (!existsSync(file)) continue;
    const diagram = join(stacks, name, "diagram.mmd");
    writeFileSync(diagram, environmentDiagram(readStackModel(file, name)));
    written.push(diagram);
  }
  return written;
}
