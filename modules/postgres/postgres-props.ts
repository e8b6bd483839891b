import { ProjectEnvironment } from "../core/project-environment";

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

/** The admin user of a database created without `masterUsername`: not a name AWS treats as a default. */
export const DEFAULT_MASTER_USERNAME = "migration_admin";

/** What an RDS PostgreSQL instance and an Aurora PostgreSQL cluster of this project both take. */
export interface PostgresCommonProps extends ProjectEnvironment {
  /** Hackney `db_identifier`; the database is named `<identifier>-db-<environment>`. */
  readonly identifier: string;
  /** Hackney `db_name`: the database created in it; also names the subnet and security groups. */
  readonly databaseName: string;
  readonly vpcId: string;
  /** Private subnets, in at least two availability zones. */
  readonly subnetIds: string[];
  /** `16` (follows minor releases) or `16.4` (pinned). Must be a version DMS can write to. */
  readonly engineVersion: string;
  /** @default 5432 */
  readonly port?: number;
  /** KMS key for storage encryption; storage is always encrypted. @default - the AWS managed key `aws/rds` */
  readonly kmsKeyArn?: string;
  /** `ddd:hh24:mi-ddd:hh24:mi`, UTC. @default - a weekly window chosen by AWS */
  readonly maintenanceWindow?: string;
  /** `hh24:mi-hh24:mi`, UTC; must not overlap the maintenance window. @default - a daily window chosen by AWS */
  readonly backupWindow?: string;
  /** @default 7 */
  readonly backupRetentionDays?: number;
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
  /**
   * Lift deletion protection, and Terraform's refusal to plan the database's destruction, on purpose, so
   * the database can be destroyed; production still takes its final snapshot.
   * @default false
   */
  readonly decommission?: boolean;
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
  /**
   * The admin user. The default is not the engine's `postgres`, which AWS Security Hub flags (RDS.24, RDS.25);
   * a database created with another name keeps it by setting it here (the name cannot change without
   * replacing the database).
   * @default DEFAULT_MASTER_USERNAME ("migration_admin")
   */
  readonly masterUsername?: string;
  /**
   * Lets IAM users and roles log in with an authentication token (`rds_iam` role) besides passwords
   * (Security Hub RDS.10, RDS.12): https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
   * @default true
   */
  readonly iamDatabaseAuthentication?: boolean;
  /** @default - generated at apply time */
  readonly password?: MasterPasswordOptions;
  /** Path of the SSM parameters this database writes. @default "/<projectName>/<environment>" */
  readonly parameterPrefix?: string;
  /** Publish username, hostname, port and database name as plain SSM parameters. @default true */
  readonly publishConnectionParameters?: boolean;
  /** Extra tags; the Hackney tags `Name`, `Environment`, `project_name` and `terraform-managed` win over them. @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}
