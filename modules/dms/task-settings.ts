import { deepFreeze } from "../core/deep-freeze";
import { z } from "zod";
import { PathSegment, Problem, formatPath, renderValue } from "../core/problem";
import { problemsFromIssues } from "../core/schema-problems";
import { compareVersions } from "../postgres/engine-version";

// Task settings JSON of `aws_dms_replication_task.replication_task_settings` (AWS provider 5.100.0), with
// AWS's section and key names. Sources:
// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.html and the
// provider's comparison and checks of the JSON
// (https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/dms/task_settings_json.go).
// Ranges are only enforced where AWS documents them; other counts must be whole numbers of at least 0.

const LOG_COMPONENTS = [
  "SOURCE_UNLOAD",
  "SOURCE_CAPTURE",
  "TARGET_LOAD",
  "TARGET_APPLY",
  "TASK_MANAGER",
  "TABLES_MANAGER",
  "METADATA_MANAGER",
  "FILE_FACTORY",
  "COMMON",
  "ADDONS",
  "DATA_STRUCTURE",
  "COMMUNICATION",
  "FILE_TRANSFER",
  "SORTER",
  "TRANSFORMATION",
  "VALIDATOR",
  "VALIDATOR_EXT",
  "IO",
  "PERFORMANCE",
  "REST_SERVER",
] as const;

const LOG_SEVERITIES = [
  "LOGGER_SEVERITY_ERROR",
  "LOGGER_SEVERITY_WARNING",
  "LOGGER_SEVERITY_INFO",
  "LOGGER_SEVERITY_DEFAULT",
  "LOGGER_SEVERITY_DEBUG",
  "LOGGER_SEVERITY_DETAILED_DEBUG",
] as const;

const RECORD_POLICIES = ["IGNORE_RECORD", "LOG_ERROR", "SUSPEND_TABLE", "STOP_TASK"] as const;
const TABLE_POLICIES = ["SUSPEND_TABLE", "STOP_TASK"] as const;

const flag = () => z.boolean().optional();
const count = () => z.int().min(0).optional();

/**
 * A section as AWS saves it: each key may also be `null`, which AWS writes for a key it leaves unset. A null key
 * is normalised away (never sent); in {@link TaskSettings.with} it removes that key from the base settings.
 */
function section<S extends Record<string, z.ZodType>>(shape: S): z.ZodObject<{ [K in keyof S]: z.ZodNullable<S[K]> }, z.core.$strict> {
  const nullable = Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.nullable()]));
  return z.strictObject(nullable) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodNullable<S[K]> }, z.core.$strict>;
}

/**
 * A key that is always refused, with its own message. It stays in the shape (rather than being just an
 * unknown key) so that every schema embedding this one, such as the environment file's, reports why.
 * Typed `never` so TypeScript callers are stopped at compile time too; `not: {}` makes editors flag it.
 */
function refused(message: string): z.ZodOptional<z.ZodType<never, never>> {
  // null passes: it is how AWS saves a key it leaves unset, and it is never sent.
  const schema = z.unknown().refine((value) => value === null, { message }) as unknown as z.ZodType<never, never>;
  return schema.optional().meta({ not: {}, description: message });
}

const READ_ONLY_LOG_KEY =
  "read-only: DMS names the task's log group and stream itself, and the AWS provider rejects this key from 5.46; allowed: leave it out or null, as AWS saves it (EnableLogging: true is enough)";

const targetMetadataSchema = section({
  TargetSchema: z.string().optional().describe("Target schema; empty keeps the source schema's name"),
  SupportLobs: flag().describe("Migrate LOB columns at all. AWS default true"),
  FullLobMode: flag().describe("Migrate every LOB whole, in LobChunkSize pieces; slow. AWS default false"),
  LobChunkSize: count().describe("KB, full LOB mode only; AWS advises keeping 64"),
  LimitedSizeLobMode: flag().describe("Truncate LOBs at LobMaxSize; AWS's preferred mode. AWS default true"),
  LobMaxSize: z.int().min(0).max(102400).optional().describe("KB, limited LOB mode: set it to the largest real LOB. AWS default 32"),
  InlineLobMaxSize: z.int().min(0).max(102400).optional().describe("KB, full LOB mode only: smaller LOBs are sent inline. AWS default 0"),
  LoadMaxFileSize: z.int().min(0).max(100000).optional().describe("KB of CSV per bulk load to PostgreSQL; 0 keeps the endpoint's maxFileSize"),
  ParallelLoadThreads: z.int().min(0).max(200).optional().describe("Full-load threads per table, for non-relational targets"),
  ParallelLoadBufferSize: z.int().min(0).max(1000).optional().describe("Records per parallel-load buffer"),
  ParallelLoadQueuesPerThread: count(),
  ParallelApplyThreads: count().describe("CDC apply threads, for DocumentDB, Kinesis, Kafka, OpenSearch and Redshift targets"),
  ParallelApplyBufferSize: count(),
  ParallelApplyQueuesPerThread: count(),
  BatchApplyEnabled: flag().describe("Batch-optimised CDC apply; needs a primary or unique key on the source. AWS default false"),
  TaskRecoveryTableEnabled: flag(),
});

const fullLoadSettingsSchema = section({
  TargetTablePrepMode: z.enum(["DO_NOTHING", "DROP_AND_CREATE", "TRUNCATE_BEFORE_LOAD"]).optional(),
  CreatePkAfterFullLoad: flag().describe("Create primary keys after the load, which is faster"),
  StopTaskCachedChangesNotApplied: flag(),
  StopTaskCachedChangesApplied: flag().describe("Pause after full load and cached changes, e.g. to add indexes before CDC"),
  MaxFullLoadSubTasks: z.int().min(1).max(49).optional().describe("Tables loaded in parallel. AWS default 8"),
  TransactionConsistencyTimeout: count().describe("Seconds to wait for open transactions before full load. AWS default 600"),
  CommitRate: z.int().min(1).max(50000).optional().describe("Records per full-load batch. AWS default 10000"),
  ParallelLoadThreads: refused(
    "belongs in TargetMetadata.ParallelLoadThreads: DMS moves it there, so every plan shows a change (https://github.com/hashicorp/terraform-provider-aws/issues/45376); allowed: set it under TargetMetadata",
  ),
});

const logComponentSchema = z.strictObject({
  Id: z.enum(LOG_COMPONENTS),
  Severity: z.enum(LOG_SEVERITIES),
});

const loggingSchema = section({
  EnableLogging: flag().describe("Send task logs to CloudWatch Logs; needs the dms-cloudwatch-logs-role. AWS default false"),
  EnableLogContext: flag().describe("Only together with EnableLogging: true"),
  LogComponents: z.array(logComponentSchema).optional().describe("Replaces the whole default list; each component once"),
  // DeleteTaskLogs is an action on a Modify call, not a setting DMS reports back: kept in configuration it
  // would show as a change on every plan, so it is refused as an unknown key.
  CloudWatchLogGroup: refused(READ_ONLY_LOG_KEY),
  CloudWatchLogStream: refused(READ_ONLY_LOG_KEY),
});

const controlTablesSettingsSchema = section({
  ControlSchema: z.string().optional().describe("Target schema of the awsdms_* control tables"),
  HistoryTimeslotInMinutes: count(),
  historyTimeslotInMinutes: count().describe("AWS's saved settings repeat HistoryTimeslotInMinutes under this name; normalised into it"),
  HistoryTableEnabled: flag(),
  SuspendedTablesTableEnabled: flag(),
  StatusTableEnabled: flag(),
  FullLoadExceptionTableEnabled: flag(),
});

const streamBufferSettingsSchema = section({
  StreamBufferCount: count(),
  StreamBufferSizeInMB: count().describe("Raise it for large LOBs or wide rows"),
  CtrlStreamBufferSizeInMB: count(),
});

const changeProcessingTuningSchema = section({
  BatchApplyPreserveTransaction: flag().describe("Oracle targets only"),
  BatchApplyTimeoutMin: count().describe("Seconds"),
  BatchApplyTimeoutMax: count().describe("Seconds"),
  BatchApplyMemoryLimit: count().describe("MB"),
  BatchSplitSize: count().describe("Changes per batch; 0 means no limit"),
  MinTransactionSize: count(),
  CommitTimeout: count().describe("Seconds"),
  MemoryLimitTotal: count().describe("MB of in-flight transactions before they spill to disk"),
  MemoryKeepTime: count().describe("Seconds a transaction stays in memory before it spills to disk"),
  StatementCacheSize: z.int().min(0).max(200).optional().describe("Prepared statements cached on the target. AWS default 50"),
});

const changeProcessingDdlHandlingPolicySchema = section({
  HandleSourceTableDropped: flag(),
  HandleSourceTableTruncated: flag(),
  HandleSourceTableAltered: flag(),
});

const errorBehaviorSchema = section({
  DataErrorPolicy: z.enum(RECORD_POLICIES).optional(),
  DataTruncationErrorPolicy: z.enum(RECORD_POLICIES).optional(),
  DataMaskingErrorPolicy: z
    .enum(RECORD_POLICIES)
    .optional()
    .describe("When a data-masking rule cannot mask a value (an incompatible type, say). AWS example STOP_TASK"),
  DataErrorEscalationPolicy: z.enum(TABLE_POLICIES).optional(),
  DataErrorEscalationCount: count().describe("0 means no escalation"),
  EventErrorPolicy: z.enum(["IGNORE", "STOP_TASK"]).optional().describe("When sending a task event fails"),
  TableErrorPolicy: z.enum(TABLE_POLICIES).optional(),
  TableErrorEscalationPolicy: z.enum(["STOP_TASK"]).optional(),
  TableErrorEscalationCount: count(),
  RecoverableErrorCount: z.int().min(-1).optional().describe("-1 retries forever, 0 never"),
  RecoverableErrorInterval: count().describe("Seconds"),
  RecoverableErrorThrottling: flag(),
  RecoverableErrorThrottlingMax: count().describe("Seconds"),
  RecoverableErrorStopRetryAfterThrottlingMax: flag(),
  RecoveryTimeout: z.int().min(-1).optional().describe("As AWS's saved settings carry it; -1 is AWS's value"),
  ApplyErrorDeletePolicy: z.enum(RECORD_POLICIES).optional(),
  ApplyErrorInsertPolicy: z.enum([...RECORD_POLICIES, "INSERT_RECORD"]).optional().describe("INSERT_RECORD updates the existing row"),
  ApplyErrorUpdatePolicy: z.enum([...RECORD_POLICIES, "UPDATE_RECORD"]).optional().describe("UPDATE_RECORD inserts the missing row"),
  ApplyErrorEscalationPolicy: z.enum(["LOG_ERROR", "SUSPEND_TABLE", "STOP_TASK"]).optional(),
  ApplyErrorEscalationCount: count(),
  ApplyErrorFailOnTruncationDdl: flag(),
  FailOnNoTablesCaptured: flag(),
  FailOnTransactionConsistencyBreached: flag(),
  FullLoadIgnoreConflicts: flag(),
});

// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.DataValidation.html
const validationSettingsSchema = section({
  EnableValidation: flag().describe("Row-by-row compare of source and target; needs a primary key or unique index on both"),
  ValidationMode: z
    .enum(["ROW_LEVEL", "GROUP_LEVEL"])
    .optional()
    .describe("ROW_LEVEL; from DMS 3.5.4, DMS sets GROUP_LEVEL itself on the paths it supports (those of data resync)"),
  ThreadCount: z.int().min(1).optional().describe("Validation threads. AWS default 5"),
  PartitionSize: z.int().min(1).optional().describe("Records compared per batch. AWS default 10000"),
  FailureMaxCount: count().describe("Failed records before validation of the task is suspended. AWS default 10000"),
  TableFailureMaxCount: count().describe("Failed tables before validation of the task is suspended. AWS default 1000"),
  RecordFailureDelayInMinutes: count().describe("Minutes before a failed record is checked again. AWS default 5"),
  RecordSuspendDelayInMinutes: count().describe("Minutes before a suspended table is checked again. AWS default 30"),
  RecordFailureDelayLimitInMinutes: count().describe("Minutes a record may lag before it fails. AWS default 0 (DMS decides)"),
  MaxKeyColumnSize: count().describe("Longest key DMS validates, in bytes. AWS default 8096"),
  ValidationOnly: flag().describe("A validation-only task; needs TargetTablePrepMode DO_NOTHING and cannot change after creation"),
  HandleCollationDiff: flag().describe("Account for PostgreSQL collation when comparing"),
  SkipLobColumns: flag().describe("Leave LOB columns out of the comparison"),
  ValidationPartialLobSize: count().describe("KB of each LOB compared; 0 compares whole LOBs"),
  ValidationQueryCdcDelaySeconds: z.int().min(0).max(120).optional().describe("Seconds the first CDC validation query waits; AWS suggests up to 120"),
});

// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.DataResyncSettings.html (DMS 3.6.1+)
const resyncSettingsSchema = section({
  EnableResync: z.boolean().optional().describe("Fix the rows validation found different. AWS default false; required in this section"),
  ResyncSchedule: z.string().min(1).optional().describe("When resync may run, a cron expression such as \"30 9 ? * MON-FRI\"; CDC tasks only"),
  MaxResyncTime: z.int().min(5).max(14400).optional().describe("Longest resync window in minutes, 5 to 14400; CDC tasks only"),
  ValidationTaskId: z.string().min(1).optional().describe("The validation-only task whose failures are fixed, when this task does not validate"),
});

const beforeImageSettingsSchema = section({
  EnableBeforeImage: flag(),
  FieldName: z.string().optional(),
  ColumnFilter: z.enum(["pk-only", "non-lob", "all"]).optional(),
});

const codePoint = z.int().min(0).max(0x10ffff);

// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.CharacterSubstitution.html
const characterSetSettingsSchema = section({
  CharacterReplacements: z
    .array(z.strictObject({ SourceCharacterCodePoint: codePoint, TargetCharacterCodePoint: codePoint }))
    .optional()
    .describe("Characters replaced on the way to the target, by Unicode code point; each source character once"),
  CharacterSetSupport: z
    .strictObject({
      CharacterSet: z.string().min(1).describe("Such as UTF16_PlatformEndian"),
      ReplaceWithCharacterCodePoint: codePoint.describe("Replaces characters the character set cannot hold; 0 drops them"),
    })
    .optional(),
});

const TT_OPERATIONS = ["INSERT", "UPDATE", "DELETE", "COMMIT", "ROLLBACK", "ALL"];

// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.TimeTravel.html
const ttSettingsSchema = section({
  EnableTT: flag().describe("Time Travel: log the task's changes to S3"),
  FailTaskOnTTFailure: flag(),
  TTS3Settings: section({
    EncryptionMode: z.enum(["SSE_KMS", "SSE_S3"]).optional(),
    ServerSideEncryptionKmsKeyId: z.string().min(1).optional().describe("The KMS key ARN, with SSE_KMS"),
    ServiceAccessRoleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "an IAM role ARN").optional(),
    BucketName: z.string().min(3).optional(),
    BucketFolder: z.string().min(1).optional(),
    EnableDeletingFromS3OnTaskDelete: flag(),
  }).optional(),
  TTRecordSettings: section({
    EnableRawData: flag(),
    OperationsToLog: z
      .string()
      .refine((value) => value.split(",").every((operation) => TT_OPERATIONS.includes(operation.trim())), {
        message: `comma-separated ${TT_OPERATIONS.join(", ")}`,
      })
      .optional()
      .describe("Such as \"DELETE,UPDATE\""),
    MaxRecordSize: z.int().min(1).optional().describe("KB. AWS default 64"),
  }).optional(),
});

// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.html (bidirectional replication)
const loopbackPreventionSettingsSchema = section({
  EnableLoopbackPrevention: flag(),
  SourceSchema: z.string().min(1).optional().describe("Schema of the loopback table on the source"),
  TargetSchema: z.string().min(1).optional().describe("Schema of the loopback table on the target"),
});

// The order here is the order of `toJson()`.
const SECTIONS = {
  TargetMetadata: targetMetadataSchema,
  FullLoadSettings: fullLoadSettingsSchema,
  Logging: loggingSchema,
  ControlTablesSettings: controlTablesSettingsSchema,
  StreamBufferSettings: streamBufferSettingsSchema,
  ChangeProcessingTuning: changeProcessingTuningSchema,
  ChangeProcessingDdlHandlingPolicy: changeProcessingDdlHandlingPolicySchema,
  ErrorBehavior: errorBehaviorSchema,
  ValidationSettings: validationSettingsSchema,
  ResyncSettings: resyncSettingsSchema,
  BeforeImageSettings: beforeImageSettingsSchema,
  CharacterSetSettings: characterSetSettingsSchema,
  TTSettings: ttSettingsSchema,
  LoopbackPreventionSettings: loopbackPreventionSettingsSchema,
  PostProcessingRules: z
    .null()
    .describe("AWS saves null here and documents no other value; accepted as null and never sent"),
  FailTaskWhenCleanTaskResourceFailed: z.boolean().describe("Fail the task when DMS cannot clean up its resources after it. AWS default false"),
};

/**
 * Overrides of DMS replication-task settings: AWS's section and key names, every key optional, unknown
 * keys refused. Embedded by the environment-file schema for per-task overrides.
 */
export const taskSettingsOverridesSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(SECTIONS).map(([name, schema]) => [name, (schema as z.ZodType).nullable().optional()])) as {
      [K in keyof typeof SECTIONS]: z.ZodOptional<z.ZodNullable<(typeof SECTIONS)[K]>>;
    },
  )
  .describe("DMS task settings by AWS section and key; over the defaults each section is merged, null removes a section or key");

// Only for listing allowed keys in messages: the refused keys are never "allowed".
const allowedKeysSchema = taskSettingsOverridesSchema.extend({
  FullLoadSettings: fullLoadSettingsSchema.omit({ ParallelLoadThreads: true }).optional(),
  Logging: loggingSchema.omit({ CloudWatchLogGroup: true, CloudWatchLogStream: true }).optional(),
});

/** Task-settings overrides as written: AWS section and key names, every key optional. */
export type TaskSettingsOverrides = z.input<typeof taskSettingsOverridesSchema>;

type Parsed = z.output<typeof taskSettingsOverridesSchema>;
/** Without the nulls AWS's saved settings carry: they are removed before anything reads the values. */
type Settled<T> = T extends readonly (infer E)[]
  ? Settled<E>[]
  : T extends object
    ? { [K in keyof T as null extends T[K] ? (Exclude<T[K], null | undefined> extends never ? never : K) : never]?: Settled<Exclude<T[K], null | undefined>> } & {
        [K in keyof T as null extends T[K] ? never : K]: Settled<T[K]>;
      }
    : T;
type DeepReadonly<T> = T extends readonly (infer E)[]
  ? ReadonlyArray<DeepReadonly<E>>
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
type Settings = Settled<Parsed>;

/** The settings a task gets, section by section; only the keys that are set. */
export type TaskSettingsValues = DeepReadonly<Settings>;

/** Task settings cannot be used; the message has one line per problem: path = bad value: what is allowed. */
export class TaskSettingsError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((problem) => `${problem.path} = ${problem.value}: ${problem.message}`).join("\n"));
    this.name = "TaskSettingsError";
  }
}

/*
 * Defaults: the `task_settings.json` template shared by Hackney's callers of
 * https://github.com/LBHackney-IT/aws-dms-terraform, for example
 * https://github.com/LBHackney-IT/housing-resident-information-api/blob/668e0d6bf49ab7432adc61362de00922010c57ff/terraform/staging/task_settings.json,
 * corrected:
 * - `Logging.CloudWatchLogGroup` / `CloudWatchLogStream` (null in the template) are dropped: they are
 *   read-only, DMS names the log group itself, and provider 5.46+ rejects the keys even as null.
 * - `TargetMetadata.ParallelLoadThreads: 0` is dropped: 0 is AWS's default, the key only matters for
 *   non-relational targets, and in the wrong section (`FullLoadSettings`) it plans a change on every run
 *   (https://github.com/hashicorp/terraform-provider-aws/issues/45376).
 * - `EnableLogging` is true (the template's later value; it started as false): the task log is where DMS
 *   explains a suspended table or a failed task.
 * - No key is added beyond the template's: the provider compares only the keys given, so every extra key
 *   is one more chance of drift (task_settings_json.go, cited above).
 * The remaining values match AWS's advice (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_BestPractices.html
 * and the task-settings page above): limited LOB mode at 32 KB rather than the slow full LOB mode;
 * 8 parallel tables and 10000-row commits (raise on large instances); batch apply off, because SQL Server
 * sources often have tables without primary keys, which batch apply needs.
 * `TargetTablePrepMode` is always given because the API default when omitted is unconfirmed.
 */
const DEFAULTS: Settings = {
  TargetMetadata: { SupportLobs: true, FullLobMode: false, LimitedSizeLobMode: true, LobMaxSize: 32, BatchApplyEnabled: false },
  FullLoadSettings: { TargetTablePrepMode: "DROP_AND_CREATE", MaxFullLoadSubTasks: 8, TransactionConsistencyTimeout: 600, CommitRate: 10000 },
  Logging: {
    EnableLogging: true,
    LogComponents: (["SOURCE_UNLOAD", "SOURCE_CAPTURE", "TARGET_LOAD", "TARGET_APPLY", "TASK_MANAGER"] as const).map((Id) => ({
      Id,
      Severity: "LOGGER_SEVERITY_DEFAULT" as const,
    })),
  },
  ControlTablesSettings: { HistoryTableEnabled: false, SuspendedTablesTableEnabled: false, StatusTableEnabled: false },
  StreamBufferSettings: { StreamBufferCount: 3, StreamBufferSizeInMB: 8, CtrlStreamBufferSizeInMB: 5 },
  ChangeProcessingTuning: {
    BatchApplyTimeoutMin: 1,
    BatchApplyTimeoutMax: 30,
    BatchApplyMemoryLimit: 500,
    MinTransactionSize: 1000,
    CommitTimeout: 1,
    MemoryLimitTotal: 1024,
    MemoryKeepTime: 60,
    StatementCacheSize: 50,
  },
  ChangeProcessingDdlHandlingPolicy: { HandleSourceTableDropped: true, HandleSourceTableTruncated: true, HandleSourceTableAltered: true },
  ErrorBehavior: {
    DataErrorPolicy: "LOG_ERROR",
    TableErrorPolicy: "SUSPEND_TABLE",
    TableErrorEscalationPolicy: "STOP_TASK",
    RecoverableErrorCount: -1,
    ApplyErrorDeletePolicy: "IGNORE_RECORD",
    ApplyErrorInsertPolicy: "LOG_ERROR",
    ApplyErrorUpdatePolicy: "LOG_ERROR",
    FullLoadIgnoreConflicts: true,
  },
};

/**
 * The settings of one DMS replication task (`replicationTaskSettings`), validated and immutable. Start
 * from {@link TaskSettings.defaults} and change sections with {@link TaskSettings.with}; pass
 * {@link TaskSettings.toJson} to the task. Only keys that are set are emitted, because the provider
 * compares only the keys given and anything more can drift.
 */
export class TaskSettings {
  /**
   * The Hackney `task_settings.json` template without its read-only `CloudWatchLogGroup`/`CloudWatchLogStream`
   * and its `ParallelLoadThreads`, with logging on: limited LOB mode at 32 KB, `DROP_AND_CREATE`, 8 tables
   * in parallel, 10000-row commits, no batch apply, errors logged, recoverable errors retried forever.
   */
  static defaults(): TaskSettings {
    return new TaskSettings(DEFAULTS);
  }

  /**
   * Settings exactly as a team has them (a saved `task_settings.json`, an adopted task's settings): only what is
   * written is sent, nothing of {@link TaskSettings.defaults} is added. Checked like {@link with}; keys AWS saves
   * as `null` and its lower-case `historyTimeslotInMinutes` echo are normalised away rather than refused.
   * @throws TaskSettingsError listing every unknown key, bad value and conflicting combination
   */
  static asWritten(settings: TaskSettingsOverrides): TaskSettings {
    return new TaskSettings({}).with(settings);
  }

  /** The settings, section by section, in the order they are emitted. Frozen. */
  readonly values: TaskSettingsValues;

  private constructor(values: Settings) {
    const settled = canonical(values);
    const problems = crossFieldProblems(settled);
    if (problems.length > 0) throw new TaskSettingsError(problems);
    this.values = deepFreeze(settled);
  }

  /**
   * New settings with `overrides` merged over these, section by section: a key given replaces that key
   * only, an array (such as `Logging.LogComponents`) replaces the whole array, a new section is added.
   * @throws TaskSettingsError listing every unknown key, bad value and conflicting combination
   */
  with(overrides: TaskSettingsOverrides): TaskSettings {
    const parsed = taskSettingsOverridesSchema.safeParse(overrides);
    if (!parsed.success) throw new TaskSettingsError(problemsFromIssues(parsed.error.issues, overrides, allowedKeysSchema));
    const echo = historyTimeslotEcho(parsed.data);
    if (echo.length > 0) throw new TaskSettingsError(echo);
    return new TaskSettings(merge(this.values as Settings, parsed.data));
  }

  /** True when `Logging.EnableLogging` is: the task then needs the `dms-cloudwatch-logs-role`. */
  get loggingEnabled(): boolean {
    return this.values.Logging?.EnableLogging === true;
  }

  /** The JSON for `replicationTaskSettings`: sections and keys in a fixed order, no whitespace. */
  toJson(): string {
    return JSON.stringify(this.values);
  }
}

/**
 * Every problem of `overrides` merged over `base`, or none: for checks that collect problems (such as an
 * environment file's) rather than stop at the first throw. Paths are relative to the settings.
 * @param base @default TaskSettings.defaults()
 */
export function taskSettingsProblems(overrides: TaskSettingsOverrides, base: TaskSettings = TaskSettings.defaults()): Problem[] {
  try {
    base.with(overrides);
    return [];
  } catch (error) {
    if (error instanceof TaskSettingsError) return [...error.problems];
    throw error;
  }
}

/**
 * `overrides` over `base`: an object section is merged key by key (a null key removes that key), any other value
 * (an array, a top-level flag) replaces; a null section removes the section.
 */
function merge(base: Settings, overrides: Parsed): Settings {
  const merged: Record<string, unknown> = { ...base };
  for (const [name, given] of Object.entries(overrides)) {
    if (given === undefined) continue;
    const before = merged[name];
    if (!isPlainObject(given)) merged[name] = given;
    else {
      // A key given as undefined keeps the base's value.
      const keys = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
      merged[name] = isPlainObject(before) ? { ...before, ...keys } : keys;
    }
  }
  return merged as Settings;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object schema under optional/nullable wrappers, or undefined for any other schema. */
function objectShape(schema: z.core.$ZodType): Record<string, z.core.$ZodType> | undefined {
  let node = schema;
  for (;;) {
    const def = node._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType> };
    if (def.innerType) node = def.innerType;
    else return def.type === "object" ? def.shape : undefined;
  }
}

/** `value` with its object keys in schema order and every null or undefined key removed, at every depth. */
function ordered(schema: z.core.$ZodType | undefined, value: unknown): unknown {
  if (Array.isArray(value)) {
    const element = schema && (elementOf(schema) as z.core.$ZodType | undefined);
    return value.map((each) => ordered(element, each));
  }
  const shape = schema && objectShape(schema);
  if (!shape || !isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    if (value[key] !== undefined && value[key] !== null) result[key] = ordered(shape[key], value[key]);
  }
  return result;
}

function elementOf(schema: z.core.$ZodType): z.core.$ZodType | undefined {
  let node = schema;
  for (;;) {
    const def = node._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; element?: z.core.$ZodType };
    if (def.innerType) node = def.innerType;
    else return def.type === "array" ? def.element : undefined;
  }
}

/**
 * Sections and keys in schema order at every depth, nulls removed, AWS's lower-case history-timeslot echo folded
 * into its key, log components in a fixed order: the JSON never depends on input order or on how AWS saved it.
 */
function canonical(values: Settings): Settings {
  const raw = values as Record<string, unknown>;
  const control = raw.ControlTablesSettings as Record<string, unknown> | undefined;
  const folded =
    control && control.historyTimeslotInMinutes != null
      ? { ...raw, ControlTablesSettings: { ...control, HistoryTimeslotInMinutes: control.HistoryTimeslotInMinutes ?? control.historyTimeslotInMinutes, historyTimeslotInMinutes: undefined } }
      : raw;
  const result: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(SECTIONS)) {
    const given = folded[name];
    if (given === undefined || given === null) continue;
    const section = ordered(schema, given);
    // An empty section says nothing: it is not sent.
    if (!isPlainObject(section) || Object.keys(section).length > 0) result[name] = section;
  }
  const logging = result.Logging as { LogComponents?: z.output<typeof logComponentSchema>[] } | undefined;
  if (logging?.LogComponents) {
    // The provider keys components by Id, so their order means nothing to it.
    logging.LogComponents = [...logging.LogComponents].sort((a, b) => LOG_COMPONENTS.indexOf(a.Id) - LOG_COMPONENTS.indexOf(b.Id));
  }
  return result as Settings;
}

/** AWS saves `historyTimeslotInMinutes` beside `HistoryTimeslotInMinutes`; the two must agree to be folded into one. */
function historyTimeslotEcho(values: Parsed): Problem[] {
  const control = values.ControlTablesSettings;
  const echo = control?.historyTimeslotInMinutes;
  const key = control?.HistoryTimeslotInMinutes;
  if (echo == null || key == null || echo === key) return [];
  return [
    {
      path: "ControlTablesSettings.historyTimeslotInMinutes",
      value: renderValue(echo),
      message: `differs from ControlTablesSettings.HistoryTimeslotInMinutes (${key}); AWS saves one value under both names; allowed: the same value, or only HistoryTimeslotInMinutes`,
    },
  ];
}

/** Rules that span keys; checked on the merged settings, since a conflict can involve a default. */
function crossFieldProblems(values: Settings): Problem[] {
  const problems: Problem[] = [];
  const fail = (path: PathSegment[], value: unknown, message: string) =>
    problems.push({ path: formatPath(path), value: renderValue(value), message });
  const target = values.TargetMetadata ?? {};
  const logging = values.Logging ?? {};

  if (logging.EnableLogContext !== undefined && logging.EnableLogging !== true) {
    fail(
      ["Logging", "EnableLogContext"],
      logging.EnableLogContext,
      `allowed only with Logging.EnableLogging: true (it is ${renderValue(logging.EnableLogging)}); the AWS provider rejects the key otherwise, even as false`,
    );
  }
  const seen = new Set<string>();
  (logging.LogComponents ?? []).forEach((component, index) => {
    if (seen.has(component.Id)) {
      fail(["Logging", "LogComponents", index, "Id"], component.Id, "listed twice; allowed: each component once (the provider keys them by Id)");
    }
    seen.add(component.Id);
  });

  if (target.FullLobMode === true && target.LimitedSizeLobMode === true) {
    fail(
      ["TargetMetadata", "FullLobMode"],
      true,
      "not allowed together with TargetMetadata.LimitedSizeLobMode: true; allowed: one LOB mode (set LimitedSizeLobMode: false for full LOB mode)",
    );
  }
  if (target.SupportLobs === true && target.FullLobMode === false && target.LimitedSizeLobMode === false) {
    fail(["TargetMetadata", "SupportLobs"], true, "needs a LOB mode; allowed: FullLobMode: true or LimitedSizeLobMode: true, or SupportLobs: false");
  }
  if (target.BatchApplyEnabled === true && target.FullLobMode === true) {
    fail(
      ["TargetMetadata", "BatchApplyEnabled"],
      true,
      "not allowed with TargetMetadata.FullLobMode: true; AWS applies LOBs in batches only in limited LOB mode; allowed: LimitedSizeLobMode: true, or BatchApplyEnabled: false",
    );
  }
  if (target.InlineLobMaxSize !== undefined && target.InlineLobMaxSize !== 0 && target.FullLobMode !== true) {
    fail(
      ["TargetMetadata", "InlineLobMaxSize"],
      target.InlineLobMaxSize,
      `allowed only with TargetMetadata.FullLobMode: true (it is ${renderValue(target.FullLobMode)}); inline LOBs are a full LOB mode option`,
    );
  }

  const tuning = values.ChangeProcessingTuning ?? {};
  if (tuning.BatchApplyTimeoutMin !== undefined && tuning.BatchApplyTimeoutMax !== undefined && tuning.BatchApplyTimeoutMin > tuning.BatchApplyTimeoutMax) {
    fail(
      ["ChangeProcessingTuning", "BatchApplyTimeoutMin"],
      tuning.BatchApplyTimeoutMin,
      `larger than ChangeProcessingTuning.BatchApplyTimeoutMax (${tuning.BatchApplyTimeoutMax}); allowed: <= ${tuning.BatchApplyTimeoutMax}`,
    );
  }

  const prepMode = values.FullLoadSettings?.TargetTablePrepMode;
  const validation = values.ValidationSettings ?? {};
  if (validation.ValidationOnly === true && prepMode !== "DO_NOTHING") {
    fail(
      ["ValidationSettings", "ValidationOnly"],
      true,
      `needs FullLoadSettings.TargetTablePrepMode "DO_NOTHING" (it is ${renderValue(prepMode)}), so validation never changes the target; allowed: set both`,
    );
  }
  if (validation.ValidationOnly === true && validation.EnableValidation !== true) {
    fail(["ValidationSettings", "ValidationOnly"], true, "a validation-only task needs ValidationSettings.EnableValidation: true; allowed: set both");
  }
  if (validation.SkipLobColumns === true && (validation.ValidationPartialLobSize ?? 0) > 0) {
    fail(
      ["ValidationSettings", "ValidationPartialLobSize"],
      validation.ValidationPartialLobSize,
      "compares part of each LOB, but ValidationSettings.SkipLobColumns: true leaves LOBs out; allowed: one of the two",
    );
  }

  problems.push(...resyncProblems(values));

  const replacements = values.CharacterSetSettings?.CharacterReplacements ?? [];
  const sources = new Set<number>();
  replacements.forEach((replacement, index) => {
    if (sources.has(replacement.SourceCharacterCodePoint)) {
      fail(
        ["CharacterSetSettings", "CharacterReplacements", index, "SourceCharacterCodePoint"],
        replacement.SourceCharacterCodePoint,
        "replaced twice; allowed: each source character once",
      );
    }
    sources.add(replacement.SourceCharacterCodePoint);
  });

  const tt = values.TTSettings;
  if (tt?.EnableTT === true) {
    for (const key of ["BucketName", "ServiceAccessRoleArn"] as const) {
      if (tt.TTS3Settings?.[key] === undefined) {
        fail(["TTSettings", "TTS3Settings", key], undefined, "required with TTSettings.EnableTT: true: Time Travel writes its logs to that bucket with that role");
      }
    }
  }
  const s3 = tt?.TTS3Settings;
  if (s3?.EncryptionMode === "SSE_KMS" && s3.ServerSideEncryptionKmsKeyId === undefined) {
    fail(["TTSettings", "TTS3Settings", "ServerSideEncryptionKmsKeyId"], undefined, 'required with EncryptionMode "SSE_KMS"; allowed: the KMS key ARN');
  }
  if (s3?.ServerSideEncryptionKmsKeyId !== undefined && s3.EncryptionMode !== "SSE_KMS") {
    fail(
      ["TTSettings", "TTS3Settings", "ServerSideEncryptionKmsKeyId"],
      s3.ServerSideEncryptionKmsKeyId,
      `used only with EncryptionMode "SSE_KMS" (it is ${renderValue(s3.EncryptionMode)}); allowed: EncryptionMode "SSE_KMS", or no key`,
    );
  }

  const loopback = values.LoopbackPreventionSettings;
  if (loopback?.EnableLoopbackPrevention === true) {
    for (const key of ["SourceSchema", "TargetSchema"] as const) {
      if (loopback[key] === undefined) {
        fail(["LoopbackPreventionSettings", key], undefined, "required with EnableLoopbackPrevention: true: the schema of the loopback table DMS writes and reads");
      }
    }
  }
  return problems;
}

/** ResyncSettings rules that hold for any task (those that depend on the task are in {@link taskSettingsProblemsFor}). */
function resyncProblems(values: Settings): Problem[] {
  const resync = values.ResyncSettings;
  if (resync === undefined) return [];
  const problems: Problem[] = [];
  const validation = values.ValidationSettings ?? {};
  if (resync.EnableResync === undefined) {
    problems.push({
      path: "ResyncSettings.EnableResync",
      value: "(missing)",
      message: "required whenever ResyncSettings is given (AWS refuses the section without it); allowed: true or false",
    });
  }
  if (resync.EnableResync !== true) return problems;
  if (resync.ResyncSchedule !== undefined) {
    const cron = cronProblem(resync.ResyncSchedule);
    if (cron) problems.push({ path: "ResyncSettings.ResyncSchedule", value: renderValue(resync.ResyncSchedule), message: cron });
  }
  if (validation.ValidationOnly === true) {
    problems.push({
      path: "ResyncSettings.EnableResync",
      value: "true",
      message: "a validation-only task copies nothing, so it cannot resync; allowed: resync on the replicating task, naming this one in ValidationTaskId",
    });
  }
  if (validation.EnableValidation !== true && resync.ValidationTaskId === undefined) {
    problems.push({
      path: "ResyncSettings.ValidationTaskId",
      value: "(missing)",
      message:
        "resync fixes the rows validation found different, and this task does not validate; allowed: ValidationSettings.EnableValidation: true, or the id of the validation-only task",
    });
  }
  return problems;
}

// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Validating.DataResync.html#CHAP_DataResync.cron: five fields,
// minute hour day-of-month month day-of-week, as AWS's example "30 9 ? * MON-FRI".
const CRON_FIELD = /^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?(\/\d+)?)(,[0-9A-Za-z]+(-[0-9A-Za-z]+)?(\/\d+)?)*$|^\*\/\d+$/;

function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every((field) => CRON_FIELD.test(field))) {
    return `not a cron expression of five fields (minute hour day-of-month month day-of-week); allowed: such as "30 9 ? * MON-FRI" or "0 2 * * *"`;
  }
  return undefined;
}

/** What a task is, for the settings rules that depend on it. */
export interface TaskSettingsContext {
  readonly migrationType: "full-load" | "cdc" | "full-load-and-cdc";
  /** The source's DMS `engine_name`, such as "oracle". @default - unknown: the engine rules are skipped */
  readonly sourceEngine?: string;
  /** The target's DMS `engine_name`, such as "postgres". @default - unknown: the engine rules are skipped */
  readonly targetEngine?: string;
  /** The replication instance's DMS version, such as "3.6.1". @default - unknown: the version rule is skipped */
  readonly engineVersion?: string;
}

const RESYNC_SOURCES = ["oracle", "sqlserver"];
const RESYNC_TARGETS = ["postgres", "aurora-postgresql"];
const RESYNC_MINIMUM_ENGINE = "3.6.1";

/**
 * Settings rules that depend on the task. Validation: the engines DMS validates. Time Travel: tasks with CDC, from Oracle, SQL Server or PostgreSQL into
 * PostgreSQL or MySQL. Resync (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Validating.DataResync.html):
 * DMS 3.6.1+, an Oracle or SQL Server source and a PostgreSQL target; a task with CDC needs a schedule and a maximum
 * time, a full-load task takes neither and must validate. Run by ReplicationTask and at file-check time.
 */
export function taskSettingsProblemsFor(values: TaskSettingsValues, task: TaskSettingsContext): Problem[] {
  return [...validationProblemsFor(values, task), ...timeTravelProblemsFor(values, task), ...resyncProblemsFor(values, task)];
}

// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Validating.html: the engines DMS validates, by engine_name.
const VALIDATION_SOURCES = ["oracle", "postgres", "aurora-postgresql", "mysql", "mariadb", "aurora", "sqlserver", "db2"];
const VALIDATION_TARGETS = [...VALIDATION_SOURCES, "redshift", "s3"];

function validationProblemsFor(values: TaskSettingsValues, task: TaskSettingsContext): Problem[] {
  if (values.ValidationSettings?.EnableValidation !== true) return [];
  const problems: Problem[] = [];
  const add = (side: string, engine: string, supported: readonly string[]) =>
    problems.push({
      path: "ValidationSettings.EnableValidation",
      value: "true",
      message: `DMS does not validate data with a ${engine} ${side}; it validates ${supported.join(", ")}; allowed: false (and no \`validation: true\` on the task)`,
    });
  if (task.sourceEngine !== undefined && !VALIDATION_SOURCES.includes(task.sourceEngine)) add("source", task.sourceEngine, VALIDATION_SOURCES);
  if (task.targetEngine !== undefined && !VALIDATION_TARGETS.includes(task.targetEngine)) add("target", task.targetEngine, VALIDATION_TARGETS);
  return problems;
}

const TT_SOURCES = ["oracle", "sqlserver", "postgres", "aurora-postgresql"];
const TT_TARGETS = ["postgres", "aurora-postgresql", "mysql", "aurora", "mariadb"];

/**
 * Time Travel (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.TimeTravel.html):
 * CDC and full-load-and-CDC tasks only, from Oracle, SQL Server and PostgreSQL sources into PostgreSQL and MySQL targets.
 */
function timeTravelProblemsFor(values: TaskSettingsValues, task: TaskSettingsContext): Problem[] {
  if (values.TTSettings?.EnableTT !== true) return [];
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ path: "TTSettings.EnableTT", value: "true", message });
  if (task.migrationType === "full-load") add('Time Travel logs changes, and a full-load task captures none; allowed: false, or migrationType "cdc" or "full-load-and-cdc"');
  if (task.sourceEngine !== undefined && !TT_SOURCES.includes(task.sourceEngine)) {
    add(`DMS offers Time Travel for Oracle, SQL Server and PostgreSQL sources only (the source is ${task.sourceEngine}); allowed: false`);
  }
  if (task.targetEngine !== undefined && !TT_TARGETS.includes(task.targetEngine)) {
    add(`DMS offers Time Travel for PostgreSQL and MySQL targets only (the target is ${task.targetEngine}); allowed: false`);
  }
  return problems;
}

function resyncProblemsFor(values: TaskSettingsValues, task: TaskSettingsContext): Problem[] {
  const resync = values.ResyncSettings;
  if (resync?.EnableResync !== true) return [];
  const problems: Problem[] = [];
  const add = (key: string, value: unknown, message: string) => problems.push({ path: `ResyncSettings.${key}`, value: renderValue(value), message });
  const cdc = task.migrationType !== "full-load";
  if (cdc) {
    if (resync.ResyncSchedule === undefined) add("ResyncSchedule", undefined, `required for a ${task.migrationType} task with resync on: when resync may pause replication; allowed: a cron expression such as "30 9 ? * MON-FRI"`);
    if (resync.MaxResyncTime === undefined) add("MaxResyncTime", undefined, `required for a ${task.migrationType} task with resync on; allowed: minutes, 5 to 14400`);
  } else {
    if (resync.ResyncSchedule !== undefined) add("ResyncSchedule", resync.ResyncSchedule, "a full-load task resyncs once, after its load and validation; allowed: no schedule (CDC tasks only)");
    if (resync.MaxResyncTime !== undefined) add("MaxResyncTime", resync.MaxResyncTime, "a full-load task resyncs once, after its load and validation; allowed: no MaxResyncTime (CDC tasks only)");
    if (values.ValidationSettings?.EnableValidation !== true) {
      add("EnableResync", true, "a full-load task resyncs only what its own validation found; allowed: ValidationSettings.EnableValidation: true");
    }
  }
  if (task.sourceEngine !== undefined && !RESYNC_SOURCES.includes(task.sourceEngine)) {
    add("EnableResync", true, `DMS resyncs from Oracle and SQL Server sources only (the source is ${task.sourceEngine}); allowed: false`);
  }
  if (task.targetEngine !== undefined && !RESYNC_TARGETS.includes(task.targetEngine)) {
    add("EnableResync", true, `DMS resyncs into PostgreSQL and Aurora PostgreSQL targets only (the target is ${task.targetEngine}); allowed: false`);
  }
  if (task.engineVersion !== undefined && compareVersions(task.engineVersion, RESYNC_MINIMUM_ENGINE) < 0) {
    add("EnableResync", true, `needs DMS ${RESYNC_MINIMUM_ENGINE} or later; the replication instance runs ${task.engineVersion}; allowed: false, or a newer engineVersion`);
  }
  return problems;
}

