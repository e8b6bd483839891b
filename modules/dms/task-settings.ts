import { deepFreeze } from "../core/deep-freeze";
import { z } from "zod";
import { PathSegment, Problem, formatPath, renderValue } from "../core/problem";
import { problemsFromIssues } from "../core/schema-problems";

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
 * A key that is always refused, with its own message. It stays in the shape (rather than being just an
 * unknown key) so that every schema embedding this one, such as the environment file's, reports why.
 * Typed `never` so TypeScript callers are stopped at compile time too; `not: {}` makes editors flag it.
 */
function refused(message: string): z.ZodOptional<z.ZodType<never, never>> {
  const schema = z.unknown().refine(() => false, { message }) as unknown as z.ZodType<never, never>;
  return schema.optional().meta({ not: {}, description: message });
}

const READ_ONLY_LOG_KEY =
  "read-only: DMS names the task's log group and stream itself, and the AWS provider rejects this key from 5.46, even as null; allowed: leave it out (EnableLogging: true is enough)";

const targetMetadataSchema = z.strictObject({
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

const fullLoadSettingsSchema = z.strictObject({
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

const loggingSchema = z.strictObject({
  EnableLogging: flag().describe("Send task logs to CloudWatch Logs; needs the dms-cloudwatch-logs-role. AWS default false"),
  EnableLogContext: flag().describe("Only together with EnableLogging: true"),
  LogComponents: z.array(logComponentSchema).optional().describe("Replaces the whole default list; each component once"),
  // DeleteTaskLogs is an action on a Modify call, not a setting DMS reports back: kept in configuration it
  // would show as a change on every plan, so it is refused as an unknown key.
  CloudWatchLogGroup: refused(READ_ONLY_LOG_KEY),
  CloudWatchLogStream: refused(READ_ONLY_LOG_KEY),
});

const controlTablesSettingsSchema = z.strictObject({
  ControlSchema: z.string().optional().describe("Target schema of the awsdms_* control tables"),
  HistoryTimeslotInMinutes: count(),
  HistoryTableEnabled: flag(),
  SuspendedTablesTableEnabled: flag(),
  StatusTableEnabled: flag(),
  FullLoadExceptionTableEnabled: flag(),
});

const streamBufferSettingsSchema = z.strictObject({
  StreamBufferCount: count(),
  StreamBufferSizeInMB: count().describe("Raise it for large LOBs or wide rows"),
  CtrlStreamBufferSizeInMB: count(),
});

const changeProcessingTuningSchema = z.strictObject({
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

const changeProcessingDdlHandlingPolicySchema = z.strictObject({
  HandleSourceTableDropped: flag(),
  HandleSourceTableTruncated: flag(),
  HandleSourceTableAltered: flag(),
});

const errorBehaviorSchema = z.strictObject({
  DataErrorPolicy: z.enum(RECORD_POLICIES).optional(),
  DataTruncationErrorPolicy: z.enum(RECORD_POLICIES).optional(),
  DataErrorEscalationPolicy: z.enum(TABLE_POLICIES).optional(),
  DataErrorEscalationCount: count().describe("0 means no escalation"),
  TableErrorPolicy: z.enum(TABLE_POLICIES).optional(),
  TableErrorEscalationPolicy: z.enum(["STOP_TASK"]).optional(),
  TableErrorEscalationCount: count(),
  RecoverableErrorCount: z.int().min(-1).optional().describe("-1 retries forever, 0 never"),
  RecoverableErrorInterval: count().describe("Seconds"),
  RecoverableErrorThrottling: flag(),
  RecoverableErrorThrottlingMax: count().describe("Seconds"),
  RecoverableErrorStopRetryAfterThrottlingMax: flag(),
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

const validationSettingsSchema = z.strictObject({
  EnableValidation: flag().describe("Row-by-row compare of source and target; needs a primary key or unique index on both"),
  ValidationMode: z.enum(["ROW_LEVEL"]).optional(),
  ThreadCount: count(),
  PartitionSize: count(),
  FailureMaxCount: count(),
  TableFailureMaxCount: count(),
  RecordFailureDelayInMinutes: count(),
  RecordSuspendDelayInMinutes: count(),
  RecordFailureDelayLimitInMinutes: count(),
  MaxKeyColumnSize: count(),
  ValidationOnly: flag().describe("A validation-only task; needs TargetTablePrepMode DO_NOTHING and cannot change after creation"),
  HandleCollationDiff: flag(),
  SkipLobColumns: flag(),
  ValidationPartialLobSize: count(),
  ValidationQueryCdcDelaySeconds: count(),
});

const beforeImageSettingsSchema = z.strictObject({
  EnableBeforeImage: flag(),
  FieldName: z.string().optional(),
  ColumnFilter: z.enum(["pk-only", "non-lob", "all"]).optional(),
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
  BeforeImageSettings: beforeImageSettingsSchema,
};

/**
 * Overrides of DMS replication-task settings: AWS's section and key names, every key optional, unknown
 * keys refused. Embedded by the environment-file schema for per-task overrides.
 */
export const taskSettingsOverridesSchema = z
  .strictObject({
    TargetMetadata: targetMetadataSchema.optional(),
    FullLoadSettings: fullLoadSettingsSchema.optional(),
    Logging: loggingSchema.optional(),
    ControlTablesSettings: controlTablesSettingsSchema.optional(),
    StreamBufferSettings: streamBufferSettingsSchema.optional(),
    ChangeProcessingTuning: changeProcessingTuningSchema.optional(),
    ChangeProcessingDdlHandlingPolicy: changeProcessingDdlHandlingPolicySchema.optional(),
    ErrorBehavior: errorBehaviorSchema.optional(),
    ValidationSettings: validationSettingsSchema.optional(),
    BeforeImageSettings: beforeImageSettingsSchema.optional(),
  })
  .describe("DMS task settings to change, by AWS section and key; each section is merged over the defaults");

// Only for listing allowed keys in messages: the refused keys are never "allowed".
const allowedKeysSchema = taskSettingsOverridesSchema.extend({
  FullLoadSettings: fullLoadSettingsSchema.omit({ ParallelLoadThreads: true }).optional(),
  Logging: loggingSchema.omit({ CloudWatchLogGroup: true, CloudWatchLogStream: true }).optional(),
});

/** Task-settings overrides as written: AWS section and key names, every key optional. */
export type TaskSettingsOverrides = z.input<typeof taskSettingsOverridesSchema>;

type Settings = z.output<typeof taskSettingsOverridesSchema>;
type SectionName = keyof typeof SECTIONS;
type DeepReadonly<T> = T extends readonly (infer E)[]
  ? ReadonlyArray<DeepReadonly<E>>
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

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

  /** The settings, section by section, in the order they are emitted. Frozen. */
  readonly values: TaskSettingsValues;

  private constructor(values: Settings) {
    const problems = crossFieldProblems(values);
    if (problems.length > 0) throw new TaskSettingsError(problems);
    this.values = deepFreeze(canonical(values));
  }

  /**
   * New settings with `overrides` merged over these, section by section: a key given replaces that key
   * only, an array (such as `Logging.LogComponents`) replaces the whole array, a new section is added.
   * @throws TaskSettingsError listing every unknown key, bad value and conflicting combination
   */
  with(overrides: TaskSettingsOverrides): TaskSettings {
    const parsed = taskSettingsOverridesSchema.safeParse(overrides);
    if (!parsed.success) throw new TaskSettingsError(problemsFromIssues(parsed.error.issues, overrides, allowedKeysSchema));
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

function merge(base: Settings, overrides: Settings): Settings {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const section of Object.keys(SECTIONS) as SectionName[]) {
    const given = Object.entries(overrides[section] ?? {}).filter(([, value]) => value !== undefined);
    const combined = { ...base[section], ...Object.fromEntries(given) };
    if (Object.keys(combined).length > 0) merged[section] = combined;
  }
  return merged as Settings;
}

/** Sections and keys in schema order, log components in a fixed order, so the JSON never depends on input order. */
function canonical(values: Settings): Settings {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [section, schema] of Object.entries(SECTIONS)) {
    const given = values[section as SectionName] as Record<string, unknown> | undefined;
    if (!given) continue;
    const ordered: Record<string, unknown> = {};
    for (const key of Object.keys(schema.shape)) {
      if (given[key] !== undefined) ordered[key] = given[key];
    }
    result[section] = ordered;
  }
  const components = result.Logging?.LogComponents as z.output<typeof logComponentSchema>[] | undefined;
  if (components) {
    // The provider keys components by Id, so their order means nothing to it.
    result.Logging.LogComponents = [...components]
      .sort((a, b) => LOG_COMPONENTS.indexOf(a.Id) - LOG_COMPONENTS.indexOf(b.Id))
      .map(({ Id, Severity }) => ({ Id, Severity }));
  }
  return result as Settings;
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
  if (values.ValidationSettings?.ValidationOnly === true && prepMode !== "DO_NOTHING") {
    fail(
      ["ValidationSettings", "ValidationOnly"],
      true,
      `needs FullLoadSettings.TargetTablePrepMode "DO_NOTHING" (it is ${renderValue(prepMode)}), so validation never changes the target; allowed: set both`,
    );
  }
  return problems;
}

