import { Construct, IConstruct } from "constructs";
import { Annotations, DefaultTokenResolver, StringConcat, TerraformResource, Tokenization } from "cdktf";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { DmsReplicationInstance } from "@cdktf/provider-aws/lib/dms-replication-instance";
import { DmsReplicationSubnetGroup } from "@cdktf/provider-aws/lib/dms-replication-subnet-group";
import { DmsReplicationTask } from "@cdktf/provider-aws/lib/dms-replication-task";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DmsEventSubscription } from "@cdktf/provider-aws/lib/dms-event-subscription";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { ValidationError } from "../core/errors";
import { PathSegment, Problem, formatPath, renderValue } from "../core/problem";
import { EnvironmentConfig } from "../config/schema/environment";
import { AdoptConfig } from "./schema";

/** What adoption did to a stack: the import blocks it added and the legacy settings it kept, each with its remedy. */
export interface AdoptionResult {
  readonly imports: number;
  readonly warnings: readonly string[];
}

/** The parts of a MigrationStack adoption reaches into: each object is found under them by construct id or by name. */
export interface AdoptionScopes {
  readonly stack: Construct;
  readonly database: IConstruct;
  readonly dms?: IConstruct;
}

/** What the AWS provider gives a security group without a description. */
const DEFAULT_SECURITY_GROUP_DESCRIPTION = "Managed by Terraform";
/** Terraform's unique suffix after a name_prefix: 26 hex digits (terraform-plugin-sdk id.UniqueIDSuffixLength). */
const UNIQUE_SUFFIX = /^[0-9a-f]{26}$/;

const ENCRYPTION_REMEDY =
  "remedy: snapshot it, copy the snapshot with encryption (aws rds copy-db-snapshot --kms-key-id ...), restore the copy under the same identifier at a quiet time, then remove adopt.database.storageEncrypted " +
  "(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html#Overview.Encryption.Limitations)";

/**
 * Turns the environment file's `adopt` section into Terraform `import` blocks on the resources the stack
 * built, keeps the legacy settings an adopted object has (each reported as a warning with its remedy), and
 * refuses, naming the file field to set, whatever would make the provider replace an adopted object.
 */
export function adoptExisting(scopes: AdoptionScopes, config: EnvironmentConfig): AdoptionResult {
  const adopt = config.adopt;
  if (!adopt) return { imports: 0, warnings: [] };
  const run = new Adoption(scopes, config, adopt);
  run.all();
  if (run.problems.length > 0) throw new ValidationError(scopes.stack, run.problems);
  for (const warning of run.warnings) Annotations.of(scopes.stack).addWarning(warning);
  return { imports: run.imports, warnings: run.warnings };
}

class Adoption {
  readonly problems: Problem[] = [];
  readonly warnings: string[] = [];
  imports = 0;

  constructor(
    private readonly scopes: AdoptionScopes,
    private readonly config: EnvironmentConfig,
    private readonly adopt: AdoptConfig,
  ) {}

  all(): void {
    this.database();
    this.databaseNetwork();
    this.parameters();
    this.accountRoles();
    this.replicationInstance();
    this.endpoints();
    this.tasks();
    this.keys();
    this.alarmTopic();
    this.logGroups();
    this.alarms();
    this.schedules();
    this.eventSubscriptions();
  }

  /** Every resource of this type in the stack. */
  private everyInStack<T extends TerraformResource>(type: abstract new (...args: never[]) => T): T[] {
    return this.scopes.stack.node.findAll().filter((c): c is T => c instanceof type);
  }

  private problem(path: readonly PathSegment[], value: unknown, message: string): void {
    this.problems.push({ path: formatPath(path), value: renderValue(value), message });
  }

  private importInto(resource: TerraformResource, id: string): void {
    resource.importFrom(id);
    this.imports += 1;
  }

  private database(): void {
    const existing = this.adopt.database;
    const file = this.config.database;
    if (!existing) {
      if (this.adopt.parameterGroup) this.problem(["adopt", "parameterGroup"], this.adopt.parameterGroup, "goes with adopt.database");
      return;
    }
    if (file.engine !== existing.engine) {
      this.problem(["database", "engine"], file.engine, `set it to "${existing.engine}", the existing database's engine (engine forces a replacement)`);
      return;
    }
    const aurora = existing.engine === "aurora-postgresql";
    if (!aurora && existing.clusterInstances) {
      this.problem(["adopt", "database", "clusterInstances"], existing.clusterInstances, "goes with an Aurora cluster (engine aurora-postgresql) only");
    }
    const instance = aurora ? only(this.scopes.database, RdsCluster) : only(this.scopes.database, DbInstance);
    const suffix = `-db-${this.config.environment}`;
    if (existing.identifier !== `${file.identifier}${suffix}`) {
      if (existing.identifier.endsWith(suffix)) {
        this.problem(["database", "identifier"], file.identifier,
          `set it to "${existing.identifier.slice(0, -suffix.length)}": the instance is named <identifier>-db-<environment> and must keep the existing name ${existing.identifier}`);
      } else {
        // A database imported under another name (addresses-api's "-emergency-temp"): kept exactly.
        if (instance instanceof RdsCluster) instance.clusterIdentifier = existing.identifier;
        else instance.identifier = existing.identifier;
        if (instance.finalSnapshotIdentifier) instance.finalSnapshotIdentifier = `${existing.identifier}-final`;
        this.warnings.push(`database ${existing.identifier}: keeps its existing identifier, which does not follow <identifier>-db-<environment>; remedy: none needed (renaming an RDS instance changes its endpoint, so clients must follow)`);
      }
    }
    if (file.masterUsername !== existing.masterUsername) {
      this.problem(["database", "masterUsername"], file.masterUsername, `set it to "${existing.masterUsername}", the existing master username (username forces a replacement)`);
    }
    if (file.name !== existing.databaseName) {
      this.problem(["database", "name"], file.name, `set it to "${existing.databaseName}", the existing database name (db_name forces a replacement)`);
    }
    const adoptedKey = this.adoptedEnvironmentKey();
    const fileKey = file.kmsKeyArn ?? this.config.encryption?.existingKeyArn ?? (adoptedKey && existing.kmsKeyId && sameKey(existing.kmsKeyId, adoptedKey) ? existing.kmsKeyId : undefined);
    const newKey = this.config.encryption?.customerManagedKeys && !file.kmsKeyArn && !this.config.encryption.existingKeyArn && fileKey === undefined;
    if (!existing.storageEncrypted) {
      if (fileKey || newKey) {
        this.problem(file.kmsKeyArn ? ["database", "kmsKeyArn"] : ["encryption"], fileKey ?? this.config.encryption,
          `the existing database is not encrypted and encrypting it replaces it: remove the key for now (${ENCRYPTION_REMEDY})`);
      }
      instance.storageEncrypted = false;
      this.warnings.push(`database ${existing.identifier}: storage is NOT encrypted (a legacy database, kept as it is); ${ENCRYPTION_REMEDY}`);
    } else if (existing.kmsKeyId && (newKey || (fileKey && fileKey !== existing.kmsKeyId))) {
      this.problem(file.kmsKeyArn ? ["database", "kmsKeyArn"] : ["encryption", "existingKeyArn"], fileKey ?? "(a new key)",
        `set it to "${existing.kmsKeyId}", the existing database's key (kms_key_id forces a replacement)`);
    }
    const password = this.adopt.ssmParameters?.passwordParameter;
    if (file.password.existingParameterName === undefined || (password && file.password.existingParameterName !== password)) {
      this.problem(["database", "password", "existingParameterName"], file.password.existingParameterName,
        `set it to ${password ? `"${password}"` : "the parameter holding the existing password"}: an adopted database keeps its password (rotating it would break running clients, so it is opt-in: change the parameter, then raise database.password.version)`);
    }
    if (this.adopt.parameterGroup !== undefined) {
      if (file.parameterGroupName !== this.adopt.parameterGroup) {
        this.problem(["database", "parameterGroupName"], file.parameterGroupName,
          `set it to "${this.adopt.parameterGroup}" to keep the group the database is on; to have this stack's group that forces SSL instead, remove adopt.parameterGroup (clients without SSL are then refused after the next reboot)`);
      } else {
        this.warnings.push(`database ${existing.identifier}: stays on its existing parameter group ${this.adopt.parameterGroup}, so SSL is not forced; remedy: remove database.parameterGroupName and adopt.parameterGroup once every client connects with SSL (the new group applies at the next reboot)`);
      }
    }
    this.importInto(instance, existing.identifier);
    if (aurora) this.clusterInstances(existing.identifier, existing.clusterInstances);
  }

  /** The instances of an adopted Aurora cluster: as many as the file declares, each keeping its identifier. */
  private clusterInstances(clusterIdentifier: string, existing: readonly string[] | undefined): void {
    const resources = this.scopes.database.node.findAll().filter((c): c is RdsClusterInstance => c instanceof RdsClusterInstance);
    if (!existing || existing.length !== resources.length) {
      this.problem(["database", "instances"], resources.length,
        existing ? `set it to ${existing.length}, the instances cluster ${clusterIdentifier} has (${existing.join(", ")}); add or remove instances after the adoption` : "list the cluster's instances in adopt.database.clusterInstances (npm run adopt writes them)");
      return;
    }
    resources.forEach((resource, index) => {
      const id = existing[index];
      if (resource.identifierInput !== id) {
        // identifier forces a replacement of the instance: the existing one keeps its name.
        resource.identifier = id;
        this.warnings.push(`cluster instance ${id}: keeps its existing identifier instead of ${clusterIdentifier}-${index + 1}; remedy: none needed`);
      }
      this.importInto(resource, id);
    });
  }

  /** The key id of the adopted environment key (alias/<project>-<environment>), if the file creates and adopts it. */
  private adoptedEnvironmentKey(): string | undefined {
    return this.adopt.kmsKeys?.[`alias/${this.config.projectName}-${this.config.environment}`]?.keyId;
  }

  private databaseNetwork(): void {
    const file = this.config.database;
    const subnetGroupName = this.adopt.databaseSubnetGroup;
    if (subnetGroupName) {
      const subnetGroup = child(this.scopes.database, "SubnetGroup", DbSubnetGroup);
      if (subnetGroup.nameInput !== subnetGroupName) {
        subnetGroup.name = subnetGroupName;
        this.warnings.push(`database subnet group ${subnetGroupName}: keeps its existing name instead of <name>-db-subnet-<environment>; remedy: none needed`);
      }
      this.importInto(subnetGroup, subnetGroupName);
    }
    const group = this.adopt.databaseSecurityGroup;
    if (group) {
      const prefix = `allow_${file.name}_db_traffic`;
      if (!group.name.startsWith(prefix) || !UNIQUE_SUFFIX.test(group.name.slice(prefix.length)) || group.description !== DEFAULT_SECURITY_GROUP_DESCRIPTION) {
        this.problem(["adopt", "databaseSecurityGroup"], group.id,
          `${group.name} ("${group.description}") cannot be adopted without a replacement: this stack names its group ${prefix}<suffix> with the description "${DEFAULT_SECURITY_GROUP_DESCRIPTION}"; remove the entry, and the database moves to a new group in place`);
      } else {
        this.importInto(child(this.scopes.database, "SecurityGroup", SecurityGroup), group.id);
        this.warnings.push(`database security group ${group.id}: its existing rules stay as they are and are not managed (Hackney's internal_only_traffic opened the port to 0.0.0.0/0); remedy: delete the rules this stack does not declare once clients use the declared peers`);
      }
    }
  }

  private parameters(): void {
    const wanted = this.adopt.ssmParameters;
    if (!wanted) return;
    for (const key of ["username", "hostname", "port", "database"] as const) {
      const name = wanted[key];
      if (!name) continue;
      const path = this.scopes.database.node.tryFindChild("ConnectionParameters");
      const parameter = path?.node.tryFindChild(key);
      if (!(parameter instanceof SsmParameter)) {
        this.problem(["database", "publishConnectionParameters"], false, `set it to true to adopt ${name}, or remove adopt.ssmParameters.${key}`);
        continue;
      }
      if (parameter.nameInput !== name) {
        this.problem(["database", "parameterPrefix"], parameter.nameInput, `set it to "${name.slice(0, name.lastIndexOf("/"))}", the path of the existing parameter ${name}`);
        continue;
      }
      this.importInto(parameter, name);
    }
  }

  private accountRoles(): void {
    if (!this.adopt.accountRoles) return;
    const roles = this.scopes.dms?.node.tryFindChild("AccountRoles");
    const created = roles ? roles.node.findAll().filter((c): c is IamRole => c instanceof IamRole) : [];
    if (this.config.dms?.accountRoles !== "create" || created.length === 0) {
      this.problem(["dms", "accountRoles"], this.config.dms?.accountRoles, 'set it to "create" to adopt the account roles, or remove adopt.accountRoles');
      return;
    }
    for (const role of created) {
      this.importInto(role, role.nameInput as string);
      const attachment = roles!.node.tryFindChild(`${role.node.id}-policy`);
      if (attachment instanceof IamRolePolicyAttachment) this.importInto(attachment, `${role.nameInput}/${attachment.policyArnInput}`);
    }
  }

  private replicationInstance(): void {
    const existing = this.adopt.replicationInstance;
    const subnetGroupId = this.adopt.replicationSubnetGroup;
    if (!existing) {
      if (subnetGroupId) this.problem(["adopt", "replicationSubnetGroup"], subnetGroupId, "goes with adopt.replicationInstance");
      return;
    }
    const file = this.config.dms?.replicationInstance;
    const scope = this.scopes.dms?.node.tryFindChild("ReplicationInstance");
    if (!file || !scope) {
      this.problem(["dms", "replicationInstance"], undefined,
        `declare the instance ${existing.id} to adopt it, or use it without managing it: dms.existingReplicationInstance with its ARN`);
      return;
    }
    if (file.replicationInstanceId !== existing.id) {
      this.problem(["dms", "replicationInstance", "replicationInstanceId"], file.replicationInstanceId, `set it to "${existing.id}" (replication_instance_id forces a replacement)`);
      return;
    }
    if (existing.publiclyAccessible) {
      this.problem(["adopt", "replicationInstance", "publiclyAccessible"], true, "a publicly accessible instance cannot be adopted: this stack keeps instances private, and the change forces a replacement");
    }
    const adoptedKey = this.adoptedEnvironmentKey();
    const fileKey = file.kmsKeyArn ?? this.config.encryption?.existingKeyArn ?? (adoptedKey && existing.kmsKeyArn && sameKey(existing.kmsKeyArn, adoptedKey) ? existing.kmsKeyArn : undefined);
    if ((fileKey && fileKey !== existing.kmsKeyArn) || (this.config.encryption?.customerManagedKeys && !fileKey)) {
      this.problem(["dms", "replicationInstance", "kmsKeyArn"], fileKey ?? "(the environment's new key)",
        `set it to "${existing.kmsKeyArn ?? "(none: remove the key settings)"}", the existing instance's key (kms_key_arn forces a replacement)`);
    }
    const instance = only(scope, DmsReplicationInstance);
    const subnetGroup = child(scope, "SubnetGroup", DmsReplicationSubnetGroup);
    if (subnetGroup.replicationSubnetGroupIdInput !== existing.replicationSubnetGroupId) {
      // The instance refers to the group resource, so renaming the resource keeps the instance on its group.
      subnetGroup.replicationSubnetGroupId = existing.replicationSubnetGroupId;
      this.warnings.push(`replication instance ${existing.id}: keeps its subnet group ${existing.replicationSubnetGroupId} (not dms-replication-subnet-group-<instance id>); remedy: none needed`);
    }
    if (subnetGroupId) {
      if (subnetGroupId !== existing.replicationSubnetGroupId) {
        this.problem(["adopt", "replicationSubnetGroup"], subnetGroupId, `the instance is in ${existing.replicationSubnetGroupId}; adopt that group`);
      } else {
        this.importInto(subnetGroup, subnetGroupId);
      }
    } else {
      this.problem(["adopt", "replicationSubnetGroup"], undefined, `adopt the instance's subnet group "${existing.replicationSubnetGroupId}" too (a new group replaces the instance)`);
    }
    this.importInto(instance, existing.id);
  }

  /** Where the file declares the endpoint with this id. */
  private endpointPath(endpointId: string): PathSegment[] | undefined {
    if (this.config.dms?.targetEndpoint?.endpointId === endpointId) return ["dms", "targetEndpoint"];
    for (const [kind, entries] of [["sources", this.config.sources], ["targets", this.config.targets]] as const) {
      for (const [name, entry] of Object.entries(entries ?? {})) {
        if ((entry as { endpointId?: string }).endpointId === endpointId) return [kind, name];
      }
    }
    return undefined;
  }

  private endpoints(): void {
    const all = this.scopes.stack.node.findAll().filter((c): c is DmsEndpoint => c instanceof DmsEndpoint);
    for (const [id, existing] of Object.entries(this.adopt.endpoints ?? {})) {
      const path = this.endpointPath(id);
      const endpoint = all.find((e) => e.endpointIdInput === id);
      if (!path || !endpoint) {
        this.problem(["adopt", "endpoints", id], existing.arn ?? id, "this environment declares no endpoint with this id: declare it (dms.targetEndpoint.endpointId or a source's endpointId) or remove the entry");
        continue;
      }
      if (endpoint.endpointTypeInput !== existing.endpointType || endpoint.engineNameInput !== existing.engineName) {
        this.problem([...path, "engine"], endpoint.engineNameInput,
          `the existing endpoint ${id} is a ${existing.engineName} ${existing.endpointType}; declare it as one, or give this one another endpointId`);
        continue;
      }
      if (endpoint.kmsKeyArnInput !== undefined && endpoint.kmsKeyArnInput !== existing.kmsKeyArn) {
        this.problem(["encryption"], this.config.encryption, `endpoint ${id} is encrypted with ${existing.kmsKeyArn ?? "the AWS managed key"} (kms_key_arn forces a replacement): use that key, or no customer-managed key`);
        continue;
      }
      if (endpoint.sslModeInput !== existing.sslMode) {
        this.problem([...path, "sslMode"], endpoint.sslModeInput,
          `set it to "${existing.sslMode}", the mode endpoint ${id} uses: changing it on adoption could break a running task, so it is a separate, deliberate change`);
        continue;
      }
      if (existing.sslMode === "none") {
        this.warnings.push(`endpoint ${id}: keeps sslMode "none" (unencrypted connections); remedy: once the database accepts SSL, set sslMode "require" on ${path.join(".")} and in adopt.endpoints.${id} together`);
      }
      this.keepLegacyConnectionSettings(endpoint, id, existing.engineName);
      this.importInto(endpoint, id);
    }
  }

  /**
   * The AWS provider's update of an endpoint sends only the engine's connection fields, and DMS merges them into the
   * engine settings it has: after the move to Secrets Manager the old server name, port and username are still read
   * back, and postgres_settings are never sent on update (hashicorp/terraform-provider-aws
   * internal/service/dms/endpoint.go, resourceEndpointUpdate). Ignoring them keeps the second plan clean.
   */
  private keepLegacyConnectionSettings(endpoint: DmsEndpoint, id: string, engineName: string): void {
    const postgres = engineName === "postgres" || engineName === "aurora-postgresql";
    const ignored = ["server_name", "port", "username", ...(postgres ? ["postgres_settings"] : [])];
    const lifecycle = endpoint.lifecycle ?? {};
    const already = Array.isArray(lifecycle.ignoreChanges) ? lifecycle.ignoreChanges : [];
    endpoint.lifecycle = { ...lifecycle, ignoreChanges: [...already, ...ignored] };
    if (postgres) {
      this.warnings.push(`endpoint ${id}: keeps its existing PostgreSQL settings (the provider cannot update them in place); the file's settings apply when the endpoint is next replaced`);
    }
  }

  private tasks(): void {
    const all = this.scopes.stack.node.findAll().filter((c): c is DmsReplicationTask => c instanceof DmsReplicationTask);
    const fileTasks = this.config.tasks ?? [];
    for (const [id, existing] of Object.entries(this.adopt.tasks ?? {})) {
      const index = fileTasks.findIndex((t) => t.replicationTaskId === id);
      const resource = all.find((t) => t.replicationTaskIdInput === id);
      if (index < 0 || !resource) {
        this.problem(["adopt", "tasks", id], existing.arn ?? id, "this environment declares no task on a replication instance with this id: declare it in tasks, or remove the entry");
        continue;
      }
      const task = fileTasks[index];
      if (task.migrationType !== existing.migrationType) {
        this.problem(["tasks", index, "migrationType"], task.migrationType, `set it to "${existing.migrationType}" (DMS cannot change a task's migration type: it would be replaced)`);
      }
      const ends: [string, string, PathSegment[]][] = [
        ["source", existing.sourceEndpointId, ["sources", task.source, "endpointId"]],
        ["target", existing.targetEndpointId, task.target === "database" ? ["dms", "targetEndpoint", "endpointId"] : ["targets", task.target, "endpointId"]],
      ];
      for (const [end, endpointId, path] of ends) {
        const declared = this.endpointPath(endpointId);
        if (!declared || declared.join(".") !== path.slice(0, -1).join(".")) {
          this.problem(path, undefined, `set it to "${endpointId}", the task's existing ${end} endpoint (a different endpoint forces a replacement)`);
        } else if (!this.adopt.endpoints?.[endpointId]) {
          this.problem(["adopt", "endpoints", endpointId], undefined, `adopt the task's ${end} endpoint too: a new endpoint has a new ARN, which replaces the task`);
        }
      }
      const shared = this.config.dms?.existingReplicationInstance;
      if (shared && existing.replicationInstanceArn && shared.replicationInstanceArn !== existing.replicationInstanceArn) {
        this.problem(["dms", "existingReplicationInstance", "replicationInstanceArn"], shared.replicationInstanceArn, `set it to "${existing.replicationInstanceArn}", the task's instance (replication_instance_arn forces a replacement)`);
      } else if (!shared && !this.adopt.replicationInstance) {
        this.problem(["adopt", "replicationInstance"], undefined, "adopt the task's replication instance too: a new instance replaces the task");
      }
      if (existing.tableMappings !== undefined) {
        resource.tableMappings = existing.tableMappings;
        this.warnings.push(`task ${id}: keeps its table mappings exactly as they are (tasks[${index}].tableMappings is not applied); remedy: once adopted, remove adopt.tasks.${id}.tableMappings to apply the file's typed rules (an in-place change; stop the task first)`);
      }
      if (existing.settings !== undefined) {
        resource.replicationTaskSettings = existing.settings;
        this.warnings.push(`task ${id}: keeps its task settings exactly as they are (no defaults added); remedy: once adopted, remove adopt.tasks.${id}.settings to apply the project's defaults and tasks[${index}].settings (an in-place change; stop the task first)`);
      }
      this.importInto(resource, id);
    }
  }

  // What forces a replacement of the resources below is from the provider's schemas (hashicorp/aws 5.100.0,
  // https://github.com/hashicorp/terraform-provider-aws/tree/v5.100.0/internal/service): kms/key.go, kms/alias.go,
  // sns/topic.go, logs/group.go, cloudwatch/metric_alarm.go, scheduler/schedule.go, dms/event_subscription.go.

  /** Keys by their alias: the alias and the key it points to are both imported. */
  private keys(): void {
    const aliases = this.everyInStack(KmsAlias);
    for (const [aliasName, existing] of Object.entries(this.adopt.kmsKeys ?? {})) {
      const alias = aliases.find((a) => a.nameInput === aliasName);
      const key = alias?.node.scope?.node.tryFindChild("Key");
      if (!alias || !(key instanceof KmsKey)) {
        this.problem(["adopt", "kmsKeys", aliasName], existing.keyId,
          `this environment creates no key with this alias (${aliases.map((a) => a.nameInput).join(", ") || "it creates none"}): remove the entry, or set encryption.customerManagedKeys / monitoring so that it does`);
        continue;
      }
      const wanted: [string, unknown, unknown][] = [
        ["keySpec", existing.keySpec, key.customerMasterKeySpecInput ?? "SYMMETRIC_DEFAULT"],
        ["keyUsage", existing.keyUsage, key.keyUsageInput ?? "ENCRYPT_DECRYPT"],
        ["multiRegion", existing.multiRegion, key.multiRegionInput ?? false],
      ];
      const differing = wanted.filter(([, has, builds]) => has !== builds);
      if (differing.length > 0) {
        this.problem(["adopt", "kmsKeys", aliasName], existing.keyId,
          `the existing key is ${differing.map(([name, has]) => `${name} ${JSON.stringify(has)}`).join(", ")} and this stack's is ${differing.map(([name, , builds]) => `${name} ${JSON.stringify(builds)}`).join(", ")} (forces a replacement, and a replaced key cannot decrypt what the old one encrypted): remove the entry and give the key's ARN instead (encryption.existingKeyArn or monitoring.kmsKeyArn)`);
        continue;
      }
      this.importInto(key, existing.keyId);
      this.importInto(alias, aliasName);
      this.warnings.push(`key ${aliasName} (${existing.keyId}): its key policy and description become this stack's (changed in place); remedy: none needed, but check that no principal outside this stack relied on the old policy`);
    }
  }

  private alarmTopic(): void {
    const existing = this.adopt.alarmTopic;
    if (!existing) return;
    const topics = this.everyInStack(SnsTopic);
    const name = existing.arn.slice(existing.arn.lastIndexOf(":") + 1);
    const topic = topics.find((t) => t.nameInput === name);
    if (!topic) {
      this.problem(["adopt", "alarmTopic", "arn"], existing.arn,
        topics.length === 0
          ? "this environment creates no alarm topic: set monitoring to adopt it, or remove the entry"
          : `this stack's alarm topic is named ${topics.map((t) => t.nameInput).join(", ")} (name forces a replacement): remove the entry, or rename the existing topic's users to the new topic after the apply`);
      return;
    }
    if (existing.fifo !== (topic.fifoTopicInput ?? false)) {
      this.problem(["adopt", "alarmTopic", "fifo"], existing.fifo, "CloudWatch alarms cannot publish to a FIFO topic, and fifo_topic forces a replacement: remove the entry");
      return;
    }
    this.importInto(topic, existing.arn);
  }

  private logGroups(): void {
    const groups = this.everyInStack(CloudwatchLogGroup);
    for (const [name, existing] of Object.entries(this.adopt.logGroups ?? {})) {
      const group = groups.find((g) => g.nameInput === name);
      if (!group) {
        this.problem(["adopt", "logGroups", name], name, `this environment creates no log group with this name (${groups.map((g) => g.nameInput).join(", ") || "it creates none"}): remove the entry`);
        continue;
      }
      const builds = group.logGroupClassInput ?? "STANDARD";
      if (existing.logGroupClass !== builds) {
        this.problem(["adopt", "logGroups", name, "logGroupClass"], existing.logGroupClass, `this stack's group is ${builds} (log_group_class forces a replacement, which deletes the logs): remove the entry and keep the old group under another name`);
        continue;
      }
      this.importInto(group, name);
    }
  }

  private alarms(): void {
    const alarms = this.everyInStack(CloudwatchMetricAlarm);
    for (const [index, name] of (this.adopt.alarms ?? []).entries()) {
      const alarm = alarms.find((a) => a.alarmNameInput === name);
      if (!alarm) {
        this.problem(["adopt", "alarms", index], name, "this environment creates no alarm with this name (alarm_name forces a replacement): remove the entry; the stack's own alarms are listed by npm run adopt");
        continue;
      }
      this.importInto(alarm, name);
    }
  }

  private schedules(): void {
    const schedules = this.everyInStack(SchedulerSchedule);
    for (const [name, existing] of Object.entries(this.adopt.schedules ?? {})) {
      const schedule = schedules.find((s) => s.nameInput === name);
      if (!schedule) {
        this.problem(["adopt", "schedules", name], name, "this environment schedules no task with this schedule name (<task id>-reload): give the task a schedule, or remove the entry");
        continue;
      }
      const group = schedule.groupNameInput ?? "default";
      if (existing.groupName !== group) {
        this.problem(["adopt", "schedules", name, "groupName"], existing.groupName, `this stack's schedules are in the ${group} group (group_name forces a replacement): remove the entry, and delete the old schedule after the apply so the task is not started twice`);
        continue;
      }
      this.importInto(schedule, `${group}/${name}`);
      this.warnings.push(`schedule ${name}: its target becomes this stack's (a role that may start only this task); remedy: none needed`);
    }
  }

  private eventSubscriptions(): void {
    const subscriptions = this.everyInStack(DmsEventSubscription);
    for (const [name, existing] of Object.entries(this.adopt.eventSubscriptions ?? {})) {
      const subscription = subscriptions.find((s) => s.nameInput === name);
      if (!subscription) {
        this.problem(["adopt", "eventSubscriptions", name], name, `this environment creates no DMS event subscription with this name (${subscriptions.map((s) => s.nameInput).join(", ") || "set monitoring to create them"}): remove the entry`);
        continue;
      }
      if (existing.sourceType !== subscription.sourceTypeInput) {
        this.problem(["adopt", "eventSubscriptions", name, "sourceType"], existing.sourceType, `this stack's subscription ${name} is for ${subscription.sourceTypeInput} (source_type forces a replacement): remove the entry`);
        continue;
      }
      const builds = [...((Tokenization.resolve(subscription.sourceIdsInput, { scope: subscription, resolver: new DefaultTokenResolver(new StringConcat()) }) as string[] | undefined) ?? [])].sort();
      const has = [...existing.sourceIds].sort();
      if (JSON.stringify(builds) !== JSON.stringify(has)) {
        this.problem(["adopt", "eventSubscriptions", name, "sourceIds"], has,
          `this stack subscribes to ${JSON.stringify(builds)} (source_ids forces a replacement): remove the entry to let the subscription be replaced (it holds no data; events during the apply may be missed)`);
        continue;
      }
      this.importInto(subscription, name);
    }
  }
}

/** The one resource of this type under `scope`. */
function only<T extends TerraformResource>(scope: IConstruct, type: abstract new (...args: never[]) => T): T {
  const found = scope.node.findAll().filter((c): c is T => c instanceof type);
  if (found.length !== 1) throw new Error(`${scope.node.path}: expected one ${type.name}, found ${found.length}`);
  return found[0];
}

/** The child `id` of `scope`, which must be of this type. */
function child<T extends TerraformResource>(scope: IConstruct, id: string, type: abstract new (...args: never[]) => T): T {
  const found = scope.node.tryFindChild(id);
  if (!(found instanceof type)) throw new Error(`${scope.node.path}/${id}: expected a ${type.name}`);
  return found;
}

/** Whether a key ARN or id names the key with this id. */
function sameKey(arnOrId: string, keyId: string): boolean {
  return arnOrId === keyId || arnOrId.endsWith(`:key/${keyId}`);
}
