import { Construct } from "constructs";
import { S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig } from "../config/schema/environment";
import { projectTags } from "../core/project-environment";
import { Peer } from "../network/peer";
import { PrivateSubnetLookup, PrivateSubnets } from "../network/private-subnets";
import { PostgresDatabase } from "../postgres/postgres-database";
import { DmsMigration } from "./dms-migration";

export interface MigrationStackProps {
  /** A checked environment file (see `loadEnvironments`). */
  readonly config: EnvironmentConfig;
}

/** Everything one environment file describes: provider, remote state, network, target database, DMS. */
export class MigrationStack extends TerraformStack {
  readonly database: PostgresDatabase;
  readonly dms?: DmsMigration;

  constructor(scope: Construct, id: string, props: MigrationStackProps) {
    super(scope, id);
    const { config } = props;

    new AwsProvider(this, "aws", {
      region: config.region,
      allowedAccountIds: config.accountId ? [config.accountId] : undefined,
      defaultTags: [{ tags: projectTags(config, undefined, config.tags) }],
    });
    this.configureBackend(config);

    const network = this.network(config);
    const db = config.database;
    this.database = new PostgresDatabase(this, "TargetDatabase", {
      projectName: config.projectName,
      environment: config.environment,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds,
      identifier: db.identifier,
      databaseName: db.name,
      engineVersion: db.engineVersion,
      instanceClass: db.instanceClass,
      port: db.port,
      allocatedStorage: db.allocatedStorage,
      maxAllocatedStorage: db.maxAllocatedStorage,
      storageType: db.storageType,
      kmsKeyArn: db.kmsKeyArn,
      maintenanceWindow: db.maintenanceWindow,
      backupWindow: db.backupWindow,
      backupRetentionDays: db.backupRetentionDays,
      multiAz: db.multiAz,
      deletionProtection: db.deletionProtection,
      skipFinalSnapshot: db.skipFinalSnapshot,
      parameterGroupName: db.parameterGroupName,
      forceSsl: db.forceSsl,
      parameters: db.parameters,
      allowMajorVersionUpgrade: db.allowMajorVersionUpgrade,
      autoMinorVersionUpgrade: db.autoMinorVersionUpgrade,
      copyTagsToSnapshot: db.copyTagsToSnapshot,
      applyImmediately: db.applyImmediately,
      caCertIdentifier: db.caCertIdentifier,
      performanceInsights: db.performanceInsights?.enabled ? db.performanceInsights : undefined,
      logExports: db.logExports,
      monitoringInterval: db.monitoringInterval,
      masterUsername: db.masterUsername,
      password: db.password,
      parameterPrefix: db.parameterPrefix,
      publishConnectionParameters: db.publishConnectionParameters,
      additionalTags: db.additionalTags,
    });
    db.allowedIngress.forEach((rule, index) => {
      const peer = rule.cidr ? Peer.ipv4(rule.cidr) : Peer.securityGroup(rule.securityGroupId as string, `allowed-${index}`);
      this.database.connections.allowDefaultPortFrom(peer, rule.description);
    });

    const { dms } = config;
    if (dms) this.dms = new DmsMigration(this, "Dms", { config: { ...config, dms }, network, database: this.database });

    this.outputs();
  }

  private configureBackend(config: EnvironmentConfig): void {
    const { backend } = config;
    const s3 = new S3Backend(this, {
      bucket: backend.bucket,
      key: backend.key ?? `${config.projectName}/${config.environment}/terraform.tfstate`,
      region: backend.region ?? config.region,
      encrypt: backend.encrypt,
      kmsKeyId: backend.kmsKeyId,
      dynamodbTable: backend.dynamodbTable,
    });
    // Terraform 1.10+ locks with a lock object next to the state; cdktf 0.21 has no typed `useLockfile`.
    if (backend.dynamodbTable === undefined) s3.addOverride("use_lockfile", true);
  }

  private network(config: EnvironmentConfig): PrivateSubnets {
    const { network } = config;
    if (network.vpcName !== undefined) {
      return new PrivateSubnetLookup(this, "Network", { vpcName: network.vpcName, subnetTags: network.subnetTags });
    }
    return { vpcId: network.vpcId as string, subnetIds: network.subnetIds as string[] };
  }

  private outputs(): void {
    const db = this.database;
    const values: Record<string, string | number | Record<string, string>> = {
      database_address: db.address,
      database_port: db.port,
      database_name: db.databaseName,
      database_arn: db.arn,
      database_security_group_id: db.securityGroupId,
      database_password_parameter: db.password.parameterName,
    };
    if (this.dms) {
      const { replicationInstance, target, sources, tasks } = this.dms;
      values.dms_replication_instance_arn = replicationInstance.replicationInstanceArn;
      // Hackney's dms_full_setup output, which callers used to open their database to DMS by hand.
      values.dms_instance_sg = replicationInstance.connections.securityGroupId;
      values.dms_target_endpoint_arn = target.endpointArn;
      values.dms_source_endpoint_arns = Object.fromEntries(Object.values(sources).map((s) => [s.endpointId, s.endpointArn]));
      values.dms_replication_task_arns = Object.fromEntries(tasks.map((t) => [t.replicationTaskId, t.replicationTaskArn]));
    }
    for (const [name, value] of Object.entries(values)) new TerraformOutput(this, name, { value });
  }
}
