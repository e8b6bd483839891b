import { DatabaseMigrationServiceClient, DescribeEndpointsCommand, DescribeEventSubscriptionsCommand, DescribeReplicationInstancesCommand, DescribeReplicationTasksCommand, Endpoint, EventSubscription, ReplicationInstance, ReplicationTask } from "@aws-sdk/client-database-migration-service";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, DescribeLogGroupsCommand, LogGroup } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeKeyCommand, KMSClient, KeyMetadata, ListAliasesCommand } from "@aws-sdk/client-kms";
import { GetScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { DescribeSecurityGroupsCommand, EC2Client, SecurityGroup } from "@aws-sdk/client-ec2";
import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from "@aws-sdk/client-iam";
import { DBCluster, DBInstance, DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { DescribeParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { EnvironmentConfig } from "../../modules/config/schema/environment";
import { StackNames, stackNames } from "./stack-names";

/** Where the SDK clients send their calls: AWS (default credentials) or the local emulator. */
export interface DiscoveryClients {
  readonly rds: RDSClient;
  readonly ec2: EC2Client;
  readonly ssm: SSMClient;
  readonly iam: IAMClient;
  readonly dms: DatabaseMigrationServiceClient;
  readonly sns: SNSClient;
  readonly kms: KMSClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly scheduler: SchedulerClient;
}

/** The alarm topic found by name, with the attributes that decide whether it can be adopted. */
export interface FoundTopic {
  readonly arn: string;
  readonly fifo: boolean;
  readonly kmsKeyId?: string;
}

/** An SSM parameter found by name: only its name and type are read, never its value. */
export interface FoundParameter {
  readonly name: string;
  readonly type: string;
}

/** Everything found in the account for one environment file. Only read-only calls (Describe/Get/List) are made. */
export interface Discovered {
  readonly database?: DBInstance;
  /** An Aurora cluster, when the file's engine is aurora-postgresql, with its instances' identifiers, writer first. */
  readonly cluster?: DBCluster;
  readonly clusterInstances: readonly string[];
  readonly databaseSecurityGroup?: SecurityGroup;
  /** The database's other security groups, which this stack would take off it. */
  readonly otherDatabaseSecurityGroups: readonly string[];
  readonly parameters: Partial<Record<"username" | "hostname" | "port" | "database" | "password", FoundParameter>>;
  /** Account roles found, with whether their AWS managed policy is attached. */
  readonly roles: Readonly<Record<string, boolean>>;
  readonly replicationInstance?: ReplicationInstance;
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  readonly tasks: Readonly<Record<string, ReplicationTask>>;
  readonly alarmTopic?: FoundTopic;
  /** Keys by the alias this stack gives them (customer-managed keys only). */
  readonly keys: Readonly<Record<string, KeyMetadata>>;
  readonly logGroups: Readonly<Record<string, LogGroup>>;
  readonly alarms: readonly string[];
  /** Schedules by name, with their group. */
  readonly schedules: Readonly<Record<string, string>>;
  readonly eventSubscriptions: Readonly<Record<string, EventSubscription>>;
  /** The sources this stack's subscriptions cover, by name. */
  readonly eventSubscriptionSources: Readonly<Record<string, readonly string[]>>;
  /** What was looked for and not found, as "<kind> <name>". */
  readonly missing: readonly string[];
}

export const ACCOUNT_ROLES: Readonly<Record<string, string>> = {
  "dms-vpc-role": "AmazonDMSVPCManagementRole",
  "dms-cloudwatch-logs-role": "AmazonDMSCloudWatchLogsRole",
};

/** The names this stack gives an environment's objects, which are the Hackney modules' names (README, hackney conventions). */
export function expectedNames(config: EnvironmentConfig) {
  const prefix = config.database.parameterPrefix ?? `/${config.projectName}/${config.environment}`;
  const sources = Object.values(config.sources ?? {}).map((s) => (s as { endpointId?: string }).endpointId).filter((id): id is string => !!id);
  const targets = Object.values(config.targets ?? {}).map((t) => (t as { endpointId?: string }).endpointId).filter((id): id is string => !!id);
  return {
    database: `${config.database.identifier}-db-${config.environment}`,
    databaseSubnetGroup: `${config.database.name}-db-subnet-${config.environment}`.toLowerCase(),
    databaseSecurityGroupPrefix: `allow_${config.database.name}_db_traffic`,
    parameters: {
      username: `${prefix}/postgres-username`,
      hostname: `${prefix}/postgres-hostname`,
      port: `${prefix}/postgres-port`,
      database: `${prefix}/postgres-database`,
      password: config.database.password.existingParameterName ?? `${prefix}/postgres-password`,
    },
    replicationInstance: config.dms?.replicationInstance?.replicationInstanceId,
    endpoints: [...(config.dms?.targetEndpoint ? [config.dms.targetEndpoint.endpointId] : []), ...sources, ...targets],
    tasks: (config.tasks ?? []).filter((t) => !t.serverless).map((t) => t.replicationTaskId),
  };
}

const notFound = (error: unknown): boolean => /NotFound|NoSuchEntity|ResourceNotFound|DBClusterNotFound/i.test((error as Error).name ?? "");

/** Finds the environment's objects by the names this stack would give them. */
export async function discover(config: EnvironmentConfig, clients: DiscoveryClients): Promise<Discovered> {
  const names = expectedNames(config);
  const missing: string[] = [];

  const aurora = config.database.engine === "aurora-postgresql";
  const database = aurora
    ? undefined
    : await clients.rds
        .send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: names.database }))
        .then((r) => r.DBInstances?.[0])
        .catch((error) => (notFound(error) ? undefined : Promise.reject(error)));
  const cluster = aurora
    ? await clients.rds
        .send(new DescribeDBClustersCommand({ DBClusterIdentifier: names.database }))
        .then((r) => r.DBClusters?.[0])
        .catch((error) => (notFound(error) ? undefined : Promise.reject(error)))
    : undefined;
  const clusterInstances = [...(cluster?.DBClusterMembers ?? [])]
    .sort((a, b) => Number(b.IsClusterWriter === true) - Number(a.IsClusterWriter === true))
    .map((m) => m.DBInstanceIdentifier as string);
  if (!database && !cluster) missing.push(`${aurora ? "Aurora cluster" : "database"} ${names.database}`);

  let databaseSecurityGroup: SecurityGroup | undefined;
  let otherDatabaseSecurityGroups: string[] = [];
  const groupIds = (database?.VpcSecurityGroups ?? cluster?.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId).filter((id): id is string => !!id);
  if (groupIds.length > 0) {
    const groups = (await clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }))).SecurityGroups ?? [];
    databaseSecurityGroup = groups.find((g) => g.GroupName?.startsWith(names.databaseSecurityGroupPrefix));
    otherDatabaseSecurityGroups = groups.filter((g) => g !== databaseSecurityGroup).map((g) => g.GroupId as string);
  }
  if (!databaseSecurityGroup) missing.push(`database security group ${names.databaseSecurityGroupPrefix}*`);

  const parameters: Discovered["parameters"] = {};
  for (const [key, name] of Object.entries(names.parameters) as [keyof typeof names.parameters, string][]) {
    const found = (await clients.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: "Name", Option: "Equals", Values: [name] }] }))).Parameters?.[0];
    if (found) parameters[key] = { name, type: found.Type as string };
    else missing.push(`SSM parameter ${name}`);
  }

  const roles: Record<string, boolean> = {};
  for (const [role, policy] of Object.entries(ACCOUNT_ROLES)) {
    const exists = await clients.iam.send(new GetRoleCommand({ RoleName: role })).then(() => true).catch((error) => (notFound(error) ? false : Promise.reject(error)));
    if (!exists) {
      missing.push(`IAM role ${role}`);
      continue;
    }
    const attached = (await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies ?? [];
    roles[role] = attached.some((p) => p.PolicyArn?.endsWith(`:policy/service-role/${policy}`));
  }

  let replicationInstance: ReplicationInstance | undefined;
  if (names.replicationInstance) {
    replicationInstance = await clients.dms
      .send(new DescribeReplicationInstancesCommand({ Filters: [{ Name: "replication-instance-id", Values: [names.replicationInstance] }] }))
      .then((r) => r.ReplicationInstances?.[0])
      .catch((error) => (notFound(error) ? undefined : Promise.reject(error)));
    if (!replicationInstance) missing.push(`replication instance ${names.replicationInstance}`);
  }

  const endpoints: Record<string, Endpoint> = {};
  for (const id of names.endpoints) {
    const found = await clients.dms
      .send(new DescribeEndpointsCommand({ Filters: [{ Name: "endpoint-id", Values: [id] }] }))
      .then((r) => r.Endpoints?.[0])
      .catch((error) => (notFound(error) ? undefined : Promise.reject(error)));
    if (found) endpoints[id] = found;
    else missing.push(`endpoint ${id}`);
  }

  const tasks: Record<string, ReplicationTask> = {};
  for (const id of names.tasks) {
    const found = await clients.dms
      .send(new DescribeReplicationTasksCommand({ Filters: [{ Name: "replication-task-id", Values: [id] }], WithoutSettings: false }))
      .then((r) => r.ReplicationTasks?.[0])
      .catch((error) => (notFound(error) ? undefined : Promise.reject(error)));
    if (found) tasks[id] = found;
    else missing.push(`replication task ${id}`);
  }

  const derived = await discoverDerived(stackNames(config), clients, missing);
  return { database, cluster, clusterInstances, databaseSecurityGroup, otherDatabaseSecurityGroups, parameters, roles, replicationInstance, endpoints, tasks, ...derived, missing };
}

/** Finds the alarm topic, keys, log groups, alarms, schedules and event subscriptions by the names the stack gives them. */
async function discoverDerived(names: StackNames, clients: DiscoveryClients, missing: string[]) {
  let alarmTopic: FoundTopic | undefined;
  if (names.alarmTopic) {
    const arn = await findTopicArn(clients.sns, names.alarmTopic);
    if (arn) {
      const attributes = (await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
      alarmTopic = { arn, fifo: attributes.FifoTopic === "true", ...(attributes.KmsMasterKeyId ? { kmsKeyId: attributes.KmsMasterKeyId } : {}) };
    } else missing.push(`SNS topic ${names.alarmTopic}`);
  }

  const keys: Record<string, KeyMetadata> = {};
  if (names.keyAliases.length > 0) {
    const aliases = [];
    let marker: string | undefined;
    do {
      const page = await clients.kms.send(new ListAliasesCommand({ Marker: marker }));
      aliases.push(...(page.Aliases ?? []));
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    for (const alias of names.keyAliases) {
      const target = aliases.find((a) => a.AliasName === alias)?.TargetKeyId;
      const key = target ? (await clients.kms.send(new DescribeKeyCommand({ KeyId: target }))).KeyMetadata : undefined;
      if (key && key.KeyManager !== "AWS") keys[alias] = key;
      else missing.push(`KMS key ${alias}`);
    }
  }

  const logGroups: Record<string, LogGroup> = {};
  for (const name of names.logGroups) {
    const groups = (await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups ?? [];
    const group = groups.find((g) => g.logGroupName === name);
    if (group) logGroups[name] = group;
    else missing.push(`log group ${name}`);
  }

  const alarms: string[] = [];
  for (let i = 0; i < names.alarms.length; i += 100) {
    const found = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names.alarms.slice(i, i + 100), AlarmTypes: ["MetricAlarm"] }));
    alarms.push(...(found.MetricAlarms ?? []).map((a) => a.AlarmName as string));
  }
  const absentAlarms = names.alarms.filter((name) => !alarms.includes(name));
  if (absentAlarms.length > 0) missing.push(`CloudWatch alarms: ${absentAlarms.length} of ${names.alarms.length} (${absentAlarms.join(", ")})`);

  const schedules: Record<string, string> = {};
  for (const name of names.schedules) {
    const found = await clients.scheduler
      .send(new GetScheduleCommand({ Name: name, GroupName: "default" }))
      .catch((error) => (notFound(error) ? undefined : Promise.reject(error)));
    if (found) schedules[name] = found.GroupName ?? "default";
    else missing.push(`schedule ${name}`);
  }

  const eventSubscriptions: Record<string, EventSubscription> = {};
  for (const name of Object.keys(names.eventSubscriptions)) {
    const found = await clients.dms
      .send(new DescribeEventSubscriptionsCommand({ SubscriptionName: name }))
      .then((r) => r.EventSubscriptionsList?.[0])
      .catch((error) => (notFound(error) ? undefined : Promise.reject(error)));
    if (found) eventSubscriptions[name] = found;
    else missing.push(`DMS event subscription ${name}`);
  }
  return { alarmTopic, keys, logGroups, alarms, schedules, eventSubscriptions, eventSubscriptionSources: names.eventSubscriptions };
}

async function findTopicArn(sns: SNSClient, name: string): Promise<string | undefined> {
  let next: string | undefined;
  do {
    const page = await sns.send(new ListTopicsCommand({ NextToken: next }));
    const arn = (page.Topics ?? []).map((t) => t.TopicArn).find((a) => a?.endsWith(`:${name}`));
    if (arn) return arn;
    next = page.NextToken;
  } while (next);
  return undefined;
}
