import { readdirSync } from "fs";
import { join } from "path";
import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { environmentFile } from "../../helpers/environments";
import { TerraformJson, blocks, logicalId, only } from "../../helpers/synth";

function stackFor(name: string): MigrationStack {
  const check = checkEnvironment(JSON.stringify(environmentFile(name)), name);
  if (!check.config) throw new Error(check.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return new MigrationStack(Testing.app(), name, { config: check.config });
}

const synthEnvironment = (name: string): TerraformJson => JSON.parse(Testing.synth(stackFor(name)));
const endpoint = (json: TerraformJson, id: string) => blocks(json, "aws_dms_endpoint").find((e) => e.endpoint_id === id)!;

describe("oracle-aurora: Oracle into Aurora PostgreSQL, then the Aurora tables raw to S3 as Parquet", () => {
  const json = synthEnvironment("oracle-aurora");

  test("the database is an Aurora PostgreSQL cluster of two instances, forcing SSL and turning on logical replication", () => {
    expect(only(json, "aws_rds_cluster")).toMatchObject({ cluster_identifier: "casework-db-oracle-aurora", engine: "aurora-postgresql" });
    expect(blocks(json, "aws_rds_cluster_instance")).toHaveLength(2);
    expect(only(json, "aws_rds_cluster_parameter_group").parameter.map((p: any) => p.name)).toEqual(["rds.force_ssl", "rds.logical_replication"]);
    expect(blocks(json, "aws_db_instance")).toHaveLength(0);
  });

  test("an Oracle source read with LogMiner, and the cluster as an aurora-postgresql target", () => {
    expect(endpoint(json, "source-casework-oracle")).toMatchObject({ engine_name: "oracle", endpoint_type: "source", extra_connection_attributes: "" });
    expect(endpoint(json, "target-casework-aurora")).toMatchObject({ engine_name: "aurora-postgresql", endpoint_type: "target" });
  });

  test("the cluster is also a PostgreSQL source, feeding an S3 target that writes Parquet", () => {
    expect(endpoint(json, "source-casework-aurora")).toMatchObject({ engine_name: "aurora-postgresql", endpoint_type: "source" });
    expect(only(json, "aws_dms_s3_endpoint")).toMatchObject({ endpoint_id: "target-casework-raw", data_format: "parquet", bucket_folder: "raw/casework", date_partition_enabled: true });
  });

  test("two full-load-and-cdc tasks: Oracle into Aurora, Aurora into S3", () => {
    const tasks = blocks(json, "aws_dms_replication_task").map((t) => [t.replication_task_id, t.migration_type, t.target_endpoint_arn]);
    const arn = (type: string, id: string) => `\${${type}.${Object.entries<any>(json.resource[type]).find(([, e]) => e.endpoint_id === id)![0]}.endpoint_arn}`;
    expect(tasks.sort()).toEqual([
      ["aurora-to-raw", "full-load-and-cdc", arn("aws_dms_s3_endpoint", "target-casework-raw")],
      ["oracle-to-aurora", "full-load-and-cdc", arn("aws_dms_endpoint", "target-casework-aurora")],
    ]);
  });

  test("one customer-managed key encrypts the cluster, the instance, the secrets, the bucket, the alarm topic and the task logs", () => {
    const key = `\${aws_kms_key.${Object.entries<any>(json.resource.aws_kms_key).find(([, k]) => k.description?.startsWith("casework oracle-aurora"))![0]}.arn}`;
    expect(only(json, "aws_rds_cluster").kms_key_id).toBe(key);
    expect(only(json, "aws_dms_replication_instance").kms_key_arn).toBe(key);
    expect(blocks(json, "aws_secretsmanager_secret").every((s) => s.kms_key_id === key)).toBe(true);
    expect(only(json, "aws_s3_bucket_server_side_encryption_configuration").rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe(key);
    expect(only(json, "aws_sns_topic").kms_master_key_id).toBe(key);
    expect(only(json, "aws_cloudwatch_log_group").kms_key_id).toBe(key);
  });

  test("the DBA scripts of both sources are written next to the stack", () => {
    const dba = join(Testing.fullSynth(stackFor("oracle-aurora")), "stacks", "oracle-aurora", "dba");
    expect(readdirSync(dba).sort()).toEqual(["source-casework-aurora.sql", "source-casework-oracle.sql"]);
  });
});

describe("postgres-s3: the environment's PostgreSQL to S3 as Parquet, on DMS Serverless", () => {
  const json = synthEnvironment("postgres-s3");

  test("no replication instance: a serverless replication scaling from 1 to 4 units", () => {
    expect(blocks(json, "aws_dms_replication_instance")).toHaveLength(0);
    expect(blocks(json, "aws_dms_replication_task")).toHaveLength(0);
    expect(only(json, "aws_dms_replication_config")).toMatchObject({
      replication_config_identifier: "addresses-to-lake",
      replication_type: "full-load-and-cdc",
      compute_config: { min_capacity_units: 1, max_capacity_units: 4 },
    });
  });

  test("the source is the environment's RDS database, with logical replication turned on", () => {
    expect(only(json, "aws_db_parameter_group").parameter.map((p: any) => p.name)).toEqual(["rds.force_ssl", "rds.logical_replication"]);
    expect(endpoint(json, "source-addresses-postgres").postgres_settings).toMatchObject({ heartbeat_enable: true, heartbeat_frequency: 5, plugin_name: "test-decoding" });
  });

  test("the database's replication slot is watched for WAL piling up", () => {
    const alarm = blocks(json, "aws_cloudwatch_metric_alarm").find((a) => a.metric_name === "ReplicationSlotDiskUsage")!;
    expect(alarm).toMatchObject({ namespace: "AWS/RDS", dimensions: { DBInstanceIdentifier: "addresses-api-db-postgres-s3" } });
  });
});

describe("production: scheduled reloads, alarms and a customer-managed key", () => {
  const json = synthEnvironment("production");

  test("the full-load-only task is reloaded nightly in London time", () => {
    const schedule = only(json, "aws_scheduler_schedule");
    expect(schedule).toMatchObject({ schedule_expression: "cron(30 1 * * ? *)", schedule_expression_timezone: "Europe/London" });
    const uhw = Object.entries<any>(json.resource.aws_dms_replication_task).find(([, t]) => t.replication_task_id === "uhw-to-uh-mirror")!;
    expect(JSON.parse(schedule.target.input)).toEqual({ ReplicationTaskArn: `\${aws_dms_replication_task.${uhw[0]}.replication_task_arn}`, StartReplicationTaskType: "reload-target" });
    expect(uhw[1].start_replication_task).toBe(true);
  });

  test("the CDC task has latency alarms with the environment's threshold; the full-load task has none", () => {
    const alarms = blocks(json, "aws_cloudwatch_metric_alarm");
    expect(alarms.find((a) => a.alarm_name.endsWith("uht-to-uh-mirror-cdc-latency-target-warning"))).toMatchObject({ threshold: 600, metric_name: "CDCLatencyTarget" });
    expect(alarms.filter((a) => a.alarm_name.includes("uhw-to-uh-mirror") && a.metric_name.startsWith("CDC"))).toEqual([]);
    expect(blocks(json, "aws_dms_event_subscription").map((s) => s.source_type).sort()).toEqual(["replication-instance", "replication-task"]);
  });

  test("data validation is on for the CDC task", () => {
    const uht = blocks(json, "aws_dms_replication_task").find((t) => t.replication_task_id === "uht-to-uh-mirror")!;
    expect(JSON.parse(uht.replication_task_settings).ValidationSettings).toEqual({ EnableValidation: true });
  });

  test("the database and its password parameter use the environment's key", () => {
    const key = `\${aws_kms_key.${logicalId(json, "aws_kms_key")}.arn}`;
    expect(only(json, "aws_db_instance").kms_key_id).toBe(key);
    expect(blocks(json, "aws_ssm_parameter").find((p) => p.type === "SecureString")!.key_id).toBe(key);
  });
});
