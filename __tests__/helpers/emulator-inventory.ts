import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeEndpointsCommand,
  DescribeEventSubscriptionsCommand,
  DescribeReplicationConfigsCommand,
  DescribeReplicationInstancesCommand,
  DescribeReplicationSubnetGroupsCommand,
  DescribeReplicationTasksCommand,
} from "@aws-sdk/client-database-migration-service";
import { DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { DescribeKeyCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import {
  DescribeDBClusterParameterGroupsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBParameterGroupsCommand,
  DescribeDBSubnetGroupsCommand,
} from "@aws-sdk/client-rds";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { ListSchedulesCommand } from "@aws-sdk/client-scheduler";
import { ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { DescribeParametersCommand } from "@aws-sdk/client-ssm";
import { EmulatorSession } from "./emulator";

type Names = (session: EmulatorSession) => Promise<readonly (string | undefined)[]>;

/**
 * What the stack can create, by Terraform resource type, and how to list what exists in the emulator,
 * leaving out AWS's own objects (default groups, service-linked roles, AWS-managed keys).
 */
const FAMILIES: readonly { readonly types: readonly string[]; readonly list: Names }[] = [
  { types: ["aws_dms_replication_instance"], list: async ({ clients }) => ((await clients.dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances ?? []).map((i) => i.ReplicationInstanceIdentifier) },
  { types: ["aws_dms_endpoint", "aws_dms_s3_endpoint"], list: async ({ clients }) => ((await clients.dms.send(new DescribeEndpointsCommand({}))).Endpoints ?? []).map((e) => e.EndpointIdentifier) },
  { types: ["aws_dms_replication_task"], list: async ({ clients }) => ((await clients.dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks ?? []).map((t) => t.ReplicationTaskIdentifier) },
  { types: ["aws_dms_replication_config"], list: async ({ clients }) => ((await clients.dms.send(new DescribeReplicationConfigsCommand({}))).ReplicationConfigs ?? []).map((c) => c.ReplicationConfigIdentifier) },
  { types: ["aws_dms_replication_subnet_group"], list: async ({ clients }) => ((await clients.dms.send(new DescribeReplicationSubnetGroupsCommand({}))).ReplicationSubnetGroups ?? []).map((g) => g.ReplicationSubnetGroupIdentifier) },
  { types: ["aws_dms_event_subscription"], list: async ({ clients }) => ((await clients.dms.send(new DescribeEventSubscriptionsCommand({}))).EventSubscriptionsList ?? []).map((s) => s.CustSubscriptionId) },
  { types: ["aws_db_instance", "aws_rds_cluster_instance"], list: async ({ clients }) => ((await clients.rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? []).map((i) => i.DBInstanceIdentifier) },
  { types: ["aws_rds_cluster"], list: async ({ clients }) => ((await clients.rds.send(new DescribeDBClustersCommand({}))).DBClusters ?? []).map((c) => c.DBClusterIdentifier) },
  { types: ["aws_db_subnet_group"], list: async ({ clients }) => ((await clients.rds.send(new DescribeDBSubnetGroupsCommand({}))).DBSubnetGroups ?? []).map((g) => g.DBSubnetGroupName) },
  {
    types: ["aws_db_parameter_group"],
    list: async ({ clients }) => ((await clients.rds.send(new DescribeDBParameterGroupsCommand({}))).DBParameterGroups ?? []).map((g) => g.DBParameterGroupName).filter((name) => !name?.startsWith("default.")),
  },
  {
    types: ["aws_rds_cluster_parameter_group"],
    list: async ({ clients }) => ((await clients.rds.send(new DescribeDBClusterParameterGroupsCommand({}))).DBClusterParameterGroups ?? []).map((g) => g.DBClusterParameterGroupName).filter((name) => !name?.startsWith("default.")),
  },
  {
    types: ["aws_security_group"],
    list: async ({ clients, vpcId }) =>
      ((await clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }))).SecurityGroups ?? []).map((g) => g.GroupName).filter((name) => name !== "default"),
  },
  { types: ["aws_secretsmanager_secret"], list: async ({ clients }) => ((await clients.secrets.send(new ListSecretsCommand({}))).SecretList ?? []).map((s) => s.Name) },
  { types: ["aws_ssm_parameter"], list: async ({ clients }) => ((await clients.ssm.send(new DescribeParametersCommand({ MaxResults: 50 }))).Parameters ?? []).map((p) => p.Name) },
  { types: ["aws_iam_role"], list: async ({ clients }) => ((await clients.iam.send(new ListRolesCommand({}))).Roles ?? []).filter((r) => !r.Path?.startsWith("/aws-service-role/")).map((r) => r.RoleName) },
  { types: ["aws_cloudwatch_log_group"], list: async ({ clients }) => ((await clients.logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((g) => g.logGroupName) },
  { types: ["aws_cloudwatch_metric_alarm"], list: async ({ clients }) => ((await clients.cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 100 }))).MetricAlarms ?? []).map((a) => a.AlarmName) },
  { types: ["aws_sns_topic"], list: async ({ clients }) => ((await clients.sns.send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn) },
  { types: ["aws_scheduler_schedule"], list: async ({ clients }) => ((await clients.scheduler.send(new ListSchedulesCommand({}))).Schedules ?? []).map((s) => s.Name) },
  {
    types: ["aws_s3_bucket"],
    list: async ({ clients, stateBucket }) => ((await clients.s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name).filter((name) => name !== stateBucket),
  },
  {
    // Keys are never deleted at once: destroy schedules their deletion, which leaves them out of this list.
    types: ["aws_kms_key"],
    list: async ({ clients }) => {
      const ids = ((await clients.kms.send(new ListKeysCommand({}))).Keys ?? []).map((k) => k.KeyId as string);
      const keys = await Promise.all(ids.map(async (KeyId) => (await clients.kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata));
      return keys.filter((k) => k?.KeyManager === "CUSTOMER" && k.KeyState !== "PendingDeletion").map((k) => k?.KeyId);
    },
  },
];

/** The objects of every family the stack can create that exist in the emulator and were not seeded, by family. */
export async function inventory(session: EmulatorSession): Promise<Record<string, string[]>> {
  const entries = await Promise.all(
    FAMILIES.map(async (family) => [family.types.join("+"), (await family.list(session)).map(String).filter((name) => !session.seeded.has(name)).sort()] as const),
  );
  return Object.fromEntries(entries);
}

/** For each family, how many objects the Terraform state holds. */
export function stateCounts(resources: readonly string[]): Record<string, number> {
  return Object.fromEntries(FAMILIES.map((family) => [family.types.join("+"), resources.filter((address) => family.types.includes(address.split(".")[0])).length]));
}

/** For each family, how many objects exist in the emulator. */
export function inventoryCounts(found: Record<string, string[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(found).map(([family, names]) => [family, names.length]));
}
