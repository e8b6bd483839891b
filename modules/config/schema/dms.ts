import { z } from "zod";
import { MIGRATION_TYPES } from "../../dms/migration-type";
import { DMS_CAPACITY_UNITS } from "../../dms/serverless-replication";
import { taskSettingsOverridesSchema } from "../../dms/task-settings";
import { awsTableMappingsSchema, tableMappingRuleSchema } from "../../dms/table-mappings";
import { checkedTagMap, dmsCertificateArn, existingDmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, securityGroupId, weeklyWindow } from "../../core/identifiers";
import { ENDPOINT_ENTRY_FIELDS } from "../../dms/endpoints/entry-schema";


const sslMode = z.enum(["none", "require", "verify-ca", "verify-full"]).default("require");
const certificateArn = dmsCertificateArn;

/** Security groups added to the one the stack makes for an instance or a serverless replication. */
const additionalSecurityGroupIds = z
  .array(securityGroupId)
  .max(4)
  .optional()
  .describe("Security groups added to the one this stack makes (terraform-aws-modules vpc_security_group_ids); their rules are their owner's; at most 4");

/** A PEM file path inside the repository, relative to where cdktf runs. */
const pemFile = z
  .string()
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_./-]+\.(pem|crt)$/, "a relative path inside the repository to a .pem or .crt file, such as certs/rds-ca.pem");

const certificateSchema = z
  .union([
    z
      .strictObject({
        certificateId: dmsId("a certificate id").describe("Its name in DMS"),
        pemFile: pemFile.describe("CA certificate (chain) in PEM, read by the stack; a private key is refused"),
        tags: checkedTagMap.optional(),
      })
      .describe("A CA certificate imported into DMS (aws_dms_certificate)"),
    z.strictObject({ certificateArn: existingDmsCertificateArn.describe("A certificate already in DMS") }).describe("An existing DMS certificate"),
  ])
  .describe("A certificate endpoints verify their server with; endpoints name it as \"certificateArn\": \"certificate:<key>\"");

const replicationInstanceSchema = z
  .strictObject({
    id: dmsId("a replication instance id").describe("Hackney replication_instance_identifier, such as staging-dms-instance"),
    instanceClass: z.string().regex(/^dms\.[a-z0-9]+\.[a-z0-9]+$/, "a DMS instance class such as dms.t3.medium"),
    engineVersion: z.string().regex(/^\d+\.\d+\.\d+$/, "a DMS engine version such as 3.6.1").describe("Pinned; automatic minor upgrades are off"),
    allocatedStorage: z.number().int().default(50).describe("GiB, 5 to 6144"),
    multiAz: z.boolean().default(false).describe("Required in production"),
    kmsKeyArn: kmsKeyArn.optional(),
    maintenanceWindow: weeklyWindow.optional(),
    allowMajorVersionUpgrade: z.boolean().default(false),
    autoMinorVersionUpgrade: z.boolean().default(false).describe("Let AWS apply minor engine versions (Security Hub DMS.6); off so the pinned engineVersion stays true"),
    applyImmediately: z.boolean().default(false),
    publiclyAccessible: z.boolean().default(false).describe("Must stay false"),
    subnetGroupName: z
      .string()
      .regex(/^[a-z0-9._ -]{1,255}$/, "1-255 lowercase letters, digits, spaces, hyphens, periods and underscores")
      .refine((name) => name !== "default", "not \"default\"")
      .optional()
      .describe("The replication subnet group's name (terraform-aws-modules repl_subnet_group_name); default dms-replication-subnet-group-<id>"),
    subnetGroupDescription: z.string().min(1).max(255).optional().describe("Default: Replication subnet group for <projectName>"),
    additionalSecurityGroupIds,
    tags: checkedTagMap.optional().describe("Tags of the instance, besides the environment's"),
  })
  .describe("A replication instance created by this stack (Hackney dms_full_setup)");

const existingReplicationInstanceSchema = z
  .strictObject({
    arn: z.string().regex(/^arn:aws[a-z-]*:dms:[a-z0-9-]+:\d{12}:rep:[A-Za-z0-9-]+$/, "a replication instance ARN"),
    securityGroupId,
    id: dmsId("a replication instance id").optional().describe("Its name, for alarms on its metrics"),
    engineVersion: z.string().regex(/^\d+\.\d+\.\d+$/, "a DMS engine version such as 3.6.1").optional(),
  })
  .describe("An instance that already exists (Hackney dms_setup_existing_instance)");

export const dmsSchema = z
  .strictObject({
    accountRoles: z
      .enum(["create", "existing"])
      .describe("create: this stack owns dms-vpc-role and dms-cloudwatch-logs-role (one stack per account may); existing: they already exist"),
    replicationInstance: replicationInstanceSchema.optional(),
    existingReplicationInstance: existingReplicationInstanceSchema.optional(),
    secretsManagerAccess: z
      .strictObject({
        securityGroupId: securityGroupId.optional().describe("Security group of a Secrets Manager interface VPC endpoint (recommended)"),
        cidr: ipv4Cidr.optional().describe("Or the network where that endpoint lives"),
      })
      .describe("Where the replication instance reads endpoint credentials on HTTPS: exactly one of securityGroupId and cidr"),
    targetEndpoint: z
      .strictObject({
        id: dmsId("an endpoint id").describe("Hackney target_endpoint_identifier; shared by every task"),
        sslMode,
        certificateArn: certificateArn.optional(),
        afterConnectScript: z.string().min(1).optional().describe("For example SET session_replication_role='replica'"),
        maxFileSize: z.number().int().min(1).max(1048576).optional().describe("KB per bulk-load file; default 32768"),
        executeTimeout: z.number().int().min(1).optional().describe("Seconds; default 60"),
        ...ENDPOINT_ENTRY_FIELDS,
      })
      .optional()
      .describe("The DMS endpoint of this environment's database; needed when a task's target is \"database\""),
    taskLogRetentionDays: z.number().int().default(30).describe("Days the created instance's task logs are kept"),
    premigrationAssessment: z
      .strictObject({ forceDestroy: z.boolean().default(false).describe("Let destroy delete the results bucket with its objects") })
      .optional()
      .describe("An S3 bucket (environment key, TLS only) and a DMS role for premigration assessments (dms-migration assess)"),
    certificates: z
      .record(z.string().regex(/^[a-z][a-z0-9-]*$/, "a short lowercase name such as rds-ca"), certificateSchema)
      .optional()
      .describe("DMS certificates by name (terraform-aws-modules certificates): created from a PEM file or an existing ARN"),
  })
  .describe("DMS: the account roles, one replication instance (created or existing), and the target endpoint");


const capacityUnits = z.literal([...DMS_CAPACITY_UNITS]);

export const taskSchema = z
  .strictObject({
    id: dmsId("a task id").describe("Hackney replication_task_indentifier"),
    source: z.string().min(1).describe("Key of the source in sources"),
    target: z.string().min(1).default("database").describe("\"database\" (this environment's database) or the key of a target in targets"),
    migrationType: z.enum(MIGRATION_TYPES),
    startOnCreate: z.boolean().optional().describe("Start the task when it is created and resume it after each change; default true for cdc and full-load-and-cdc, false for full-load"),
    keepStopped: z.boolean().default(false).describe("Keep the task stopped on purpose (a cutover): Terraform stops it if it runs and never starts it"),
    cdcStartTime: z.string().optional(),
    cdcStartPosition: z.string().optional(),
    tableMappings: z
      .union([z.array(tableMappingRuleSchema).min(1), awsTableMappingsSchema])
      .describe("Selection, transformation and table-settings rules, in order; or AWS's own {\"rules\": [...]} pasted as it is"),
    settings: taskSettingsOverridesSchema.optional().describe("Overrides of the default task settings (or, with settingsAsWritten, the whole settings)"),
    settingsAsWritten: z
      .boolean()
      .default(false)
      .describe("Send settings exactly as written, with none of the library's defaults added (a team's or AWS's saved task_settings.json)"),
    validation: z.boolean().default(false).describe("Compare source and target row by row (needs keys on both sides)"),
    schedule: z
      .strictObject({
        expression: z.string().min(1).describe("rate(1 day) or cron(0 2 * * ? *)"),
        timeZone: z.string().min(1).default("UTC").describe("IANA time zone of a cron expression, such as Europe/London"),
        startType: z.enum(["reload-target", "start-replication"]).default("reload-target"),
        enabled: z.boolean().default(true),
      })
      .optional()
      .describe("Run a full-load task on a schedule, through EventBridge Scheduler"),
    serverless: z
      .strictObject({
        minCapacityUnits: capacityUnits.default(1),
        maxCapacityUnits: capacityUnits,
        multiAz: z.boolean().default(false).describe("Required in production"),
        additionalSecurityGroupIds,
        subnetGroupName: z
          .string()
          .regex(/^[a-z0-9._ -]{1,255}$/, "1-255 lowercase letters, digits, spaces, hyphens, periods and underscores")
          .refine((name) => name !== "default", "not \"default\"")
          .optional()
          .describe("The subnet group's name; default dms-replication-subnet-group-<task id>"),
        subnetGroupDescription: z.string().min(1).max(255).optional().describe("Default: Replication subnet group for <projectName>"),
      })
      .optional()
      .describe("Run on DMS Serverless (no replication instance), scaling between these capacity units (1 DCU = 2 GB RAM)"),
    tags: checkedTagMap.optional().describe("Tags of this task (or serverless replication), besides the environment's"),
  })
  .describe("A replication task from one source into the target");

export type DmsConfig = z.output<typeof dmsSchema>;
export type TaskConfig = z.output<typeof taskSchema>;
