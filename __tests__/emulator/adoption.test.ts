import { DescribeEndpointsCommand, DescribeReplicationInstancesCommand, DescribeReplicationTasksCommand } from "@aws-sdk/client-database-migration-service";
import { CreateDBClusterCommand, CreateDBInstanceCommand, CreateDBSubnetGroupCommand, DescribeDBInstancesCommand } from "@aws-sdk/client-rds";
import { DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import { Testing } from "cdktf";
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runAdopt } from "../../cli/commands/adopt";
import { adoptionPlan, setAt } from "../../cli/adopt/adoption-plan";
import { discover } from "../../cli/adopt/discovery";
import { checkEnvironment } from "../../modules/config/load-environments";
import { MigrationStack } from "../../modules/stack/migration-stack";
import { terraform, terraformEnv } from "../../cli/terraform-cli";
import { emulatorTerraformEnv } from "../../cli/local-emulator";
import { EmulatorProcess, startEmulator, stopEmulator } from "../../scripts/local/emulator-process";
import { LocalDeployment } from "../../scripts/local/local-deployment";
import { EmulatorClients } from "../helpers/emulator";

const FIXTURE = join(__dirname, "..", "fixtures", "hackney");
const REGION = "eu-west-2";
const STATE_BUCKET = "adoption-test-state";
const DATABASE = "resident-information-api-db-staging";
const ENDPOINTS = ["source-uh-uht-endpoint", "target-uh-endpoint"];
const TASK = "uht-to-uh-mirror";
const ALARM_TOPIC = "resident-information-api-staging-dms-alarms";
const LOG_GROUP = "dms-tasks-staging-dms-instance";

/** The identities of the objects, to check that adoption kept the same ones. */
async function identities(clients: EmulatorClients): Promise<Record<string, string | undefined>> {
  const db = (await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DATABASE }))).DBInstances![0];
  const endpoints = (await clients.dms.send(new DescribeEndpointsCommand({}))).Endpoints ?? [];
  const instance = (await clients.dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances![0];
  const task = (await clients.dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks![0];
  const topic = ((await clients.sns.send(new ListTopicsCommand({}))).Topics ?? []).find((t) => t.TopicArn?.endsWith(`:${ALARM_TOPIC}`));
  const key = await clients.kms.send(new DescribeKeyCommand({ KeyId: `alias/${ALARM_TOPIC}` }));
  const logGroup = ((await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: LOG_GROUP }))).logGroups ?? [])[0];
  return {
    alarmTopic: topic?.TopicArn,
    alarmKey: key.KeyMetadata?.Arn,
    logGroup: logGroup?.arn,
    database: db.DBInstanceArn,
    dbiResourceId: db.DbiResourceId,
    instance: instance.ReplicationInstanceArn,
    task: task.ReplicationTaskArn,
    ...Object.fromEntries(endpoints.map((e) => [e.EndpointIdentifier!, e.EndpointArn])),
  };
}

/** `terraform show -json` of a saved plan: what each resource change does. */
function planChanges(dir: string, env: NodeJS.ProcessEnv): { address: string; actions: string[]; importing: boolean }[] {
  const plan = JSON.parse(terraform(dir, ["show", "-json", "check.tfplan"], env)) as {
    resource_changes?: { address: string; change: { actions: string[]; importing?: unknown } }[];
  };
  return (plan.resource_changes ?? []).map((r) => ({ address: r.address, actions: r.change.actions, importing: r.change.importing !== undefined }));
}

/**
 * Hackney's 2020 setup (fixtures/hackney: the postgres and dms_full_setup modules, the account roles, SSM parameters
 * made by hand) applied with plain Terraform to one emulator, then adopted by this project as the README walks it.
 */
describe("adopting an existing Hackney setup on the local AWS emulator", () => {
  let emulator: EmulatorProcess;
  let clients: EmulatorClients;
  let workdir: string;
  let tfEnv: NodeJS.ProcessEnv;
  let oldDir: string;
  let environmentsDir: string;
  let deployment: LocalDeployment;
  let before: Record<string, string | undefined>;
  let discovery = "";

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "emulator-adoption-"));
    emulator = await startEmulator({ logFile: join(workdir, "emulator.log") });
    clients = new EmulatorClients(emulator.endpoint, REGION);
    // Made by hand in the console, as Hackney teams did; the old configuration only reads them.
    const parameters: [string, string, "String" | "SecureString"][] = [
      ["/resident-information-api/staging/postgres-username", "resident_admin", "String"],
      ["/resident-information-api/staging/postgres-password", "sentinel-database-password", "SecureString"],
      ["/uh-api/staging-server/uht-username", "dms_reader", "String"],
      ["/uh-api/staging-server/uht-password", "sentinel-uht-password", "SecureString"],
    ];
    for (const [Name, Value, Type] of parameters) await clients.ssm.send(new PutParameterCommand({ Name, Value, Type }));
    await clients.s3.send(new CreateBucketCommand({ Bucket: STATE_BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }));

    oldDir = join(workdir, "old");
    cpSync(FIXTURE, oldDir, { recursive: true, filter: (path) => !path.includes(`${join(FIXTURE, "environments")}`) });
    tfEnv = terraformEnv({ ...emulatorTerraformEnv(emulator.endpoint, REGION), TF_VAR_emulator_endpoint: emulator.endpoint });
    terraform(oldDir, ["init", "-input=false", "-no-color"], tfEnv);
    terraform(oldDir, ["apply", "-auto-approve", "-input=false", "-no-color"], tfEnv);
    writeFileSync(join(workdir, "old-state.json"), terraform(oldDir, ["state", "pull"], tfEnv));
    before = await identities(clients);

    environmentsDir = join(workdir, "environments");
    mkdirSync(environmentsDir);
    cpSync(join(FIXTURE, "environments", "staging.json"), join(environmentsDir, "staging.json"));
    deployment = new LocalDeployment({ environment: "staging", region: REGION, endpoint: emulator.endpoint, stateBucket: STATE_BUCKET, workdir: join(workdir, "stack"), environmentsDir });
  });

  afterAll(async () => {
    if (emulator) await stopEmulator(emulator);
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  });

  test("discovery finds every object, reports every difference and writes the adopt section", async () => {
    const lines: string[] = [];
    const args = ["staging", "--environments-dir", environmentsDir, "--endpoint", emulator.endpoint, "--old-state", join(workdir, "old-state.json"), "--removed-file", join(workdir, "removed.tf"), "--write"];
    expect(await runAdopt(args, (line) => lines.push(line))).toBe(0);
    discovery = lines.join("\n");
    for (const object of [
      `database ${DATABASE} (DbiResourceId ${before.dbiResourceId})`,
      "database subnet group uh_mirror-db-subnet-staging",
      "database security group sg-",
      "parameter group default.postgres11 (kept, not imported)",
      "SSM parameter /resident-information-api/staging/postgres-username",
      "SSM parameter /resident-information-api/staging/postgres-password",
      "IAM roles dms-vpc-role and dms-cloudwatch-logs-role",
      `replication instance staging-dms-instance (${before.instance})`,
      "replication subnet group dms-replication-subnet-group-staging-dms-instance",
      ...ENDPOINTS.map((id) => `endpoint ${id} (${before[id]})`),
      `task ${TASK} (${before.task})`,
      `KMS key alias/${ALARM_TOPIC} (${before.alarmKey!.split("/").pop()})`,
      `SNS topic ${before.alarmTopic}`,
      `log group ${LOG_GROUP}`,
    ]) {
      expect(discovery).toContain(object);
    }
    // Hackney never published the host name, port or database name: this stack creates them.
    // Nor alarms or event subscriptions; the team's topic, key and log group were found above.
    expect(discovery).toMatch(/Not found \(this stack will create them\):\n {2}SSM parameter \S+postgres-hostname\n {2}SSM parameter \S+postgres-port\n {2}SSM parameter \S+postgres-database\n {2}CloudWatch alarms: 11 of 11 .*\n {2}DMS event subscription resident-information-api-staging-dms-replication-instance-events\n {2}DMS event subscription resident-information-api-staging-dms-replication-task-events\n\n/);
    for (const difference of [
      /database\.masterUsername: existing "resident_admin", file "migration_admin" -> file set to the existing value/,
      /storage encrypted: existing false, file true -> kept as it is/,
      /database\.storageType: existing "gp2", file "gp3" -> changed in place/,
      /database\.parameterGroupName: existing "default\.postgres11".*opt-in/,
      /ingress from 0\.0\.0\.0\/0: existing \["tcp 5302-5302"\]/,
      /dms\.replicationInstance\.instanceClass: existing "dms\.t2\.small", file "dms\.t3\.small" -> changed in place/,
      /dms\.replicationInstance\.engineVersion: existing "3\.4\.3", file "3\.5\.4" -> upgraded in place/,
      /dms\.targetEndpoint\.sslMode: existing "none", file "require" -> file set to the existing value/,
      /endpoint source-uh-uht-endpoint: credentials: .* -> changed in place/,
      new RegExp(`log group ${LOG_GROUP}: dms\\.taskLogRetentionDays: existing 14, file 30 -> changed in place`),
      new RegExp(`KMS key alias/${ALARM_TOPIC}: key policy and description: existing "DMS alerts topic", .* -> changed in place`),
    ]) {
      expect(discovery).toMatch(difference);
    }
    expect(discovery).toContain("Not adopted, forgotten with their module, still in AWS (delete them once nothing uses them):\n  module.dms_setup_staging.aws_security_group.dms_sg");
    const written = JSON.parse(readFileSync(join(environmentsDir, "staging.json"), "utf8"));
    expect(written.database).toMatchObject({ masterUsername: "resident_admin", parameterGroupName: "default.postgres11", password: { existingParameterName: "/resident-information-api/staging/postgres-password" } });
    expect(Object.keys(written.adopt.endpoints).sort()).toEqual(ENDPOINTS);
    expect(written.adopt.tasks[TASK].tableMappings).toBe(readFileSync(join(FIXTURE, "selection_rules.json"), "utf8"));
    expect(written.adopt).toMatchObject({
      alarmTopic: { arn: before.alarmTopic, fifo: false },
      kmsKeys: { [`alias/${ALARM_TOPIC}`]: { keyId: before.alarmKey!.split("/").pop(), keySpec: "SYMMETRIC_DEFAULT", multiRegion: false } },
      logGroups: { [LOG_GROUP]: { logGroupClass: "STANDARD", retentionInDays: 14 } },
    });
  });

  test("a file that would replace an adopted object is refused at synth, naming the field to set", () => {
    const dir = join(workdir, "replacing");
    mkdirSync(dir);
    const file = JSON.parse(readFileSync(join(environmentsDir, "staging.json"), "utf8"));
    file.database.name = "uh_mirror_v2";
    writeFileSync(join(dir, "staging.json"), JSON.stringify(file));
    const replacing = new LocalDeployment({ environment: "staging", region: REGION, endpoint: emulator.endpoint, stateBucket: STATE_BUCKET, workdir: join(workdir, "replacing-stack"), environmentsDir: dir });
    expect(() => replacing.synth()).toThrow(/`database\.name` = "uh_mirror_v2": set it to "uh_mirror", the existing database name \(db_name forces a replacement\)/);
  });

  test("the adopted plan imports every object and destroys and replaces nothing; the legacy database is warned about", () => {
    deployment.synth();
    expect(deployment.log()).toMatch(/Warning \(staging, adopted\): database resident-information-api-db-staging: storage is NOT encrypted.*copy the snapshot with encryption/);
    deployment.init();
    expect(deployment.run(["plan", "-input=false", "-no-color", "-out=check.tfplan"]).status).toBe(0);
    const changes = planChanges(deployment.stackDir, tfEnv);
    // 13 DMS and database objects, and the team's alarm topic, its key and alias, and the task log group.
    expect(changes.filter((c) => c.importing).length).toBe(17);
    expect(changes.filter((c) => c.actions.includes("delete"))).toEqual([]);
    expect(changes.filter((c) => c.importing && c.actions.some((a) => a !== "update" && a !== "no-op"))).toEqual([]);
  });

  test("apply adopts in one go: the same objects, and a second plan is clean", async () => {
    await deployment.apply();
    expect(await identities(clients)).toEqual(before);
    const database = (await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DATABASE }))).DBInstances![0];
    expect([database.StorageEncrypted, database.StorageType, database.DBParameterGroups?.[0]?.DBParameterGroupName]).toEqual([false, "gp3", "default.postgres11"]);
    const second = deployment.plan();
    expect(second.output).toContain("No changes.");
    expect(second.status).toBe(0);
  });

  test("the old configuration with the printed removed blocks plans 0 to destroy", () => {
    rmSync(join(oldDir, "hackney.tf"));
    cpSync(join(workdir, "removed.tf"), join(oldDir, "removed.tf"));
    const output = terraform(oldDir, ["plan", "-input=false", "-no-color", "-out=check.tfplan"], tfEnv);
    expect(output).toMatch(/Plan: 0 to add, 0 to change, 0 to destroy/);
    expect(planChanges(oldDir, tfEnv).filter((c) => c.actions.includes("delete"))).toEqual([]);
  });

  // Discovery only (no Terraform run): moto keeps Aurora clusters, but its default cluster parameter group is
  // "default.aurora8.0" whatever the engine and its key id is "default_kms_key_id", so no apply is tried here.
  test("an Aurora PostgreSQL cluster is found with its instances, writer first, and its adopt section synthesizes to imports", async () => {
    const subnets = ((await clients.ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []).map((subnet) => subnet.SubnetId as string);
    await clients.rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: "casework-db-subnet-staging", DBSubnetGroupDescription: "casework", SubnetIds: subnets }));
    await clients.rds.send(new CreateDBClusterCommand({
      DBClusterIdentifier: "casework-db-staging", Engine: "aurora-postgresql", EngineVersion: "16.4", DatabaseName: "casework",
      MasterUsername: "casework_admin", MasterUserPassword: "sentinel-aurora-password", DBSubnetGroupName: "casework-db-subnet-staging", StorageEncrypted: true,
    }));
    for (const id of ["casework-db-staging-1", "casework-reader"]) {
      await clients.rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: id, DBClusterIdentifier: "casework-db-staging", Engine: "aurora-postgresql", DBInstanceClass: "db.r6g.large" }));
    }
    const raw = JSON.parse(readFileSync(join(FIXTURE, "environments", "staging.json"), "utf8"));
    delete raw.$schema;
    const { allocatedStorage: _storage, ...database } = raw.database;
    raw.database = { ...database, engine: "aurora-postgresql", identifier: "casework", name: "casework", engineVersion: "16", instanceClass: "db.r6g.large", port: 5432, password: { existingParameterName: "/resident-information-api/staging/postgres-password" } };
    delete raw.dms;
    delete raw.sources;
    delete raw.tasks;
    delete raw.monitoring;
    const config = checkEnvironment(JSON.stringify(raw), "staging").config!;
    const found = await discover(config, clients);
    expect([found.cluster?.DBClusterIdentifier, found.clusterInstances]).toEqual(["casework-db-staging", ["casework-db-staging-1", "casework-reader"]]);
    const plan = adoptionPlan(config, found);
    expect(plan.differences.map((d) => `${d.object}: ${d.setting}`)).toEqual(expect.arrayContaining([
      "Aurora cluster casework-db-staging: database.masterUsername",
      "Aurora cluster casework-db-staging: database.instances",
    ]));
    for (const edit of plan.edits) setAt(raw, edit.path, edit.value);
    raw.adopt = plan.adopt;
    const adopted = checkEnvironment(JSON.stringify(raw), "staging").config!;
    const json = JSON.parse(Testing.synth(new MigrationStack(Testing.app(), "staging", { config: adopted })));
    expect((json.import as { to: string; id: string }[]).map((block) => `${block.to.split(".")[0]} <- ${block.id}`).sort()).toEqual([
      "aws_db_subnet_group <- casework-db-subnet-staging",
      "aws_rds_cluster <- casework-db-staging",
      "aws_rds_cluster_instance <- casework-db-staging-1",
      "aws_rds_cluster_instance <- casework-reader",
      // Published by the Hackney adoption above under the same project and environment: found and adopted too.
      ...["database", "hostname", "port", "username"].map((key) => `aws_ssm_parameter <- /resident-information-api/staging/postgres-${key}`),
    ]);
  });
});
