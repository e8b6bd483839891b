import { z } from "zod";
import { MIGRATION_TYPES } from "../../dms/migration-type";
import { DMS_CAPACITY_UNITS, SERVERLESS_REPLICATION_DEFAULTS, type ServerlessReplicationProps } from "../../dms/serverless-replication";
import type { ReplicationTaskScheduleProps } from "../../dms/replication-task-schedule";
import type { ReplicationTaskProps } from "../../dms/replication-task";
import { taskSettingsOverridesSchema } from "../../dms/task-settings";
import { awsTableMappingsSchema, tableMappingRuleSchema } from "../../dms/table-mappings";
import { checkedTagMap, dmsCertificateArn, existingDmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, securityGroupId, weeklyWindow } from "../../core/identifiers";
import { ENDPOINT_ENTRY_FIELDS, RenamedKeys, Same } from "../../dms/endpoints/entry-schema";
import type { ExistingReplicationInstanceAttributes, ReplicationInstanceProps } from "../../dms/replication-instance";
import type { ProjectEnvironment } from "../../core/project-environment";
import type { PostgresTargetEndpointProps, PostgresTargetSettings } from "../../dms/targets/postgres/endpoint";


const certificateArn = dmsCertificateArn;

/** The name and description of the replication subnet group the stack makes for an instance or a serverless replication. */
const subnetGroupName = z
  .string()
  .regex(/^[a-z0-9._ -]{1,255}$/, "1-255 lowercase letters, digits, spaces, hyphens, periods and underscores")
  .refine((name) => name !== "default", "not \"default\"")
  .optional();
const subnetGroupDescription = z.string().min(1).max(255).optional().describe("Default: Replication subnet group for <projectName>");

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

const dmsEngineVersion = z.string().regex(/^\d+\.\d+\.\d+$/, "a DMS engine version such as 3.6.1");
const dmsInstanceClass = z.string().regex(/^dms\.[a-z0-9]+\.[a-z0-9]+$/, "a DMS instance class such as dms.t3.medium");
const instanceStorage = z.number().int().min(5).max(6144);

/** `ReplicationInstanceProps` by the same names, less the wiring the stack adds (see `INSTANCE_WIRING`). */
const replicationInstanceSchema = z
  .strictObject({
    replicationInstanceId: dmsId("a replication instance id").describe("Hackney replication_instance_identifier, such as staging-dms-instance"),
    instanceClass: dmsInstanceClass,
    engineVersion: dmsEngineVersion.describe("Pinned; automatic minor upgrades are off"),
    allocatedStorage: z.number().optional().describe("GiB, 5 to 6144; default 50"),
    multiAz: z.boolean().optional().describe("Required in production; default false"),
    kmsKeyArn: kmsKeyArn.optional().describe("Default: the environment's key, or the AWS managed key"),
    preferredMaintenanceWindow: weeklyWindow.optional(),
    allowMajorVersionUpgrade: z.boolean().optional().describe("Default false"),
    autoMinorVersionUpgrade: z
      .boolean()
      .optional()
      .describe("Let AWS apply minor engine versions (Security Hub DMS.6); default false, so the pinned engineVersion stays true"),
    applyImmediately: z.boolean().optional().describe("Default false"),
    publiclyAccessible: z.boolean().optional().describe("Must stay false (Hackney's variable; the instance is always private)"),
    subnetGroupName: subnetGroupName.describe("The replication subnet group's name (terraform-aws-modules repl_subnet_group_name); default dms-replication-subnet-group-<id>"),
    subnetGroupDescription,
    additionalSecurityGroupIds,
    additionalTags: checkedTagMap.optional().describe("Tags of the instance, besides the environment's"),
  })
  .describe("A replication instance created by this stack (Hackney dms_full_setup)");

/** `ExistingReplicationInstanceAttributes` by the same names. */
const existingReplicationInstanceSchema = z
  .strictObject({
    replicationInstanceArn: z.string().regex(/^arn:aws[a-z-]*:dms:[a-z0-9-]+:\d{12}:rep:[A-Za-z0-9-]+$/, "a replication instance ARN"),
    securityGroupId,
    replicationInstanceId: dmsId("a replication instance id").optional().describe("Its name, for alarms on its metrics"),
    engineVersion: dmsEngineVersion.optional(),
    allocatedStorage: instanceStorage.optional().describe("GiB, for a storage alarm"),
    instanceClass: dmsInstanceClass.optional().describe("For a memory alarm"),
  })
  .describe("An instance that already exists (Hackney dms_setup_existing_instance)");

/** What the stack gives a replication instance besides its entry: the network, the account roles, task logs, the context. */
type InstanceWiring = keyof ProjectEnvironment | "vpcId" | "subnetIds" | "accountRoles" | "taskLogKmsKeyArn" | "taskLogRetentionDays";

/**
 * `Same`, and the same keys too: `Same` alone takes `{ a?: T }` and `{ b?: T }` for the same type, so a renamed optional
 * prop would pass it.
 */
type SameEntry<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;

/** An entry's arrays, read-only as in props (zod's `.readonly()` would mark them read-only in the JSON Schema). */
type ReadonlyArrays<T> = { [K in keyof T]: T[K] extends infer V ? (V extends (infer U)[] ? readonly U[] : V) : never };

// The entries are their construct's props by the same names: these fail to compile when they drift apart.
const instanceMatchesProps: SameEntry<
  ReadonlyArrays<Omit<z.input<typeof replicationInstanceSchema>, "publiclyAccessible">>,
  Omit<ReplicationInstanceProps, InstanceWiring>
> = true;
const existingInstanceMatchesProps: SameEntry<z.input<typeof existingReplicationInstanceSchema>, ExistingReplicationInstanceAttributes> = true;
void instanceMatchesProps;
void existingInstanceMatchesProps;

/** The instance keys of releases before the entries took the props' names. */
export const REPLICATION_INSTANCE_RENAMED_KEYS: RenamedKeys = { id: "replicationInstanceId", maintenanceWindow: "preferredMaintenanceWindow", tags: "additionalTags" };
export const EXISTING_REPLICATION_INSTANCE_RENAMED_KEYS: RenamedKeys = { arn: "replicationInstanceArn", id: "replicationInstanceId" };

/** `PostgresTargetEndpointProps` by the same names, less the database (the environment's) and the context. */
const targetEndpointSchema = z
  .strictObject({
    endpointId: dmsId("an endpoint id").describe("Hackney target_endpoint_identifier; shared by every task"),
    sslMode: z.enum(["none", "require", "verify-ca", "verify-full"]).optional().describe("Default require"),
    certificateArn: certificateArn.optional(),
    kmsKeyArn: kmsKeyArn.optional().describe("Key of the endpoint and its secret; default: the environment's key, or AWS managed keys"),
    settings: z
      .strictObject({
        afterConnectScript: z.string().min(1).optional().describe("For example SET session_replication_role='replica'"),
        maxFileSize: z.number().int().min(1).max(1048576).optional().describe("KB per bulk-load file; default 32768"),
        executeTimeout: z.number().int().min(1).optional().describe("Seconds; default 60"),
        failTasksOnLobTruncation: z.boolean().optional().describe("Fail the task instead of truncating LOBs longer than its LOB limit; default false"),
      })
      .optional()
      .describe("The endpoint's typed PostgreSQL target settings"),
    additionalTags: checkedTagMap.optional().describe("Tags of this endpoint (and its secret), besides the environment's"),
    extraConnectionAttributes: ENDPOINT_ENTRY_FIELDS.extraConnectionAttributes,
  })
  .describe("The DMS endpoint of this environment's database");

/** The target endpoint keys of releases before the entry took the props' names. */
export const TARGET_ENDPOINT_RENAMED_KEYS: RenamedKeys = {
  id: "endpointId",
  tags: "additionalTags",
  afterConnectScript: "settings.afterConnectScript",
  maxFileSize: "settings.maxFileSize",
  executeTimeout: "settings.executeTimeout",
};

/** What the stack gives the target endpoint besides its entry: the environment's database, the secret policy, the context. */
type TargetEndpointWiring = keyof ProjectEnvironment | "database" | "secretRecoveryWindowInDays";
// The extra connection attributes are added to the endpoint the construct builds, as for every endpoint entry.
const targetEndpointMatchesProps: SameEntry<Omit<z.input<typeof targetEndpointSchema>, "extraConnectionAttributes">, Omit<PostgresTargetEndpointProps, TargetEndpointWiring>> = true;
const targetSettingsMatchProps: SameEntry<NonNullable<z.input<typeof targetEndpointSchema>["settings"]>, PostgresTargetSettings> = true;
void targetEndpointMatchesProps;
void targetSettingsMatchProps;

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
    targetEndpoint: targetEndpointSchema
      .optional()
      .describe("The DMS endpoint of this environment's database; needed when a task's target is \"database\""),
    taskLogRetentionDays: z.number().int().optional().describe("Days the created instance's task logs are kept; default 30"),
    premigrationAssessment: z
      .strictObject({ forceDestroy: z.boolean().optional().describe("Let destroy delete the results bucket with its objects; default false") })
      .optional()
      .describe("An S3 bucket (environment key, TLS only) and a DMS role for premigration assessments (dms-migration assess)"),
    certificates: z
      .record(z.string().regex(/^[a-z][a-z0-9-]*$/, "a short lowercase name such as rds-ca"), certificateSchema)
      .optional()
      .describe("DMS certificates by name (terraform-aws-modules certificates): created from a PEM file or an existing ARN"),
  })
  .describe("DMS: the account roles, one replication instance (created or existing), and the target endpoint");


const capacityUnits = z.literal([...DMS_CAPACITY_UNITS]);

/** `ReplicationTaskScheduleProps` by the same names, less the task it schedules. */
const scheduleSchema = z
  .strictObject({
    expression: z.string().min(1).describe("rate(1 day) or cron(0 2 * * ? *)"),
    timeZone: z.string().min(1).optional().describe("IANA time zone of a cron expression, such as Europe/London; default UTC"),
    startType: z.enum(["reload-target", "start-replication"]).optional().describe("Default reload-target"),
    enabled: z.boolean().optional().describe("Default true"),
  })
  .describe("Run a full-load task on a schedule, through EventBridge Scheduler");

/** `ServerlessReplicationProps` by the same names, less what the task entry and the stack give it. */
const serverlessSchema = z
  .strictObject({
    minCapacityUnits: capacityUnits.optional().describe(`Default ${SERVERLESS_REPLICATION_DEFAULTS.minCapacityUnits}`),
    maxCapacityUnits: capacityUnits,
    multiAz: z.boolean().optional().describe("Required in production; default false"),
    preferredMaintenanceWindow: weeklyWindow.optional(),
    additionalSecurityGroupIds,
    subnetGroupName: subnetGroupName.describe("The subnet group's name; default dms-replication-subnet-group-<task id>"),
    subnetGroupDescription,
  })
  .describe("Run on DMS Serverless (no replication instance), scaling between these capacity units (1 DCU = 2 GB RAM)");

/** What a serverless replication takes from its task entry and the stack rather than from its `serverless` entry. */
type ServerlessWiring =
  | keyof ProjectEnvironment
  | "replicationConfigId" | "migrationType" | "source" | "target" | "tableMappings" | "settings"
  | "vpcId" | "subnetIds" | "accountRoles" | "kmsKeyArn" | "startReplication" | "keepStopped" | "additionalTags";
const scheduleMatchesProps: SameEntry<z.input<typeof scheduleSchema>, Omit<ReplicationTaskScheduleProps, keyof ProjectEnvironment | "task">> = true;
const serverlessMatchesProps: SameEntry<ReadonlyArrays<z.input<typeof serverlessSchema>>, Omit<ServerlessReplicationProps, ServerlessWiring>> = true;
void scheduleMatchesProps;
void serverlessMatchesProps;

export const taskSchema = z
  .strictObject({
    replicationTaskId: dmsId("a task id").describe("Hackney replication_task_indentifier (a serverless replication's replicationConfigId)"),
    source: z.string().min(1).describe("Key of the source in sources"),
    target: z.string().min(1).default("database").describe("\"database\" (this environment's database) or the key of a target in targets"),
    migrationType: z.enum(MIGRATION_TYPES),
    startReplicationTask: z.boolean().optional().describe("Start the task (or serverless replication) when it is created and resume it after each change; default true for cdc and full-load-and-cdc, false for full-load"),
    keepStopped: z.boolean().optional().describe("Keep the task stopped on purpose (a cutover): Terraform stops it if it runs and never starts it; default false"),
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
    validation: z.boolean().optional().describe("Compare source and target row by row (needs keys on both sides); default false"),
    schedule: scheduleSchema.optional(),
    serverless: serverlessSchema.optional(),
    additionalTags: checkedTagMap.optional().describe("Tags of this task (or serverless replication), besides the environment's"),
  })
  .describe("A replication task from one source into the target");

/** The task keys of releases before the entry took `ReplicationTaskProps`' names. */
export const TASK_RENAMED_KEYS: RenamedKeys = { id: "replicationTaskId", startOnCreate: "startReplicationTask", tags: "additionalTags" };

/**
 * What a task entry names rather than holds (its endpoints by key, table mappings and settings as JSON, which the
 * stack builds into objects), and what only the file has (`target`'s default, `settingsAsWritten`, the sub-entries).
 */
type TaskEntryOnly = "source" | "target" | "tableMappings" | "settings" | "settingsAsWritten" | "schedule" | "serverless";
const taskMatchesProps: SameEntry<Omit<z.input<typeof taskSchema>, TaskEntryOnly>, Omit<ReplicationTaskProps, keyof ProjectEnvironment | "replicationInstance" | TaskEntryOnly>> = true;
void taskMatchesProps;

export type DmsConfig = z.output<typeof dmsSchema>;
export type TaskConfig = z.output<typeof taskSchema>;
