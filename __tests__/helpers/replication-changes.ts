import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { ReplicationPlan, planWithReport } from "../../cli/plan/plan-runner";
import { terraformEnv } from "../../cli/terraform-cli";
import { emulatorTerraformEnv } from "../../cli/local-emulator";
import { LocalDeployment } from "../../scripts/local/local-deployment";
import { EmulatorSession } from "./emulator";
import { environmentFile } from "./environments";

/** A folder with a changed copy of the session's environment file (and the schema beside it). */
export function changedEnvironment(session: EmulatorSession, name: string, change: (file: Record<string, any>) => void): string {
  const dir = join(session.workdir, `${name}-environments`);
  mkdirSync(dir, { recursive: true });
  const file = environmentFile(session.environment);
  change(file);
  writeFileSync(join(dir, `${session.environment}.json`), JSON.stringify(file, null, 2));
  writeFileSync(join(dir, "schema.json"), JSON.stringify(environmentFile("schema")));
  return dir;
}

/** Plans the same stack (same state) from `environmentsDir` as `npm run plan` does, report included, ready to apply the saved plan. */
export function planChange(session: EmulatorSession, environmentsDir: string, name: string): { plan: ReplicationPlan; deployment: LocalDeployment } {
  const deployment = session.deploymentFrom(environmentsDir, name);
  const plan = planWithReport({
    environment: session.environment,
    workdir: join(session.workdir, name),
    environmentsDir,
    synthEnv: { DMS_LOCAL_EMULATOR_ENDPOINT: session.emulator.endpoint, DMS_LOCAL_STATE_BUCKET: session.stateBucket },
    terraformEnv: terraformEnv(emulatorTerraformEnv(session.emulator.endpoint, session.config.region)),
  });
  return { plan, deployment };
}

/** The start types the emulator received for a task, in order (logged by the launcher's dms_start_replication_task_types patch, scripts/emulator/patches/dms.py). */
export function startTypes(session: EmulatorSession, taskId: string): string[] {
  return [...session.emulatorLog().matchAll(new RegExp(`dms StartReplicationTask ${taskId} StartReplicationTaskType=(\\S+)`, "g"))].map((match) => match[1]);
}
