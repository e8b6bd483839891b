import { Construct } from "constructs";
import { Token } from "cdktf";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { ValidationError } from "../core/errors";
import { ProjectEnvironment, isProduction, projectTags } from "../core/project-environment";
import { Connections } from "../network/connections";
import { SsmPassword } from "../secrets/ssm-password";
import { ConnectionParameters } from "./connection-parameters";
import {
  DMS_TARGET_POSTGRES_VERSIONS,
  minimumDmsEngineForTarget,
  pinsMinorVersion,
  postgresMajorVersion,
} from "./engine-version";
import { RdsMonitoringRole } from "./monitoring-role";
import { PostgresParameterGroup } from "./parameter-group";
import { IPostgresTargetDatabase } from "./postgres-target";

/** How the master password is provided. It is only ever handled as an ephemeral value. */
export interface MasterPasswordOptions {
  /**
   * An SSM SecureString parameter that already holds the password. When unset, a password is generated at
   * apply time and stored in a new parameter `<parameterPrefix>/postgres-password`.
   * @default - generated
   */
  readonly existingParameterName?: string;
  /** Raise it to rotate the password (or to apply a changed existing parameter). @default 1 */
  readonly version?: number;
  /** KMS key of a generated password's SecureString. @default - the AWS managed key `alias/aws/ssm` */
  readonly kmsKeyId?: string;
}

export interface PerformanceInsightsOptions {
  /** Days to keep data: 7, a multiple of 31 up to 713, or 731. @default 7 */
  readonly retentionDays?: number;
  /** @default - the AWS managed key */
  readonly kmsKeyArn?: string;
}

export interface PostgresDatabaseProps extends ProjectEnvironment {
  /** Hackney `db_identifier`; the instance is named `<identifier>-db-<environment>`. */
  readonly identifier: string;
  /** Hackney `db_name`: the database created in the instance; also names the subnet and security groups. */
  readonly databaseName: string;
  readonly vpcId: string;
  /** Private subnets, in at least two availability zones. */
  readonly subnetIds: string[];
  /** `16` (follows minor releases) or `16.4` (pinned). Must be a version DMS can write to. */
  readonly engineVersion: string;
  /** For example `db.t4g.medium`. */
  readonly instanceClass: string;
  /** @default 5432 */
  readonly port?: number;
  /** GiB. @default 20 */
  readonly allocatedStorage?: number;
  /** GiB; storage autoscaling grows up to this size. @default - autoscaling off */
  readonly maxAllocatedStorage?: number;
  /** @default "gp3" */
  readonly storageType?: "gp3" | "gp2" | "io1" | "io2";
  /** KMS key for storage encryption; storage is always encrypted. @default - the AWS managed key `aws/rds` */
  readonly kmsKeyArn?: string;
  /** `ddd:hh24:mi-ddd:hh24:mi`, UTC. @default - a weekly window chosen by AWS */
  readonly maintenanceWindow?: string;
  /** `hh24:mi-hh24:mi`, UTC; must not overlap the maintenance window. @default - a daily window chosen by AWS */
  readonly backupWindow?: string;
  /** @default 7 */
  readonly backupRetentionDays?: number;
  /** @default false (production requires true) */
  readonly multiAz?: boolean;
  /** An existing parameter group to use instead of creating one. @default - a new group for the major version */
  readonly parameterGroupName?: string;
  /** Refuse unencrypted connections, in the created parameter group. @default true */
  readonly forceSsl?: boolean;
  /** Extra parameters for the created parameter group. @default {} */
  readonly parameters?: Readonly<Record<string, string>>;
  /** @default false */
  readonly allowMajorVersionUpgrade?: boolean;
  /** @default - true when `engineVersion` is a major version only; false when it pins a minor release */
  readonly autoMinorVersionUpgrade?: boolean;
  /** @default true */
  readonly copyTagsToSnapshot?: boolean;
  /** Also stops Terraform from planning the database's destruction. @default - true in production, otherwise false */
  readonly deletionProtection?: boolean;
  /** Delete without a final snapshot; refused in production. @default false */
  readonly skipFinalSnapshot?: boolean;
  /** @default false */
  readonly applyImmediately?: boolean;
  /** @default "rds-ca-rsa2048-g1" */
  readonly caCertIdentifier?: string;
  /** @default - Performance Insights off */
  readonly performanceInsights?: PerformanceInsightsOptions;
  /** Logs exported to CloudWatch Logs. @default [] */
  readonly logExports?: ReadonlyArray<"postgresql" | "upgrade" | "iam-db-auth-error">;
  /** Enhanced Monitoring interval in seconds; a monitoring role is created when above 0. @default 0 */
  readonly monitoringInterval?: 0 | 1 | 5 | 10 | 15 | 30 | 60;
  /** @default "postgres" */
  readonly masterUsername?: string;
  /** @default - generated at apply time */
  readonly password?: MasterPasswordOptions;
  /** Path of the SSM parameters this database writes. @default "/<projectName>/<environment>" */
  readonly parameterPrefix?: string;
  /** Publish username, hostname, port and database name as plain SSM parameters. @default true */
  readonly publishConnectionParameters?: boolean;
  /** Extra tags; the Hackney tags `Name`, `Environment`, `project_name` and `terraform-managed` win over them. @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

const IDENTIFIER = /^[a-z](?!.*--)(?:[a-z0-9-]*[a-z0-9])?$/;
const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * An RDS PostgreSQL instance with its subnet group and security group, reproducing
 * `aws-hackney-common-terraform//modules/database/postgres` (same names and tags, so existing databases
 * can be imported) without its weaknesses: storage always encrypted, gp3, SSL forced, a final snapshot,
 * no ingress except what is allowed through {@link connections}, and a master password that never
 * reaches Terraform state.
 */
export class PostgresDatabase extends Construct implements IPostgresTargetDatabase {
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
    const production = isProduction(props.environment);
    const port = props.port ?? 5432;
    const majorVersion = this.checkEngineVersion(props.engineVersion);
    this.checkNames(props);
    // A looked-up list is only known at apply time; PrivateSubnetLookup checks it there.
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length < 2) {
      throw new ValidationError(this, `\`subnetIds\` needs at least two private subnets in two availability zones, got ${props.subnetIds.length}`);
    }
    const deletionProtection = props.deletionProtection ?? production;
    const skipFinalSnapshot = props.skipFinalSnapshot ?? false;
    if (production) {
      if (props.multiAz !== true) throw new ValidationError(this, "production databases must set `multiAz: true`");
      if (!deletionProtection) throw new ValidationError(this, "production databases must keep `deletionProtection`");
      if (skipFinalSnapshot) throw new ValidationError(this, "production databases must take a final snapshot (`skipFinalSnapshot: false`)");
    }
    const pinned = pinsMinorVersion(props.engineVersion);
    if (pinned && props.autoMinorVersionUpgrade === true) {
      throw new ValidationError(
        this,
        `\`engineVersion\` "${props.engineVersion}" pins a minor release, so automatic minor upgrades would make every plan try to downgrade; give the major version ("${majorVersion}") or set \`autoMinorVersionUpgrade: false\``,
      );
    }
    this.checkStorage(props);

    const instanceIdentifier = `${props.identifier}-db-${props.environment}`;
    const parameterPrefix = props.parameterPrefix ?? `/${props.projectName}/${props.environment}`;
    const tags = (name?: string) => projectTags(props, name, props.additionalTags);
    const masterUsername = props.masterUsername ?? "postgres";

    // Hackney's `internal_only_traffic` group kept its name prefix and Name tag, but none of its open rules.
    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      namePrefix: `allow_${props.databaseName}_db_traffic`,
      vpcId: props.vpcId,
      tags: tags(`${props.databaseName}-${props.environment}`),
      lifecycle: { createBeforeDestroy: true },
    });
    const subnetGroupName = `${props.databaseName}-db-subnet-${props.environment}`.toLowerCase();
    const subnetGroup = new DbSubnetGroup(this, "SubnetGroup", {
      name: subnetGroupName,
      subnetIds: props.subnetIds,
      tags: tags(subnetGroupName),
      lifecycle: { createBeforeDestroy: true },
    });
    this.parameterGroup =
      props.parameterGroupName === undefined
        ? new PostgresParameterGroup(this, "ParameterGroup", {
            majorVersion,
            namePrefix: `${instanceIdentifier}-postgres${majorVersion.replace(".", "-")}-`.toLowerCase(),
            forceSsl: props.forceSsl,
            parameters: props.parameters,
            tags: tags(),
          })
        : undefined;
    const parameterGroupName = props.parameterGroupName ?? (this.parameterGroup as PostgresParameterGroup).name;

    this.password = new SsmPassword(this, "MasterPassword", {
      parameterName: props.password?.existingParameterName ?? `${parameterPrefix}/postgres-password`,
      generate: props.password?.existingParameterName === undefined,
      version: props.password?.version,
      kmsKeyId: props.password?.kmsKeyId,
      description: `Master password of ${instanceIdentifier}`,
      tags: tags(),
    });

    const monitoringInterval = props.monitoringInterval ?? 0;
    const performanceInsights = props.performanceInsights;
    this.instance = new DbInstance(this, "Instance", {
      identifier: instanceIdentifier,
      engine: "postgres",
      engineVersion: props.engineVersion,
      instanceClass: props.instanceClass,
      dbName: props.databaseName,
      port,
      username: masterUsername,
      passwordWo: this.password.value,
      passwordWoVersion: this.password.version,
      allocatedStorage: props.allocatedStorage ?? 20,
      maxAllocatedStorage: props.maxAllocatedStorage,
      storageType: props.storageType ?? "gp3",
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [securityGroup.id],
      parameterGroupName,
      publiclyAccessible: false,
      multiAz: props.multiAz ?? false,
      maintenanceWindow: props.maintenanceWindow,
      backupWindow: props.backupWindow,
      backupRetentionPeriod: props.backupRetentionDays ?? 7,
      copyTagsToSnapshot: props.copyTagsToSnapshot ?? true,
      deletionProtection,
      skipFinalSnapshot,
      finalSnapshotIdentifier: skipFinalSnapshot ? undefined : `${instanceIdentifier}-final`,
      autoMinorVersionUpgrade: props.autoMinorVersionUpgrade ?? !pinned,
      allowMajorVersionUpgrade: props.allowMajorVersionUpgrade ?? false,
      applyImmediately: props.applyImmediately ?? false,
      caCertIdentifier: props.caCertIdentifier ?? "rds-ca-rsa2048-g1",
      performanceInsightsEnabled: performanceInsights !== undefined,
      performanceInsightsRetentionPeriod: performanceInsights ? (performanceInsights.retentionDays ?? 7) : undefined,
      performanceInsightsKmsKeyId: performanceInsights?.kmsKeyArn,
      enabledCloudwatchLogsExports: props.logExports ? [...props.logExports] : undefined,
      monitoringInterval,
      monitoringRoleArn: monitoringInterval > 0 ? new RdsMonitoringRole(this, "MonitoringRole", { tags: tags() }).arn : undefined,
      tags: tags(`${props.databaseName}-db-${props.environment}`),
      // Deletion protection also stops Terraform from planning a replacement, which would lose the data.
      lifecycle: { preventDestroy: deletionProtection },
    });

    if (props.publishConnectionParameters ?? true) {
      new ConnectionParameters(this, "ConnectionParameters", {
        prefix: parameterPrefix,
        username: masterUsername,
        hostname: this.instance.address,
        port,
        databaseName: props.databaseName,
        tags: tags(),
      });
    }

    this.instanceIdentifier = instanceIdentifier;
    this.arn = this.instance.arn;
    this.address = this.instance.address;
    this.port = port;
    this.databaseName = props.databaseName;
    this.masterUsername = masterUsername;
    this.majorVersion = majorVersion;
    this.securityGroupId = securityGroup.id;
    this.connections = new Connections(this, { securityGroupId: securityGroup.id, defaultPort: port });
  }

  /** The oldest DMS replication engine that can write to this database. */
  get minimumDmsEngineVersion(): string {
    return minimumDmsEngineForTarget(this.majorVersion) as string;
  }

  get displayName(): string {
    return this.instanceIdentifier;
  }

  /**
   * Turns on logical replication (`rds.logical_replication = 1`), which a DMS task capturing changes from
   * this database needs. The parameter is static: it takes effect at the next reboot.
   */
  enableLogicalReplication(): void {
    if (!this.parameterGroup) {
      throw new ValidationError(
        this,
        "cannot turn on logical replication in the existing parameter group `parameterGroupName`; set `rds.logical_replication = 1` in it, or let the database create its group",
      );
    }
    this.parameterGroup.addParameters({ "rds.logical_replication": "1" });
  }

  private checkEngineVersion(engineVersion: string): string {
    const major = postgresMajorVersion(engineVersion);
    if (major === undefined) {
      throw new ValidationError(this, `\`engineVersion\` "${engineVersion}" is not a PostgreSQL version such as "16" or "16.4"`);
    }
    if (minimumDmsEngineForTarget(major) === undefined) {
      throw new ValidationError(
        this,
        `PostgreSQL ${major} cannot be a DMS target; DMS writes to PostgreSQL ${DMS_TARGET_POSTGRES_VERSIONS.join(", ")}`,
      );
    }
    return major;
  }

  private checkNames(props: PostgresDatabaseProps): void {
    const instanceIdentifier = `${props.identifier}-db-${props.environment}`;
    if (!IDENTIFIER.test(props.identifier) || instanceIdentifier.length > 63) {
      throw new ValidationError(
        this,
        `\`identifier\` "${props.identifier}" must be lowercase letters, digits and single hyphens, start with a letter, and leave "${instanceIdentifier}" at most 63 characters`,
      );
    }
    if (!DATABASE_NAME.test(props.databaseName)) {
      throw new ValidationError(
        this,
        `\`databaseName\` "${props.databaseName}" must start with a letter and hold only letters, digits and underscores (at most 63); PostgreSQL names cannot contain hyphens`,
      );
    }
    if (props.masterUsername !== undefined && !USERNAME.test(props.masterUsername)) {
      throw new ValidationError(this, `\`masterUsername\` "${props.masterUsername}" must start with a letter and hold only letters, digits and underscores`);
    }
  }

  private checkStorage(props: PostgresDatabaseProps): void {
    const allocated = props.allocatedStorage ?? 20;
    if (!Number.isInteger(allocated) || allocated < 20 || allocated > 65536) {
      throw new ValidationError(this, `\`allocatedStorage\` must be a whole number of GiB from 20 to 65536, got ${allocated}`);
    }
    if (props.maxAllocatedStorage !== undefined && props.maxAllocatedStorage <= allocated) {
      throw new ValidationError(this, `\`maxAllocatedStorage\` (${props.maxAllocatedStorage}) must be larger than \`allocatedStorage\` (${allocated}) to turn on storage autoscaling`);
    }
    const retention = props.performanceInsights?.retentionDays;
    if (retention !== undefined && !(retention === 7 || retention === 731 || (retention % 31 === 0 && retention >= 31 && retention <= 713))) {
      throw new ValidationError(this, `\`performanceInsights.retentionDays\` must be 7, a multiple of 31 up to 713, or 731, got ${retention}`);
    }
  }
}
