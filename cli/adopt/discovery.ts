import { DatabaseMigrationServiceClient, DescribeEndpointsCommand, DescribeReplicationInstancesCommand, DescribeReplicationTasksCommand, Endpoint, ReplicationInstance, ReplicationTask } from "@aws-sdk/client-database-migration-service";
import { DescribeSecurityGroupsCommand, EC2Client, SecurityGroup } from "@aws-sdk/client-ec2";
import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from "@aws-sdk/client-iam";
import { DBInstance, DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { DescribeParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { EnvironmentConfig } from "../../modules/config/schema/environment";

/** Where the SDK clients send their calls: AWS (default credentials) or the local emulator. */
export interface DiscoveryClients {
  readonly rds: RDSClient;
  readonly ec2: EC2Client;
  readonly ssm: SSMClient;
  readonly iam: IAMClient;
  readonly dms: DatabaseMigrationServiceClient;
}

/** An SSM parameter found by name: only its name and type are read, never its value. */
export interface FoundParameter {
  readonly name: string;
  readonly type: string;
}

/** Everything found in the account for one environment file. Only read-only calls (Describe/Get/List) are made. */
export interface Discovered {
  readonly database?: DBInstance;
  readonly databaseSecurityGroup?: SecurityGroup;
  /** The database's other security groups, which this stack would take off it. */
  readonly otherDatabaseSecurityGroups: readonly string[];
  readonly parameters: Partial<Record<"username" | "hostname" | "port" | "database" | "password", FoundParameter>>;
  /** Account roles found, with whether their AWS managed policy is attached. */
  readonly roles: Readonly<Record<string, boolean>>;
  readonly replicationInstance?: ReplicationInstance;
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  readonly tasks: Readonly<Record<string, ReplicationTask>>;
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
    replicationInstance: config.dms?.replicationInstance?.id,
    endpoints: [...(config.dms?.targetEndpoint ? [config.dms.targetEndpoint.id] : []), ...sources, ...targets],
    tasks: (config.tasks ?? []).filter((t) => !t.serverless).map((t) => t.id),
  };
}

const notFound = (error: unknown): boolean => /NotFound|NoSuchEntity|ResourceNotFound/i.test((error as Error).name ?? "");

/** Finds the environment's objects by the names this stack would give them. */
export async function discover(config: EnvironmentConfig, clients: DiscoveryClients): Promise<Discovered> {
  const names = expectedNames(config);
  const missing: string[] = [];

  const database = await clients.rds
    .send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: names.database }))
    .then((r) => r.DBInstances?.[0])
    .catch((error) => (notFound(error) ? undefined : Promise.reject(error)));
  if (!database) missing.push(`database ${names.database}`);

  let databaseSecurityGroup: SecurityGroup | undefined;
  let otherDatabaseSecurityGroups: string[] = [];
  const groupIds = (database?.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId).filter((id): id is string => !!id);
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

  return { database, databaseSecurityGroup, otherDatabaseSecurityGroups, parameters, roles, replicationInstance, endpoints, tasks, missing };
}
