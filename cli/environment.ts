import { spawnSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DatabaseMigrationServiceClient, DescribeReplicationTasksCommand, ReplicationTask } from "@aws-sdk/client-database-migration-service";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { isProduction } from "../modules/core/project-environment";
import { CliIo, UsageError } from "./io";
import { emulatorClientConfig } from "./local-emulator";
import { readStackModel, StackModel, TaskNode } from "./stack-model";

/** What `deploy:local` records about the emulator it started (`<DEPLOY_LOCAL_DIR or .local>/<environment>/emulator.json`). */
interface LocalRecord {
  readonly endpoint: string;
  readonly region: string;
}

export interface EnvironmentOptions {
  readonly environment: string;
  /** Against the local emulator recorded by `npm run deploy:local`. */
  readonly local: boolean;
  /** A synthesized stack file to read instead of `cdktf.out/stacks/<environment>/cdk.tf.json`. */
  readonly stackFile?: string;
}

/** One environment, resolved: its stack model, AWS clients in its region (or the emulator's), and its tier. */
export class OperatedEnvironment {
  readonly production: boolean;
  private readonly clientConfig: Record<string, unknown>;

  constructor(
    readonly model: StackModel,
    clientConfig: Record<string, unknown>,
    readonly target: string,
  ) {
    // The stack's recorded tier; a stack synthesized before the tier was recorded falls back to its name.
    this.production = model.tier !== undefined ? model.tier === "production" : isProduction({ projectName: "", environment: model.environment });
    this.clientConfig = clientConfig;
  }

  /** Settings for any other AWS SDK client (the same region, endpoint and credentials). */
  get clientSettings(): Record<string, unknown> { return this.clientConfig; }
  get dms() { return new DatabaseMigrationServiceClient(this.clientConfig); }
  get cloudwatch() { return new CloudWatchClient(this.clientConfig); }
  get logs() { return new CloudWatchLogsClient(this.clientConfig); }
  get sts() { return new STSClient(this.clientConfig); }

  /**
   * The replication tasks and serverless replications of the stack, optionally narrowed to some ids
   * (`kinds` narrows them to what a command can act on).
   */
  tasks(only?: readonly string[], kinds: readonly TaskNode["kind"][] = ["task", "serverless"]): TaskNode[] {
    const tasks = this.model.tasks.filter((t) => kinds.includes(t.kind));
    if (!only || only.length === 0) return tasks;
    const unknown = only.filter((id) => !tasks.some((t) => t.id === id));
    const what = kinds.length === 1 && kinds[0] === "task" ? "task" : "task or serverless replication";
    if (unknown.length > 0) throw new UsageError(`${this.model.environment} has no ${what} ${unknown.join(", ")}; it has: ${tasks.map((t) => t.id).join(", ") || "none"}.`);
    return tasks.filter((t) => only.includes(t.id));
  }

  /** A task as DMS describes it now, found by its identifier (never by a typed ARN). */
  async describeTask(id: string): Promise<ReplicationTask> {
    const result = await this.dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: "replication-task-id", Values: [id] }], WithoutSettings: false }));
    const task = result.ReplicationTasks?.find((t) => t.ReplicationTaskIdentifier === id);
    if (!task) throw new UsageError(`Task ${id} of ${this.model.environment} does not exist in ${this.target}; is the environment deployed?`);
    return task;
  }

  async accountId(): Promise<string> {
    return (await this.sts.send(new GetCallerIdentityCommand({}))).Account ?? "";
  }
}

/**
 * Resolves an environment name to its stack and AWS target. The stack is `--stack`, or
 * `cdktf.out/stacks/<environment>/cdk.tf.json` (synthesized with `npm run synth` when missing), or with
 * `--local` the stack `deploy:local` synthesized for the emulator; credentials are the default AWS chain, or
 * the emulator's fake ones.
 */
export function resolveEnvironment(options: EnvironmentOptions, io: CliIo): OperatedEnvironment {
  if (options.local) {
    const workdir = join(io.env.DEPLOY_LOCAL_DIR ?? join(io.cwd, ".local"), options.environment);
    const recordFile = join(workdir, "emulator.json");
    if (!existsSync(recordFile)) throw new UsageError(`${options.environment} is not deployed locally (no ${recordFile}); run npm run deploy:local -- ${options.environment} first.`);
    const record = JSON.parse(readFileSync(recordFile, "utf8")) as LocalRecord;
    const stackFile = options.stackFile ?? join(workdir, "cdktf.out", "stacks", options.environment, "cdk.tf.json");
    const model = readStackModel(stackFile, options.environment);
    return new OperatedEnvironment(
      model,
      emulatorClientConfig(record.endpoint, record.region),
      `the local emulator at ${record.endpoint}`,
    );
  }
  const stackFile = options.stackFile ?? synthesizedStack(options.environment, io);
  const model = readStackModel(stackFile, options.environment);
  return new OperatedEnvironment(model, { region: model.region }, `AWS ${model.region}`);
}

/** The stack file of an environment, synthesized with the project's own `npm run synth` if it is not there yet. */
export function synthesizedStack(environment: string, io: CliIo): string {
  const file = join(io.cwd, "cdktf.out", "stacks", environment, "cdk.tf.json");
  if (existsSync(file)) return file;
  io.err(`Synthesizing ${environment} (npm run synth)…`);
  const result = spawnSync("npm", ["run", "-s", "synth"], { cwd: io.cwd, env: { ...io.env, ENVIRONMENTS: environment }, encoding: "utf8" });
  if (result.status !== 0 || !existsSync(file)) throw new UsageError(`Could not synthesize ${environment}:\n${result.stdout ?? ""}${result.stderr ?? ""}`);
  return file;
}
