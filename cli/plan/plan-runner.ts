import { spawnSync } from "child_process";
import { mkdirSync, readFileSync, rmSync } from "fs";
import { join } from "path";
import { ReplicationReport, analysePlan, formatReport, protectedAddresses, refusedAddresses, PlanJson } from "./replication-report";

const REPO = join(__dirname, "..", "..");
const PLAN_FILE = "replication.tfplan";

/** Where and how one environment is synthesized and planned: the real account, or the local emulator. */
export interface PlanTarget {
  readonly environment: string;
  /** Folder for the synthesized stacks of this run. */
  readonly workdir: string;
  /** Extra variables for `npm run synth` (the emulator's endpoint, for a local deployment). */
  readonly synthEnv: NodeJS.ProcessEnv;
  /** The environment Terraform runs with. */
  readonly terraformEnv: NodeJS.ProcessEnv;
  /** Folder of environment files. @default the project's environments/ */
  readonly environmentsDir?: string;
}

export interface ReplicationPlan {
  /** `clean`: nothing changes; `changes`: a plan was saved; `refused`: production refused a replacement; `failed`: Terraform failed. */
  readonly status: "clean" | "changes" | "refused" | "failed";
  /** The report text (absent when Terraform failed for another reason). */
  readonly report?: string;
  readonly analysis?: ReplicationReport;
  /** The saved plan, to apply as it was reported (status `changes`). */
  readonly planFile?: string;
  /** The stack folder the plan belongs to. */
  readonly stackDir: string;
  /** Terraform's own output of the (guarded) plan. */
  readonly output: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd = REPO): { status: number | null; output: string; stdout: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}`, stdout: result.stdout ?? "" };
}

/** Synthesizes the environment into `outdir` and runs `terraform init`; returns the stack folder. */
function prepare(target: PlanTarget, outdir: string, extraSynthEnv: NodeJS.ProcessEnv = {}): string {
  const synth = run("npm", ["run", "-s", "synth"], {
    ...process.env,
    ...target.synthEnv,
    ...extraSynthEnv,
    CDKTF_OUTDIR: outdir,
    ENVIRONMENTS: target.environment,
    ...(target.environmentsDir ? { ENVIRONMENTS_DIR: target.environmentsDir } : {}),
  });
  if (synth.status !== 0) throw new Error(`synth of ${target.environment} failed:\n${synth.output}`);
  const stackDir = join(outdir, "stacks", target.environment);
  const init = run("terraform", [`-chdir=${stackDir}`, "init", "-input=false", "-no-color", "-reconfigure"], target.terraformEnv);
  if (init.status !== 0) throw new Error(`terraform init failed for ${target.environment}:\n${init.output}`);
  return stackDir;
}

function showJson(stackDir: string, env: NodeJS.ProcessEnv): PlanJson {
  const shown = run("terraform", [`-chdir=${stackDir}`, "show", "-json", "-no-color", PLAN_FILE], env);
  if (shown.status !== 0) throw new Error(`terraform show -json failed:\n${shown.output}`);
  return JSON.parse(shown.stdout) as PlanJson;
}

/**
 * Plans the environment to a saved plan and reports what it does to replication. When production refuses a
 * replacement (prevent_destroy), Terraform saves no plan; a second, throw-away plan of the same stack without the
 * refusal (DMS_PLAN_REPORT_WHAT_IF=1, `-lock=false`, deleted afterwards, never applied) tells which attribute forces it.
 */
export function planWithReport(target: PlanTarget): ReplicationPlan {
  mkdirSync(target.workdir, { recursive: true });
  const stackDir = prepare(target, join(target.workdir, "cdktf.out"));
  const planned = run("terraform", [`-chdir=${stackDir}`, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-lock-timeout=60s", `-out=${PLAN_FILE}`], target.terraformEnv);
  const title = `Replication plan for ${target.environment}`;
  if (planned.status === 0 || planned.status === 2) {
    const analysis = analysePlan(showJson(stackDir, target.terraformEnv));
    return { status: planned.status === 0 ? "clean" : "changes", report: formatReport(analysis, title), analysis, planFile: join(stackDir, PLAN_FILE), stackDir, output: planned.output };
  }
  const refused = refusedAddresses(planned.output);
  if (refused.length === 0) return { status: "failed", stackDir, output: planned.output };
  const whatIfDir = join(target.workdir, "what-if");
  mkdirSync(whatIfDir, { recursive: true });
  try {
    const whatIfStack = prepare(target, join(whatIfDir, "cdktf.out"), { DMS_PLAN_REPORT_WHAT_IF: "1" });
    const whatIf = run("terraform", [`-chdir=${whatIfStack}`, "plan", "-input=false", "-no-color", "-lock=false", `-out=${PLAN_FILE}`], target.terraformEnv);
    if (whatIf.status !== 0) return { status: "refused", stackDir, output: `${planned.output}\n${whatIf.output}` };
    const guarded = protectedAddresses(JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")));
    const analysis = analysePlan(showJson(whatIfStack, target.terraformEnv), { refusedAddresses: [...refused, ...guarded] });
    return { status: "refused", report: formatReport(analysis, `${title} (REFUSED by production's protection; nothing was saved to apply)`), analysis, stackDir, output: planned.output };
  } finally {
    rmSync(whatIfDir, { recursive: true, force: true });
  }
}
