import { TerraformJson } from "../synth";

/**
 * A small, offline reading of AWS Security Hub controls over a synthesized Terraform stack: only the
 * controls whose result follows from the configuration alone, for the resource types this project makes.
 * Ids and titles follow https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html and the
 * per-service pages (for example https://docs.aws.amazon.com/securityhub/latest/userguide/dms-controls.html,
 * https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html,
 * https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html). Where a control has
 * parameters, the Security Hub defaults are used (RDS.11: 7 days of backups).
 */

/** One resource block of the stack, with its type and logical id. */
export interface Block {
  readonly type: string;
  readonly id: string;
  readonly body: Record<string, any>;
}

/** The failure reason, or `undefined` when the resource passes. */
type Check = (block: Block, stack: StackView) => string | undefined;

export interface Control {
  readonly id: string;
  readonly title: string;
  /** Terraform resource types the control evaluates. */
  readonly resourceTypes: readonly string[];
  /** Resources of those types the control does not evaluate (for example DMS.10 only reads Neptune endpoints). */
  readonly appliesTo?: (block: Block) => boolean;
  readonly check: Check;
}

export interface Finding {
  readonly control: string;
  readonly resource: string;
  readonly passed: boolean;
  readonly reason?: string;
}

/** Lookups over the stack's resources, for controls that read a second resource (a bucket's logging, a secret's rotation). */
export class StackView {
  readonly blocks: readonly Block[];

  constructor(readonly json: TerraformJson) {
    this.blocks = Object.entries<Record<string, Record<string, any>>>(json.resource ?? {}).flatMap(([type, byId]) =>
      Object.entries(byId).map(([id, body]) => ({ type, id, body })),
    );
  }

  ofType(type: string): Block[] {
    return this.blocks.filter((block) => block.type === type);
  }

  /** Resources of `type` whose `attribute` names `target` (a `${type.id.attr}` reference, or its literal name). */
  referencing(type: string, attribute: string, target: Block, literal?: string): Block[] {
    return this.ofType(type).filter((block) => refersTo(block.body[attribute], target, literal));
  }
}

function refersTo(value: unknown, target: Block, literal?: string): boolean {
  if (typeof value !== "string") return false;
  return value.includes(`${target.type}.${target.id}.`) || (literal !== undefined && value === literal);
}

const LOGGED_SEVERITIES = ["LOGGER_SEVERITY_DEFAULT", "LOGGER_SEVERITY_DEBUG", "LOGGER_SEVERITY_DETAILED_DEBUG"];

/** DMS.7 and DMS.8: logging on, and the two components at the default severity or more. */
function taskLogging(components: readonly string[]): Check {
  return ({ body }) => {
    const settings = body.replication_task_settings === undefined ? {} : JSON.parse(body.replication_task_settings);
    const logging = settings.Logging ?? {};
    if (logging.EnableLogging !== true) return "Logging.EnableLogging is not true";
    const missing = components.filter((id) => {
      const component = (logging.LogComponents ?? []).find((c: { Id: string }) => c.Id === id);
      return !component || !LOGGED_SEVERITIES.includes(component.Severity);
    });
    return missing.length > 0 ? `${missing.join(", ")} below LOGGER_SEVERITY_DEFAULT` : undefined;
  };
}

const is = (attribute: string, expected: unknown, what: string): Check => ({ body }) =>
  body[attribute] === expected ? undefined : `${what} (${attribute} = ${JSON.stringify(body[attribute])})`;

const DEFAULT_POSTGRES_PORT = 5432;
/** Admin user names Security Hub treats as defaults (RDS.24, RDS.25). */
const DEFAULT_ADMIN_NAMES = ["postgres", "admin"];

const exportsLogs = (required: readonly string[]): Check => ({ body }) => {
  const exported: string[] = body.enabled_cloudwatch_logs_exports ?? [];
  const missing = required.filter((log) => !exported.includes(log));
  return missing.length > 0 ? `does not export ${missing.join(", ")} to CloudWatch Logs` : undefined;
};

const bucketHas = (type: string, what: string, accept: (block: Block) => boolean = () => true): Check => (bucket, stack) =>
  stack.referencing(type, "bucket", bucket, bucket.body.bucket).some(accept) ? undefined : `no ${what} (${type})`;

const postgresEngine = (block: Block) => String(block.body.engine ?? "").includes("postgres");

export const CONTROLS: readonly Control[] = [
  // DMS: https://docs.aws.amazon.com/securityhub/latest/userguide/dms-controls.html
  { id: "DMS.1", title: "Replication instances should not be public", resourceTypes: ["aws_dms_replication_instance"],
    check: is("publicly_accessible", false, "public") },
  { id: "DMS.6", title: "Replication instances should have automatic minor version upgrade enabled", resourceTypes: ["aws_dms_replication_instance"],
    check: is("auto_minor_version_upgrade", true, "automatic minor version upgrade off") },
  { id: "DMS.7", title: "Replication tasks for the target database should have logging enabled", resourceTypes: ["aws_dms_replication_task"],
    check: taskLogging(["TARGET_APPLY", "TARGET_LOAD"]) },
  { id: "DMS.8", title: "Replication tasks for the source database should have logging enabled", resourceTypes: ["aws_dms_replication_task"],
    check: taskLogging(["SOURCE_CAPTURE", "SOURCE_UNLOAD"]) },
  { id: "DMS.9", title: "Endpoints should use SSL", resourceTypes: ["aws_dms_endpoint"],
    // Engines without an SSL setting (S3, Kinesis, DynamoDB, ...) are not evaluated.
    appliesTo: ({ body }) => !["s3", "kinesis", "dynamodb", "kafka", "opensearch", "elasticsearch"].includes(body.engine_name),
    check: ({ body }) => (body.ssl_mode !== undefined && body.ssl_mode !== "none" ? undefined : `ssl_mode ${JSON.stringify(body.ssl_mode ?? "none")}`) },
  { id: "DMS.10", title: "Endpoints for Neptune databases should have IAM authorization enabled", resourceTypes: ["aws_dms_endpoint"],
    appliesTo: ({ body }) => body.engine_name === "neptune",
    check: ({ body }) => (body.neptune_settings?.iam_auth_enabled === true ? undefined : "neptune_settings.iam_auth_enabled is not true") },
  { id: "DMS.11", title: "Endpoints for MongoDB should have an authentication mechanism enabled", resourceTypes: ["aws_dms_endpoint"],
    appliesTo: ({ body }) => body.engine_name === "mongodb",
    check: ({ body }) => ((body.mongodb_settings?.auth_type ?? "password") !== "no" ? undefined : "mongodb_settings.auth_type is \"no\"") },
  { id: "DMS.12", title: "Endpoints for Redis OSS should have TLS enabled", resourceTypes: ["aws_dms_endpoint"],
    appliesTo: ({ body }) => body.engine_name === "redis",
    check: ({ body }) => (body.redis_settings?.ssl_security_protocol === "ssl-encryption" ? undefined : "redis_settings.ssl_security_protocol is not ssl-encryption") },
  { id: "DMS.13", title: "Replication instances should be configured to use multiple Availability Zones", resourceTypes: ["aws_dms_replication_instance"],
    check: is("multi_az", true, "single-AZ") },

  // RDS: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html
  { id: "RDS.2", title: "DB instances should prohibit public access", resourceTypes: ["aws_db_instance"],
    check: ({ body }) => (body.publicly_accessible === true ? "publicly accessible" : undefined) },
  { id: "RDS.3", title: "DB instances should have encryption at-rest enabled", resourceTypes: ["aws_db_instance"],
    check: is("storage_encrypted", true, "storage not encrypted") },
  { id: "RDS.5", title: "DB instances should be configured with multiple Availability Zones", resourceTypes: ["aws_db_instance"],
    check: is("multi_az", true, "single-AZ") },
  { id: "RDS.6", title: "Enhanced monitoring should be configured for DB instances", resourceTypes: ["aws_db_instance", "aws_rds_cluster_instance"],
    check: ({ body }) => ((body.monitoring_interval ?? 0) > 0 ? undefined : "monitoring_interval is 0") },
  { id: "RDS.7", title: "Clusters should have deletion protection enabled", resourceTypes: ["aws_rds_cluster"],
    check: is("deletion_protection", true, "no deletion protection") },
  { id: "RDS.8", title: "DB instances should have deletion protection enabled", resourceTypes: ["aws_db_instance"],
    check: is("deletion_protection", true, "no deletion protection") },
  { id: "RDS.9", title: "DB instances should publish logs to CloudWatch Logs", resourceTypes: ["aws_db_instance"],
    appliesTo: postgresEngine, check: exportsLogs(["postgresql", "upgrade"]) },
  { id: "RDS.10", title: "IAM authentication should be configured for RDS instances", resourceTypes: ["aws_db_instance"],
    check: is("iam_database_authentication_enabled", true, "IAM database authentication off") },
  { id: "RDS.11", title: "RDS instances should have automatic backups enabled", resourceTypes: ["aws_db_instance"],
    check: ({ body }) => ((body.backup_retention_period ?? 0) >= 7 ? undefined : `backup_retention_period ${body.backup_retention_period ?? 0} < 7`) },
  { id: "RDS.12", title: "IAM authentication should be configured for RDS clusters", resourceTypes: ["aws_rds_cluster"],
    check: is("iam_database_authentication_enabled", true, "IAM database authentication off") },
  { id: "RDS.13", title: "RDS automatic minor version upgrades should be enabled", resourceTypes: ["aws_db_instance", "aws_rds_cluster_instance"],
    // The provider's default is true.
    check: ({ body }) => (body.auto_minor_version_upgrade === false ? "auto_minor_version_upgrade false" : undefined) },
  { id: "RDS.15", title: "RDS DB clusters should be configured for multiple Availability Zones", resourceTypes: ["aws_rds_cluster"],
    check: (cluster, stack) => (stack.referencing("aws_rds_cluster_instance", "cluster_identifier", cluster).length >= 2 ? undefined : "fewer than 2 instances") },
  { id: "RDS.16", title: "Aurora DB clusters should be configured to copy tags to DB snapshots", resourceTypes: ["aws_rds_cluster"],
    check: is("copy_tags_to_snapshot", true, "tags not copied to snapshots") },
  { id: "RDS.17", title: "RDS DB instances should be configured to copy tags to snapshots", resourceTypes: ["aws_db_instance"],
    check: is("copy_tags_to_snapshot", true, "tags not copied to snapshots") },
  { id: "RDS.18", title: "RDS instances should be deployed in a VPC", resourceTypes: ["aws_db_instance"],
    check: ({ body }) => (body.db_subnet_group_name ? undefined : "no DB subnet group") },
  { id: "RDS.23", title: "RDS instances should not use a database engine default port", resourceTypes: ["aws_db_instance", "aws_rds_cluster"],
    appliesTo: postgresEngine,
    check: ({ body }) => ((body.port ?? DEFAULT_POSTGRES_PORT) === DEFAULT_POSTGRES_PORT ? `default port ${DEFAULT_POSTGRES_PORT}` : undefined) },
  { id: "RDS.24", title: "RDS database clusters should use a custom administrator username", resourceTypes: ["aws_rds_cluster"],
    check: ({ body }) => (DEFAULT_ADMIN_NAMES.includes(body.master_username) ? `default admin user ${body.master_username}` : undefined) },
  { id: "RDS.25", title: "RDS database instances should use a custom administrator username", resourceTypes: ["aws_db_instance"],
    check: ({ body }) => (DEFAULT_ADMIN_NAMES.includes(body.username) ? `default admin user ${body.username}` : undefined) },
  { id: "RDS.27", title: "RDS DB clusters should be encrypted at rest", resourceTypes: ["aws_rds_cluster"],
    check: is("storage_encrypted", true, "storage not encrypted") },
  { id: "RDS.36", title: "RDS for PostgreSQL DB instances should publish logs to CloudWatch Logs", resourceTypes: ["aws_db_instance"],
    appliesTo: postgresEngine, check: exportsLogs(["postgresql"]) },
  { id: "RDS.37", title: "Aurora PostgreSQL DB clusters should publish logs to CloudWatch Logs", resourceTypes: ["aws_rds_cluster"],
    appliesTo: postgresEngine, check: exportsLogs(["postgresql"]) },

  // S3: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html
  { id: "S3.5", title: "S3 general purpose buckets should require requests to use SSL", resourceTypes: ["aws_s3_bucket"],
    check: bucketHas("aws_s3_bucket_policy", "statement denying aws:SecureTransport false", ({ body }) =>
      JSON.parse(body.policy).Statement.some((s: any) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false")) },
  { id: "S3.8", title: "S3 general purpose buckets should block public access", resourceTypes: ["aws_s3_bucket"],
    check: bucketHas("aws_s3_bucket_public_access_block", "public access block with all four settings on", ({ body }) =>
      ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].every((key) => body[key] === true)) },
  { id: "S3.9", title: "S3 general purpose buckets should have server access logging enabled", resourceTypes: ["aws_s3_bucket"],
    check: bucketHas("aws_s3_bucket_logging", "server access logging") },
  { id: "S3.11", title: "S3 general purpose buckets should have event notifications enabled", resourceTypes: ["aws_s3_bucket"],
    check: bucketHas("aws_s3_bucket_notification", "event notifications") },
  { id: "S3.12", title: "ACLs should not be used to manage user access to S3 general purpose buckets", resourceTypes: ["aws_s3_bucket"],
    check: bucketHas("aws_s3_bucket_ownership_controls", "BucketOwnerEnforced ownership", ({ body }) =>
      [body.rule].flat().some((rule: any) => rule?.object_ownership === "BucketOwnerEnforced")) },
  { id: "S3.13", title: "S3 general purpose buckets should have Lifecycle configurations", resourceTypes: ["aws_s3_bucket"],
    check: bucketHas("aws_s3_bucket_lifecycle_configuration", "lifecycle configuration") },
  { id: "S3.17", title: "S3 general purpose buckets should be encrypted at rest with AWS KMS keys", resourceTypes: ["aws_s3_bucket"],
    check: bucketHas("aws_s3_bucket_server_side_encryption_configuration", "default encryption with aws:kms", ({ body }) =>
      [body.rule].flat().some((rule: any) => String(rule?.apply_server_side_encryption_by_default?.sse_algorithm ?? "").startsWith("aws:kms"))) },

  // Secrets Manager, SNS, KMS, EC2
  { id: "SecretsManager.1", title: "Secrets Manager secrets should have automatic rotation enabled", resourceTypes: ["aws_secretsmanager_secret"],
    check: (secret, stack) => (stack.referencing("aws_secretsmanager_secret_rotation", "secret_id", secret).length > 0 ? undefined : "no rotation") },
  { id: "SNS.1", title: "SNS topics should be encrypted at-rest using AWS KMS", resourceTypes: ["aws_sns_topic"],
    check: ({ body }) => (body.kms_master_key_id ? undefined : "no kms_master_key_id") },
  { id: "KMS.4", title: "AWS KMS key rotation should be enabled", resourceTypes: ["aws_kms_key"],
    check: is("enable_key_rotation", true, "key rotation off") },
  { id: "EC2.18", title: "Security groups should only allow unrestricted incoming traffic for authorized ports", resourceTypes: ["aws_vpc_security_group_ingress_rule"],
    check: ({ body }) => (body.cidr_ipv4 === "0.0.0.0/0" || body.cidr_ipv6 === "::/0" ? `open to ${body.cidr_ipv4 ?? body.cidr_ipv6}` : undefined) },
];

/** Every finding of every control over one synthesized stack. */
export function evaluate(json: TerraformJson): Finding[] {
  const stack = new StackView(json);
  return CONTROLS.flatMap((control) =>
    control.resourceTypes
      .flatMap((type) => stack.ofType(type))
      .filter((block) => control.appliesTo?.(block) ?? true)
      .map((block) => {
        const reason = control.check(block, stack);
        return { control: control.id, resource: `${block.type}.${block.id}`, passed: reason === undefined, reason };
      }),
  );
}

export type ControlResult = "PASS" | "FAIL" | "N/A";

/** Per control: FAIL when any resource fails, PASS when some were evaluated and all passed, N/A when none were. */
export function controlResults(findings: readonly Finding[]): Map<string, ControlResult> {
  return new Map(
    CONTROLS.map((control) => {
      const mine = findings.filter((finding) => finding.control === control.id);
      const result: ControlResult = mine.length === 0 ? "N/A" : mine.every((finding) => finding.passed) ? "PASS" : "FAIL";
      return [control.id, result] as const;
    }),
  );
}
