import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "fs";
import { join } from "path";
import { main } from "../../cli/main";
import { EmulatorSession } from "./emulator";
import { recordingIo } from "./cli";

/**
 * Runs the operations CLI against an emulator session exactly as after `npm run deploy:local`: an emulator record
 * (`<DEPLOY_LOCAL_DIR>/<environment>/emulator.json`) and the stack synthesized for the emulator beside it, and
 * `--local` on the command line. `as` records the same emulator and stack under another environment name, and
 * `tier` gives that copy of the stack another recorded tier (its `environment_tier` output), to run the production
 * tier's code paths against this deployment.
 */
export function cliFor(session: EmulatorSession, as: string = session.environment, tier?: "production" | "non-production") {
  const dir = join(session.workdir, "cli-local");
  const workdir = join(dir, as);
  mkdirSync(workdir, { recursive: true });
  writeFileSync(join(workdir, "emulator.json"), JSON.stringify({ environment: as, endpoint: session.emulator.endpoint, pid: session.emulator.pid, region: session.config.region }));
  try {
    symlinkSync(join(session.deployment.stackDir, "..", ".."), join(workdir, "cdktf.out"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let stackFile = join(session.deployment.stackDir, "cdk.tf.json");
  if (tier !== undefined) {
    const stack = JSON.parse(readFileSync(stackFile, "utf8"));
    stack.output = { ...stack.output, environment_tier: { value: tier } };
    stackFile = join(workdir, `cdk.${tier}.tf.json`);
    writeFileSync(stackFile, JSON.stringify(stack));
  }
  return async (...argv: string[]) => {
    const io = recordingIo({ DEPLOY_LOCAL_DIR: dir });
    const [command, ...rest] = argv;
    const extra = as === session.environment && tier === undefined ? [] : ["--stack", stackFile];
    const code = await main([command, as, "--local", ...extra, ...rest], io);
    return { code, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n") };
  };
}
