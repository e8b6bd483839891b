import { Construct } from "constructs";
import { Aspects } from "cdktf";
import { DATABASE_TARGET, sourceCapturesChanges, taskSettingsBase } from "../config/dms-rules";
import { readsEnvironmentDatabase, sourceEngineOf } from "../dms/sources/registry";
import { targetEngineOf } from "../dms/targets/registry";
import { EnvironmentConfig } from "../config/schema/environment";
import { ProjectEnvironment, projectContext, projectTags } from "../core/project-environment";
import { DmsAccountRoles } from "../dms/account-roles";
import { ISourceEndpoint, ITargetEndpoint } from "../dms/endpoints/endpoint";
import { IPostgresSourceDatabase } from "../dms/sources/postgres/endpoint";
import { PostgresTargetEndpoint } from "../dms/targets/postgres/endpoint";
import { LiveReplicationGuard } from "../dms/live-replication-guard";
import { IReplicationInstance, ReplicationInstance } from "../dms/replication-instance";
import { PremigrationAssessment } from "../dms/premigration-assessment";
import { ReplicationTask } from "../dms/replication-task";
import { ReplicationTaskSchedule } from "../dms/replication-task-schedule";
import { ServerlessReplication } from "../dms/serverless-replication";
import { TableMappings, isAwsTableMappings } from "../dms/table-mappings";
import { DmsMonitoring } from "../monitoring";
import { Peer } from "../network/peer";
import { DmsCertificateSource, DmsCertificates } from "../dms/certificate";
import { addEndpointTags } from "../dms/endpoints/endpoint-tags";
import { DATABASE_TARGET_ENGINE, addExtraConnectionAttributes } from "../dms/endpoints/extra-connection-attributes";
import { PrivateSubnets } from "../network/private-subnets";

export interface DmsMigrationProps {
  readonly config: EnvironmentConfig & { dms: NonNullable<EnvironmentConfig["dms"]> };
  readonly network: PrivateSubnets;
  /** The environment's database: a target, and possibly a source. */
  readonly database: IPostgresSourceDatabase;
  /** The environment's customer-managed key, when it asks for one. @default - AWS managed keys */
  readonly kmsKeyArn?: string;
  /**
   * Lift production's replacement refusal, only for the plan report's what-if plan (never applied), so the report
   * can name the attribute that forces a refused replacement. @default false
   */
  readonly unguardedForReport?: boolean;
  /** The file's `dms.certificates` by key, with the PEM text the stack read for each `pemFile`. @default {} */
  readonly certificates?: Readonly<Record<string, DmsCertificateSource>>;
}

/**
 * The DMS part of an environment file: account roles, the replication instance (created or existing),
 * the endpoints (each source writes its DBA script), the tasks on the instance or on DMS Serverless, their
 * schedules, and the alarms and event notifications watching them.
 */
export class DmsMigration extends Construct {
  readonly replicationInstance?: IReplicationInstance;
  readonly databaseTarget?: PostgresTargetEndpoint;
  readonly sources: Readonly<Record<string, ISourceEndpoint & Construct>>;
  readonly targets: Readonly<Record<string, ITargetEndpoint & Construct>>;
  readonly tasks: readonly ReplicationTask[];
  readonly serverless: readonly ServerlessReplication[];
  readonly monitoring?: DmsMonitoring;
  /** The file's `dms.certificates`, by key. */
  readonly certificates: DmsCertificates;

  constructor(scope: Construct, id: string, props: DmsMigrationProps) {
    super(scope, id);
    const { config, network, database, kmsKeyArn } = props;
    const { dms } = config;
    const context = projectContext(config);
    // Deleted endpoint secrets can be restored for a week in production; elsewhere they go at once.
    const secretRecoveryWindowInDays = context.production ? 7 : 0;
    const endpointKey = { kmsKeyArn, secretRecoveryWindowInDays };

    const roles = new DmsAccountRoles(this, "AccountRoles", { mode: dms.accountRoles, tags: projectTags(context) });
    this.certificates = new DmsCertificates(this, { ...context, certificates: props.certificates ?? {} });
    this.replicationInstance = this.instance(config, network, roles, kmsKeyArn);
    const secretsManager = dms.secretsManagerAccess.securityGroupId
      ? Peer.securityGroup(dms.secretsManagerAccess.securityGroupId, "secrets-manager-endpoint")
      : Peer.ipv4(dms.secretsManagerAccess.cidr as string, {
        acknowledgePublicRange: config.acknowledgePublicRanges.some((entry) => entry.cidr === dms.secretsManagerAccess.cidr),
      });

    if (dms.targetEndpoint) {
      const { extraConnectionAttributes, ...entry } = dms.targetEndpoint;
      const props = { ...this.certificates.resolve(entry), ...context, ...endpointKey, kmsKeyArn: entry.kmsKeyArn ?? kmsKeyArn, database };
      this.databaseTarget = new PostgresTargetEndpoint(this, "TargetEndpoint", props);
      addExtraConnectionAttributes(this.databaseTarget, DATABASE_TARGET_ENGINE, extraConnectionAttributes ?? {});
    }
    const targets: Record<string, ITargetEndpoint & Construct> = {};
    for (const [name, entry] of Object.entries(config.targets ?? {})) {
      const { tags, extraConnectionAttributes, ...target } = entry;
      const engine = targetEngineOf(entry);
      targets[name] = engine.build(this, name, this.certificates.resolve(target), { ...context, ...endpointKey, network });
      this.addEntryExtras(targets[name], engine.engine, tags, extraConnectionAttributes);
    }
    this.targets = targets;

    const sources: Record<string, ISourceEndpoint & Construct> = {};
    for (const [name, entry] of Object.entries(config.sources ?? {})) {
      const { tags, extraConnectionAttributes, ...source } = entry;
      const engine = sourceEngineOf(entry);
      sources[name] = engine.build(this, `Source-${name}`, this.certificates.resolve(source), { ...context, ...endpointKey, database });
      this.addEntryExtras(sources[name], engine.engine, tags, extraConnectionAttributes);
    }
    this.sources = sources;

    const tasks: ReplicationTask[] = [];
    const serverless: ServerlessReplication[] = [];
    for (const task of config.tasks ?? []) {
      // The entry is ReplicationTaskProps by name; it names its endpoints, and holds its mappings and settings as JSON.
      const { source, target, tableMappings, settings, settingsAsWritten: _base, schedule, serverless: compute, ...entry } = task;
      const wiring = {
        ...context,
        source: sources[source],
        target: target === DATABASE_TARGET ? this.databaseTarget! : targets[target],
        tableMappings: isAwsTableMappings(tableMappings) ? TableMappings.fromAwsJson(tableMappings) : TableMappings.fromRules(tableMappings),
        settings: taskSettingsBase(task).with(settings ?? {}),
      };
      const id = entry.replicationTaskId;
      if (compute) {
        const { migrationType, keepStopped, additionalTags, startReplicationTask: startReplication } = entry;
        const props = { ...compute, ...wiring, ...network, migrationType, keepStopped, additionalTags, startReplication, replicationConfigId: id, accountRoles: roles, kmsKeyArn };
        const replication = new ServerlessReplication(this, `Serverless-${id}`, props);
        replication.connections.allowTo(secretsManager, 443, "Secrets Manager: endpoint credentials");
        serverless.push(replication);
        continue;
      }
      const replicationTask = new ReplicationTask(this, `Task-${id}`, { ...entry, ...wiring, replicationInstance: this.replicationInstance! });
      if (schedule) new ReplicationTaskSchedule(this, `Schedule-${id}`, { ...schedule, ...context, task: replicationTask });
      tasks.push(replicationTask);
    }
    this.replicationInstance?.connections.allowTo(secretsManager, 443, "Secrets Manager: endpoint credentials");
    this.tasks = tasks;
    this.serverless = serverless;
    this.monitoring = this.monitor(config, context, database, kmsKeyArn);
    if (dms.premigrationAssessment) new PremigrationAssessment(this, "PremigrationAssessment", { ...context, kmsKeyArn, forceDestroy: dms.premigrationAssessment.forceDestroy });
    // Endpoint changes pause and resume their tasks; production refuses unacknowledged replacements.
    Aspects.of(this).add(new LiveReplicationGuard({ protect: context.production && !props.unguardedForReport, acknowledged: config.acknowledgeReplacement }));
  }

  private instance(config: DmsMigrationProps["config"], network: PrivateSubnets, roles: DmsAccountRoles, kmsKeyArn?: string): IReplicationInstance | undefined {
    const { replicationInstance, existingReplicationInstance, taskLogRetentionDays } = config.dms;
    if (existingReplicationInstance) return ReplicationInstance.fromExisting(this, "ReplicationInstance", existingReplicationInstance);
    if (!replicationInstance) return undefined;
    const { publiclyAccessible: _alwaysPrivate, ...entry } = replicationInstance;
    const wiring = { vpcId: network.vpcId, subnetIds: network.subnetIds, accountRoles: roles, taskLogRetentionDays, taskLogKmsKeyArn: kmsKeyArn };
    return new ReplicationInstance(this, "ReplicationInstance", { ...entry, ...projectContext(config), ...wiring, kmsKeyArn: entry.kmsKeyArn ?? kmsKeyArn });
  }

  /** The fields every endpoint entry takes (tags, extra connection attributes), added to what its engine built. */
  private addEntryExtras(endpoint: Construct, engine: string, tags?: Readonly<Record<string, string>>, attributes?: Readonly<Record<string, string>>): void {
    addEndpointTags(endpoint, tags ?? {});
    addExtraConnectionAttributes(endpoint, engine, attributes ?? {});
  }

  private monitor(config: EnvironmentConfig, context: ProjectEnvironment, database: IPostgresSourceDatabase, kmsKeyArn?: string): DmsMonitoring | undefined {
    const settings = config.monitoring;
    if (!settings?.enabled) return undefined;
    const monitoring = new DmsMonitoring(this, "Monitoring", {
      ...context,
      // An existing topic keeps its own subscribers and key (the file refuses both with topicArn).
      subscribers: settings.topicArn === undefined ? settings.subscribers : undefined,
      kmsKeyArn: settings.topicArn === undefined ? (settings.kmsKeyArn ?? kmsKeyArn) : undefined,
      thresholds: settings.thresholds,
      replicationInstance: this.replicationInstance,
      topic: settings.topicArn === undefined ? undefined : { topicArn: settings.topicArn },
      instanceEventCategories: settings.instanceEventCategories,
      taskEventCategories: settings.taskEventCategories,
    });
    for (const task of this.tasks) monitoring.addTask(task, { replicationInstance: task.replicationInstance });
    const readsDatabase = Object.values(config.sources ?? {}).some((source) => readsEnvironmentDatabase(source) && sourceCapturesChanges(source));
    if (readsDatabase) monitoring.addPostgresSource(database.writerInstanceIdentifier);
    return monitoring;
  }
}
