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
    ["the instance id", (f: any) => (f.dms.replicationInstance.id = "staging-dms"), /`dms\.replicationInstance\.id` = "staging-dms": set it to "staging-dms-instance"/],
    ["a task's source endpoint", (f: any) => (f.sources.uht.endpointId = "source-uht"), /`sources\.uht\.endpointId`.*set it to "source-uh-uht-endpoint"/],
    ["an endpoint's ssl mode", (f: any) => (f.dms.targetEndpoint.sslMode = "require"), /`dms\.targetEndpoint\.sslMode` = "require": set it to "none"/],
    ["a security group named otherwise", (f: any) => (f.adopt.databaseSecurityGroup.name = "dms-instance-staging"), /`adopt\.databaseSecurityGroup`.*cannot be adopted without a replacement/],
  ])("a file that would replace an adopted object is refused at synth, naming the field: %s", (_what, change, message) => {
    const file = adoptedFile();
    change(file);
    expect(() => build(file)).toThrow(message);
  });
});
