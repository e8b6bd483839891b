import { readFileSync } from "fs";
import { join } from "path";
import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config/load-environments";
import { MigrationStack } from "../../../modules/stack/migration-stack";

const FIXTURE = join(__dirname, "..", "..", "fixtures", "hackney");
const MAPPINGS = readFileSync(join(FIXTURE, "selection_rules.json"), "utf8");
const SETTINGS = '{"Logging":{"EnableLogging":true}}';

/** The Hackney staging file after `npm run adopt -- staging --write` (the values the fixture's objects have). */
function adoptedFile(): Record<string, any> {
  const file = JSON.parse(readFileSync(join(FIXTURE, "environments", "staging.json"), "utf8"));
  delete file.$schema;
  Object.assign(file.database, {
    masterUsername: "resident_admin",
    password: { existingParameterName: "/resident-information-api/staging/postgres-password" },
    parameterGroupName: "default.postgres11",
  });
  file.dms.targetEndpoint.sslMode = "none";
  file.sources.uht.sslMode = "none";
  file.adopt = {
    database: { identifier: "resident-information-api-db-staging", databaseName: "uh_mirror", masterUsername: "resident_admin", storageEncrypted: false },
    databaseSubnetGroup: "uh_mirror-db-subnet-staging",
    databaseSecurityGroup: { id: "sg-0123456789abcdef0", name: "allow_uh_mirror_db_traffic20201203084105175600000003", description: "Managed by Terraform" },
    parameterGroup: "default.postgres11",
    ssmParameters: { username: "/resident-information-api/staging/postgres-username", passwordParameter: "/resident-information-api/staging/postgres-password" },
    accountRoles: true,
    replicationInstance: { id: "staging-dms-instance", replicationSubnetGroupId: "dms-replication-subnet-group-staging-dms-instance" },
    replicationSubnetGroup: "dms-replication-subnet-group-staging-dms-instance",
    endpoints: {
      "source-uh-uht-endpoint": { endpointType: "source", engineName: "sqlserver", sslMode: "none" },
      "target-uh-endpoint": { endpointType: "target", engineName: "postgres", sslMode: "none" },
    },
    tasks: {
      "uht-to-uh-mirror": {
        migrationType: "full-load-and-cdc",
        sourceEndpointId: "source-uh-uht-endpoint",
        targetEndpointId: "target-uh-endpoint",
        tableMappings: MAPPINGS,
        settings: SETTINGS,
      },
    },
  };
  return file;
}

function build(file: Record<string, any>): { stack: MigrationStack; json: Record<string, any> } {
  const check = checkEnvironment(JSON.stringify(file), "staging");
  if (!check.config) throw new Error(JSON.stringify(check.problems));
  const stack = new MigrationStack(Testing.app(), "staging", { config: check.config });
  return { stack, json: JSON.parse(Testing.synth(stack)) };
}

/** Import blocks as "resource type <- id". */
function imports(json: Record<string, any>): string[] {
  return (json.import ?? []).map((block: { to: string; id: string }) => `${block.to.split(".")[0]} <- ${block.id}`).sort();
}

describe("adopt: existing objects become import blocks", () => {
  test("every adopted object is imported by the id terraform import takes", () => {
    const { json } = build(adoptedFile());
    expect(imports(json)).toEqual([
      "aws_db_instance <- resident-information-api-db-staging",
      "aws_db_subnet_group <- uh_mirror-db-subnet-staging",
      "aws_dms_endpoint <- source-uh-uht-endpoint",
      "aws_dms_endpoint <- target-uh-endpoint",
      "aws_dms_replication_instance <- staging-dms-instance",
      "aws_dms_replication_subnet_group <- dms-replication-subnet-group-staging-dms-instance",
      "aws_dms_replication_task <- uht-to-uh-mirror",
      "aws_iam_role <- dms-cloudwatch-logs-role",
      "aws_iam_role <- dms-vpc-role",
      "aws_iam_role_policy_attachment <- dms-cloudwatch-logs-role/arn:${data.aws_partition.AwsAccount_Partition_778E3A84.partition}:iam::aws:policy/service-role/AmazonDMSCloudWatchLogsRole",
      "aws_iam_role_policy_attachment <- dms-vpc-role/arn:${data.aws_partition.AwsAccount_Partition_778E3A84.partition}:iam::aws:policy/service-role/AmazonDMSVPCManagementRole",
      "aws_security_group <- sg-0123456789abcdef0",
      "aws_ssm_parameter <- /resident-information-api/staging/postgres-username",
    ]);
  });

  test("legacy settings are kept only for the adopted objects, each with a warning and its remedy", () => {
    const { stack, json } = build(adoptedFile());
    const database = Object.values(json.resource.aws_db_instance)[0] as Record<string, unknown>;
    expect(database.storage_encrypted).toBe(false);
    expect(database.parameter_group_name).toBe("default.postgres11");
    const task = Object.values(json.resource.aws_dms_replication_task)[0] as Record<string, unknown>;
    expect(task.table_mappings).toBe(MAPPINGS);
    expect(task.replication_task_settings).toBe(SETTINGS);
    // The provider's endpoint update cannot change these in place; adopted endpoints ignore them (warned).
    const endpoints = Object.values(json.resource.aws_dms_endpoint) as { endpoint_id: string; lifecycle: { ignore_changes: string[] } }[];
    expect(Object.fromEntries(endpoints.map((e) => [e.endpoint_id, e.lifecycle.ignore_changes]))).toEqual({
      "source-uh-uht-endpoint": ["server_name", "port", "username"],
      "target-uh-endpoint": ["server_name", "port", "username", "postgres_settings"],
    });
    const warnings = stack.adoption.warnings.join("\n");
    expect(warnings).toMatch(/storage is NOT encrypted.*copy the snapshot with encryption/);
    expect(warnings).toMatch(/parameter group default\.postgres11, so SSL is not forced/);
    expect(warnings).toMatch(/endpoint target-uh-endpoint: keeps sslMode "none"/);
    expect(warnings).toMatch(/task uht-to-uh-mirror: keeps its task settings exactly/);
    // Without adoption the same database is encrypted and gets this stack's group.
    const plain = adoptedFile();
    delete plain.adopt;
    delete plain.database.parameterGroupName;
    // A created database forces SSL, so its target endpoint cannot keep sslMode "none" (refused at file check).
    plain.dms.targetEndpoint.sslMode = "require";
    const fresh = Object.values(build(plain).json.resource.aws_db_instance)[0] as Record<string, unknown>;
    expect(fresh.storage_encrypted).toBe(true);
    expect(build(plain).json.import).toBeUndefined();
  });

  test("a database imported under a name outside the convention keeps it, with a warning", () => {
    const file = adoptedFile();
    file.adopt.database.identifier = "resident-information-api-emergency-temp";
    const { stack, json } = build(file);
    expect((Object.values(json.resource.aws_db_instance)[0] as Record<string, unknown>).identifier).toBe("resident-information-api-emergency-temp");
    expect(stack.adoption.warnings.join("\n")).toMatch(/keeps its existing identifier/);
  });

  test.each([
    ["the master username", (f: any) => (f.database.masterUsername = "postgres"), /`database\.masterUsername` = "postgres": set it to "resident_admin"/],
    ["the database name", (f: any) => (f.database.name = "uh_copy"), /`database\.name` = "uh_copy": set it to "uh_mirror"/],
    ["the identifier", (f: any) => (f.database.identifier = "resident-info"), /`database\.identifier` = "resident-info": set it to "resident-information-api"/],
    ["a key on an unencrypted database", (f: any) => (f.database.kmsKeyArn = "arn:aws:kms:eu-west-2:123456789012:key/00000000-0000-0000-0000-000000000000"), /`database\.kmsKeyArn`.*not encrypted and encrypting it replaces it/],
    ["a generated password", (f: any) => delete f.database.password, /`database\.password\.existingParameterName`.*keeps its password/],
    ["the migration type", (f: any) => (f.tasks[0].migrationType = "full-load"), /`tasks\[0\]\.migrationType` = "full-load": set it to "full-load-and-cdc"/],
    ["the instance id", (f: any) => (f.dms.replicationInstance.replicationInstanceId = "staging-dms"), /`dms\.replicationInstance\.replicationInstanceId` = "staging-dms": set it to "staging-dms-instance"/],
    ["a task's source endpoint", (f: any) => (f.sources.uht.endpointId = "source-uht"), /`sources\.uht\.endpointId`.*set it to "source-uh-uht-endpoint"/],
    ["an endpoint's ssl mode", (f: any) => (f.dms.targetEndpoint.sslMode = "require"), /`dms\.targetEndpoint\.sslMode` = "require": set it to "none"/],
    ["a security group named otherwise", (f: any) => (f.adopt.databaseSecurityGroup.name = "dms-instance-staging"), /`adopt\.databaseSecurityGroup`.*cannot be adopted without a replacement/],
  ])("a file that would replace an adopted object is refused at synth, naming the field: %s", (_what, change, message) => {
    const file = adoptedFile();
    change(file);
    expect(() => build(file)).toThrow(message);
  });
});

const TOPIC = "resident-information-api-staging-dms-alarms";
const TOPIC_ARN = `arn:aws:sns:eu-west-2:123456789012:${TOPIC}`;
const KEY_ID = "0a1b2c3d-1111-2222-3333-444455556666";

/** The adopted file with monitoring and a nightly reload, and the team's topic, key, log group, alarm, schedule and subscriptions. */
function withMonitoring(): Record<string, any> {
  const file = adoptedFile();
  file.monitoring = { subscribers: [{ protocol: "email", endpoint: "data-platform-alerts@hackney.gov.uk" }] };
  file.tasks.push({ replicationTaskId: "uht-nightly", source: "uht", migrationType: "full-load", tableMappings: [{ action: "include", schema: "dbo", table: "nightly_summary" }], schedule: { expression: "cron(30 1 * * ? *)", timeZone: "Europe/London" } });
  Object.assign(file.adopt, {
    kmsKeys: { [`alias/${TOPIC}`]: { keyId: KEY_ID } },
    alarmTopic: { arn: TOPIC_ARN },
    logGroups: { "dms-tasks-staging-dms-instance": { retentionInDays: 14 } },
    alarms: ["resident-information-api-staging-staging-dms-instance-cpu-utilization-high"],
    schedules: { "uht-nightly-reload": {} },
    eventSubscriptions: {
      "resident-information-api-staging-dms-replication-instance-events": { sourceType: "replication-instance", sourceIds: ["staging-dms-instance"] },
      "resident-information-api-staging-dms-replication-task-events": { sourceType: "replication-task", sourceIds: ["uht-to-uh-mirror", "uht-nightly"] },
    },
  });
  return file;
}

describe("adopt: the alarm topic, keys, log groups, alarms, schedules and event subscriptions", () => {
  test("each is imported by the id terraform import takes, next to the DMS objects", () => {
    const { stack, json } = build(withMonitoring());
    const added = imports(json).filter((line) => !imports(build(adoptedFile()).json).includes(line));
    expect(added).toEqual([
      "aws_cloudwatch_log_group <- dms-tasks-staging-dms-instance",
      "aws_cloudwatch_metric_alarm <- resident-information-api-staging-staging-dms-instance-cpu-utilization-high",
      "aws_dms_event_subscription <- resident-information-api-staging-dms-replication-instance-events",
      "aws_dms_event_subscription <- resident-information-api-staging-dms-replication-task-events",
      `aws_kms_alias <- alias/${TOPIC}`,
      `aws_kms_key <- ${KEY_ID}`,
      "aws_scheduler_schedule <- default/uht-nightly-reload",
      `aws_sns_topic <- ${TOPIC_ARN}`,
    ]);
    expect(stack.adoption.imports).toBe(13 + 8);
    expect(stack.adoption.warnings.join("\n")).toMatch(/key alias\/resident-information-api-staging-dms-alarms .*key policy and description become this stack's/);
  });

  test.each([
    ["an alias the stack does not create", (f: any) => (f.adopt.kmsKeys = { "alias/team-key": { keyId: KEY_ID } }), /`adopt\.kmsKeys\.alias\/team-key`.*creates no key with this alias \(alias\/resident-information-api-staging-dms-alarms\)/],
    ["an asymmetric key", (f: any) => (f.adopt.kmsKeys[`alias/${TOPIC}`].keySpec = "RSA_2048"), /keySpec "RSA_2048" and this stack's is keySpec "SYMMETRIC_DEFAULT" \(forces a replacement/],
    ["a multi-Region key", (f: any) => (f.adopt.kmsKeys[`alias/${TOPIC}`].multiRegion = true), /multiRegion true .*forces a replacement/],
    ["a topic named otherwise", (f: any) => (f.adopt.alarmTopic.arn = "arn:aws:sns:eu-west-2:123456789012:dms-alerts"), /`adopt\.alarmTopic\.arn`.*named resident-information-api-staging-dms-alarms \(name forces a replacement\)/],
    ["a FIFO topic", (f: any) => (f.adopt.alarmTopic.fifo = true), /`adopt\.alarmTopic\.fifo` = true: CloudWatch alarms cannot publish to a FIFO topic/],
    ["a topic without monitoring", (f: any) => delete f.monitoring, /`adopt\.alarmTopic\.arn`.*creates no alarm topic/],
    ["a log group the stack does not create", (f: any) => (f.adopt.logGroups = { "/aws/dms/mosaic": {} }), /`adopt\.logGroups\./],
    ["an infrequent-access log group", (f: any) => (f.adopt.logGroups["dms-tasks-staging-dms-instance"].logGroupClass = "INFREQUENT_ACCESS"), /log_group_class forces a replacement/],
    ["an alarm the stack does not create", (f: any) => f.adopt.alarms.push("uh-dms-cpu"), /`adopt\.alarms\[1\]` = "uh-dms-cpu": this environment creates no alarm with this name/],
    ["a schedule in another group", (f: any) => (f.adopt.schedules["uht-nightly-reload"].groupName = "dms"), /`adopt\.schedules\.uht-nightly-reload\.groupName` = "dms".*group_name forces a replacement/],
    ["a schedule of an unscheduled task", (f: any) => (f.adopt.schedules = { "uht-to-uh-mirror-reload": {} }), /schedules no task with this schedule name/],
    ["a subscription to other sources", (f: any) => (f.adopt.eventSubscriptions["resident-information-api-staging-dms-replication-task-events"].sourceIds = []), /sourceIds`.*subscribes to \["uht-nightly","uht-to-uh-mirror"\] \(source_ids forces a replacement\)/],
    ["a subscription of another type", (f: any) => (f.adopt.eventSubscriptions["resident-information-api-staging-dms-replication-task-events"].sourceType = "replication-instance"), /source_type forces a replacement/],
  ])("what would replace one is refused at synth: %s", (_what, change, message) => {
    const file = withMonitoring();
    change(file);
    expect(() => build(file)).toThrow(message);
  });
});

describe("adopt: an Aurora PostgreSQL cluster with its instances", () => {
  const CLUSTER = "casework-db-staging";
  function auroraFile(): Record<string, any> {
    const file = adoptedFile();
    const { allocatedStorage: _a, storageType: _s, ...database } = file.database;
    file.database = { ...database, engine: "aurora-postgresql", identifier: "casework", name: "casework", engineVersion: "16", instanceClass: "db.r6g.large", instances: 2, port: 5432, parameterGroupName: "default.aurora-postgresql16" };
    file.adopt = {
      database: { identifier: CLUSTER, engine: "aurora-postgresql", databaseName: "casework", masterUsername: "resident_admin", storageEncrypted: true, kmsKeyId: "arn:aws:kms:eu-west-2:123456789012:key/aws-rds", clusterInstances: [`${CLUSTER}-1`, "casework-reader"] },
      databaseSubnetGroup: "casework-db-subnet-staging",
      parameterGroup: "default.aurora-postgresql16",
      ssmParameters: { passwordParameter: "/resident-information-api/staging/postgres-password" },
    };
    file.dms.targetEndpoint.sslMode = "require";
    delete file.sources.uht.sslMode;
    file.tasks = [];
    return file;
  }

  test("the cluster, each instance (keeping its identifier) and the subnet group are imported; the existing cluster parameter group is kept", () => {
    const { stack, json } = build(auroraFile());
    expect(imports(json)).toEqual([
      "aws_db_subnet_group <- casework-db-subnet-staging",
      `aws_rds_cluster <- ${CLUSTER}`,
      `aws_rds_cluster_instance <- ${CLUSTER}-1`,
      "aws_rds_cluster_instance <- casework-reader",
    ]);
    const cluster = Object.values(json.resource.aws_rds_cluster)[0] as Record<string, unknown>;
    expect([cluster.cluster_identifier, cluster.storage_encrypted, cluster.db_cluster_parameter_group_name]).toEqual([CLUSTER, true, "default.aurora-postgresql16"]);
    expect((Object.values(json.resource.aws_rds_cluster_instance) as { identifier: string }[]).map((i) => i.identifier)).toEqual([`${CLUSTER}-1`, "casework-reader"]);
    expect(stack.adoption.warnings.join("\n")).toMatch(/cluster instance casework-reader: keeps its existing identifier instead of casework-db-staging-2/);
  });

  test.each([
    ["a different instance count", (f: any) => (f.database.instances = 3), /`database\.instances` = 3: set it to 2, the instances cluster casework-db-staging has/],
    ["no instance list", (f: any) => delete f.adopt.database.clusterInstances, /`database\.instances`.*list the cluster's instances in adopt\.database\.clusterInstances/],
    ["the master username", (f: any) => (f.database.masterUsername = "postgres"), /`database\.masterUsername` = "postgres": set it to "resident_admin"/],
    ["a new key on the cluster", (f: any) => (f.database.kmsKeyArn = "arn:aws:kms:eu-west-2:123456789012:key/00000000-0000-0000-0000-000000000000"), /`database\.kmsKeyArn`.*set it to "arn:aws:kms:eu-west-2:123456789012:key\/aws-rds".*kms_key_id forces a replacement/],
    ["an instance as a cluster", (f: any) => (f.adopt.database.engine = "postgres"), /`database\.engine` = "aurora-postgresql": set it to "postgres"/],
  ])("what would replace it is refused at synth: %s", (_what, change, message) => {
    const file = auroraFile();
    change(file);
    expect(() => build(file)).toThrow(message);
  });
});
