import { randomBytes } from "crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { planWithReport } from "../cli/plan/plan-runner";
import { loadEnvironments } from "../modules/config";
import { terraformEnv } from "../cli/terraform-cli";
import { emulatorTerraformEnv } from "../cli/local-emulator";
import { isRunning } from "../cli/local-emulator";
import { startEmulator } from "./local/emulator-process";
import { LocalDeployment } from "./local/local-deployment";
import { seedEnvironment } from "./local/seed";
import { deploymentSummary } from "./local/summary";

const REPO = join(__dirname, "..");
export const STATE_BUCKET = "local-terraform-state";

/** What `deploy:local` leaves behind for `destroy:local`: the emulator it started. */
export interface LocalRecord {
  readonly environment: string;
  readonly endpoint: string;
  readonly pid: number;
  readonly region: string;
  /** The names and ids of what was seeded before the stack (network, security groups and their rules, parameters): never values. */
  readonly seeded?: readonly string[];
  readonly vpcId?: string;
}

/** Where a local deployment keeps its stack, logs and emulator record: `$DEPLOY_LOCAL_DIR/<environment>` (default `.local/`). */
export function workdirOf(environment: string): string {
  return join(process.env.DEPLOY_LOCAL_DIR ?? join(REPO, ".local"), environment);
}

/**
 * `npm run deploy:local [-- <environment>]`: starts the local AWS emulator, seeds what the environment
 * expects to exist, synthesizes it for the emulator, applies it with Terraform and prints what was created.
 * The emulator keeps running so the deployment can be looked at; `npm run destroy:local` tears it down.
 */
async function deployLocal(environment: string): Promise<void> {
  const [config] = loadEnvironments(join(REPO, "environments"), [environment]);
  const workdir = workdirOf(environment);
  const recordFile = join(workdir, "emulator.json");
  if (existsSync(recordFile)) {
    const previous = JSON.parse(readFileSync(recordFile, "utf8")) as LocalRecord;
    if (isRunning(previous.pid)) throw new Error(`${environment} is already deployed locally (emulator at ${previous.endpoint}); run npm run destroy:local -- ${environment} first.`);
  }
  mkdirSync(workdir, { recursive: true });
  const step = (text: string) => console.log(`==> ${text}`);

  step("Starting the local AWS emulator (moto) on 127.0.0.1");
  const emulator = await startEmulator({ logFile: join(workdir, "emulator.log"), detached: true });
  const record: LocalRecord = { environment, endpoint: emulator.endpoint, pid: emulator.pid, region: config.region };
  writeFileSync(recordFile, JSON.stringify(record, null, 2));
  console.log(`    ${emulator.endpoint} (pid ${emulator.pid})`);

  step("Seeding what the environment expects to exist: network, security groups, source credentials in SSM, state bucket");
  // Sources' passwords are random here and stay in the emulator's SSM; they are never printed.
  const seeded = await seedEnvironment(config, { endpoint: emulator.endpoint, stateBucket: STATE_BUCKET, secretValue: () => randomBytes(18).toString("base64url") });
  // What was there before the stack, so a look at the emulator can tell it from what the stack made.
  writeFileSync(recordFile, JSON.stringify({ ...record, seeded: [...seeded.names].sort(), vpcId: seeded.vpcId }, null, 2));

  const deployment = new LocalDeployment({
    environment,
    region: config.region,
    endpoint: emulator.endpoint,
    stateBucket: STATE_BUCKET,
    workdir,
    onLine: (line) => {
      if (/(Creating|Creation complete|Modifying|Modifications complete|Apply complete|Error: )/.test(line)) console.log(`    ${line}`);
    },
  });
  step(`Synthesizing ${environment} for the emulator; terraform init (offline, providers from the local mirror; state in the emulator's S3 with locking); terraform plan`);
  const plan = planWithReport({
    environment,
    workdir,
    synthEnv: { DMS_LOCAL_EMULATOR_ENDPOINT: emulator.endpoint, DMS_LOCAL_STATE_BUCKET: STATE_BUCKET },
    terraformEnv: terraformEnv(emulatorTerraformEnv(emulator.endpoint, config.region)),
  });
  if (plan.report) console.log(`\n${plan.report}\n`);
  if (!plan.planFile) throw new Error(`terraform plan of ${environment} ${plan.status === "refused" ? "was refused" : "failed"}:\n${plan.output}`);
  step("terraform apply (the saved plan reported above)");
  console.log(`    applied in ${await deployment.applyPlan(plan.planFile)} s`);

  console.log("");
  console.log(await deploymentSummary({ environment, endpoint: emulator.endpoint, region: config.region, resources: deployment.resources(), outputs: deployment.outputs() }));
  console.log("");
  console.log(`The stack is in ${deployment.stackDir}; the emulator keeps running. Tear it down with: npm run destroy:local -- ${environment}`);
}

if (require.main === module) {
  deployLocal(process.argv[2] ?? "development").catch((error: Error) => {
    console.error(`deploy:local failed: ${error.message}`);
    process.exit(1);
  });
}
