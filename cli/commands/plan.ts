import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { loadEnvironments } from "../../modules/config";
import { emulatorTerraformEnv, isRunning } from "../local-emulator";
import { terraformEnv } from "../terraform-cli";
import { PlanTarget, planWithReport } from "../plan/plan-runner";

const REPO = join(__dirname, "..", "..");

/** The local deployment `deploy:local` left running for an environment, if any. */
function localDeployment(environment: string): { endpoint: string; pid: number; region: string; workdir: string } | undefined {
  const workdir = join(process.env.DEPLOY_LOCAL_DIR ?? join(REPO, ".local"), environment);
  const recordFile = join(workdir, "emulator.json");
  if (!existsSync(recordFile)) return undefined;
  const record = JSON.parse(readFileSync(recordFile, "utf8")) as { endpoint: string; pid: number; region: string };
  return isRunning(record.pid) ? { ...record, workdir } : undefined;
}

/**
 * `npm run plan -- <environment>`: plans the environment and prints what the plan does to live replication (see
 * cli/plan/replication-report.ts), then Terraform's plan. Against the local emulator when `deploy:local` left one
 * running for that environment, otherwise against the real account through the environment's S3 backend (with the
 * caller's AWS credentials). Read-only: the saved plan is left in the stack folder and never applied here.
 * Exit status: 0 planned (with or without changes), 1 refused by production's protection or failed.
 */
export async function runPlan(argv: string[]): Promise<number> {
  const environment = argv[0] ?? "development";
  loadEnvironments(process.env.ENVIRONMENTS_DIR ?? join(REPO, "environments"), [environment]);
  const local = localDeployment(environment);
  const target: PlanTarget = local
    ? {
        environment,
        workdir: join(local.workdir, "plan"),
        synthEnv: { DMS_LOCAL_EMULATOR_ENDPOINT: local.endpoint, DMS_LOCAL_STATE_BUCKET: "local-terraform-state" },
        terraformEnv: terraformEnv(emulatorTerraformEnv(local.endpoint, local.region)),
      }
    : { environment, workdir: join(REPO, ".plan", environment), synthEnv: {}, terraformEnv: terraformEnv() };
  console.log(`==> Planning ${environment} ${local ? `against the local emulator at ${local.endpoint}` : "against the account in its S3 backend"}`);
  const plan = planWithReport(target);
  if (plan.report) console.log(`\n${plan.report}\n`);
  if (plan.status === "failed" || plan.status === "refused") {
    console.error(plan.output);
    return 1;
  }
  console.log(plan.status === "clean" ? "No changes." : `Saved plan: ${plan.planFile}`);
  return 0;
}

if (require.main === module) {
  runPlan(process.argv.slice(2)).then(
    (status) => process.exit(status),
    (error: Error) => {
      console.error(`plan failed: ${error.message}`);
      process.exit(1);
    },
  );
}
