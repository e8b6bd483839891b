import { TerraformStack, Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { environmentFile } from "../../helpers/environments";
import { RedshiftCluster, RedshiftClusterProps } from "../../../modules/dms/targets/redshift/cluster";
import { RedshiftTargetEndpoint, RedshiftTargetEndpointProps } from "../../../modules/dms/targets/redshift/endpoint";
import { redshiftTarget } from "../../../modules/dms/targets/redshift";
import { redshiftTargetSchema } from "../../../modules/dms/targets/redshift/schema";
import { targetEngineOf, targetSchema } from "../../../modules/dms/targets/registry";
import { DmsTargetBucket } from "../../../modules/storage/dms-target-bucket";
import { Peer } from "../../../modules/network/peer";
import { dmsFixture } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { blocks, newStack, only, synth } from "../../helpers/synth";

const KEY = "arn:aws:kms:eu-west-2:123456789012:key/11111111-2222-3333-4444-555555555555";
const context = { projectName: "orders", environment: "development" };

function clusterProps(overrides: Partial<RedshiftClusterProps> = {}): RedshiftClusterProps {
  return {
    ...context,
    clusterIdentifier: "orders-warehouse",
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    kmsKeyArn: KEY,
    ...overrides,
  };
}

function endpointProps(stack: TerraformStack, overrides: Partial<RedshiftTargetEndpointProps> = {}): RedshiftTargetEndpointProps {
  return {
    ...context,
    endpointId: "target-orders-warehouse",
    warehouse: overrides.warehouse ?? new RedshiftCluster(stack, "Warehouse", clusterProps()),
    bucket: new DmsTargetBucket(stack, "Staging", { ...context, kmsKeyArn: KEY }),
    ...overrides,
  };
}

function roleNamed(json: Record<string, any>, prefix: string): [string, any] {
  return Object.entries(json.resource.aws_iam_role).find(([, block]: [string, any]) => block.name_prefix === prefix) as [string, any];
}

describe("RedshiftTargetEndpoint", () => {
  test("redshift_settings stage SSE-KMS files in the endpoint's folder, through the role; the login comes from a secret", () => {
    const stack = newStack();
    new RedshiftTargetEndpoint(stack, "Load", endpointProps(stack));
    const json = synth(stack);
    const endpoint = only(json, "aws_dms_endpoint");
    const [roleId] = roleNamed(json, "dms-redshift-");
    expect(endpoint).toMatchObject({ engine_name: "redshift", endpoint_type: "target", database_name: "warehouse" });
    expect(endpoint.redshift_settings).toMatchObject({
      bucket_folder: "target-orders-warehouse",
      encryption_mode: "SSE_KMS",
      server_side_encryption_kms_key_id: KEY,
      service_access_role_arn: `\${aws_iam_role.${roleId}.arn}`,
    });
    expect(endpoint.secrets_manager_arn).toMatch(/aws_secretsmanager_secret\./);
    expect(endpoint.password).toBeUndefined();
    expect(endpoint.ssl_mode).toBeUndefined();
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("the role is trusted by DMS and Redshift in this account only, and may use only the folder and the key, through S3", () => {
    const stack = newStack();
    new RedshiftTargetEndpoint(stack, "Load", endpointProps(stack, { bucketFolder: "dms/orders" }));
    const json = synth(stack);
    const [roleId, role] = roleNamed(json, "dms-redshift-");
    const trust = JSON.parse(role.assume_role_policy).Statement[0];
    expect(trust.Principal.Service).toEqual(expect.arrayContaining([expect.stringMatching(/^redshift\./), expect.stringMatching(/^dms\./)]));
    expect(Object.keys(trust.Condition.StringEquals)).toEqual(["aws:SourceAccount"]);
    const policy = JSON.parse(blocks(json, "aws_iam_role_policy").find((block) => block.role === `\${aws_iam_role.${roleId}.id}`)!.policy);
    const bySid = Object.fromEntries(policy.Statement.map((statement: any) => [statement.Sid, statement]));
    expect(bySid.StagingObjects.Resource).toMatch(/\.arn\}\/dms\/orders\/\*$/);
    expect(bySid.ListStagingFolder.Condition).toEqual({ StringLike: { "s3:prefix": ["dms/orders", "dms/orders/*"] } });
    expect(bySid.UseBucketKeyThroughS3).toMatchObject({ Resource: KEY, Condition: { StringEquals: { "kms:ViaService": expect.stringMatching(/^s3\./) } } });
    for (const statement of policy.Statement) expect(JSON.stringify(statement.Resource)).not.toContain('"*"');
  });

  test("a created cluster lets COPY use the role; the instance reaches the cluster on 5439 and S3 on 443 only", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    new RedshiftTargetEndpoint(stack, "Load", endpointProps(stack)).allowConnectionsFrom(instance);
    const json = synth(stack);
    const [roleId] = roleNamed(json, "dms-redshift-");
    expect(only(json, "aws_redshift_cluster_iam_roles").iam_role_arns).toEqual([`\${aws_iam_role.${roleId}.arn}`]);
    const egress = blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.description.includes("Redshift") || rule.description.includes("S3"));
    expect(egress.map((rule) => [rule.from_port, rule.prefix_list_id !== undefined]).sort()).toEqual([
      [443, true],
      [5439, false],
    ]);
    expect(blocks(json, "aws_vpc_security_group_ingress_rule").filter((rule) => rule.description.includes("Redshift"))).toEqual([
      expect.objectContaining({ from_port: 5439, to_port: 5439 }),
    ]);
  });

  test("an existing cluster is looked up by id and reached at its security group; its login comes from SSM", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    const warehouse = RedshiftCluster.fromClusterId(stack, "Existing", {
      clusterIdentifier: "analytics",
      credentials: { username: "dms_loader", passwordParameterName: "/orders/redshift/dms-password" },
      peer: Peer.securityGroup("sg-0123456789abcdef0", "analytics"),
    });
    new RedshiftTargetEndpoint(stack, "Load", endpointProps(stack, { warehouse })).allowConnectionsFrom(instance);
    const json = synth(stack);
    expect(only(json, "aws_redshift_cluster", "data").cluster_identifier).toBe("analytics");
    expect(blocks(json, "aws_redshift_cluster_iam_roles")).toEqual([]);
    expect(blocks(json, "aws_vpc_security_group_egress_rule")).toContainEqual(expect.objectContaining({ referenced_security_group_id: "sg-0123456789abcdef0" }));
    const endpoint = blocks(json, "aws_dms_endpoint").find((block) => block.engine_name === "redshift");
    expect(endpoint?.database_name).toMatch(/data\.aws_redshift_cluster\..*\.database_name/);
  });

  test("a serverless workgroup is looked up by name, with the database given", () => {
    const stack = newStack();
    const warehouse = RedshiftCluster.fromWorkgroupName(stack, "Existing", {
      workgroupName: "analytics",
      databaseName: "dev",
      credentials: { usernameParameterName: "/orders/redshift/dms-username", passwordParameterName: "/orders/redshift/dms-password" },
      peer: Peer.ipv4("10.20.0.0/24"),
    });
    new RedshiftTargetEndpoint(stack, "Load", endpointProps(stack, { warehouse }));
    const json = synth(stack);
    expect(only(json, "aws_redshiftserverless_workgroup", "data").workgroup_name).toBe("analytics");
    expect(only(json, "aws_dms_endpoint").database_name).toBe("dev");
  });

  test.each<[string, Partial<RedshiftTargetEndpointProps>, RegExp]>([
    ["a bad endpoint id", { endpointId: "target--x" }, /endpointId/],
    ["a folder with a leading slash", { bucketFolder: "/dms" }, /bucketFolder.*relative folder/],
    ["a folder climbing up", { bucketFolder: "dms/../x" }, /bucketFolder/],
  ])("refuses %s", (_what, overrides, message) => {
    const stack = newStack();
    expect(() => new RedshiftTargetEndpoint(stack, "Load", endpointProps(stack, overrides))).toThrow(message);
  });
});

describe("RedshiftCluster", () => {
  test("private, encrypted with the environment's key, enhanced VPC routing, TLS required, audit logs, password write-only from SSM", () => {
    const stack = newStack();
    new RedshiftCluster(stack, "Warehouse", clusterProps());
    const json = synth(stack);
    const cluster = only(json, "aws_redshift_cluster");
    expect(cluster).toMatchObject({
      cluster_identifier: "orders-warehouse",
      node_type: "ra3.large",
      cluster_type: "single-node",
      number_of_nodes: 1,
      database_name: "warehouse",
      master_username: "dms_admin",
      encrypted: true,
      kms_key_id: KEY,
      publicly_accessible: false,
      enhanced_vpc_routing: true,
      skip_final_snapshot: true,
      master_password_wo_version: 1,
    });
    expect(cluster.master_password).toBeUndefined();
    expect(cluster.master_password_wo).toMatch(/^\$\{ephemeral\.aws_ssm_parameter\./);
    expect(only(json, "aws_redshift_parameter_group").parameter).toEqual([
      { name: "require_ssl", value: "true" },
      { name: "enable_user_activity_logging", value: "true" },
    ]);
    expect(only(json, "aws_redshift_logging")).toMatchObject({ log_destination_type: "cloudwatch", log_exports: ["connectionlog", "userlog", "useractivitylog"] });
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("several nodes make a multi-node cluster; production keeps a final snapshot", () => {
    const stack = newStack();
    new RedshiftCluster(stack, "Warehouse", clusterProps({ environment: "production", numberOfNodes: 2, nodeType: "ra3.xlplus", databaseName: "orders", masterUsername: "loader" }));
    const cluster = only(synth(stack), "aws_redshift_cluster");
    expect(cluster).toMatchObject({ cluster_type: "multi-node", number_of_nodes: 2, node_type: "ra3.xlplus", database_name: "orders", master_username: "loader", skip_final_snapshot: false, final_snapshot_identifier: "orders-warehouse-final" });
  });

  test.each<[string, Partial<RedshiftClusterProps>, RegExp]>([
    ["an upper-case identifier", { clusterIdentifier: "Orders" }, /clusterIdentifier/],
    ["an identifier ending in a hyphen", { clusterIdentifier: "orders-" }, /clusterIdentifier/],
    ["a DC2 node type", { nodeType: "dc2.large" }, /nodeType.*RA3/],
    ["no nodes", { numberOfNodes: 0 }, /numberOfNodes/],
    ["a database name with a hyphen", { databaseName: "my-db" }, /databaseName/],
    ["a reserved user name", { masterUsername: "admin" }, /masterUsername.*reserved/],
  ])("refuses %s", (_what, overrides, message) => {
    expect(() => new RedshiftCluster(newStack(), "Warehouse", clusterProps(overrides))).toThrow(message);
  });
});

describe("the redshift entry of an environment file", () => {
  const created = { engine: "redshift", endpointId: "target-orders-warehouse", warehouse: { name: "orders-warehouse" } };
  const existingCluster = {
    engine: "redshift",
    endpointId: "target-orders-warehouse",
    warehouse: { existingClusterId: "analytics", username: "dms_loader", passwordParameter: "/orders/redshift/dms-password", securityGroupId: "sg-0123456789abcdef0" },
  };

  test("is a target engine of the registry", () => {
    expect(targetEngineOf(targetSchema.parse(created))).toBe(redshiftTarget);
    expect(targetEngineOf(targetSchema.parse(existingCluster))).toBe(redshiftTarget);
  });

  test.each<[string, object, string]>([
    ["nothing to create or use", {}, "name"],
    ["both a cluster and a workgroup", { ...existingCluster.warehouse, existingWorkgroupName: "w" }, "existingWorkgroupName"],
    ["created-cluster keys on an existing one", { ...existingCluster.warehouse, nodeType: "ra3.large" }, "nodeType"],
    ["a login on a created cluster", { name: "orders-warehouse", username: "x" }, "username"],
    ["an existing cluster without a password", { ...existingCluster.warehouse, passwordParameter: undefined }, "passwordParameter"],
    ["an existing cluster without a peer", { ...existingCluster.warehouse, securityGroupId: undefined }, "securityGroupId"],
    ["a workgroup without its database", { existingWorkgroupName: "w", username: "u", passwordParameter: "/p", cidr: "10.0.0.0/24" }, "databaseName"],
  ])("its schema refuses %s", (_what, warehouse, path) => {
    const result = redshiftTargetSchema.safeParse({ ...existingCluster, warehouse });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(`warehouse.${path}`);
  });

  test("its problems are the endpoint's and the cluster's rules, at the file's fields", () => {
    const problems = redshiftTarget.problems(redshiftTargetSchema.parse({ ...created, folder: "/x", warehouse: { name: "Bad", numberOfNodes: 0 } }));
    expect(problems.map((problem) => problem.path)).toEqual(["folder", "warehouse.name", "warehouse.numberOfNodes"]);
    expect(redshiftTarget.problems(redshiftTargetSchema.parse(existingCluster))).toEqual([]);
  });
});

describe("a redshift target built by the stack from an environment file", () => {
  function stackJson(edit: (file: Record<string, any>) => void): Record<string, any> {
    const file = environmentFile("mysql-warehouse");
    edit(file);
    const check = checkEnvironment(JSON.stringify(file), "mysql-warehouse");
    expect(check.problems).toEqual([]);
    return JSON.parse(Testing.synth(new MigrationStack(Testing.app(), "mysql-warehouse", { config: check.config! })));
  }

  test("a created warehouse: the cluster, its staging bucket and the endpoint", () => {
    const json = stackJson(() => undefined);
    expect(Object.keys(json.resource.aws_redshift_cluster)).toHaveLength(1);
    expect(Object.values<any>(json.resource.aws_dms_endpoint).find((endpoint) => endpoint.engine_name === "redshift").redshift_settings.bucket_folder).toBe("dms/orders");
  });

  test("an existing workgroup: looked up, reached in its network, no cluster created", () => {
    const json = stackJson((file) => {
      file.targets.warehouse.warehouse = { existingWorkgroupName: "analytics", databaseName: "dev", username: "dms_loader", passwordParameter: "/orders/redshift/dms-password", cidr: "10.60.0.0/24" };
    });
    expect(json.resource.aws_redshift_cluster).toBeUndefined();
    expect(Object.values<any>(json.data.aws_redshiftserverless_workgroup)[0].workgroup_name).toBe("analytics");
    expect(Object.values<any>(json.resource.aws_vpc_security_group_egress_rule)).toContainEqual(expect.objectContaining({ cidr_ipv4: "10.60.0.0/24" }));
  });
});
