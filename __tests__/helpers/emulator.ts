import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DatabaseMigrationServiceClient } from "@aws-sdk/client-database-migration-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { RDSClient } from "@aws-sdk/client-rds";
import { S3Client } from "@aws-sdk/client-s3";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SNSClient } from "@aws-sdk/client-sns";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { createHash } from "crypto";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { EnvironmentConfig, loadEnvironments } from "../../modules/config";
import { emulatorClientConfig } from "../../cli/local-emulator";
import { EmulatorProcess, startEmulator, stopEmulator } from "../../scripts/local/emulator-process";
import { LocalRecord, STATE_BUCKET as DEPLOY_LOCAL_STATE_BUCKET } from "../../scripts/deploy-local";
import { LocalDeployment } from "../../scripts/local/local-deployment";
import { seedEnvironment } from "../../scripts/local/seed";
import { ENVIRONMENTS_DIR } from "./environments";

const STATE_BUCKET = "emulator-test-state";

/** AWS SDK clients for the emulator, created on first use. */
export class EmulatorClients {
  private readonly config: ReturnType<typeof emulatorClientConfig>;
  constructor(endpoint: string, region: string) {
    this.config = emulatorClientConfig(endpoint, region);
  }
  get dms() { return new DatabaseMigrationServiceClient(this.config); }
  get rds() { return new RDSClient(this.config); }
  get ec2() { return new EC2Client(this.config); }
  get ssm() { return new SSMClient(this.config); }
  get secrets() { return new SecretsManagerClient(this.config); }
  get iam() { return new IAMClient(this.config); }
  get s3() { return new S3Client(this.config); }
  get scheduler() { return new SchedulerClient(this.config); }
  get cloudwatch() { return new CloudWatchClient(this.config); }
  get logs() { return new CloudWatchLogsClient(this.config); }
  get sns() { return new SNSClient(this.config); }
  get kms() { return new KMSClient(this.config); }
}

/**
 * One bundled environment in a private emulator: started, seeded with sentinel passwords, synthesized for
 * the emulator and initialised, ready for `deployment.apply()`. Everything lives in a temporary folder.
 */
export class EmulatorSession {
  readonly config: EnvironmentConfig;
  readonly clients: EmulatorClients;
  readonly deployment: LocalDeployment;
  /** The seeded secret parameters and the sentinel stored in each. */
  secrets: ReadonlyMap<string, string> = new Map();
  /** The names of everything seeded before the stack. */
  seeded: ReadonlySet<string> = new Set();
  vpcId = "";

  private constructor(
    readonly environment: string,
    readonly emulator: EmulatorProcess,
    readonly workdir: string,
    environmentsDir: string,
    readonly stateBucket = STATE_BUCKET,
    deploymentName = "stack",
  ) {
    [this.config] = loadEnvironments(environmentsDir, [environment]);
    this.clients = new EmulatorClients(emulator.endpoint, this.config.region);
    this.deployment = this.deploymentFrom(environmentsDir, deploymentName);
  }

  /** `environmentsDir`: a test's own copy of the environment file instead of the bundled one. */
  static async start(environment: string, environmentsDir = ENVIRONMENTS_DIR): Promise<EmulatorSession> {
    const workdir = mkdtempSync(join(tmpdir(), `emulator-${environment}-`));
    const emulator = await startEmulator({ logFile: join(workdir, "emulator.log") });
    const session = new EmulatorSession(environment, emulator, workdir, environmentsDir);
    const seeded = await seedEnvironment(session.config, {
      endpoint: emulator.endpoint,
      stateBucket: STATE_BUCKET,
      secretValue: (name) => `sentinel-${createHash("sha256").update(name).digest("hex").slice(0, 16)}`,
    });
    session.secrets = seeded.secrets;
    session.seeded = seeded.names;
    session.vpcId = seeded.vpcId;
    session.deployment.synth();
    session.deployment.init();
    return session;
  }

  /**
   * The deployment `npm run deploy:local` left in `workdir` (its emulator still running), for the same checks. The
   * sources' passwords it seeded are random: they are read back from the emulator's SSM, to look for them elsewhere.
   */
  static async attach(workdir: string): Promise<EmulatorSession> {
    const record = JSON.parse(readFileSync(join(workdir, "emulator.json"), "utf8")) as LocalRecord;
    const session = new EmulatorSession(record.environment, record, workdir, ENVIRONMENTS_DIR, DEPLOY_LOCAL_STATE_BUCKET, ".");
    session.seeded = new Set(record.seeded);
    session.vpcId = record.vpcId!;
    const secrets = new Map<string, string>();
    for (const name of session.seeded) {
      if (!name.startsWith("/")) continue;
      const { Parameter } = await session.clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      if (Parameter?.Type === "SecureString") secrets.set(name, Parameter.Value!);
    }
    session.secrets = secrets;
    return session;
  }

  /** A deployment of the same stack (same state) synthesized from another folder of environment files. */
  deploymentFrom(environmentsDir: string, name: string): LocalDeployment {
    return new LocalDeployment({
      environment: this.environment,
      region: this.config.region,
      endpoint: this.emulator.endpoint,
      stateBucket: this.stateBucket,
      workdir: join(this.workdir, name),
      environmentsDir,
    });
  }

  /** The database password the stack generated, read back from SSM as an operator would. */
  async generatedDatabasePassword(): Promise<string> {
    const name = this.deployment.outputs().database_password_parameter as string;
    const parameter = await this.clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return parameter.Parameter!.Value!;
  }

  /** Every secret value the session knows: the seeded sentinels and the generated database password. */
  async secretValues(): Promise<string[]> {
    return [...this.secrets.values(), await this.generatedDatabasePassword()];
  }

  /** Everything the emulator printed (its request log). */
  emulatorLog(): string {
    return readFileSync(join(this.workdir, "emulator.log"), "utf8");
  }

  /** The synthesized Terraform JSON of the stack. */
  stackJson(): { resource: Record<string, Record<string, Record<string, unknown>>> } {
    return JSON.parse(readFileSync(join(this.deployment.stackDir, "cdk.tf.json"), "utf8"));
  }

  async stop(): Promise<void> {
    await stopEmulator(this.emulator);
    rmSync(this.workdir, { recursive: true, force: true });
  }
}

/**
 * Declares a suite's lifecycle: before its tests, a session for `environment`, then `prepare` (if given) and an
 * apply (unless `apply` is false); after them, the emulator stopped and its folder removed. Returns the
 * session, for use inside tests.
 */
export function emulatorSuite(
  environment: string,
  options: { readonly apply?: boolean; readonly prepare?: (session: EmulatorSession) => Promise<void> } = {},
): () => EmulatorSession {
  let session: EmulatorSession | undefined;
  beforeAll(async () => {
    session = await EmulatorSession.start(environment);
    await options.prepare?.(session);
    if (options.apply ?? true) await session.deployment.apply();
  });
  afterAll(async () => {
    await session?.stop();
  });
  return () => session!;
}
