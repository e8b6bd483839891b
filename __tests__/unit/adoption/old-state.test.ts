import { releaseFromOldState, removedBlocks, stateRmCommands } from "../../../cli/adopt/old-state";

const resource = (module: string | undefined, type: string, name: string, attributes: Record<string, unknown>) => ({ module, mode: "managed", type, name, instances: [{ attributes }] });

describe("leaving the old configuration: removed blocks for the adopted objects' addresses", () => {
  const state = {
    resources: [
      resource("module.postgres_db_staging", "aws_db_instance", "lbh-db", { identifier: "mosaic-db-staging", id: "db-ABC" }),
      resource("module.postgres_db_staging.module.db_security_group", "aws_security_group", "lbh_db_traffic", { id: "sg-0123456789abcdef0" }),
      resource("module.dms_setup_staging", "aws_dms_endpoint", "target", { endpoint_id: "target-mosaic" }),
      resource("module.dms_setup_staging", "aws_security_group", "dms_sg", { id: "sg-0fedcba9876543210" }),
      resource(undefined, "aws_iam_role", "dms-vpc-role", { name: "dms-vpc-role" }),
      resource(undefined, "aws_vpc", "apis", { id: "vpc-0a1b2c3d4e5f60718" }),
      { mode: "data", type: "aws_ssm_parameter", name: "password", instances: [{ attributes: { name: "/mosaic/staging/postgres-password" } }] },
    ],
  };
  const release = releaseFromOldState(state, {
    database: { identifier: "mosaic-db-staging", engine: "postgres", databaseName: "mosaic", masterUsername: "mosaic_admin", storageEncrypted: true },
    databaseSecurityGroup: { id: "sg-0123456789abcdef0", name: "allow_mosaic_db_traffic", description: "Managed by Terraform" },
    accountRoles: true,
    endpoints: { "target-mosaic": { endpointType: "target", engineName: "postgres", sslMode: "none" } },
  });

  test("a module holding an adopted object is removed whole; root resources one by one; the rest is left alone", () => {
    expect(release.addresses).toEqual(["module.postgres_db_staging", "module.dms_setup_staging", "aws_iam_role.dms-vpc-role"]);
    expect(release.forgotten).toEqual(["module.dms_setup_staging.aws_security_group.dms_sg"]);
  });

  test("the blocks never destroy, and the older-Terraform commands name the same addresses", () => {
    expect(removedBlocks(release)).toContain("removed {\n  from = module.postgres_db_staging\n\n  lifecycle {\n    destroy = false\n  }\n}\n");
    expect(removedBlocks(release)).not.toContain("destroy = true");
    expect(stateRmCommands(release).split("\n")).toEqual([
      "terraform state rm 'module.postgres_db_staging'",
      "terraform state rm 'module.dms_setup_staging'",
      "terraform state rm 'aws_iam_role.dms-vpc-role'",
    ]);
  });
});

describe("leaving the old configuration: the team's alarm topic, key and log group, and an Aurora cluster", () => {
  const KEY = "0a1b2c3d-1111-2222-3333-444455556666";
  const TOPIC = "arn:aws:sns:eu-west-2:123456789012:casework-staging-dms-alarms";
  const release = releaseFromOldState(
    {
      resources: [
        resource(undefined, "aws_kms_key", "alerts", { key_id: KEY }),
        resource(undefined, "aws_kms_alias", "alerts", { name: "alias/casework-staging-dms-alarms" }),
        resource(undefined, "aws_sns_topic", "alerts", { arn: TOPIC }),
        resource(undefined, "aws_sns_topic_subscription", "team", { arn: `${TOPIC}:1234`, topic_arn: TOPIC }),
        resource(undefined, "aws_cloudwatch_log_group", "dms_tasks", { name: "dms-tasks-casework" }),
        resource("module.aurora", "aws_rds_cluster", "this", { cluster_identifier: "casework-db-staging" }),
        resource("module.aurora", "aws_rds_cluster_instance", "this", { identifier: "casework-db-staging-1" }),
      ],
    },
    {
      database: { identifier: "casework-db-staging", engine: "aurora-postgresql", databaseName: "casework", masterUsername: "casework_admin", storageEncrypted: true, clusterInstances: ["casework-db-staging-1"] },
      kmsKeys: { "alias/casework-staging-dms-alarms": { keyId: KEY, keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", multiRegion: false } },
      alarmTopic: { arn: TOPIC, fifo: false },
      logGroups: { "dms-tasks-casework": { logGroupClass: "STANDARD" } },
    },
  );

  test("each adopted one is removed by its address; a subscription to the adopted topic is let go too, kept in AWS, not destroyed", () => {
    expect(release.addresses).toEqual([
      "module.aurora",
      "aws_kms_key.alerts",
      "aws_kms_alias.alerts",
      "aws_sns_topic.alerts",
      "aws_sns_topic_subscription.team",
      "aws_cloudwatch_log_group.dms_tasks",
    ]);
    expect(release.forgotten).toEqual(["aws_sns_topic_subscription.team"]);
  });
});
