import { Construct } from "constructs";
import { EnvironmentConfig } from "../config/schema/environment";
import { isProduction, projectTags } from "../core/project-environment";
import { Peer } from "../network/peer";
import { PrivateSubnets } from "../network/private-subnets";
import { PostgresDatabase } from "../postgres/postgres-database";
import { DmsAccountRoles } from "../dms/account-roles";
import { PostgresTargetEndpoint } from "../dms/endpoints/postgres-target-endpoint";
import { SqlServerSourceEndpoint } from "../dms/endpoints/sql-server-source-endpoint";
import { IReplicationInstance, ReplicationInstance } from "../dms/replication-instance";
import { ReplicationTask } from "../dms/replication-task";
import { TableMappings } from "../dms/table-mappings";
import { TaskSettings } from "../dms/task-settings";

export interface DmsMigrationProps {
  readonly config: EnvironmentConfig & { dms: NonNullable<EnvironmentConfig["dms"]> };
  readonly network: PrivateSubnets;
  readonly database: PostgresDatabase;
}

/**
 * The DMS part of an environment file: account roles, one replication instance (created or existing),
 * one target endpoint shared by every task, the source endpoints (each writes its DBA script), the tasks.
 */
export class DmsMigration extends Construct {
  readonly replicationInstance: IReplicationInstance;
  readonly target: PostgresTargetEndpoint;
  readonly sources: Readonly<Record<string, SqlServerSourceEndpoint>>;
  readonly tasks: readonly ReplicationTask[];

  constructor(scope: Construct, id: string, props: DmsMigrationProps) {
    super(scope, id);
    const { config, network, database } = props;
    const { dms } = config;
    const context = { projectName: config.projectName, environment: config.environment };
    // Deleted endpoint secrets can be restored for a week in production; elsewhere they go at once.
    const secretRecoveryWindowInDays = isProduction(config.environment) ? 7 : 0;

    const roles = new DmsAccountRoles(this, "AccountRoles", { mode: dms.accountRoles, tags: projectTags(context) });
    this.replicationInstance = dms.replicationInstance
      ? new ReplicationInstance(this, "ReplicationInstance", {
          ...context,
          replicationInstanceId: dms.replicationInstance.id,
          instanceClass: dms.replicationInstance.instanceClass,
          engineVersion: dms.replicationInstance.engineVersion,
          allocatedStorage: dms.replicationInstance.allocatedStorage,
          multiAz: dms.replicationInstance.multiAz,
          kmsKeyArn: dms.replicationInstance.kmsKeyArn,
          preferredMaintenanceWindow: dms.replicationInstance.maintenanceWindow,
          allowMajorVersionUpgrade: dms.replicationInstance.allowMajorVersionUpgrade,
          applyImmediately: dms.replicationInstance.applyImmediately,
          vpcId: network.vpcId,
          subnetIds: network.subnetIds,
          accountRoles: roles,
        })
      : ReplicationInstance.fromExisting(this, "ReplicationInstance", {
          replicationInstanceArn: dms.existingReplicationInstance!.arn,
          securityGroupId: dms.existingReplicationInstance!.securityGroupId,
          replicationInstanceId: dms.existingReplicationInstance!.id,
          engineVersion: dms.existingReplicationInstance!.engineVersion,
        });
    const secretsManager = dms.secretsManagerAccess.securityGroupId
      ? Peer.securityGroup(dms.secretsManagerAccess.securityGroupId, "secrets-manager-endpoint")
      : Peer.ipv4(dms.secretsManagerAccess.cidr!);
    this.replicationInstance.connections.allowTo(secretsManager, 443, "Secrets Manager: endpoint credentials");

    this.target = new PostgresTargetEndpoint(this, "TargetEndpoint", {
      ...context,
      endpointId: dms.targetEndpoint.id,
      database,
      sslMode: dms.targetEndpoint.sslMode,
      certificateArn: dms.targetEndpoint.certificateArn,
      settings: {
        afterConnectScript: dms.targetEndpoint.afterConnectScript,
        maxFileSize: dms.targetEndpoint.maxFileSize,
        executeTimeout: dms.targetEndpoint.executeTimeout,
      },
      secretRecoveryWindowInDays,
    });

    const sources: Record<string, SqlServerSourceEndpoint> = {};
    for (const [name, source] of Object.entries(config.sources ?? {})) {
      sources[name] = new SqlServerSourceEndpoint(this, `Source-${name}`, {
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
        credentials: {
          username: source.username,
          usernameParameterName: source.usernameParameter,
          passwordParameterName: source.passwordParameter,
          passwordVersion: source.passwordVersion,
        },
        kmsKeyArn: source.kmsKeyArn,
        secretRecoveryWindowInDays,
        dmsLoginIsSysadmin: source.dmsLoginIsSysadmin,
        multiAz: source.multiAz,
      });
    }
    this.sources = sources;

    this.tasks = (config.tasks ?? []).map(
      (task) =>
        new ReplicationTask(this, `Task-${task.id}`, {
          ...context,
          replicationTaskId: task.id,
          migrationType: task.migrationType,
          replicationInstance: this.replicationInstance,
          source: sources[task.source],
          target: this.target,
          tableMappings: TableMappings.fromRules(task.tableMappings),
          settings: TaskSettings.defaults().with(task.settings ?? {}),
          startReplicationTask: task.startOnCreate,
          cdcStartTime: task.cdcStartTime,
          cdcStartPosition: task.cdcStartPosition,
        }),
    );
  }
}

