import { sourceEngineOf } from "../../modules/dms/sources/registry";
import { CreateReplicationInstanceCommand, CreateReplicationSubnetGroupCommand, DatabaseMigrationServiceClient } from "@aws-sdk/client-database-migration-service";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DescribeSecurityGroupRulesCommand, EC2Client, Tag } from "@aws-sdk/client-ec2";
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { EnvironmentConfig } from "../../modules/config/schema/environment";
import { DmsAccountRoles } from "../../modules/dms/account-roles";
import { emulatorClientConfig } from "../../cli/local-emulator";

/** The tag the launcher reads to give a seeded VPC, subnet or security group the id an environment file names. */
const CUSTOM_ID = "_custom_id_";

export interface SeedOptions {
  readonly endpoint: string;
  /** Bucket for Terraform state. */
  readonly stateBucket: string;
  /** The value to store for each secret parameter the environment expects (tests pass sentinels). */
  readonly secretValue: (parameterName: string) => string;
}

/** What was seeded, for checks. */
export interface SeedResult {
  /** The secret parameters and the values stored in them. */
  readonly secrets: ReadonlyMap<string, string>;
  /** The names or ids of everything seeded (parameters, roles, security groups and their rules, a shared replication instance...). */
  readonly names: ReadonlySet<string>;
  readonly vpcId: string;
}

type Clients = ReturnType<typeof emulatorClientConfig>;

/**
 * Creates in the emulator what an environment expects to exist before its stack is applied: the state
 * bucket (and lock table), the VPC and its tagged private subnets, the security groups it names, the SSM
 * parameters holding its sources' credentials, the account's DMS roles and the shared replication instance
 * where the file says they exist.
 */
export async function seedEnvironment(config: EnvironmentConfig, options: SeedOptions): Promise<SeedResult> {
  const clients = emulatorClientConfig(options.endpoint, config.region);
  const names = new Set<string>();
  await seedStateStorage(config, clients, options.stateBucket);
  const { vpcId, subnetIds } = await seedNetwork(config, new EC2Client(clients), names);
  const secrets = await seedParameters(config, new SSMClient(clients), options.secretValue, names);
  if (config.dms?.accountRoles === "existing") await seedDmsAccountRoles(new IAMClient(clients), names);
  if (config.dms?.existingReplicationInstance) await seedReplicationInstance(config, new DatabaseMigrationServiceClient(clients), subnetIds, names);
  return { secrets, names, vpcId };
}

async function seedStateStorage(config: EnvironmentConfig, clients: Clients, bucket: string): Promise<void> {
  const s3 = new S3Client(clients);
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: config.region as never } })).catch(ignoreExisting);
  if (config.backend.dynamodbTable) {
    await new DynamoDBClient(clients)
      .send(
        new CreateTableCommand({
          TableName: config.backend.dynamodbTable,
          KeySchema: [{ AttributeName: "LockID", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" }],
          BillingMode: "PAY_PER_REQUEST",
        }),
      )
      .catch(ignoreExisting);
  }
}

async function seedNetwork(config: EnvironmentConfig, ec2: EC2Client, names: Set<string>): Promise<{ vpcId: string; subnetIds: string[] }> {
  const { network } = config;
  const tags = (resourceType: "vpc" | "subnet" | "security-group", values: Record<string, string>) => [
    { ResourceType: resourceType, Tags: Object.entries(values).map(([Key, Value]): Tag => ({ Key, Value })) },
  ];
  const vpcTags: Record<string, string> = network.vpcId ? { [CUSTOM_ID]: network.vpcId, Name: `${config.projectName}-${config.environment}` } : { Name: network.vpcName as string };
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.99.0.0/16", TagSpecifications: tags("vpc", vpcTags) }));
  const vpcId = vpc.Vpc!.VpcId!;
  const subnetIds: string[] = [];
  const zones = ["a", "b", "c"];
  for (const [index, subnetId] of (network.subnetIds ?? [undefined, undefined]).entries()) {
    const subnetTags: Record<string, string> = subnetId ? { [CUSTOM_ID]: subnetId, Type: "private" } : { ...(network.subnetTags ?? { Type: "private" }) };
    const subnet = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.99.${index + 1}.0/24`,
        AvailabilityZone: `${config.region}${zones[index % zones.length]}`,
        TagSpecifications: tags("subnet", subnetTags),
      }),
    );
    subnetIds.push(subnet.Subnet!.SubnetId!);
  }
  const groups = new Set<string>([
    ...config.database.allowedIngress.flatMap((rule) => (rule.securityGroupId ? [rule.securityGroupId] : [])),
    ...(config.dms?.secretsManagerAccess.securityGroupId ? [config.dms.secretsManagerAccess.securityGroupId] : []),
    ...(config.dms?.existingReplicationInstance ? [config.dms.existingReplicationInstance.securityGroupId] : []),
    // Groups of existing data stores that sources and targets name (a cache, a graph, a domain), at any depth.
    ...namedSecurityGroups([config.sources ?? {}, config.targets ?? {}]),
  ]);
  for (const groupId of groups) {
    const GroupName = `seeded-${groupId}`;
    await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName,
        Description: "Exists before the stack, as the environment file expects",
        VpcId: vpcId,
        TagSpecifications: tags("security-group", { [CUSTOM_ID]: groupId }),
      }),
    );
    names.add(GroupName);
    // Its rules too (AWS's default allow-all egress): they are the owner's, not the stack's.
    const rules = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [groupId] }] }));
    for (const rule of rules.SecurityGroupRules ?? []) names.add(rule.SecurityGroupRuleId!);
  }
  return { vpcId, subnetIds };
}

async function seedParameters(config: EnvironmentConfig, ssm: SSMClient, secretValue: (name: string) => string, names: Set<string>): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  const put = async (name: string, value: string, type: "String" | "SecureString") => {
    await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true }));
    names.add(name);
    if (type === "SecureString") secrets.set(name, value);
  };
  for (const source of Object.values(config.sources ?? {})) {
    const { usernameParameterName, passwordParameterNames } = sourceEngineOf(source).parameterNames(source);
    if (usernameParameterName) await put(usernameParameterName, "dms_reader", "String");
    for (const name of passwordParameterNames) await put(name, secretValue(name), "SecureString");
  }
  const existing = config.database.password.existingParameterName;
  if (existing) await put(existing, secretValue(existing), "SecureString");
  return secrets;
}

/** The account-wide roles DMS needs, as another stack (or the console) would have made them. */
async function seedDmsAccountRoles(iam: IAMClient, names: Set<string>): Promise<void> {
  const roles = [
    [DmsAccountRoles.VPC_ROLE_NAME, "AmazonDMSVPCManagementRole"],
    [DmsAccountRoles.CLOUDWATCH_LOGS_ROLE_NAME, "AmazonDMSCloudWatchLogsRole"],
  ];
  const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "dms.amazonaws.com" }, Action: "sts:AssumeRole" }] };
  for (const [RoleName, policy] of roles) {
    await iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: JSON.stringify(trust) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: `arn:aws:iam::aws:policy/service-role/${policy}` }));
    names.add(RoleName);
  }
}

/** The replication instance another stack owns, with the ARN and security group the file names. */
async function seedReplicationInstance(config: EnvironmentConfig, dms: DatabaseMigrationServiceClient, subnetIds: string[], names: Set<string>): Promise<void> {
  const existing = config.dms!.existingReplicationInstance!;
  const resourceId = existing.replicationInstanceArn.split(":").pop()!;
  const id = existing.replicationInstanceId ?? resourceId.toLowerCase();
  const subnetGroup = `${id}-subnets`;
  await dms.send(new CreateReplicationSubnetGroupCommand({ ReplicationSubnetGroupIdentifier: subnetGroup, ReplicationSubnetGroupDescription: "Shared, owned elsewhere", SubnetIds: subnetIds }));
  await dms.send(
    new CreateReplicationInstanceCommand({
      ReplicationInstanceIdentifier: id,
      // AWS ends the ARN with this friendly name when it is given, so the instance gets the ARN the file names.
      ResourceIdentifier: resourceId,
      ReplicationInstanceClass: "dms.t3.medium",
      EngineVersion: existing.engineVersion,
      ReplicationSubnetGroupIdentifier: subnetGroup,
      VpcSecurityGroupIds: [existing.securityGroupId],
      PubliclyAccessible: false,
    }),
  );
  names.add(subnetGroup).add(id);
}

function ignoreExisting(error: { name?: string }): void {
  if (!/AlreadyOwnedByYou|AlreadyExists|ResourceInUse/.test(error.name ?? "")) throw error;
}

/** Every `securityGroupId` value inside `value`, however deep. */
function namedSecurityGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(namedSecurityGroups);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === "securityGroupId" && typeof inner === "string" ? [inner] : namedSecurityGroups(inner)));
}
