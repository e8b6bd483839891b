import { ChildProcess, spawn, spawnSync } from "child_process";
import { appendFileSync, mkdirSync, readFileSync } from "fs";
import { join } from "path";
import { terraformEnv } from "../../cli/terraform-cli";
import { emulatorTerraformEnv } from "../../cli/local-emulator";
import { undeclaredDestroyProblem } from "./destroy-guard";

const REPO = join(__dirname, "..", "..");

export interface LocalDeploymentOptions {
  /** The environment's name, which is also its stack's name. */
  readonly environment: string;
  readonly region: string;
  /** The emulator's URL. */
  readonly endpoint: string;
  /** Bucket in the emulator holding Terraform state. */
  readonly stateBucket: string;
  /** Folder for this deployment: the synthesized stack and the logs. */
  readonly workdir: string;
  /** Folder of environment files. @default the project's environments/ */
  readonly environmentsDir?: string;
  /** Called with each line of Terraform's output, for progress. @default - silent */
  readonly onLine?: (line: string) => void;
}

export interface CommandResult {
  readonly status: number | null;
  readonly output: string;
}

/**
 * One environment deployed to the local emulator: synthesized for the local target, then driven with
 * Terraform (offline, from the provider mirror). Every command's output is also kept in `<workdir>/terraform.log`.
 */
export class LocalDeployment {
  readonly stackDir: string;
  readonly logFile: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: LocalDeploymentOptions) {
    mkdirSync(options.workdir, { recursive: true });
    this.stackDir = join(options.workdir, "cdktf.out", "stacks", options.environment);
    this.logFile = join(options.workdir, "terraform.log");
    this.env = terraformEnv(emulatorTerraformEnv(options.endpoint, options.region));
  }

  /** Synthesizes the environment for the emulator, with the same command users run (`npm run synth`). */
  synth(): void {
    const result = spawnSync("npm", ["run", "-s", "synth"], {
      cwd: REPO,
      encoding: "utf8",
      env: {
        ...process.env,
        CDKTF_OUTDIR: join(this.options.workdir, "cdktf.out"),
        ENVIRONMENTS: this.options.environment,
        ...(this.options.environmentsDir ? { ENVIRONMENTS_DIR: this.options.environmentsDir } : {}),
        DMS_LOCAL_EMULATOR_ENDPOINT: this.options.endpoint,
        DMS_LOCAL_STATE_BUCKET: this.options.stateBucket,
      },
    });
    this.record("synth", `${result.stdout}${result.stderr}`);
    if (result.status !== 0) throw new Error(`synth of ${this.options.environment} failed:\n${result.stdout}${result.stderr}`);
  }

  init(): void {
    this.mustSucceed(["init", "-input=false", "-no-color", "-reconfigure"]);
  }

  /**
   * Plans, refuses a plan that would destroy objects the environment does not declare, then applies that plan,
   * streaming Terraform's progress to `onLine`; resolves to the seconds it took.
   */
  async apply(): Promise<number> {
    const started = Date.now();
    this.mustSucceed(["plan", "-input=false", "-no-color", "-lock-timeout=60s", "-out=deploy.tfplan"]);
    const problem = undeclaredDestroyProblem(JSON.parse(this.mustSucceed(["show", "-json", "deploy.tfplan"]).output), this.options.environment);
    if (problem) throw new Error(problem);
    await this.streamed(["apply", "-input=false", "-no-color", "deploy.tfplan"]);
    return Math.round((Date.now() - started) / 1000);
  }

  /** Applies a saved plan (as reported before), streaming progress; resolves to the seconds it took. */
  async applyPlan(planFile: string): Promise<number> {
    return this.streamed(["apply", "-input=false", "-no-color", planFile]);
  }

  /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes, 1 an error. */
  plan(): CommandResult {
    return this.run(["plan", "-detailed-exitcode", "-input=false", "-no-color", "-lock-timeout=60s"]);
  }

  /** Destroys everything the stack created, streaming progress; resolves to the seconds it took. */
  async destroy(): Promise<number> {
    return this.streamed(["destroy", "-auto-approve", "-input=false", "-no-color"]);
  }

  /** The outputs, as values. */
  outputs(): Record<string, unknown> {
    const outputs = JSON.parse(this.mustSucceed(["output", "-json"]).output) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
  }

  /** Terraform's state as stored in the emulator's bucket. */
  state(): string {
    return this.mustSucceed(["state", "pull"]).output;
  }

  /** The addresses of the resources in state. */
  resources(): string[] {
    return this.mustSucceed(["state", "list"]).output.split("\n").filter(Boolean);
  }

  /** Starts `terraform apply` without waiting, so it can be interrupted. */
  startApply(): ChildProcess {
    return this.start(["apply", "-auto-approve", "-input=false", "-no-color"]);
  }

  private start(args: readonly string[]): ChildProcess {
    this.record(`terraform ${args.join(" ")}`, "");
    const child = spawn("terraform", [`-chdir=${this.stackDir}`, ...args], { env: this.env });
    child.stdout?.on("data", (chunk: Buffer) => this.stream(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => this.stream(chunk.toString()));
    return child;
  }

  private async streamed(args: readonly string[]): Promise<number> {
    const started = Date.now();
    const child = this.start(args);
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (status !== 0) throw new Error(`terraform ${args.join(" ")} failed for ${this.options.environment}; see ${this.logFile}`);
    return Math.round((Date.now() - started) / 1000);
  }

  /** Everything Terraform printed in this deployment. */
  log(): string {
    return readFileSync(this.logFile, "utf8");
  }

  run(args: readonly string[]): CommandResult {
    const result = spawnSync("terraform", [`-chdir=${this.stackDir}`, ...args], { env: this.env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    this.record(`terraform ${args.join(" ")}`, output);
    for (const line of output.split("\n")) if (line) this.options.onLine?.(line);
    return { status: result.status, output };
  }

  private mustSucceed(args: readonly string[]): CommandResult {
    const result = this.run(args);
    if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} failed for ${this.options.environment}:\n${result.output}`);
    return result;
  }

  private stream(text: string): void {
    appendFileSync(this.logFile, text);
    for (const line of text.split("\n")) if (line) this.options.onLine?.(line);
  }

  private record(command: string, output: string): void {
    appendFileSync(this.logFile, `\n$ ${command}\n${output}`);
  }
}
