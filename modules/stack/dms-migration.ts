import { Construct } from "constructs";
import { DATABASE_TARGET } from "../config/dms-rules";
import { SourceConfig, TaskConfig } from "../config/schema/dms";
import { EnvironmentConfig } from "../config/schema/environment";
import { oracleSourceEndpointProps } from "../config/schema/oracle-source";
import { S3TargetConfig } from "../config/schema/s3-target";
import { ProjectEnvironment, isProduction, projectTags } from "../core/project-environment";
import { DmsAccountRoles } from "../dms/account-roles";
import { ISourceEndpoint, ITargetEndpoint } from "../dms/endpoints/endpoint";
import { OracleSourceEndpoint } from "../dms/endpoints/oracle-source-endpoint";
import { IPostgresSourceDatabase, PostgresSourceEndpoint } from "../dms/endpoints/postgres-source-endpoint";
import { PostgresTargetEndpoint } from "../dms/endpoints/postgres-target-endpoint";
import { S3TargetEndpoint } from "../dms/endpoints/s3-target-endpoint";
import { SqlServerSourceEndpoint } from "../dms/endpoints/sql-server-source-endpoint";
import { IReplicationInstance, ReplicationInstance } from "../dms/replication-instance";
import { PremigrationAssessment } from "../dms/premigration-assessment";
import { ReplicationTask } from "../dms/replication-task";
import { ReplicationTaskSchedule } from "../dms/replication-task-schedule";
import { ServerlessReplication } from "../dms/serverless-replication";
import { TableMappings } from "../dms/table-mappings";
import { TaskSettings } from "../dms/task-settings";
import { DmsMonitoring } from "../monitoring";
import { Peer } from "../network/peer";
import { PrivateSubnets } from "../network/private-subnets";
import { DmsTargetBucket } from "../storage/dms-target-bucket";

export interface DmsMigrationProps {
  readonly config: EnvironmentConfig & { dms: NonNullable<EnvironmentConfig["dms"]> };
  readonly network: PrivateSubnets;
  /** The environment's database: a target, and possibly a source. */
  readonly database: IPostgresSourceDatabase;
  /** The environment's customer-managed key, when it asks for one. @default - AWS managed keys */
  readonly kmsKeyArn?: string;
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
  readonly targets: Readonly<Record<string, S3TargetEndpoint>>;
  readonly tasks: readonly ReplicationTask[];
  readonly serverless: readonly ServerlessReplication[];
  readonly monitoring?: DmsMonitoring;

  constructor(scope: Construct, id: string, props: DmsMigrationProps) {
    super(scope, id);
    const { config, network, database, kmsKeyArn } = props;
    const { dms } = config;
    const context: ProjectEnvironment = { projectName: config.projectName, environment: config.environment };
    // Deleted endpoint secrets can be restored for a week in production; elsewhere they go at once.
    const secretRecoveryWindowInDays = isProduction(config.environment) ? 7 : 0;
    const endpointKey = { kmsKeyArn, secretRecoveryWindowInDays };

    const roles = new DmsAccountRoles(this, "AccountRoles", { mode: dms.accountRoles, tags: projectTags(context) });
    this.replicationInstance = this.instance(config, network, roles, kmsKeyArn);
    const secretsManager = dms.secretsManagerAccess.securityGroupId
      ? Peer.securityGroup(dms.secretsManagerAccess.securityGroupId, "secrets-manager-endpoint")
      : Peer.ipv4(dms.secretsManagerAccess.cidr as string);

    if (dms.targetEndpoint) {
      this.databaseTarget = new PostgresTargetEndpoint(this, "TargetEndpoint", {
        ...context,
        ...endpointKey,
        endpointId: dms.targetEndpoint.id,
        database,
        sslMode: dms.targetEndpoint.sslMode,
        certificateArn: dms.targetEndpoint.certificateArn,
        settings: {
          afterConnectScript: dms.targetEndpoint.afterConnectScript,
          maxFileSize: dms.targetEndpoint.maxFileSize,
          executeTimeout: dms.targetEndpoint.executeTimeout,
        },
      });
    }
    const targets: Record<string, S3TargetEndpoint> = {};
    for (const [name, target] of Object.entries(config.targets ?? {})) targets[name] = this.s3Target(name, target, context, kmsKeyArn);
    this.targets = targets;

    const sources: Record<string, ISourceEndpoint & Construct> = {};
    for (const [name, source] of Object.entries(config.sources ?? {})) {
      sources[name] = this.source(name, source, context, database, endpointKey);
    }
    this.sources = sources;

    const targetOf = (task: TaskConfig): ITargetEndpoint => (task.target === DATABASE_TARGET ? this.databaseTarget! : targets[task.target]);
    const tasks: ReplicationTask[] = [];
    const serverless: ServerlessReplication[] = [];
    for (const task of config.tasks ?? []) {
      const common = {
        ...context,
        migrationType: task.migrationType,
        source: sources[task.source],
        target: targetOf(task),
        tableMappings: TableMappings.fromRules(task.tableMappings),
        settings: TaskSettings.defaults().with(task.settings ?? {}),
      };
      if (task.serverless) {
        const replication = new ServerlessReplication(this, `Serverless-${task.id}`, {
          ...common,
          ...network,
          replicationConfigId: task.id,
          minCapacityUnits: task.serverless.minCapacityUnits,
          maxCapacityUnits: task.serverless.maxCapacityUnits,
          multiAz: task.serverless.multiAz,
          accountRoles: roles,
          kmsKeyArn,
          startReplication: task.startOnCreate,
        });
        replication.connections.allowTo(secretsManager, 443, "Secrets Manager: endpoint credentials");
        serverless.push(replication);
        continue;
      }
      const replicationTask = new ReplicationTask(this, `Task-${task.id}`, {
        ...common,
        replicationTaskId: task.id,
        replicationInstance: this.replicationInstance!,
        startReplicationTask: task.startOnCreate,
        cdcStartTime: task.cdcStartTime,
        cdcStartPosition: task.cdcStartPosition,
        validation: task.validation,
      });
      if (task.schedule) {
        new ReplicationTaskSchedule(this, `Schedule-${task.id}`, {
          ...context,
          task: replicationTask,
          expression: task.schedule.expression,
          timeZone: task.schedule.timeZone,
          startType: task.schedule.startType,
          enabled: task.schedule.enabled,
        });
      }
      tasks.push(replicationTask);
    }
    this.replicationInstance?.connections.allowTo(secretsManager, 443, "Secrets Manager: endpoint credentials");
    this.tasks = tasks;
    this.serverless = serverless;
    this.monitoring = this.monitor(config, context, database, kmsKeyArn);
    if (dms.premigrationAssessment) new PremigrationAssessment(this, "PremigrationAssessment", { ...context, kmsKeyArn, forceDestroy: dms.premigrationAssessment.forceDestroy });
  }

  private instance(config: DmsMigrationProps["config"], network: PrivateSubnets, roles: DmsAccountRoles, kmsKeyArn?: string): IReplicationInstance | undefined {
    const { dms } = config;
    const created = dms.replicationInstance;
    if (created) {
      return new ReplicationInstance(this, "ReplicationInstance", {
        projectName: config.projectName,
        environment: config.environment,
        replicationInstanceId: created.id,
        instanceClass: created.instanceClass,
        engineVersion: created.engineVersion,
        allocatedStorage: created.allocatedStorage,
        multiAz: created.multiAz,
        kmsKeyArn: created.kmsKeyArn ?? kmsKeyArn,
        preferredMaintenanceWindow: created.maintenanceWindow,
        allowMajorVersionUpgrade: created.allowMajorVersionUpgrade,
        applyImmediately: created.applyImmediately,
        taskLogRetentionDays: dms.taskLogRetentionDays,
        taskLogKmsKeyArn: kmsKeyArn,
        vpcId: network.vpcId,
        subnetIds: network.subnetIds,
        accountRoles: roles,
      });
    }
    const existing = dms.existingReplicationInstance;
    return existing
      ? ReplicationInstance.fromExisting(this, "ReplicationInstance", {
          replicationInstanceArn: existing.arn,
          securityGroupId: existing.securityGroupId,
          replicationInstanceId: existing.id,
          engineVersion: existing.engineVersion,
        })
      : undefined;
  }

  private source(
    name: string,
    source: SourceConfig,
    context: ProjectEnvironment,
    database: IPostgresSourceDatabase,
    endpointKey: { kmsKeyArn?: string; secretRecoveryWindowInDays: number },
  ): ISourceEndpoint & Construct {
    const id = `Source-${name}`;
    const kmsKeyArn = source.kmsKeyArn ?? endpointKey.kmsKeyArn;
    const credentials = (passwordParameter: string, passwordVersion: number | undefined) => ({
      username: source.username,
      usernameParameterName: source.usernameParameter,
      passwordParameterName: passwordParameter,
      passwordVersion,
    });
    switch (source.engine) {
      case "sqlserver":
        return new SqlServerSourceEndpoint(this, id, {
          ...context,
          endpointId: source.endpointId,
          serverName: source.server,
          port: source.port,
          databaseName: source.databaseName,
          captureMode: source.captureMode,
          hosting: source.hosting,
          sslMode: source.sslMode,
          certificateArn: source.certificateArn,
          safeguardPolicy: source.safeguardPolicy,
          readBackupOnly: source.readBackupOnly,
          setUpMsCdcForTables: source.setUpMsCdcForTables,
          ignoreMsReplicationEnablement: source.ignoreMsReplicationEnablement,
          alwaysOn: source.alwaysOn,
          allowedCidr: source.allowedCidr,
          credentials: credentials(source.passwordParameter, source.passwordVersion),
          dmsLoginIsSysadmin: source.dmsLoginIsSysadmin,
          multiAz: source.multiAz,
          kmsKeyArn,
          secretRecoveryWindowInDays: endpointKey.secretRecoveryWindowInDays,
        });
      case "oracle":
        return new OracleSourceEndpoint(this, id, { ...oracleSourceEndpointProps(source, context, endpointKey.secretRecoveryWindowInDays), kmsKeyArn });
      case "postgres":
        return new PostgresSourceEndpoint(this, id, {
          ...context,
          endpointId: source.endpointId,
          database: source.fromDatabase
            ? database
            : {
                serverName: source.server as string,
                port: source.port,
                databaseName: source.databaseName as string,
                hosting: source.hosting,
                credentials: credentials(source.passwordParameter as string, source.passwordVersion),
                peer: source.allowedCidr ? Peer.ipv4(source.allowedCidr) : undefined,
              },
          captureChanges: source.captureChanges,
          sslMode: source.sslMode,
          certificateArn: source.certificateArn,
          settings: {
            pluginName: source.pluginName,
            slotName: source.slotName,
            heartbeatEnable: source.heartbeatEnable,
            heartbeatFrequency: source.heartbeatFrequency,
            heartbeatSchema: source.heartbeatSchema,
            captureDdls: source.captureDdls,
            ddlArtifactsSchema: source.ddlArtifactsSchema,
            executeTimeout: source.executeTimeout,
            mapBooleanAsBoolean: source.mapBooleanAsBoolean,
            mapJsonbAsClob: source.mapJsonbAsClob,
            mapLongVarcharAs: source.mapLongVarcharAs,
          },
          kmsKeyArn,
          secretRecoveryWindowInDays: endpointKey.secretRecoveryWindowInDays,
        });
    }
  }

  private s3Target(name: string, target: S3TargetConfig, context: ProjectEnvironment, kmsKeyArn?: string): S3TargetEndpoint {
    const { bucket } = target;
    const targetBucket =
      bucket.existingBucketName !== undefined
        ? DmsTargetBucket.fromExisting(this, `Bucket-${name}`, { bucketName: bucket.existingBucketName, kmsKeyArn: bucket.kmsKeyArn, ownerAccountId: bucket.ownerAccountId })
        : new DmsTargetBucket(this, `Bucket-${name}`, {
            ...context,
            bucketName: bucket.name,
            kmsKeyArn: bucket.kmsKeyArn ?? kmsKeyArn,
            forceDestroy: bucket.forceDestroy,
            noncurrentVersionExpirationDays: bucket.noncurrentVersionExpirationDays,
          });
    return new S3TargetEndpoint(this, `Target-${name}`, {
      ...context,
      endpointId: target.endpointId,
      bucket: targetBucket,
      bucketFolder: target.folder,
      dataFormat: target.dataFormat,
      parquetVersion: target.parquetVersion,
      parquetTimestampInMillisecond: target.parquetTimestampInMillisecond,
      cdcPath: target.cdcPath,
      timestampColumnName: target.timestampColumnName,
      datePartitionEnabled: target.datePartitionEnabled,
      datePartitionSequence: target.datePartitionSequence,
      datePartitionDelimiter: target.datePartitionDelimiter,
      datePartitionTimezone: target.datePartitionTimezone,
      includeOpForFullLoad: target.includeOpForFullLoad,
      cdcInsertsOnly: target.cdcInsertsOnly,
      cdcInsertsAndUpdates: target.cdcInsertsAndUpdates,
      preserveTransactions: target.preserveTransactions,
      encryptionMode: target.encryptionMode,
    });
  }

  private monitor(config: EnvironmentConfig, context: ProjectEnvironment, database: IPostgresSourceDatabase, kmsKeyArn?: string): DmsMonitoring | undefined {
    const settings = config.monitoring;
    if (!settings?.enabled) return undefined;
    const monitoring = new DmsMonitoring(this, "Monitoring", {
      ...context,
      subscribers: settings.subscribers,
      kmsKeyArn: settings.kmsKeyArn ?? kmsKeyArn,
      thresholds: settings.thresholds,
      replicationInstance: this.replicationInstance,
    });
    for (const task of this.tasks) monitoring.addTask(task, { replicationInstance: task.replicationInstance });
    const readsDatabase = Object.values(config.sources ?? {}).some((source) => source.engine === "postgres" && source.fromDatabase && source.captureChanges);
    if (readsDatabase) monitoring.addPostgresSource(database.writerInstanceIdentifier);
    return monitoring;
  }
}
