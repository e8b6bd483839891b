import { readFileSync } from "fs";
import { ENVIRONMENT_TIER_OUTPUT, EnvironmentTier } from "../modules/core/project-environment";

/**
 * What the operations commands need to know about one environment, read from its synthesized Terraform JSON
 * (`cdktf.out/stacks/<environment>/cdk.tf.json`): names and links only. ARNs are never read from here; they are
 * looked up through the AWS API by these names.
 */
export interface StackModel {
  readonly environment: string;
  /** The tier the stack was built for (its `environment_tier` output); a stack synthesized before it existed has none. */
  readonly tier?: EnvironmentTier;
  readonly region: string;
  readonly instances: readonly InstanceNode[];
  readonly endpoints: readonly EndpointNode[];
  readonly tasks: readonly TaskNode[];
  readonly buckets: readonly BucketNode[];
  readonly alarms: readonly AlarmNode[];
  readonly logGroups: readonly string[];
  readonly assessment?: AssessmentStorage;
}

export interface InstanceNode {
  /** Terraform address, or the ARN of an instance the stack does not own. */
  readonly ref: string;
  readonly id: string;
  readonly instanceClass?: string;
  readonly owned: boolean;
}

export interface EndpointNode {
  readonly ref: string;
  readonly id: string;
  readonly type: "source" | "target";
  readonly engine: string;
  readonly databaseName?: string;
  /** For an S3 target, the bucket it writes to and the folder. */
  readonly bucketRef?: string;
  readonly bucketFolder?: string;
}

export interface TaskNode {
  readonly ref: string;
  readonly id: string;
  /** `task`: a replication task on an instance; `serverless`: a DMS Serverless replication config. */
  readonly kind: "task" | "serverless";
  readonly migrationType: string;
  readonly sourceRef: string;
  readonly targetRef: string;
  /** The instance the task runs on (address or ARN); absent for serverless. */
  readonly instanceRef?: string;
  readonly capacity?: { readonly min?: number; readonly max?: number };
  readonly validation: boolean;
  /** TargetTablePrepMode of its settings (what a reload does to the target tables). */
  readonly targetTablePrepMode?: string;
  readonly schedules: readonly ScheduleNode[];
}

export interface ScheduleNode {
  readonly name: string;
  readonly expression: string;
  readonly timeZone?: string;
  readonly startType: string;
}

export interface BucketNode {
  readonly ref: string;
  /** The bucket name, or its prefix when AWS picks the rest. */
  readonly name: string;
}

export interface AlarmNode {
  readonly name: string;
  readonly metric: string;
  /** Addresses of what it watches: a task, the instance, or a database instance id. */
  readonly watches?: string;
  readonly dbInstanceId?: string;
}

/** The premigration-assessment bucket and role the stack declares, as written (tokens included). */
export interface AssessmentStorage {
  readonly bucket: string;
  readonly roleName: string;
  readonly kmsKeyRef?: string;
}

type Block = Record<string, unknown> & { "//"?: { metadata?: { path?: string } } };
type TerraformJson = {
  provider?: { aws?: { region?: string }[] };
  resource?: Record<string, Record<string, Block>>;
  output?: Record<string, { value?: unknown }>;
};

const REFERENCE = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+\}$/;

/** `${aws_x.Name.attr}` → `aws_x.Name`; anything else (a literal ARN) as it is. */
export function referenceOf(value: unknown): string {
  const text = String(value ?? "");
  return REFERENCE.exec(text)?.[1] ?? text;
}

/** Every Terraform address a string mentions (`aws_x.Name`), for expressions such as `${element(split(..., aws_x.Name.arn), 6)}`. */
function addressesIn(value: unknown): string[] {
  return [...String(value ?? "").matchAll(/\b(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+/g)].map((match) => match[1]);
}

export function readStackModel(file: string, environment: string): StackModel {
  return stackModelFrom(JSON.parse(readFileSync(file, "utf8")) as TerraformJson, environment);
}

export function stackModelFrom(json: TerraformJson, environment: string): StackModel {
  const resources = json.resource ?? {};
  const each = (type: string) => Object.entries(resources[type] ?? {}).map(([name, block]) => ({ ref: `${type}.${name}`, block }));
  const instances: InstanceNode[] = each("aws_dms_replication_instance").map(({ ref, block }) => ({
    ref,
    id: String(block.replication_instance_id),
    instanceClass: block.replication_instance_class as string | undefined,
    owned: true,
  }));
  const endpoints: EndpointNode[] = [
    ...each("aws_dms_endpoint").map(({ ref, block }) => ({
      ref,
      id: String(block.endpoint_id),
      type: block.endpoint_type as "source" | "target",
      engine: String(block.engine_name),
      databaseName: block.database_name as string | undefined,
    })),
    ...each("aws_dms_s3_endpoint").map(({ ref, block }) => ({
      ref,
      id: String(block.endpoint_id),
      type: (block.endpoint_type as "source" | "target" | undefined) ?? "target",
      engine: "s3",
      bucketRef: referenceOf(block.bucket_name),
      bucketFolder: block.bucket_folder as string | undefined,
    })),
  ];
  const schedules = each("aws_scheduler_schedule").map(({ block }) => {
    const target = (block.target ?? {}) as { input?: string };
    const input = JSON.parse(target.input ?? "{}") as { ReplicationTaskArn?: string; StartReplicationTaskType?: string };
    return {
      taskRef: referenceOf(input.ReplicationTaskArn),
      schedule: {
        name: String(block.name),
        expression: String(block.schedule_expression),
        timeZone: block.schedule_expression_timezone as string | undefined,
        startType: input.StartReplicationTaskType ?? "start-replication",
      },
    };
  });
  const schedulesOf = (ref: string) => schedules.filter((s) => s.taskRef === ref).map((s) => s.schedule);
  const tasks: TaskNode[] = [
    ...each("aws_dms_replication_task").map(({ ref, block }) => {
      const settings = JSON.parse(String(block.replication_task_settings ?? "{}")) as TaskSettingsView;
      const instanceRef = referenceOf(block.replication_instance_arn);
      if (!instanceRef.startsWith("aws_") && !instances.some((i) => i.ref === instanceRef)) {
        instances.push({ ref: instanceRef, id: instanceRef.split(":").pop() ?? instanceRef, owned: false });
      }
      return {
        ref,
        id: String(block.replication_task_id),
        kind: "task" as const,
        migrationType: String(block.migration_type),
        sourceRef: referenceOf(block.source_endpoint_arn),
        targetRef: referenceOf(block.target_endpoint_arn),
        instanceRef,
        validation: settings.ValidationSettings?.EnableValidation === true,
        targetTablePrepMode: settings.FullLoadSettings?.TargetTablePrepMode,
        schedules: schedulesOf(ref),
      };
    }),
    ...each("aws_dms_replication_config").map(({ ref, block }) => {
      const settings = JSON.parse(String(block.replication_settings ?? "{}")) as TaskSettingsView;
      const compute = (block.compute_config ?? {}) as { min_capacity_units?: number; max_capacity_units?: number };
      return {
        ref,
        id: String(block.replication_config_identifier),
        kind: "serverless" as const,
        migrationType: String(block.replication_type),
        sourceRef: referenceOf(block.source_endpoint_arn),
        targetRef: referenceOf(block.target_endpoint_arn),
        capacity: { min: compute.min_capacity_units, max: compute.max_capacity_units },
        validation: settings.ValidationSettings?.EnableValidation === true,
        targetTablePrepMode: settings.FullLoadSettings?.TargetTablePrepMode,
        schedules: schedulesOf(ref),
      };
    }),
  ];
  const buckets: BucketNode[] = each("aws_s3_bucket").map(({ ref, block }) => ({ ref, name: String(block.bucket ?? block.bucket_prefix ?? ref) }));
  const alarms: AlarmNode[] = each("aws_cloudwatch_metric_alarm").map(({ block }) => {
    const dimensions = (block.dimensions ?? {}) as Record<string, string>;
    const watched = addressesIn(dimensions.ReplicationTaskIdentifier)[0];
    const instance = dimensions.ReplicationInstanceIdentifier;
    return {
      name: String(block.alarm_name),
      metric: String(block.metric_name),
      watches: watched ?? (instance ? instances.find((i) => i.id === instance)?.ref : undefined),
      dbInstanceId: dimensions.DBInstanceIdentifier,
    };
  });
  const logGroups = each("aws_cloudwatch_log_group").map(({ block }) => String(block.name));
  const tier = json.output?.[ENVIRONMENT_TIER_OUTPUT]?.value;
  return {
    environment,
    tier: tier === "production" || tier === "non-production" ? tier : undefined,
    region: json.provider?.aws?.[0]?.region ?? "",
    instances,
    endpoints,
    tasks,
    buckets,
    alarms,
    logGroups,
    assessment: assessmentOf(each),
  };
}

interface TaskSettingsView {
  readonly ValidationSettings?: { readonly EnableValidation?: boolean };
  readonly FullLoadSettings?: { readonly TargetTablePrepMode?: string };
}

function assessmentOf(each: (type: string) => { ref: string; block: Block }[]): AssessmentStorage | undefined {
  const underAssessment = (block: Block, leaf: string) => (block["//"]?.metadata?.path ?? "").endsWith(`/PremigrationAssessment/${leaf}`);
  const bucket = each("aws_s3_bucket").find(({ block }) => underAssessment(block, "Bucket/Bucket"));
  const role = each("aws_iam_role").find(({ block }) => underAssessment(block, "Role"));
  if (!bucket || !role) return undefined;
  const encryption = each("aws_s3_bucket_server_side_encryption_configuration").find(({ block }) => underAssessment(block, "Bucket/Encryption"));
  const rule = (encryption?.block.rule as { apply_server_side_encryption_by_default?: { kms_master_key_id?: string } }[] | undefined)?.[0];
  return {
    bucket: String(bucket.block.bucket),
    roleName: String(role.block.name),
    kmsKeyRef: rule?.apply_server_side_encryption_by_default?.kms_master_key_id,
  };
}

/** Tasks that capture changes (a reload of one loses its CDC position). */
export function capturesChanges(migrationType: string): boolean {
  return migrationType === "cdc" || migrationType === "full-load-and-cdc";
}
