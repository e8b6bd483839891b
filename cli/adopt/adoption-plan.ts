import { AdoptConfig } from "../../modules/adoption/schema";
import { isProduction } from "../../modules/core/project-environment";
import { EnvironmentConfig } from "../../modules/config/schema/environment";
import { ACCOUNT_ROLES, Discovered, expectedNames } from "./discovery";
import { REPLICATION_INSTANCE_DEFAULTS } from "../../modules/dms/replication-instance";

/** One setting where the existing object and the file differ, and what adoption does about it. */
export interface Difference {
  readonly object: string;
  readonly setting: string;
  readonly existing: unknown;
  readonly file: unknown;
  /** "changed in place by the first apply", "kept (legacy, warned)", "file set to the existing value", ... */
  readonly outcome: string;
}

/** A file field `--write` sets to what exists, so that adoption replaces nothing and breaks no running client. */
export interface FileEdit {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly why: string;
}

export interface AdoptionPlan {
  readonly adopt: AdoptConfig;
  readonly edits: readonly FileEdit[];
  readonly differences: readonly Difference[];
}

// DMS returns these read-only keys in a task's settings; the AWS provider refuses them in replication_task_settings
// since 5.46.0 (https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md), so they are not kept.
const READ_ONLY_TASK_LOGGING_KEYS = ["CloudWatchLogGroup", "CloudWatchLogStream"];

const IN_PLACE = "changed in place by the first apply";
const KEPT = "kept as it is (legacy setting, warned at synth)";
const SET = "file set to the existing value (--write)";

/** The adoption section, the file edits and the differences, from what discovery found. */
export function adoptionPlan(config: EnvironmentConfig, found: Discovered): AdoptionPlan {
  const names = expectedNames(config);
  const adopt: { -readonly [K in keyof AdoptConfig]: AdoptConfig[K] } = {};
  const edits: FileEdit[] = [];
  const differences: Difference[] = [];
  const differ = (object: string, setting: string, existing: unknown, file: unknown, outcome: string) => {
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(file)) differences.push({ object, setting, existing, file, outcome });
  };
  const edit = (path: (string | number)[], value: unknown, why: string) => edits.push({ path, value, why });

  const db = found.database;
  const file = config.database;
  if (db) {
    const id = db.DBInstanceIdentifier as string;
    adopt.database = {
      identifier: id,
      engine: "postgres",
      databaseName: db.DBName as string,
      masterUsername: db.MasterUsername as string,
      storageEncrypted: db.StorageEncrypted === true,
      ...(db.KmsKeyId ? { kmsKeyId: db.KmsKeyId } : {}),
      ...(db.DbiResourceId ? { dbiResourceId: db.DbiResourceId } : {}),
    };
    const object = `database ${id}`;
    if (db.MasterUsername !== file.masterUsername) {
      differ(object, "database.masterUsername", db.MasterUsername, file.masterUsername, SET);
      edit(["database", "masterUsername"], db.MasterUsername, "the username forces a replacement");
    }
    if (db.DBName !== file.name) {
      differ(object, "database.name", db.DBName, file.name, SET);
      edit(["database", "name"], db.DBName, "db_name forces a replacement");
    }
    differ(object, "storage encrypted", db.StorageEncrypted === true, true, db.StorageEncrypted ? IN_PLACE : KEPT);
    const engineVersion = db.EngineVersion ?? "";
    if (engineVersion !== file.engineVersion && !engineVersion.startsWith(`${file.engineVersion}.`)) {
      differ(object, "database.engineVersion", engineVersion, file.engineVersion, "upgraded in place (at the maintenance window unless applyImmediately)");
    }
    differ(object, "database.instanceClass", db.DBInstanceClass, file.instanceClass, IN_PLACE);
    differ(object, "database.allocatedStorage", db.AllocatedStorage, file.allocatedStorage, IN_PLACE);
    differ(object, "database.storageType", db.StorageType, file.storageType, `${IN_PLACE} (no downtime, https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#USER_PIOPS.ModifyingExisting)`);
    differ(object, "database.port", db.Endpoint?.Port ?? db.DbInstancePort, file.port, IN_PLACE);
    differ(object, "database.multiAz", db.MultiAZ, file.multiAz, IN_PLACE);
    differ(object, "database.maintenanceWindow", db.PreferredMaintenanceWindow, file.maintenanceWindow, IN_PLACE);
    differ(object, "database.backupWindow", db.PreferredBackupWindow, file.backupWindow, IN_PLACE);
    differ(object, "database.backupRetentionDays", db.BackupRetentionPeriod, file.backupRetentionDays, IN_PLACE);
    differ(object, "database.deletionProtection", db.DeletionProtection, file.deletionProtection ?? isProduction(config), IN_PLACE);
    differ(object, "database.copyTagsToSnapshot", db.CopyTagsToSnapshot, file.copyTagsToSnapshot, IN_PLACE);
    differ(object, "database.caCertIdentifier", db.CACertificateIdentifier, file.caCertIdentifier ?? "rds-ca-rsa2048-g1", IN_PLACE);

    databaseSurroundings(object, db.DBParameterGroups?.[0]?.DBParameterGroupName, db.DBSubnetGroup?.DBSubnetGroupName);
  }
  const cluster = found.cluster;
  if (cluster) {
    const id = cluster.DBClusterIdentifier as string;
    adopt.database = {
      identifier: id,
      engine: "aurora-postgresql",
      databaseName: cluster.DatabaseName as string,
      masterUsername: cluster.MasterUsername as string,
      storageEncrypted: cluster.StorageEncrypted === true,
      ...(cluster.KmsKeyId ? { kmsKeyId: cluster.KmsKeyId } : {}),
      ...(cluster.DbClusterResourceId ? { dbiResourceId: cluster.DbClusterResourceId } : {}),
      clusterInstances: [...found.clusterInstances],
    };
    const object = `Aurora cluster ${id}`;
    if (cluster.MasterUsername !== file.masterUsername) {
      differ(object, "database.masterUsername", cluster.MasterUsername, file.masterUsername, SET);
      edit(["database", "masterUsername"], cluster.MasterUsername, "the username forces a replacement");
    }
    if (cluster.DatabaseName !== file.name) {
      differ(object, "database.name", cluster.DatabaseName, file.name, SET);
      edit(["database", "name"], cluster.DatabaseName, "database_name forces a replacement");
    }
    if (found.clusterInstances.length !== (file.instances ?? 1)) {
      differ(object, "database.instances", found.clusterInstances.length, file.instances ?? 1, `${SET}: add or remove instances after the adoption`);
      edit(["database", "instances"], found.clusterInstances.length, "the cluster's instances are adopted one for one");
    }
    differ(object, "storage encrypted", cluster.StorageEncrypted === true, true, cluster.StorageEncrypted ? IN_PLACE : KEPT);
    const engineVersion = cluster.EngineVersion ?? "";
    if (engineVersion !== file.engineVersion && !engineVersion.startsWith(`${file.engineVersion}.`)) {
      differ(object, "database.engineVersion", engineVersion, file.engineVersion, "upgraded in place (at the maintenance window unless applyImmediately)");
    }
    differ(object, "database.port", cluster.Port, file.port, IN_PLACE);
    differ(object, "database.backupRetentionDays", cluster.BackupRetentionPeriod, file.backupRetentionDays ?? 7, IN_PLACE);
    differ(object, "database.deletionProtection", cluster.DeletionProtection, file.deletionProtection ?? isProduction(config), IN_PLACE);
    databaseSurroundings(object, cluster.DBClusterParameterGroup, cluster.DBSubnetGroup);
  }

  /** The parameter group, subnet group and security groups around an instance or a cluster. */
  function databaseSurroundings(object: string, group: string | undefined, subnetGroup: string | undefined): void {
    if (group && file.parameterGroupName === undefined) {
      adopt.parameterGroup = group;
      differ(object, "database.parameterGroupName", group, "(a new group forcing SSL)", `${KEPT}: forcing SSL could break running clients, so it is opt-in`);
      edit(["database", "parameterGroupName"], group, "keep the existing parameter group (forcing SSL is opt-in for an adopted database)");
    } else if (group && file.parameterGroupName === group) {
      adopt.parameterGroup = group;
    } else if (group) {
      differ(object, "database.parameterGroupName", group, file.parameterGroupName, IN_PLACE);
    }

    if (subnetGroup) {
      adopt.databaseSubnetGroup = subnetGroup;
      differ(object, "subnet group name", subnetGroup, names.databaseSubnetGroup, KEPT);
    }
    const sg = found.databaseSecurityGroup;
    if (sg) {
      adopt.databaseSecurityGroup = { id: sg.GroupId as string, name: sg.GroupName as string, description: sg.Description ?? "" };
      const open = (sg.IpPermissions ?? []).filter((p) => (p.IpRanges ?? []).some((r) => r.CidrIp === "0.0.0.0/0"));
      if (open.length > 0) {
        differences.push({ object: `security group ${sg.GroupId}`, setting: "ingress from 0.0.0.0/0", existing: open.map((p) => `${p.IpProtocol} ${p.FromPort}-${p.ToPort}`), file: "none", outcome: "kept as it is (this stack does not manage inline rules): delete it once clients use the declared peers" });
      }
    }
    for (const other of found.otherDatabaseSecurityGroups) {
      differences.push({ object, setting: "security group", existing: other, file: "(not declared)", outcome: `${IN_PLACE}: taken off the database; add it to database.allowedIngress to keep its access` });
    }
  }

  const parameters = found.parameters;
  const ssm: NonNullable<AdoptConfig["ssmParameters"]> = {
    ...(["username", "hostname", "port", "database"] as const).reduce((all, key) => (parameters[key] ? { ...all, [key]: parameters[key]!.name } : all), {}),
    ...(parameters.password ? { passwordParameter: parameters.password.name } : {}),
  };
  for (const key of ["username", "hostname", "port", "database"] as const) {
    const p = parameters[key];
    if (p && p.type !== "String") differences.push({ object: `SSM parameter ${p.name}`, setting: "type", existing: p.type, file: "String", outcome: "replaced by the provider (type forces a new parameter); remove it from adopt.ssmParameters to keep it as it is" });
  }
  if (Object.keys(ssm).length > 0) adopt.ssmParameters = ssm;
  if ((db || cluster) && parameters.password && file.password.existingParameterName !== parameters.password.name) {
    edit(["database", "password", "existingParameterName"], parameters.password.name, "an adopted database keeps its password (rotation is opt-in)");
  }

  const roles = Object.keys(ACCOUNT_ROLES).filter((role) => role in found.roles);
  if (roles.length === Object.keys(ACCOUNT_ROLES).length && roles.every((role) => found.roles[role]) && config.dms) {
    adopt.accountRoles = true;
    if (config.dms.accountRoles !== "create") edit(["dms", "accountRoles"], "create", "this environment takes over the account's DMS roles");
  }

  const instance = found.replicationInstance;
  const fileInstance = config.dms?.replicationInstance;
  if (instance && fileInstance) {
    const id = instance.ReplicationInstanceIdentifier as string;
    const subnetGroupId = instance.ReplicationSubnetGroup?.ReplicationSubnetGroupIdentifier as string;
    adopt.replicationInstance = {
      id,
      ...(instance.ReplicationInstanceArn ? { arn: instance.ReplicationInstanceArn } : {}),
      replicationSubnetGroupId: subnetGroupId,
      publiclyAccessible: instance.PubliclyAccessible === true,
      ...(instance.KmsKeyId ? { kmsKeyArn: instance.KmsKeyId } : {}),
    };
    adopt.replicationSubnetGroup = subnetGroupId;
    const object = `replication instance ${id}`;
    differ(object, "dms.replicationInstance.instanceClass", instance.ReplicationInstanceClass, fileInstance.instanceClass, IN_PLACE);
    differ(object, "dms.replicationInstance.engineVersion", instance.EngineVersion, fileInstance.engineVersion, "upgraded in place");
    differ(object, "dms.replicationInstance.allocatedStorage", instance.AllocatedStorage, fileInstance.allocatedStorage ?? REPLICATION_INSTANCE_DEFAULTS.allocatedStorage, IN_PLACE);
    differ(object, "dms.replicationInstance.multiAz", instance.MultiAZ, fileInstance.multiAz ?? REPLICATION_INSTANCE_DEFAULTS.multiAz, IN_PLACE);
    differ(object, "dms.replicationInstance.preferredMaintenanceWindow", instance.PreferredMaintenanceWindow, fileInstance.preferredMaintenanceWindow, IN_PLACE);
    differ(object, "auto minor version upgrade", instance.AutoMinorVersionUpgrade, false, IN_PLACE);
    differ(object, "security groups", (instance.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId), "(this stack's group, egress only to its endpoints)", `${IN_PLACE}: the old group stays in AWS, unused; delete it after the move`);
  }

  const endpointPath = (id: string): (string | number)[] | undefined => {
    if (config.dms?.targetEndpoint?.endpointId === id) return ["dms", "targetEndpoint"];
    const source = Object.entries(config.sources ?? {}).find(([, s]) => (s as { endpointId?: string }).endpointId === id);
    return source ? ["sources", source[0]] : undefined;
  };
  const endpoints: NonNullable<AdoptConfig["endpoints"]> = {};
  for (const [id, endpoint] of Object.entries(found.endpoints)) {
    const path = endpointPath(id);
    const sslMode = (endpoint.SslMode ?? "none") as "none" | "require" | "verify-ca" | "verify-full";
    endpoints[id] = {
      ...(endpoint.EndpointArn ? { arn: endpoint.EndpointArn } : {}),
      endpointType: endpoint.EndpointType?.toLowerCase() === "source" ? "source" : "target",
      engineName: endpoint.EngineName as string,
      sslMode,
      ...(endpoint.KmsKeyId ? { kmsKeyArn: endpoint.KmsKeyId } : {}),
    };
    const object = `endpoint ${id}`;
    // An entry without sslMode gets the endpoint's default, require.
    const fileSsl = path
      ? ((path[0] === "dms" ? config.dms?.targetEndpoint?.sslMode : (config.sources?.[path[1] as string] as { sslMode?: string } | undefined)?.sslMode) ?? "require")
      : undefined;
    if (path && fileSsl !== sslMode) {
      differ(object, `${path.join(".")}.sslMode`, sslMode, fileSsl, `${SET}: changing SSL on a live endpoint is opt-in`);
      edit([...path, "sslMode"], sslMode, "keep the endpoint's SSL mode (changing it is opt-in)");
    }
    if (endpoint.Username) {
      differences.push({ object, setting: "credentials", existing: "username and password in the endpoint (and in the old state)", file: "a Secrets Manager secret read through an access role", outcome: IN_PLACE });
    }
  }
  if (Object.keys(endpoints).length > 0) adopt.endpoints = endpoints;

  const tasks: NonNullable<AdoptConfig["tasks"]> = {};
  for (const [id, task] of Object.entries(found.tasks)) {
    const index = (config.tasks ?? []).findIndex((t) => t.replicationTaskId === id);
    const endpointIdOf = (arn?: string) => Object.entries(found.endpoints).find(([, e]) => e.EndpointArn === arn)?.[0] ?? arn ?? "";
    tasks[id] = {
      ...(task.ReplicationTaskArn ? { arn: task.ReplicationTaskArn } : {}),
      migrationType: task.MigrationType as "full-load" | "cdc" | "full-load-and-cdc",
      ...(task.ReplicationInstanceArn ? { replicationInstanceArn: task.ReplicationInstanceArn } : {}),
      sourceEndpointId: endpointIdOf(task.SourceEndpointArn),
      targetEndpointId: endpointIdOf(task.TargetEndpointArn),
      ...(task.TableMappings ? { tableMappings: task.TableMappings } : {}),
      ...(task.ReplicationTaskSettings ? { settings: withoutReadOnlyKeys(task.ReplicationTaskSettings) } : {}),
    };
    const object = `task ${id}`;
    if (index >= 0 && config.tasks![index].migrationType !== task.MigrationType) {
      differ(object, `tasks[${index}].migrationType`, task.MigrationType, config.tasks![index].migrationType, SET);
      edit(["tasks", index, "migrationType"], task.MigrationType, "DMS cannot change a task's migration type (it would be replaced)");
    }
    differences.push({ object, setting: "table mappings and settings", existing: "the task's own JSON", file: "typed tableMappings and the project's default settings", outcome: `${KEPT}: remove adopt.tasks.${id}.tableMappings/settings later to apply the file's` });
  }
  if (Object.keys(tasks).length > 0) adopt.tasks = tasks;
  derivedObjects(config, found, adopt, differences);
  return { adopt, edits, differences };
}

/** The alarm topic, keys, log groups, alarms, schedules and event subscriptions found by the stack's names. */
function derivedObjects(config: EnvironmentConfig, found: Discovered, adopt: { -readonly [K in keyof AdoptConfig]: AdoptConfig[K] }, differences: Difference[]): void {
  const keys: NonNullable<AdoptConfig["kmsKeys"]> = {};
  for (const [alias, key] of Object.entries(found.keys)) {
    keys[alias] = { keyId: key.KeyId as string, keySpec: key.KeySpec ?? "SYMMETRIC_DEFAULT", keyUsage: key.KeyUsage ?? "ENCRYPT_DECRYPT", multiRegion: key.MultiRegion === true };
    differences.push({ object: `KMS key ${alias}`, setting: "key policy and description", existing: key.Description ?? "", file: "this stack's policy (the publishers it names, this account only)", outcome: IN_PLACE });
  }
  if (Object.keys(keys).length > 0) adopt.kmsKeys = keys;

  const topic = found.alarmTopic;
  if (topic) {
    adopt.alarmTopic = { arn: topic.arn, fifo: topic.fifo, ...(topic.kmsKeyId ? { kmsKeyArn: topic.kmsKeyId } : {}) };
    if (!topic.kmsKeyId) differences.push({ object: `SNS topic ${topic.arn}`, setting: "encryption", existing: "none", file: "a customer-managed key", outcome: IN_PLACE });
    differences.push({ object: `SNS topic ${topic.arn}`, setting: "topic policy", existing: "(as it is)", file: "only this account's alarms and DMS event subscriptions publish", outcome: `${IN_PLACE}; existing subscriptions are kept, not managed` });
  }

  const logGroups: NonNullable<AdoptConfig["logGroups"]> = {};
  const retention = config.dms?.taskLogRetentionDays ?? REPLICATION_INSTANCE_DEFAULTS.taskLogRetentionDays;
  for (const [name, group] of Object.entries(found.logGroups)) {
    logGroups[name] = {
      logGroupClass: (group.logGroupClass ?? "STANDARD") as "STANDARD" | "INFREQUENT_ACCESS" | "DELIVERY",
      retentionInDays: group.retentionInDays ?? 0,
      ...(group.kmsKeyId ? { kmsKeyId: group.kmsKeyId } : {}),
    };
    if (group.retentionInDays !== retention) {
      differences.push({ object: `log group ${name}`, setting: "dms.taskLogRetentionDays", existing: group.retentionInDays ?? "never expire", file: retention, outcome: IN_PLACE });
    }
  }
  if (Object.keys(logGroups).length > 0) adopt.logGroups = logGroups;

  if (found.alarms.length > 0) {
    adopt.alarms = [...found.alarms];
    differences.push({ object: `CloudWatch alarms (${found.alarms.length})`, setting: "thresholds, actions and description", existing: "(as they are)", file: "this stack's alarms of the same names", outcome: IN_PLACE });
  }
  const schedules: NonNullable<AdoptConfig["schedules"]> = {};
  for (const [name, groupName] of Object.entries(found.schedules)) {
    schedules[name] = { groupName };
    differences.push({ object: `schedule ${name}`, setting: "target", existing: "(as it is)", file: "StartReplicationTask of its task, through a role allowed that task only", outcome: IN_PLACE });
  }
  if (Object.keys(schedules).length > 0) adopt.schedules = schedules;

  const subscriptions: NonNullable<AdoptConfig["eventSubscriptions"]> = {};
  for (const [name, subscription] of Object.entries(found.eventSubscriptions)) {
    const existing = [...(subscription.SourceIdsList ?? [])].sort();
    const wanted = found.eventSubscriptionSources[name] ?? [];
    if (JSON.stringify(existing) !== JSON.stringify(wanted)) {
      // source_ids forces a replacement, which adoption refuses; a subscription holds no data, so it is made again.
      differences.push({ object: `DMS event subscription ${name}`, setting: "sources", existing, file: wanted, outcome: "not adopted (source_ids forces a replacement): delete it before the apply (aws dms delete-event-subscription), this stack creates it again" });
      continue;
    }
    subscriptions[name] = {
      sourceType: subscription.SourceType as "replication-instance" | "replication-task",
      sourceIds: [...(subscription.SourceIdsList ?? [])].sort(),
      ...(subscription.SnsTopicArn ? { snsTopicArn: subscription.SnsTopicArn } : {}),
    };
  }
  if (Object.keys(subscriptions).length > 0) adopt.eventSubscriptions = subscriptions;
}

function withoutReadOnlyKeys(settings: string): string {
  const parsed = JSON.parse(settings) as { Logging?: Record<string, unknown> };
  const logging = parsed.Logging;
  if (!logging || !READ_ONLY_TASK_LOGGING_KEYS.some((key) => key in logging)) return settings;
  for (const key of READ_ONLY_TASK_LOGGING_KEYS) delete logging[key];
  return JSON.stringify(parsed);
}

/** Sets `value` at `path` in a parsed environment file, creating objects on the way. */
export function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let current = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) {
    current[segment] ??= {};
    current = current[segment] as Record<string | number, unknown>;
  }
  current[path[path.length - 1]] = value;
}
