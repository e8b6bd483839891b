import { DatabaseMigrationServiceClient } from "@aws-sdk/client-database-migration-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { RDSClient } from "@aws-sdk/client-rds";
import { SSMClient } from "@aws-sdk/client-ssm";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { KMSClient } from "@aws-sdk/client-kms";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SNSClient } from "@aws-sdk/client-sns";
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { checkEnvironment } from "../../modules/config/load-environments";
import { localEmulatorProblem } from "../../modules/stack/local-emulator";
import { emulatorClientConfig } from "../local-emulator";
import { adoptionPlan, setAt } from "../adopt/adoption-plan";
import { DiscoveryClients, discover } from "../adopt/discovery";
import { releaseFromOldState, removedBlocks, stateRmCommands } from "../adopt/old-state";

const USAGE = `usage: npm run adopt -- <environment> [--write] [--old-state <terraform state pull output>] [--removed-file <path>]
                       [--environments-dir <dir>] [--endpoint http://127.0.0.1:<port>]

Finds the objects an environment file describes in the AWS account (read-only calls), prints what it found, what it
did not find and every setting where the existing object differs from the file, and prints the file's "adopt"
section (--write: writes it into the file, with the settings adoption needs). With --old-state, prints the
\`removed\` blocks (or \`terraform state rm\` commands) that let the old configuration forget the adopted objects.`;

interface Options {
  environment?: string;
  write: boolean;
  oldState?: string;
  removedFile?: string;
  environmentsDir: string;
  endpoint?: string;
}

function parse(argv: readonly string[]): Options | string {
  const options: Options = { write: false, environmentsDir: resolve(__dirname, "..", "..", "environments") };
  const valueFlags: Record<string, keyof Options> = {
    "--old-state": "oldState",
    "--removed-file": "removedFile",
    "--environments-dir": "environmentsDir",
    "--endpoint": "endpoint",
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--write") options.write = true;
    else if (arg in valueFlags) {
      const value = argv[++i];
      if (value === undefined) return `${arg} needs a value`;
      (options as unknown as Record<string, unknown>)[valueFlags[arg]] = value;
    } else if (arg.startsWith("-")) return `unknown option ${arg}`;
    else if (options.environment === undefined) options.environment = arg;
    else return `unexpected argument ${arg}`;
  }
  return options.environment ? options : "give the environment's name";
}

function clientsFor(region: string, endpoint?: string): DiscoveryClients {
  // Against AWS the SDK's default credential chain applies; the local emulator takes its fake credentials.
  const config = endpoint ? emulatorClientConfig(endpoint, region) : { region };
  return {
    rds: new RDSClient(config), ec2: new EC2Client(config), ssm: new SSMClient(config), iam: new IAMClient(config), dms: new DatabaseMigrationServiceClient(config),
    sns: new SNSClient(config), kms: new KMSClient(config), logs: new CloudWatchLogsClient(config), cloudwatch: new CloudWatchClient(config), scheduler: new SchedulerClient(config),
  };
}

/** `npm run adopt -- <environment>`: read-only discovery of an existing setup; see USAGE. Resolves to the exit code. */
export async function runAdopt(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const options = parse(argv);
  if (typeof options === "string") {
    console.error(`${options}\n\n${USAGE}`);
    return 2;
  }
  if (options.endpoint) {
    const problem = localEmulatorProblem({ endpoint: options.endpoint, stateBucket: "-" });
    if (problem) {
      console.error(problem);
      return 2;
    }
  }
  const name = options.environment as string;
  const path = join(options.environmentsDir, `${name}.json`);
  if (!existsSync(path)) {
    console.error(`no environment file ${path}`);
    return 2;
  }
  const text = readFileSync(path, "utf8");
  const check = checkEnvironment(text, name);
  if (!check.config) {
    console.error(`${path} is not valid:\n${check.problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`);
    return 1;
  }
  const config = check.config;
  const found = await discover(config, clientsFor(config.region, options.endpoint));
  const plan = adoptionPlan(config, found);

  out(`Adopting into ${name} (${options.endpoint ?? `AWS ${config.region}`}); read-only, nothing was changed.`);
  out("");
  out("Found:");
  const adopt = plan.adopt;
  const foundLines = [
    adopt.database && (adopt.database.engine === "aurora-postgresql"
      ? `Aurora cluster ${adopt.database.identifier} with instances ${(adopt.database.clusterInstances ?? []).join(", ")}`
      : `database ${adopt.database.identifier} (DbiResourceId ${adopt.database.dbiResourceId ?? "?"})`),
    adopt.databaseSubnetGroup && `database subnet group ${adopt.databaseSubnetGroup}`,
    adopt.databaseSecurityGroup && `database security group ${adopt.databaseSecurityGroup.id} (${adopt.databaseSecurityGroup.name})`,
    adopt.parameterGroup && `parameter group ${adopt.parameterGroup} (kept, not imported)`,
    ...Object.values(adopt.ssmParameters ?? {}).map((p) => `SSM parameter ${p}`),
    adopt.accountRoles && "IAM roles dms-vpc-role and dms-cloudwatch-logs-role with their policies",
    adopt.replicationInstance && `replication instance ${adopt.replicationInstance.id} (${adopt.replicationInstance.arn ?? "?"})`,
    adopt.replicationSubnetGroup && `replication subnet group ${adopt.replicationSubnetGroup}`,
    ...Object.entries(adopt.endpoints ?? {}).map(([id, e]) => `endpoint ${id} (${e.arn ?? "?"})`),
    ...Object.entries(adopt.tasks ?? {}).map(([id, t]) => `task ${id} (${t.arn ?? "?"})`),
    ...Object.entries(adopt.kmsKeys ?? {}).map(([alias, k]) => `KMS key ${alias} (${k.keyId})`),
    adopt.alarmTopic && `SNS topic ${adopt.alarmTopic.arn}`,
    ...Object.keys(adopt.logGroups ?? {}).map((name) => `log group ${name}`),
    ...(adopt.alarms ?? []).map((name) => `CloudWatch alarm ${name}`),
    ...Object.entries(adopt.schedules ?? {}).map(([name, s]) => `schedule ${s.groupName}/${name}`),
    ...Object.keys(adopt.eventSubscriptions ?? {}).map((name) => `DMS event subscription ${name}`),
  ].filter((line): line is string => typeof line === "string");
  for (const line of foundLines) out(`  ${line}`);
  out("");
  out(found.missing.length === 0 ? "Not found: nothing (every object this file describes exists)" : "Not found (this stack will create them):");
  for (const line of found.missing) out(`  ${line}`);
  out("");
  out(`Differences between what exists and the file (${plan.differences.length}):`);
  for (const d of plan.differences) out(`  ${d.object}: ${d.setting}: existing ${JSON.stringify(d.existing)}, file ${JSON.stringify(d.file)} -> ${d.outcome}`);

  if (options.oldState) {
    const release = releaseFromOldState(JSON.parse(readFileSync(options.oldState, "utf8")), adopt);
    out("");
    out("In the old configuration, delete the blocks of these addresses and add (Terraform 1.7+):");
    out("");
    out(removedBlocks(release));
    out("or, with older Terraform, after the adoption apply:");
    out(stateRmCommands(release));
    if (release.forgotten.length > 0) {
      out("");
      out("Not adopted, forgotten with their module, still in AWS (delete them once nothing uses them):");
      for (const address of release.forgotten) out(`  ${address}`);
    }
    if (options.removedFile) writeFileSync(options.removedFile, removedBlocks(release));
  }

  out("");
  if (options.write) {
    const raw = JSON.parse(text) as Record<string, unknown>;
    for (const edit of plan.edits) {
      setAt(raw, edit.path, edit.value);
      out(`Set ${edit.path.join(".")} = ${JSON.stringify(edit.value)} (${edit.why})`);
    }
    raw.adopt = adopt;
    writeFileSync(path, `${JSON.stringify(raw, null, 2)}\n`);
    out(`Wrote the adopt section into ${path}. Next: npm run synth (warnings list the legacy settings kept), then plan: it must show ${foundLines.length > 0 ? "imports, " : ""}0 to destroy and no replacement.`);
  } else {
    for (const edit of plan.edits) out(`Set ${edit.path.join(".")} = ${JSON.stringify(edit.value)} (${edit.why})`);
    out(JSON.stringify({ adopt }, null, 2));
  }
  return 0;
}

if (require.main === module) {
  runAdopt(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`adopt failed: ${error.message}`);
      process.exit(1);
    },
  );
}
