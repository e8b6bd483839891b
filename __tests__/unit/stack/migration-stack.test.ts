import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { environmentFile } from "../../helpers/environments";
import { TerraformJson, blocks, logicalId, only } from "../../helpers/synth";

function synthEnvironment(name: string, edit: (file: Record<string, any>) => void = () => undefined): TerraformJson {
  const file = environmentFile(name);
  edit(file);
  const check = checkEnvironment(JSON.stringify(file), name);
  if (!check.config) throw new Error(check.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  const stack = new MigrationStack(Testing.app(), name, { config: check.config });
  return JSON.parse(Testing.synth(stack));
}

describe("MigrationStack provider and state", () => {
  test("tags every resource with the account tags and the Hackney tags through the provider", () => {
    const [provider] = synthEnvironment("development").provider.aws;
    expect(provider.region).toBe("eu-west-2");
    expect(provider.default_tags).toEqual([
      { tags: { BackupPolicy: "Dev", Environment: "development", project_name: "resident-information", "terraform-managed": "true" } },
    ]);
    expect(provider.allowed_account_ids).toBeUndefined();
  });

  test("refuses to run against another account when the file names one", () => {
    const [provider] = synthEnvironment("development", (file) => (file.accountId = "111122223333")).provider.aws;
    expect(provider.allowed_account_ids).toEqual(["111122223333"]);
  });

  test("keeps state in an encrypted S3 object, locked with a lock file by default", () => {
    expect(synthEnvironment("development").terraform.backend).toEqual({
      s3: {
        bucket: "terraform-state-development-apis",
        key: "resident-information/development/terraform.tfstate",
        region: "eu-west-2",
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  test("locks with DynamoDB, and uses the given key, region and KMS key, when the file says so", () => {
    const json = synthEnvironment("production", (file) => {
      Object.assign(file.backend, { key: "custom/state.tfstate", region: "eu-west-1", kmsKeyId: "alias/terraform-state" });
    });
    expect(json.terraform.backend.s3).toEqual({
      bucket: "terraform-state-production-apis",
      key: "custom/state.tfstate",
      region: "eu-west-1",
      encrypt: true,
      kms_key_id: "alias/terraform-state",
      dynamodb_table: "terraform-state-lock-production",
    });
  });
});

describe("MigrationStack network", () => {
  test("uses the subnets the file names", () => {
    const json = synthEnvironment("development");
    expect(only(json, "aws_db_subnet_group").subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]);
    expect(blocks(json, "aws_vpc", "data")).toHaveLength(0);
  });

  test("looks the VPC up by Name tag and its private subnets by tag, failing the plan with fewer than two", () => {
    const json = synthEnvironment("staging");
    const vpcId = logicalId(json, "aws_vpc", "data");
    expect(only(json, "aws_vpc", "data").filter).toEqual([{ name: "tag:Name", values: ["vpc-staging-apis-staging"] }]);
    const subnets = only(json, "aws_subnets", "data");
    expect(subnets.filter).toEqual([
      { name: "vpc-id", values: [`\${data.aws_vpc.${vpcId}.id}`] },
      { name: "tag:Type", values: ["private"] },
    ]);
    expect(subnets.lifecycle.postcondition).toEqual([
      { condition: "${length(self.ids) >= 2}", error_message: expect.stringContaining("at least two private subnets") },
    ]);
    expect(only(json, "aws_db_subnet_group").subnet_ids).toBe(`\${data.aws_subnets.${logicalId(json, "aws_subnets", "data")}.ids}`);
  });
});

describe("MigrationStack database", () => {
  test("builds the database the file describes", () => {
    const db = only(synthEnvironment("production"), "aws_db_instance");
    expect(db).toMatchObject({
      identifier: "resident-information-db-production",
      db_name: "uh_mirror",
      port: 5300,
      instance_class: "db.m7g.large",
      multi_az: true,
      deletion_protection: true,
      performance_insights_enabled: true,
      monitoring_interval: 60,
      backup_retention_period: 30,
    });
  });

  test("opens the database port to the peers the file allows and to DMS, and nothing else", () => {
    const json = synthEnvironment("production");
    const dmsGroup = Object.entries<any>(json.resource.aws_security_group).find(([, g]) => g.name_prefix.startsWith("dms-instance"))![0];
    expect(blocks(json, "aws_vpc_security_group_ingress_rule")).toEqual([
      expect.objectContaining({
        referenced_security_group_id: "sg-0a1b2c3d4e5f60718",
        from_port: 5300,
        to_port: 5300,
        ip_protocol: "tcp",
        description: "Bastion used by the data team",
      }),
      expect.objectContaining({ referenced_security_group_id: `\${aws_security_group.${dmsGroup}.id}`, from_port: 5300, to_port: 5300, ip_protocol: "tcp" }),
    ]);
  });

  test("publishes the database's and DMS's identifiers as outputs", () => {
    const outputs = synthEnvironment("development").output;
    expect(Object.keys(outputs).sort()).toEqual([
      "database_address",
      "database_arn",
      "database_name",
      "database_password_parameter",
      "database_port",
      "database_security_group_id",
      "dms_instance_sg",
      "dms_replication_instance_arn",
      "dms_replication_task_arns",
      "dms_source_endpoint_arns",
      "dms_target_endpoint_arn",
      "environment_tier",
    ]);
    expect(outputs.environment_tier.value).toBe("non-production");
    expect(outputs.database_port.value).toBe(5301);
    expect(outputs.database_password_parameter.value).toBe("/resident-information/development/postgres-password");
  });
});
