import { Testing } from "cdktf";
import { checkEnvironment } from "../../modules/config";
import { MigrationStack } from "../../modules/stack/migration-stack";
import { BUNDLED_ENVIRONMENTS, environmentFile } from "./environments";
import { TerraformJson } from "./synth";

/** The synthesized stack of a bundled environment file, as the app builds it (checked file, then MigrationStack). */
export function synthBundled(name: string): TerraformJson {
  const check = checkEnvironment(JSON.stringify(environmentFile(name)), name);
  if (!check.config) throw new Error(check.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return JSON.parse(Testing.synth(new MigrationStack(Testing.app(), name, { config: check.config })));
}

/** Every bundled environment with its synthesized stack, in name order. */
export function synthAllBundled(): ReadonlyArray<readonly [string, TerraformJson]> {
  return BUNDLED_ENVIRONMENTS.map((name) => [name, synthBundled(name)] as const);
}
