import { AdoptConfig } from "../../modules/adoption/schema";

/** The parts of a Terraform state file (version 4, from `terraform state pull`) this reads. */
interface StateFile {
  readonly resources?: readonly {
    readonly module?: string;
    readonly mode: string;
    readonly type: string;
    readonly name: string;
    readonly instances: readonly { readonly attributes?: Record<string, unknown> }[];
  }[];
}

/** The attribute that names an object in state, per resource type, as the adoption section names it. */
const NAMED_BY: Readonly<Record<string, string>> = {
  aws_db_instance: "identifier",
  aws_db_subnet_group: "name",
  aws_security_group: "id",
  aws_ssm_parameter: "name",
  aws_iam_role: "name",
  aws_iam_role_policy_attachment: "role",
  aws_dms_replication_instance: "replication_instance_id",
  aws_dms_replication_subnet_group: "replication_subnet_group_id",
  aws_dms_endpoint: "endpoint_id",
  aws_dms_replication_task: "replication_task_id",
  aws_rds_cluster: "cluster_identifier",
  aws_rds_cluster_instance: "identifier",
  aws_kms_key: "key_id",
  aws_kms_alias: "name",
  aws_sns_topic: "arn",
  aws_cloudwatch_log_group: "name",
  aws_cloudwatch_metric_alarm: "alarm_name",
  aws_scheduler_schedule: "name",
  aws_dms_event_subscription: "name",
};

/** How the old configuration lets go of the adopted objects without destroying them. */
export interface Release {
  /** Addresses to remove: a whole module call when an adopted object is inside it, else the resource. */
  readonly addresses: readonly string[];
  /** Resources those modules also hold that were not adopted: they stay in AWS, no longer managed by anyone. */
  readonly forgotten: readonly string[];
}

function adoptedNames(adopt: AdoptConfig): Record<string, Set<string>> {
  const names: Record<string, string[]> = {
    aws_db_instance: adopt.database && adopt.database.engine !== "aurora-postgresql" ? [adopt.database.identifier] : [],
    aws_rds_cluster: adopt.database?.engine === "aurora-postgresql" ? [adopt.database.identifier] : [],
    aws_rds_cluster_instance: [...(adopt.database?.clusterInstances ?? [])],
    aws_kms_key: Object.values(adopt.kmsKeys ?? {}).map((key) => key.keyId),
    aws_kms_alias: Object.keys(adopt.kmsKeys ?? {}),
    aws_sns_topic: adopt.alarmTopic ? [adopt.alarmTopic.arn] : [],
    aws_cloudwatch_log_group: Object.keys(adopt.logGroups ?? {}),
    aws_cloudwatch_metric_alarm: [...(adopt.alarms ?? [])],
    aws_scheduler_schedule: Object.keys(adopt.schedules ?? {}),
    aws_dms_event_subscription: Object.keys(adopt.eventSubscriptions ?? {}),
    aws_db_subnet_group: adopt.databaseSubnetGroup ? [adopt.databaseSubnetGroup] : [],
    aws_security_group: adopt.databaseSecurityGroup ? [adopt.databaseSecurityGroup.id] : [],
    aws_ssm_parameter: Object.entries(adopt.ssmParameters ?? {}).filter(([key]) => key !== "passwordParameter").map(([, name]) => name as string),
    aws_iam_role: adopt.accountRoles ? ["dms-vpc-role", "dms-cloudwatch-logs-role"] : [],
    aws_iam_role_policy_attachment: adopt.accountRoles ? ["dms-vpc-role", "dms-cloudwatch-logs-role"] : [],
    aws_dms_replication_instance: adopt.replicationInstance ? [adopt.replicationInstance.id] : [],
    aws_dms_replication_subnet_group: adopt.replicationSubnetGroup ? [adopt.replicationSubnetGroup] : [],
    aws_dms_endpoint: Object.keys(adopt.endpoints ?? {}),
    aws_dms_replication_task: Object.keys(adopt.tasks ?? {}),
  };
  return Object.fromEntries(Object.entries(names).map(([type, list]) => [type, new Set(list)]));
}

/** Finds the adopted objects in the old configuration's state. */
export function releaseFromOldState(state: StateFile, adopt: AdoptConfig): Release {
  const names = adoptedNames(adopt);
  const managed = (state.resources ?? []).filter((r) => r.mode === "managed");
  const address = (r: (typeof managed)[number]) => `${r.module ? `${r.module}.` : ""}${r.type}.${r.name}`;
  const isAdopted = (r: (typeof managed)[number]) =>
    r.instances.some((i) => names[r.type]?.has(String(i.attributes?.[NAMED_BY[r.type]] ?? "")));
  const topModule = (r: (typeof managed)[number]) => r.module?.split(".").slice(0, 2).join(".");
  const modules = new Set(managed.filter(isAdopted).map(topModule).filter((m): m is string => !!m));
  // A subscription to an adopted topic: this stack does not manage it, and deleting it would unsubscribe the team.
  const topics = new Set(adopt.alarmTopic ? [adopt.alarmTopic.arn] : []);
  const onAdoptedTopic = (r: (typeof managed)[number]) =>
    r.type === "aws_sns_topic_subscription" && r.instances.some((i) => topics.has(String(i.attributes?.topic_arn ?? "")));
  const addresses = [...modules, ...managed.filter((r) => (isAdopted(r) || onAdoptedTopic(r)) && !r.module).map(address)];
  const forgotten = managed
    .filter((r) => !isAdopted(r) && ((r.module && modules.has(topModule(r) as string)) || (onAdoptedTopic(r) && !r.module)))
    .map(address);
  return { addresses, forgotten };
}

/** `removed` blocks (Terraform 1.7+) that take the addresses out of the old state and leave the objects alone. */
export function removedBlocks(release: Release): string {
  return release.addresses.map((from) => `removed {\n  from = ${from}\n\n  lifecycle {\n    destroy = false\n  }\n}\n`).join("\n");
}

/** The same with `terraform state rm`, for older Terraform. */
export function stateRmCommands(release: Release): string {
  return release.addresses.map((from) => `terraform state rm '${from}'`).join("\n");
}
