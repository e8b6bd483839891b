import { App } from "cdktf";
import { writeStackDiagrams } from "./cli/synth-diagrams";
import { join } from "path";
import { EnvironmentConfigError, loadEnvironments } from "./modules/config";
import { ValidationError } from "./modules/core/errors";
import { skipTokenStackTraces } from "./modules/core/token-stack-traces";
import { LocalEmulatorTarget } from "./modules/stack/local-emulator";
import { MigrationStack } from "./modules/stack/migration-stack";

/**
 * The app: one stack per file in environments/. Every file is checked before any construct is built, so a
 * bad file stops synth with its problems and no stack is written. `ENVIRONMENTS=development,staging`
 * limits synth to some environments. `npm run deploy:local` alone sets DMS_LOCAL_EMULATOR_ENDPOINT and
 * DMS_LOCAL_STATE_BUCKET, to synthesize for the local AWS emulator. CDKTF_TOKEN_STACK_TRACES=1 keeps cdktf's
 * token stack traces, when an error asks where a token was made. DMS_PLAN_REPORT_WHAT_IF=1 is set only by
 * `npm run plan` for a throw-away plan that names why production refused a replacement; it is never applied.
 */
function main(): void {
  skipTokenStackTraces();
  const names = process.env.ENVIRONMENTS?.split(",").map((name) => name.trim()).filter(Boolean);
  const configs = loadEnvironments(process.env.ENVIRONMENTS_DIR ?? join(__dirname, "environments"), names, (line) => console.warn(line));
  const endpoint = process.env.DMS_LOCAL_EMULATOR_ENDPOINT;
  const localEmulator: LocalEmulatorTarget | undefined = endpoint
    ? { endpoint, stateBucket: process.env.DMS_LOCAL_STATE_BUCKET ?? "local-terraform-state" }
    : undefined;
  const app = new App();
  for (const config of configs) {
    const stack = new MigrationStack(app, config.environment, { config, localEmulator, unguardedForReport: process.env.DMS_PLAN_REPORT_WHAT_IF === "1" });
    for (const warning of stack.adoption.warnings) console.error(`Warning (${config.environment}, adopted): ${warning}`);
  }
  app.synth();
  // A Mermaid picture of each environment beside its stack (cdktf.out/stacks/<environment>/diagram.mmd).
  writeStackDiagrams(app.outdir);
}

try {
  main();
} catch (error) {
  if (error instanceof EnvironmentConfigError) {
    console.error(`Environment files are not valid (${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}):\n${error.message}`);
  } else if (error instanceof ValidationError) {
    // A construct refused what the files asked for; its message names the construct path and the prop.
    console.error(`Cannot build the stacks: ${error.message}`);
  } else {
    throw error;
  }
  process.exit(1);
}
