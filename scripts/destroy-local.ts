import { existsSync, readFileSync, rmSync } from "fs";
import { join } from "path";
import { LocalRecord, STATE_BUCKET, workdirOf } from "./deploy-local";
import { writeDecommissionedCopy } from "./local/decommission";
import { isRunning } from "../cli/local-emulator";
import { stopEmulator } from "./local/emulator-process";
import { LocalDeployment } from "./local/local-deployment";

const REPO = join(__dirname, "..");

/**
 * `npm run destroy:local [-- <environment>]`: destroys what `deploy:local` created and stops the emulator.
 * A protected database (production) is first decommissioned on purpose in a private copy of the
 * environment file, so Terraform may destroy it; the final snapshot it promises is still taken.
 */
async function destroyLocal(environment: string): Promise<void> {
  const workdir = workdirOf(environment);
  const recordFile = join(workdir, "emulator.json");
  if (!existsSync(recordFile)) throw new Error(`${environment} is not deployed locally (no ${recordFile}).`);
  const record = JSON.parse(readFileSync(recordFile, "utf8")) as LocalRecord;
  const step = (text: string) => console.log(`==> ${text}`);
  if (isRunning(record.pid)) {
    // Harmless where nothing is protected; required where something is.
    const environmentsDir = writeDecommissionedCopy(join(REPO, "environments"), environment, join(workdir, "environments"));
    const deployment = new LocalDeployment({
      environment,
      region: record.region,
      endpoint: record.endpoint,
      stateBucket: STATE_BUCKET,
      workdir,
      environmentsDir,
      onLine: (line) => {
        if (/(Destroying|Destruction complete|Modifying|Modifications complete|Destroy complete|Error: )/.test(line)) console.log(`    ${line}`);
      },
    });
    step("Lifting the database's deletion protection on purpose (decommission)");
    deployment.synth();
    deployment.init();
    await deployment.apply();
    step("terraform destroy");
    console.log(`    destroyed in ${await deployment.destroy()} s`);
  }
  step(`Stopping the emulator (pid ${record.pid})`);
  await stopEmulator(record);
  rmSync(workdir, { recursive: true, force: true });
  console.log(`${environment} is gone from the local emulator.`);
}

destroyLocal(process.argv[2] ?? "development").catch((error: Error) => {
  console.error(`destroy:local failed: ${error.message}`);
  process.exit(1);
});
