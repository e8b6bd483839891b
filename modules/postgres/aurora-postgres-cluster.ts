import { Construct } from "constructs";
import { checkRules } from "../core/rules";
import { AURORA_CLUSTER_RULES } from "./guard-rules";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { Connections } from "../network/connections";
import { SsmPassword } from "../secrets/ssm-password";
import { enableLogicalReplication, postgresFoundation, postgresSettings, publishConnection } from "./database-foundation";
import { minimumDmsEngineForTarget } from "./engine-version";
import { PostgresParameterGroup } from "./parameter-group";
import { PostgresCommonProps } from "./postgres-props";
import { IPostgresTargetDatabase } from "./postgres-target";
import { useProvider } from "../core/provider-scope";

export interface AuroraPostgresClusterProps extends PostgresCommonProps {
  /** Class of each instance, such as `db.r6g.large`, or `db.serverless` (then give `serverlessCapacity`). */
  readonly instanceClass: string;
  /** Instances in the cluster: one writer, the rest readers in other zones. @default 1 (production requires 2 or more) */
  readonly instances?: number;
  /** Aurora Serverless v2 capacity, in ACUs, for `db.serverless` instances. @default - none */
  readonly serverlessCapacity?: { readonly minimum: number; readonly maximum: number };
}

/**
 * An Aurora PostgreSQL cluster with the same guarantees as {@link PostgresDatabase}: Hackney names,
 * storage always encrypted, SSL forced in the cluster parameter group, private, a master password kept in
 * SSM and written only through `master_password_wo`, a final snapshot, and no ingress but what
 * {@link connections} allows. High availability comes from a second instance in another zone.
 */
export class AuroraPostgresCluster extends Construct implements IPostgresTargetDatabase {
  /** `<identifier>-db-<environment>`. */
  readonly clusterIdentifier: string;
  readonly arn: string;
  /** The writer endpoint. */
  readonly address: string;
  readonly readerAddress: string;
  readonly port: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly majorVersion: string;
  readonly securityGroupId: string;
  readonly password: SsmPassword;
  readonly connections: Connections;
  readonly cluster: RdsCluster;
  readonly instances: readonly RdsClusterInstance[];
  readonly dmsEngineName = "aurora-postgresql";
  private readonly parameterGroup?: PostgresParameterGroup;

  constructor(scope: Construct, id: string, props: AuroraPostgresClusterProps) {
    super(scope, id);
    useProvider(this, props.provider);
    const settings = postgresSettings(this, props, checkRules(AURORA_CLUSTER_RULES, props));
    const instanceCount = props.instances ?? 1;
    const capacity = props.serverlessCapacity;

    const foundation = postgresFoundation(this, props, settings, "cluster");
    const performanceInsights = props.performanceInsights;
    this.cluster = new RdsCluster(this, "Cluster", {
      clusterIdentifier: settings.name,
      engine: "aurora-postgresql",
      engineVersion: props.engineVersion,
      databaseName: props.databaseName,
      port: settings.port,
      masterUsername: settings.masterUsername,
      iamDatabaseAuthenticationEnabled: props.iamDatabaseAuthentication ?? true,
      masterPasswordWo: foundation.password.value,
      masterPasswordWoVersion: foundation.password.version,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbSubnetGroupName: foundation.subnetGroup.name,
      vpcSecurityGroupIds: [foundation.securityGroup.id],
      dbClusterParameterGroupName: foundation.parameterGroupName,
      backupRetentionPeriod: props.backupRetentionDays ?? 7,
      preferredBackupWindow: props.backupWindow,
      preferredMaintenanceWindow: props.maintenanceWindow,
      copyTagsToSnapshot: props.copyTagsToSnapshot ?? true,
      deletionProtection: settings.deletionProtection,
      skipFinalSnapshot: settings.skipFinalSnapshot,
      finalSnapshotIdentifier: settings.skipFinalSnapshot ? undefined : `${settings.name}-final`,
      allowMajorVersionUpgrade: props.allowMajorVersionUpgrade ?? false,
      applyImmediately: props.applyImmediately ?? false,
      enabledCloudwatchLogsExports: props.logExports ? [...props.logExports] : undefined,
      serverlessv2ScalingConfiguration: capacity ? { minCapacity: capacity.minimum, maxCapacity: capacity.maximum } : undefined,
      tags: settings.tags(`${props.databaseName}-db-${props.environment}`),
      // Deletion protection also stops Terraform from planning a replacement, which would lose the data.
      lifecycle: { preventDestroy: settings.deletionProtection },
    });
    this.instances = Array.from(
      { length: instanceCount },
      (_, index) =>
        new RdsClusterInstance(this, `Instance${index + 1}`, {
          identifier: `${settings.name}-${index + 1}`,
          clusterIdentifier: this.cluster.id,
          engine: "aurora-postgresql",
          engineVersion: props.engineVersion,
          instanceClass: props.instanceClass,
          dbSubnetGroupName: foundation.subnetGroup.name,
          publiclyAccessible: false,
          autoMinorVersionUpgrade: settings.autoMinorVersionUpgrade,
          applyImmediately: props.applyImmediately ?? false,
          caCertIdentifier: props.caCertIdentifier ?? "rds-ca-rsa2048-g1",
          copyTagsToSnapshot: props.copyTagsToSnapshot ?? true,
          performanceInsightsEnabled: performanceInsights !== undefined,
          performanceInsightsRetentionPeriod: performanceInsights ? (performanceInsights.retentionDays ?? 7) : undefined,
          performanceInsightsKmsKeyId: performanceInsights?.kmsKeyArn,
          monitoringInterval: props.monitoringInterval ?? 0,
          monitoringRoleArn: foundation.monitoringRoleArn,
          preferredMaintenanceWindow: props.maintenanceWindow,
          tags: settings.tags(`${settings.name}-${index + 1}`),
        }),
    );
    publishConnection(this, props, settings, this.cluster.endpoint);

    this.clusterIdentifier = settings.name;
    this.arn = this.cluster.arn;
    this.address = this.cluster.endpoint;
    this.readerAddress = this.cluster.readerEndpoint;
    this.port = settings.port;
    this.databaseName = props.databaseName;
    this.masterUsername = settings.masterUsername;
    this.majorVersion = settings.majorVersion;
    this.securityGroupId = foundation.securityGroup.id;
    this.password = foundation.password;
    this.parameterGroup = foundation.parameterGroup;
    this.connections = new Connections(this, { securityGroupId: foundation.securityGroup.id, defaultPort: settings.port });
  }

  /** The oldest DMS replication engine that can write to this cluster. */
  get minimumDmsEngineVersion(): string {
    return minimumDmsEngineForTarget(this.majorVersion) as string;
  }

  get displayName(): string {
    return this.clusterIdentifier;
  }

  get writerInstanceIdentifier(): string {
    return `${this.clusterIdentifier}-1`;
  }

  /** Turns on logical replication in the cluster parameter group, for a DMS source reading this cluster. */
  enableLogicalReplication(): void {
    enableLogicalReplication(this, this.parameterGroup);
  }
}
