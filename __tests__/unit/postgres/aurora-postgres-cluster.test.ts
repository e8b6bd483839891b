import { AuroraPostgresCluster, AuroraPostgresClusterProps } from "../../../modules/postgres/aurora-postgres-cluster";
import { Peer } from "../../../modules/network/peer";
import { postgresProps } from "../../helpers/fixtures";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

function clusterProps(overrides: Partial<AuroraPostgresClusterProps> = {}): AuroraPostgresClusterProps {
  const { instanceClass: _ignored, ...common } = postgresProps({ identifier: "uh-mirror", databaseName: "uh_mirror" });
  return { ...common, instanceClass: "db.r6g.large", ...overrides };
}

function synthCluster(props: AuroraPostgresClusterProps = clusterProps()): TerraformJson {
  const stack = newStack();
  new AuroraPostgresCluster(stack, "Aurora", props);
  return synth(stack);
}

function buildError(props: AuroraPostgresClusterProps): string {
  try {
    new AuroraPostgresCluster(newStack(), "Aurora", props);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the cluster to refuse its props");
}

describe("AuroraPostgresCluster", () => {
  test("is an encrypted, private aurora-postgresql cluster named like the Hackney databases", () => {
    const json = synthCluster();
    const cluster = only(json, "aws_rds_cluster");
    expect(cluster).toMatchObject({
      cluster_identifier: "uh-mirror-db-development",
      engine: "aurora-postgresql",
      engine_version: "16",
      database_name: "uh_mirror",
      port: 5432,
      master_username: "migration_admin",
      iam_database_authentication_enabled: true,
      storage_encrypted: true,
      backup_retention_period: 7,
      deletion_protection: false,
      skip_final_snapshot: false,
      final_snapshot_identifier: "uh-mirror-db-development-final",
      db_subnet_group_name: `\${aws_db_subnet_group.${logicalId(json, "aws_db_subnet_group")}.name}`,
      vpc_security_group_ids: [`\${aws_security_group.${logicalId(json, "aws_security_group")}.id}`],
    });
    expect(only(json, "aws_rds_cluster_instance")).toMatchObject({
      identifier: "uh-mirror-db-development-1",
      engine: "aurora-postgresql",
      instance_class: "db.r6g.large",
      publicly_accessible: false,
      cluster_identifier: `\${aws_rds_cluster.${logicalId(json, "aws_rds_cluster")}.id}`,
    });
  });

  test("keeps the master password out of state: generated into SSM and written through master_password_wo", () => {
    const json = synthCluster(clusterProps({ password: { version: 2 } }));
    const cluster = only(json, "aws_rds_cluster");
    expect(cluster.master_password).toBeUndefined();
    expect(cluster.master_password_wo).toBe(`\${ephemeral.aws_ssm_parameter.${logicalId(json, "aws_ssm_parameter", "ephemeral")}.value}`);
    expect(cluster.master_password_wo_version).toBe(2);
    expect(blocks(json, "aws_ssm_parameter").find((p) => p.type === "SecureString")!.name).toBe("/mosaic/development/postgres-password");
  });

  test("forces SSL in a cluster parameter group for its major version", () => {
    const json = synthCluster();
    const group = only(json, "aws_rds_cluster_parameter_group");
    expect(group.family).toBe("aurora-postgresql16");
    expect(group.parameter).toEqual([{ name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" }]);
    expect(only(json, "aws_rds_cluster").db_cluster_parameter_group_name).toBe(`\${aws_rds_cluster_parameter_group.${logicalId(json, "aws_rds_cluster_parameter_group")}.name}`);
    expect(blocks(json, "aws_db_parameter_group")).toHaveLength(0);
  });

  test("turns on logical replication in the cluster parameter group when it becomes a DMS source", () => {
    const stack = newStack();
    new AuroraPostgresCluster(stack, "Aurora", clusterProps()).enableLogicalReplication();
    expect(only(synth(stack), "aws_rds_cluster_parameter_group").parameter.map((p: any) => p.name)).toEqual(["rds.force_ssl", "rds.logical_replication"]);
  });

  test("spreads several instances, named in order", () => {
    const json = synthCluster(clusterProps({ instances: 3 }));
    expect(blocks(json, "aws_rds_cluster_instance").map((i) => i.identifier)).toEqual([
      "uh-mirror-db-development-1",
      "uh-mirror-db-development-2",
      "uh-mirror-db-development-3",
    ]);
  });

  test("in production: two instances, deletion protection that also stops a planned destruction", () => {
    const json = synthCluster(clusterProps({ environment: "production", instances: 2 }));
    expect(only(json, "aws_rds_cluster")).toMatchObject({ deletion_protection: true, lifecycle: { prevent_destroy: true } });
    expect(blocks(json, "aws_rds_cluster_instance")).toHaveLength(2);
  });

  test("refuses a single-instance production cluster", () => {
    expect(buildError(clusterProps({ environment: "production" }))).toMatch(/test\/Aurora: `instances` = \(missing\): production Aurora clusters need 2 or more instances, in two zones; allowed: >= 2/);
  });

  test("refuses a production cluster without a final snapshot", () => {
    expect(buildError(clusterProps({ environment: "production", instances: 2, skipFinalSnapshot: true }))).toMatch(/must take a final snapshot/);
  });

  test("Serverless v2: db.serverless instances with a capacity range, and only then", () => {
    const json = synthCluster(clusterProps({ instanceClass: "db.serverless", serverlessCapacity: { minimum: 0.5, maximum: 8 } }));
    expect(only(json, "aws_rds_cluster").serverlessv2_scaling_configuration).toEqual({ min_capacity: 0.5, max_capacity: 8 });
    expect(buildError(clusterProps({ serverlessCapacity: { minimum: 1, maximum: 4 } }))).toMatch(/`serverlessCapacity` = .*: goes with instanceClass "db.serverless", and only with it/);
    expect(buildError(clusterProps({ instanceClass: "db.serverless", serverlessCapacity: { minimum: 4, maximum: 2 } }))).toMatch(/0 <= minimum <= maximum/);
  });

  test("is a DMS target as aurora-postgresql, needing the engine its PostgreSQL version needs", () => {
    const cluster = new AuroraPostgresCluster(newStack(), "Aurora", clusterProps({ engineVersion: "17.2" }));
    expect(cluster.dmsEngineName).toBe("aurora-postgresql");
    expect(cluster.minimumDmsEngineVersion).toBe("3.5.4");
  });

  test("has no ingress until one is allowed, then one rule on its port", () => {
    const stack = newStack();
    const cluster = new AuroraPostgresCluster(stack, "Aurora", clusterProps({ port: 5600 }));
    expect(blocks(synth(stack), "aws_vpc_security_group_ingress_rule")).toHaveLength(0);
    cluster.connections.allowDefaultPortFrom(Peer.ipv4("10.20.0.0/16"), "VPN");
    expect(only(synth(stack), "aws_vpc_security_group_ingress_rule")).toMatchObject({ from_port: 5600, to_port: 5600, cidr_ipv4: "10.20.0.0/16" });
  });

  test("publishes its writer endpoint as the hostname parameter", () => {
    const json = synthCluster();
    const hostname = blocks(json, "aws_ssm_parameter").find((p) => p.name === "/mosaic/development/postgres-hostname")!;
    expect(hostname.value).toBe(`\${aws_rds_cluster.${logicalId(json, "aws_rds_cluster")}.endpoint}`);
  });
});
