import { DescribedEndpointSettings, endpointSettings } from "../../modules/dms/engine-settings";
import { DescribeEndpointsCommand, DescribeReplicationInstancesCommand, DescribeReplicationTasksCommand, Endpoint } from "@aws-sdk/client-database-migration-service";
import { DescribeSecurityGroupRulesCommand, SecurityGroupRule } from "@aws-sdk/client-ec2";
import { GetRolePolicyCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { GetBucketEncryptionCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand } from "@aws-sdk/client-s3";
import { DescribeDBClustersCommand, DescribeDBInstancesCommand } from "@aws-sdk/client-rds";
import { DescribeSecretCommand } from "@aws-sdk/client-secrets-manager";
import { DescribeParametersCommand } from "@aws-sdk/client-ssm";
import { join } from "path";
import { EmulatorSession } from "./emulator";
import { inventory, inventoryCounts, stateCounts } from "./emulator-inventory";
import { filesContaining } from "./secret-scan";

/**
 * Checks every emulator test makes of a deployed environment, against what AWS reports rather than what
 * the synthesized JSON says.
 */

/** No secret value (seeded sentinels, the generated database password) in state, output, logs or cdktf.out. */
export async function expectNoSecretsAnywhere(session: EmulatorSession): Promise<void> {
  const secrets = await session.secretValues();
  expect(secrets.length).toBeGreaterThan(0);
  const places: Record<string, string> = {
    "Terraform state": session.deployment.state(),
    "Terraform output (init, plan, apply, outputs)": session.deployment.log(),
    "emulator log": session.emulatorLog(),
  };
  for (const [place, text] of Object.entries(places)) {
    expect({ place, leaked: secrets.filter((secret) => text.includes(secret)) }).toEqual({ place, leaked: [] });
  }
  expect(filesContaining(join(session.deployment.stackDir, "..", ".."), secrets)).toEqual([]);
}

/** Each object the stack creates exists exactly once in the emulator, as many as Terraform's state holds. */
export async function expectEmulatorMatchesState(session: EmulatorSession): Promise<void> {
  const found = await inventory(session);
  expect(inventoryCounts(found)).toEqual(stateCounts(session.deployment.resources()));
}

/** After destroy: state is empty and nothing the stack created is left in the emulator. */
export async function expectNothingLeft(session: EmulatorSession): Promise<void> {
  expect(session.deployment.resources()).toEqual([]);
  const left = Object.entries(await inventory(session)).filter(([, names]) => names.length > 0);
  expect(Object.fromEntries(left)).toEqual({});
}

/** A second plan finds nothing to change: the emulator describes back exactly what was applied. */
export function expectNoChanges(session: EmulatorSession): void {
  const plan = session.deployment.plan();
  expect({ status: plan.status, changes: plan.output.split("\n").filter((line) => /^\s+[~+-/] |must be replaced|Error/.test(line)) }).toEqual({ status: 0, changes: [] });
}

async function rulesOf(session: EmulatorSession, groupId: string): Promise<SecurityGroupRule[]> {
  const result = await session.clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [groupId] }] }));
  return result.SecurityGroupRules ?? [];
}

/**
 * The replication instance is private, in the stack's subnet group (in the VPC) and security group; the
 * database admits the instance on its port only, and the stack opens nothing to the internet.
 */
export async function expectPrivateNetworking(session: EmulatorSession): Promise<void> {
  const outputs = session.deployment.outputs();
  const databaseGroup = outputs.database_security_group_id as string;
  const port = Number(outputs.database_port);
  const groups = [databaseGroup];
  if (outputs.dms_instance_sg) {
    const dmsGroup = outputs.dms_instance_sg as string;
    groups.push(dmsGroup);
    const [instance] = (await session.clients.dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances ?? [];
    expect(instance.PubliclyAccessible).toBe(false);
    expect(instance.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId)).toEqual([dmsGroup]);
    expect(instance.ReplicationSubnetGroup?.VpcId).toBe(session.vpcId);
    // The stack's own subnet group, unless the instance is shared and came with its owner's.
    for (const group of Object.values(session.stackJson().resource.aws_dms_replication_subnet_group ?? {})) {
      expect(instance.ReplicationSubnetGroup?.ReplicationSubnetGroupIdentifier).toBe(group.replication_subnet_group_id);
    }
    const fromDms = (await rulesOf(session, databaseGroup)).filter((rule) => !rule.IsEgress && rule.ReferencedGroupInfo?.GroupId === dmsGroup);
    expect(fromDms.map(({ IpProtocol, FromPort, ToPort }) => ({ IpProtocol, FromPort, ToPort }))).toEqual([{ IpProtocol: "tcp", FromPort: port, ToPort: port }]);
  }
  for (const group of groups) {
    // A shared instance's group may come with its owner's rules; only the stack's own rules are judged.
    const added = (await rulesOf(session, group)).filter((rule) => !session.seeded.has(rule.SecurityGroupRuleId!));
    const open = added.filter((rule) => rule.CidrIpv4 === "0.0.0.0/0" || rule.CidrIpv6 === "::/0");
    expect({ group, open }).toEqual({ group, open: [] });
  }
}

function secretSettings(endpoint: Endpoint): DescribedEndpointSettings | undefined {
  return endpointSettings(endpoint);
}

/** Database endpoints take their credentials from Secrets Manager through a role; none holds a password. */
export async function expectEndpointsUseSecretsManager(session: EmulatorSession): Promise<void> {
  const endpoints = (await session.clients.dms.send(new DescribeEndpointsCommand({}))).Endpoints ?? [];
  expect(endpoints.length).toBeGreaterThan(0);
  for (const endpoint of endpoints) {
    if (endpoint.EngineName === "s3") {
      expect(endpoint.S3Settings?.ServiceAccessRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
      continue;
    }
    // A search domain takes no login: DMS signs its requests with the endpoint's service access role.
    if (endpoint.EngineName === "opensearch" || endpoint.EngineName === "elasticsearch") {
      expect(endpoint.ElasticsearchSettings?.ServiceAccessRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
      continue;
    }
    const settings = secretSettings(endpoint);
    // The API never returns a password; an endpoint given a user name directly would report it.
    expect({ endpoint: endpoint.EndpointIdentifier, username: endpoint.Username }).toEqual({ endpoint: endpoint.EndpointIdentifier, username: undefined });
    expect(settings?.SecretsManagerAccessRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
    const secret = await session.clients.secrets.send(new DescribeSecretCommand({ SecretId: settings?.SecretsManagerSecretId }));
    expect(secret.ARN).toBe(settings?.SecretsManagerSecretId);
  }
}

/** Every task runs the migration type and table mappings the stack synthesized, on the stack's instance. */
export async function expectTasksAsSynthesized(session: EmulatorSession): Promise<void> {
  const synthesized = Object.values(session.stackJson().resource.aws_dms_replication_task ?? {});
  const tasks = (await session.clients.dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks ?? [];
  expect(tasks.map((t) => t.ReplicationTaskIdentifier).sort()).toEqual(synthesized.map((t) => t.replication_task_id).sort());
  const instanceArn = session.deployment.outputs().dms_replication_instance_arn;
  for (const task of tasks) {
    const config = synthesized.find((t) => t.replication_task_id === task.ReplicationTaskIdentifier)!;
    expect(task.MigrationType).toBe(config.migration_type);
    expect(JSON.parse(task.TableMappings as string)).toEqual(JSON.parse(config.table_mappings as string));
    expect(task.ReplicationInstanceArn).toBe(instanceArn);
  }
}

/** Every database and Aurora cluster is encrypted at rest. */
export async function expectDatabasesEncrypted(session: EmulatorSession): Promise<void> {
  const instances = (await session.clients.rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [];
  const clusters = (await session.clients.rds.send(new DescribeDBClustersCommand({}))).DBClusters ?? [];
  const all = [...instances.map((i) => [i.DBInstanceIdentifier, i.StorageEncrypted]), ...clusters.map((c) => [c.DBClusterIdentifier, c.StorageEncrypted])];
  expect(all.length).toBeGreaterThan(0);
  expect(all.filter(([, encrypted]) => encrypted !== true)).toEqual([]);
}

/** Every password parameter, the generated one included, is a SecureString. */
export async function expectPasswordsAreSecureStrings(session: EmulatorSession): Promise<void> {
  const parameters = (await session.clients.ssm.send(new DescribeParametersCommand({ MaxResults: 50 }))).Parameters ?? [];
  const passwords = parameters.filter((p) => /password/i.test(p.Name ?? ""));
  expect(passwords.map((p) => p.Name)).toContain(session.deployment.outputs().database_password_parameter);
  expect(passwords.filter((p) => p.Type !== "SecureString").map((p) => p.Name)).toEqual([]);
}

/** Declares the tests every deployed environment must pass; `session()` is the deployed session. */
export function soundDeploymentTests(session: () => EmulatorSession): void {
  test("a second plan finds nothing to change", () => expectNoChanges(session()));
  test("each object exists once in the emulator, as many as the state holds", () => expectEmulatorMatchesState(session()));
  test("the replication instance is private; the database admits it on its port only; nothing is open to the internet", () => expectPrivateNetworking(session()));
  test("endpoints read their credentials from Secrets Manager through a role", () => expectEndpointsUseSecretsManager(session()));
  test("tasks run the synthesized migration type and table mappings", () => expectTasksAsSynthesized(session()));
  test("databases are encrypted at rest", () => expectDatabasesEncrypted(session()));
  test("password parameters are SecureStrings", () => expectPasswordsAreSecureStrings(session()));
  test("no password is in state, Terraform's output, the emulator's log or cdktf.out", () => expectNoSecretsAnywhere(session()));
}

/**
 * An S3 target as the environment file describes it: Parquet with the file's partitioning, SSE-KMS with the
 * bucket's key, into a bucket that is versioned, private and TLS-only, through a role that may write only
 * under the folder.
 */
export async function expectParquetTarget(session: EmulatorSession, target: string): Promise<void> {
  const config = session.config.targets![target];
  if (config.engine !== undefined && config.engine !== "s3") throw new Error(`target ${target} is not an S3 target`);
  const endpoints = (await session.clients.dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: "endpoint-id", Values: [config.endpointId] }] }))).Endpoints ?? [];
  const settings = endpoints[0]?.S3Settings ?? {};
  expect(settings).toMatchObject({
    DataFormat: "parquet",
    ParquetVersion: "parquet-2-0",
    BucketFolder: config.bucketFolder,
    TimestampColumnName: config.timestampColumnName,
    DatePartitionEnabled: config.datePartitionEnabled,
    DatePartitionSequence: (config.datePartitionSequence ?? "YYYYMMDD").toLowerCase(),
    EncryptionMode: "SSE_KMS",
  });
  const bucket = settings.BucketName!;
  const encryption = await session.clients.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  const rule = encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  expect(rule?.SSEAlgorithm).toBe("aws:kms");
  expect(settings.ServerSideEncryptionKmsKeyId).toBe(rule?.KMSMasterKeyID);
  expect((await session.clients.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe("Enabled");
  expect((await session.clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration).toEqual({
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  });
  const bucketPolicy = JSON.parse((await session.clients.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy!);
  expect(bucketPolicy.Statement).toContainEqual(expect.objectContaining({ Sid: "DenyInsecureTransport", Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }));

  const roleName = settings.ServiceAccessRoleArn!.split("/").pop()!;
  const [policyName] = (await session.clients.iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames!;
  const rolePolicy = JSON.parse(decodeURIComponent((await session.clients.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }))).PolicyDocument!));
  expect(rolePolicy.Statement).toContainEqual(expect.objectContaining({ Sid: "WriteObjects", Resource: `arn:aws:s3:::${bucket}/${config.bucketFolder}/*` }));
}
