import { Construct } from "constructs";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { Connections } from "../network/connections";
import { SsmPassword } from "../secrets/ssm-password";
import { enableLogicalReplication, postgresFoundation, postgresSettings, publishConnection } from "./database-foundation";
import { minimumDmsEngineForTarget } from "./engine-version";
import { PostgresParameterGroup } from "./parameter-group";
import { PostgresCommonProps } from "./postgres-props";
import { ImportedPostgresDatabase, PostgresDatabaseAttributes } from "./imported-database";
import { IPostgresDatabase } from "./postgres-target";
import { useProvider } from "../core/provider-scope";
import { checkRules } from "../core/rules";
import { DEFAULT_ALLOCATED_STORAGE, POSTGRES_DATABASE_RULES } from "./guard-rules";

export type { MasterPasswordOptions, PerformanceInsightsOptions } from "./postgres-props";
export type { PostgresDatabaseAttributes } from "./imported-database";

export interface PostgresDatabaseProps extends PostgresCommonProps {
  /** For example `db.t4g.medium`. */
  readonly instanceClass: string;
  /** GiB. @default 20 */
  readonly allocatedStorage?: number;
  /** GiB; storage autoscaling grows up to this size. @default - autoscaling off */
  readonly maxAllocatedStorage?: number;
  /** @default "gp3" */
  readonly storageType?: "gp3" | "gp2" | "io1" | "io2";
  /** @default false (production requires true) */
  readonly multiAz?: boolean;
}

/**
 * An RDS PostgreSQL instance with its subnet group and security group, reproducing
 * `aws-hackney-common-terraform//modules/database/postgres` (same names and tags, so existing databases
 * can be imported) without its weaknesses: storage always encrypted, gp3, SSL forced, a final snapshot,
 * no ingress except what is allowed through {@link connections}, and a master password that never
 * reaches Terraform state.
 */
export class PostgresDatabase extends Construct implements IPostgresDatabase {
  /**
   * A database made in another stack (or by other Terraform), for endpoints and tasks in this one: DMS endpoints read
   * its master password from `passwordParameterName` (never into state), and `connections` writes its rules on
   * `securityGroupId`. Nothing else is created.
   */
  static fromDatabaseAttributes(scope: Construct, id: string, attrs: PostgresDatabaseAttributes): IPostgresDatabase {
    return new ImportedPostgresDatabase(scope, id, attrs);
  }

  /** The full RDS identifier, `<identifier>-db-<environment>`. */
  readonly instanceIdentifier: string;
  readonly arn: string;
  /** Host name clients connect to. */
  readonly address: string;
  readonly port: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly majorVersion: string;
  readonly securityGroupId: string;
  readonly password: SsmPassword;
  readonly connections: Connections;
  /** The underlying `aws_db_instance`. */
  readonly instance: DbInstance;
  readonly dmsEngineName = "postgres";
  private readonly parameterGroup?: PostgresParameterGroup;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    useProvider(this, props.provider);
    const settings = postgresSettings(this, props, checkRules(POSTGRES_DATABASE_RULES, props));

    const foundation = postgresFoundation(this, props, settings, "instance");
    const performanceInsights = props.performanceInsights;
    this.instance = new DbInstance(this, "Instance", {
      identifier: settings.name,
      engine: "postgres",
      engineVersion: props.engineVersion,
      instanceClass: props.instanceClass,
      dbName: props.databaseName,
      port: settings.port,
      username: settings.masterUsername,
      iamDatabaseAuthenticationEnabled: props.iamDatabaseAuthentication ?? true,
      passwordWo: foundation.password.value,
      passwordWoVersion: foundation.password.version,
      allocatedStorage: props.allocatedStorage ?? DEFAULT_ALLOCATED_STORAGE,
      maxAllocatedStorage: props.maxAllocatedStorage,
      storageType: props.storageType ?? "gp3",
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbSubnetGroupName: foundation.subnetGroup.name,
      vpcSecurityGroupIds: [foundation.securityGroup.id],
      parameterGroupName: foundation.parameterGroupName,
      publiclyAccessible: false,
      multiAz: props.multiAz ?? false,
      maintenanceWindow: props.maintenanceWindow,
      backupWindow: props.backupWindow,
      backupRetentionPeriod: props.backupRetentionDays ?? 7,
      copyTagsToSnapshot: props.copyTagsToSnapshot ?? true,
      deletionProtection: settings.deletionProtection,
      skipFinalSnapshot: settings.skipFinalSnapshot,
      finalSnapshotIdentifier: settings.skipFinalSnapshot ? undefined : `${settings.name}-final`,
      autoMinorVersionUpgrade: settings.autoMinorVersionUpgrade,
      allowMajorVersionUpgrade: props.allowMajorVersionUpgrade ?? false,
      applyImmediately: props.applyImmediately ?? false,
      caCertIdentifier: props.caCertIdentifier ?? "rds-ca-rsa2048-g1",
      performanceInsightsEnabled: performanceInsights !== undefined,
      performanceInsightsRetentionPeriod: performanceInsights ? (performanceInsights.retentionDays ?? 7) : undefined,
      performanceInsightsKmsKeyId: performanceInsights?.kmsKeyArn,
      enabledCloudwatchLogsExports: props.logExports ? [...props.logExports] : undefined,
      monitoringInterval: props.monitoringInterval ?? 0,
      monitoringRoleArn: foundation.monitoringRoleArn,
      tags: settings.tags(`${props.databaseName}-db-${props.environment}`),
      // Deletion protection also stops Terraform from planning a replacement, which would lose the data.
      lifecycle: { preventDestroy: settings.deletionProtection },
    });
    publishConnection(this, props, settings, this.instance.address);

    this.instanceIdentifier = settings.name;
    this.arn = this.instance.arn;
    this.address = this.instance.address;
    this.port = settings.port;
    this.databaseName = props.databaseName;
    this.masterUsername = settings.masterUsername;
    this.majorVersion = settings.majorVersion;
    this.securityGroupId = foundation.securityGroup.id;
    this.password = foundation.password;
    this.parameterGroup = foundation.parameterGroup;
    this.connections = new Connections(this, { securityGroupId: foundation.securityGroup.id, defaultPort: settings.port });
  }

  /** The oldest DMS replication engine that can write to this database. */
  get minimumDmsEngineVersion(): string {
    return minimumDmsEngineForTarget(this.majorVersion) as string;
  }

  get displayName(): string {
    return this.instanceIdentifier;
  }

  get writerInstanceIdentifier(): string {
    return this.instanceIdentifier;
  }

  /**
   * Turns on logical replication (`rds.logical_replication = 1`), which a DMS task capturing changes from
   * this database needs. The parameter is static: it takes effect at the next reboot.
   */
  enableLogicalReplication(): void {
    enableLogicalReplication(this, this.parameterGroup);
  }
}
