import { z } from "zod";
import { problemsFromIssues } from "../../../modules/core/schema-problems";
import {
  TaskSettings,
  TaskSettingsError,
  TaskSettingsOverrides,
  taskSettingsOverridesSchema,
  taskSettingsProblems,
} from "../../../modules/dms/task-settings";

const defaultComponents = ["SOURCE_UNLOAD", "SOURCE_CAPTURE", "TARGET_LOAD", "TARGET_APPLY", "TASK_MANAGER"].map((Id) => ({
  Id,
  Severity: "LOGGER_SEVERITY_DEFAULT",
}));

/** The corrected Hackney template, written out by hand. */
const EXPECTED_DEFAULTS = {
  TargetMetadata: { SupportLobs: true, FullLobMode: false, LimitedSizeLobMode: true, LobMaxSize: 32, BatchApplyEnabled: false },
  FullLoadSettings: { TargetTablePrepMode: "DROP_AND_CREATE", MaxFullLoadSubTasks: 8, TransactionConsistencyTimeout: 600, CommitRate: 10000 },
  Logging: { EnableLogging: true, LogComponents: defaultComponents },
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

function json(overrides?: any): any {
  const settings = overrides === undefined ? TaskSettings.defaults() : TaskSettings.defaults().with(overrides);
  return JSON.parse(settings.toJson());
}

/** The error lines for overrides applied over the defaults. */
function problems(overrides: any): string[] {
  try {
    TaskSettings.defaults().with(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(TaskSettingsError);
    return (error as Error).message.split("\n");
  }
  throw new Error("expected the overrides to be refused");
}

describe("TaskSettings defaults (the Hackney template, corrected)", () => {
  test("are exactly the Hackney template without its read-only and misplaced keys", () => {
    expect(json()).toEqual(EXPECTED_DEFAULTS);
  });

  test("never contain the read-only CloudWatch keys", () => {
    expect(json().Logging).not.toHaveProperty("CloudWatchLogGroup");
    expect(json().Logging).not.toHaveProperty("CloudWatchLogStream");
    expect(TaskSettings.defaults().toJson()).not.toMatch(/CloudWatchLog/);
  });

  test("never put ParallelLoadThreads in FullLoadSettings", () => {
    expect(json().FullLoadSettings).not.toHaveProperty("ParallelLoadThreads");
  });

  test("have no ValidationSettings", () => {
    expect(json()).not.toHaveProperty("ValidationSettings");
  });

  test("turn task logging on, so the task needs the dms-cloudwatch-logs-role", () => {
    expect(TaskSettings.defaults().loggingEnabled).toBe(true);
  });
});

describe("TaskSettings.with merges overrides section by section", () => {
  test("an override of one key keeps the section's other defaults", () => {
    expect(json({ FullLoadSettings: { MaxFullLoadSubTasks: 16 } }).FullLoadSettings).toEqual({
      TargetTablePrepMode: "DROP_AND_CREATE",
      MaxFullLoadSubTasks: 16,
      TransactionConsistencyTimeout: 600,
      CommitRate: 10000,
    });
  });

  test("an override of one section leaves the other sections at their defaults", () => {
    const { FullLoadSettings: _changed, ...others } = json({ FullLoadSettings: { CommitRate: 50000 } });
    const { FullLoadSettings: _default, ...defaults } = EXPECTED_DEFAULTS;
    expect(others).toEqual(defaults);
  });

  test("LogComponents replaces the default list wholesale", () => {
    const logging = json({ Logging: { LogComponents: [{ Id: "TARGET_APPLY", Severity: "LOGGER_SEVERITY_DEBUG" }] } }).Logging;
    expect(logging).toEqual({ EnableLogging: true, LogComponents: [{ Id: "TARGET_APPLY", Severity: "LOGGER_SEVERITY_DEBUG" }] });
  });

  test("a new section is added", () => {
    expect(json({ ValidationSettings: { EnableValidation: true, ThreadCount: 8 } }).ValidationSettings).toEqual({
      EnableValidation: true,
      ThreadCount: 8,
    });
  });

  test("an empty section adds nothing", () => {
    expect(json({ BeforeImageSettings: {} })).toEqual(EXPECTED_DEFAULTS);
  });

  test("a key given as undefined keeps its default", () => {
    expect(json({ TargetMetadata: { LobMaxSize: undefined } }).TargetMetadata.LobMaxSize).toBe(32);
  });

  test("returns new settings and leaves the original unchanged", () => {
    const defaults = TaskSettings.defaults();
    const changed = defaults.with({ TargetMetadata: { LobMaxSize: 1024 } });
    expect(changed).not.toBe(defaults);
    expect(defaults.values.TargetMetadata?.LobMaxSize).toBe(32);
    expect(changed.values.TargetMetadata?.LobMaxSize).toBe(1024);
  });

  test("chained overrides build on each other", () => {
    const settings = TaskSettings.defaults()
      .with({ FullLoadSettings: { TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD" } })
      .with({ FullLoadSettings: { CommitRate: 20000 } });
    expect(settings.values.FullLoadSettings).toMatchObject({ TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD", CommitRate: 20000 });
  });

  test("exposes frozen values, so settings cannot be changed behind the validation", () => {
    const values = TaskSettings.defaults().values as any;
    expect(Object.isFrozen(values)).toBe(true);
    expect(Object.isFrozen(values.Logging.LogComponents[0])).toBe(true);
    expect(() => {
      values.TargetMetadata.LobMaxSize = 1;
    }).toThrow(TypeError);
  });
});

describe("TaskSettings.toJson is deterministic", () => {
  test("is byte-identical on every build: fixed section order, schema key order, no whitespace", () => {
    expect(TaskSettings.defaults().toJson()).toBe(
      '{"TargetMetadata":{"SupportLobs":true,"FullLobMode":false,"LimitedSizeLobMode":true,"LobMaxSize":32,"BatchApplyEnabled":false},' +
        '"FullLoadSettings":{"TargetTablePrepMode":"DROP_AND_CREATE","MaxFullLoadSubTasks":8,"TransactionConsistencyTimeout":600,"CommitRate":10000},' +
        '"Logging":{"EnableLogging":true,"LogComponents":[' +
        '{"Id":"SOURCE_UNLOAD","Severity":"LOGGER_SEVERITY_DEFAULT"},{"Id":"SOURCE_CAPTURE","Severity":"LOGGER_SEVERITY_DEFAULT"},' +
        '{"Id":"TARGET_LOAD","Severity":"LOGGER_SEVERITY_DEFAULT"},{"Id":"TARGET_APPLY","Severity":"LOGGER_SEVERITY_DEFAULT"},' +
        '{"Id":"TASK_MANAGER","Severity":"LOGGER_SEVERITY_DEFAULT"}]},' +
        '"ControlTablesSettings":{"HistoryTableEnabled":false,"SuspendedTablesTableEnabled":false,"StatusTableEnabled":false},' +
        '"StreamBufferSettings":{"StreamBufferCount":3,"StreamBufferSizeInMB":8,"CtrlStreamBufferSizeInMB":5},' +
        '"ChangeProcessingTuning":{"BatchApplyTimeoutMin":1,"BatchApplyTimeoutMax":30,"BatchApplyMemoryLimit":500,"MinTransactionSize":1000,' +
        '"CommitTimeout":1,"MemoryLimitTotal":1024,"MemoryKeepTime":60,"StatementCacheSize":50},' +
        '"ChangeProcessingDdlHandlingPolicy":{"HandleSourceTableDropped":true,"HandleSourceTableTruncated":true,"HandleSourceTableAltered":true},' +
        '"ErrorBehavior":{"DataErrorPolicy":"LOG_ERROR","TableErrorPolicy":"SUSPEND_TABLE","TableErrorEscalationPolicy":"STOP_TASK",' +
        '"RecoverableErrorCount":-1,"ApplyErrorDeletePolicy":"IGNORE_RECORD","ApplyErrorInsertPolicy":"LOG_ERROR",' +
        '"ApplyErrorUpdatePolicy":"LOG_ERROR","FullLoadIgnoreConflicts":true}}',
    );
  });

  test("is identical across builds with the same overrides", () => {
    const overrides: TaskSettingsOverrides = { TargetMetadata: { LobMaxSize: 4096 }, ValidationSettings: { EnableValidation: true } };
    expect(TaskSettings.defaults().with(overrides).toJson()).toBe(TaskSettings.defaults().with(overrides).toJson());
  });

  test("does not depend on the order sections and keys were given in", () => {
    const one = TaskSettings.defaults().with({
      ValidationSettings: { ThreadCount: 8, EnableValidation: true },
      TargetMetadata: { TaskRecoveryTableEnabled: true, TargetSchema: "mosaic" },
    });
    const other = TaskSettings.defaults().with({
      TargetMetadata: { TargetSchema: "mosaic", TaskRecoveryTableEnabled: true },
      ValidationSettings: { EnableValidation: true, ThreadCount: 8 },
    });
    expect(one.toJson()).toBe(other.toJson());
  });

  test("puts an overridden key in schema order, not after the defaults", () => {
    const target = json({ TargetMetadata: { TargetSchema: "mosaic" } }).TargetMetadata;
    expect(Object.keys(target)).toEqual(["TargetSchema", "SupportLobs", "FullLobMode", "LimitedSizeLobMode", "LobMaxSize", "BatchApplyEnabled"]);
  });

  test("lists log components in a fixed order, which the provider ignores anyway", () => {
    const components = [
      { Id: "TASK_MANAGER", Severity: "LOGGER_SEVERITY_INFO" },
      { Severity: "LOGGER_SEVERITY_ERROR", Id: "SOURCE_CAPTURE" },
    ];
    expect(json({ Logging: { LogComponents: components } }).Logging.LogComponents).toEqual([
      { Id: "SOURCE_CAPTURE", Severity: "LOGGER_SEVERITY_ERROR" },
      { Id: "TASK_MANAGER", Severity: "LOGGER_SEVERITY_INFO" },
    ]);
  });
});

describe("TaskSettings.loggingEnabled", () => {
  test("is false when EnableLogging is turned off", () => {
    expect(TaskSettings.defaults().with({ Logging: { EnableLogging: false } }).loggingEnabled).toBe(false);
  });

  test("is true again when EnableLogging is turned back on", () => {
    const settings = TaskSettings.defaults().with({ Logging: { EnableLogging: false } }).with({ Logging: { EnableLogging: true } });
    expect(settings.loggingEnabled).toBe(true);
  });
});

describe("unknown, read-only and misplaced keys", () => {
  test("a misspelt key names the closest known key", () => {
    expect(problems({ TargetMetadata: { LobMaxSise: 64 } })).toEqual([
      expect.stringMatching(/^TargetMetadata\.LobMaxSise = 64: unknown key \(did you mean "LobMaxSize"\?\); allowed keys: TargetSchema, SupportLobs, /),
    ]);
  });

  test("a misspelt section names the closest known section", () => {
    expect(problems({ ValidationSetting: { EnableValidation: true } })).toEqual([
      expect.stringMatching(/^ValidationSetting = \{"EnableValidation":true\}: unknown key \(did you mean "ValidationSettings"\?\)/),
    ]);
  });

  test("a section outside the supported ones lists the sections", () => {
    expect(problems({ LoopbackPrevention: { EnableLoopbackPrevention: true } })).toEqual([
      'LoopbackPrevention = {"EnableLoopbackPrevention":true}: unknown key; allowed keys: TargetMetadata, FullLoadSettings, Logging, ' +
        "ControlTablesSettings, StreamBufferSettings, ChangeProcessingTuning, ChangeProcessingDdlHandlingPolicy, ErrorBehavior, " +
        "ValidationSettings, ResyncSettings, BeforeImageSettings, CharacterSetSettings, TTSettings, LoopbackPreventionSettings, " +
        "PostProcessingRules, FailTaskWhenCleanTaskResourceFailed",
    ]);
  });

  test.each(["CloudWatchLogGroup", "CloudWatchLogStream"])("Logging.%s is refused as read-only", (key) => {
    expect(problems({ Logging: { [key]: "dms-tasks-x" } })).toEqual([
      `Logging.${key} = "dms-tasks-x": read-only: DMS names the task's log group and stream itself, and the AWS provider rejects this key from 5.46; allowed: leave it out or null, as AWS saves it (EnableLogging: true is enough)`,
    ]);
  });

  test.each(["CloudWatchLogGroup", "CloudWatchLogStream"])("Logging.%s as null, as AWS saves it, is accepted and never sent", (key) => {
    const settings = TaskSettings.asWritten({ Logging: { EnableLogging: true, [key]: null } });
    expect(JSON.parse(settings.toJson())).toEqual({ Logging: { EnableLogging: true } });
  });

  test("Logging.CloudWatchLogGroup is refused with a templated name too", () => {
    expect(problems({ Logging: { CloudWatchLogGroup: "dms-tasks-staging-dms-instance" } })).toEqual([
      expect.stringMatching(/^Logging\.CloudWatchLogGroup = "dms-tasks-staging-dms-instance": read-only: DMS names the task's log group/),
    ]);
  });

  test("TypeScript refuses the read-only keys at compile time", () => {
    // @ts-expect-error CloudWatchLogGroup is typed never
    const overrides: TaskSettingsOverrides = { Logging: { CloudWatchLogGroup: "x" } };
    expect(problems(overrides)).toHaveLength(1);
  });

  test("ParallelLoadThreads in FullLoadSettings says it belongs in TargetMetadata", () => {
    expect(problems({ FullLoadSettings: { ParallelLoadThreads: 4 } })).toEqual([
      "FullLoadSettings.ParallelLoadThreads = 4: belongs in TargetMetadata.ParallelLoadThreads: DMS moves it there, so every plan shows a change (https://github.com/hashicorp/terraform-provider-aws/issues/45376); allowed: set it under TargetMetadata",
    ]);
  });

  test("ParallelLoadThreads in TargetMetadata is accepted", () => {
    expect(json({ TargetMetadata: { ParallelLoadThreads: 4 } }).TargetMetadata.ParallelLoadThreads).toBe(4);
  });

  test("an embedding schema, such as the environment file's, reports the read-only key with the same message", () => {
    const fileSchema = z.strictObject({ tasks: z.array(z.strictObject({ settings: taskSettingsOverridesSchema.optional() })) });
    const raw = { tasks: [{ settings: { Logging: { CloudWatchLogStream: "dms-task-x" } } }] };
    const result = fileSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(problemsFromIssues(result.error!.issues, raw, fileSchema)).toEqual([
      { path: "tasks[0].settings.Logging.CloudWatchLogStream", value: '"dms-task-x"', message: expect.stringMatching(/^read-only: DMS names/) },
    ]);
  });

  test("the schema converts to JSON Schema, which marks the read-only keys as never allowed", () => {
    const schema = z.toJSONSchema(taskSettingsOverridesSchema, { io: "input", unrepresentable: "throw" }) as any;
    expect(schema.additionalProperties).toBe(false);
    // Each section and key may also be null (AWS saves unset ones so): the object is the non-null member.
    const objectOf = (node: any) => node.anyOf.find((member: any) => member.type === "object");
    const keyOf = (node: any) => node.anyOf.find((member: any) => member.type !== "null");
    expect(keyOf(objectOf(schema.properties.Logging).properties.CloudWatchLogGroup).not).toEqual({});
    expect(keyOf(objectOf(schema.properties.FullLoadSettings).properties.ParallelLoadThreads).not).toEqual({});
  });
});

describe("closed sets of values", () => {
  test.each<[string, any, string]>([
    ["FullLoadSettings.TargetTablePrepMode", { FullLoadSettings: { TargetTablePrepMode: "DROP" } }, '"DO_NOTHING" | "DROP_AND_CREATE" | "TRUNCATE_BEFORE_LOAD"'],
    ["ErrorBehavior.DataErrorPolicy", { ErrorBehavior: { DataErrorPolicy: "IGNORE" } }, '"IGNORE_RECORD" | "LOG_ERROR" | "SUSPEND_TABLE" | "STOP_TASK"'],
    ["ErrorBehavior.DataTruncationErrorPolicy", { ErrorBehavior: { DataTruncationErrorPolicy: "TRUNCATE" } }, '"IGNORE_RECORD" | "LOG_ERROR" | "SUSPEND_TABLE" | "STOP_TASK"'],
    ["ErrorBehavior.DataErrorEscalationPolicy", { ErrorBehavior: { DataErrorEscalationPolicy: "LOG_ERROR" } }, '"SUSPEND_TABLE" | "STOP_TASK"'],
    ["ErrorBehavior.TableErrorPolicy", { ErrorBehavior: { TableErrorPolicy: "LOG_ERROR" } }, '"SUSPEND_TABLE" | "STOP_TASK"'],
    ["ErrorBehavior.TableErrorEscalationPolicy", { ErrorBehavior: { TableErrorEscalationPolicy: "SUSPEND_TABLE" } }, '"STOP_TASK"'],
    ["ErrorBehavior.ApplyErrorDeletePolicy", { ErrorBehavior: { ApplyErrorDeletePolicy: "INSERT_RECORD" } }, '"IGNORE_RECORD" | "LOG_ERROR" | "SUSPEND_TABLE" | "STOP_TASK"'],
    [
      "ErrorBehavior.ApplyErrorInsertPolicy",
      { ErrorBehavior: { ApplyErrorInsertPolicy: "UPDATE_RECORD" } },
      '"IGNORE_RECORD" | "LOG_ERROR" | "SUSPEND_TABLE" | "STOP_TASK" | "INSERT_RECORD"',
    ],
    [
      "ErrorBehavior.ApplyErrorUpdatePolicy",
      { ErrorBehavior: { ApplyErrorUpdatePolicy: "INSERT_RECORD" } },
      '"IGNORE_RECORD" | "LOG_ERROR" | "SUSPEND_TABLE" | "STOP_TASK" | "UPDATE_RECORD"',
    ],
    ["ErrorBehavior.ApplyErrorEscalationPolicy", { ErrorBehavior: { ApplyErrorEscalationPolicy: "IGNORE_RECORD" } }, '"LOG_ERROR" | "SUSPEND_TABLE" | "STOP_TASK"'],
    ["ValidationSettings.ValidationMode", { ValidationSettings: { ValidationMode: "TABLE_LEVEL" } }, '"ROW_LEVEL" | "GROUP_LEVEL"'],
    ["BeforeImageSettings.ColumnFilter", { BeforeImageSettings: { ColumnFilter: "pk" } }, '"pk-only" | "non-lob" | "all"'],
  ])("%s lists its allowed values", (path, overrides, allowed) => {
    expect(problems(overrides)).toEqual([expect.stringMatching(new RegExp(`^${path.replace(/\./g, "\\.")} = ".*": not allowed; allowed: ${escape(allowed)}$`))]);
  });

  test("a log component Id outside DMS's components lists them", () => {
    expect(problems({ Logging: { LogComponents: [{ Id: "SOURCE_LOAD", Severity: "LOGGER_SEVERITY_DEFAULT" }] } })).toEqual([
      expect.stringMatching(/^Logging\.LogComponents\[0\]\.Id = "SOURCE_LOAD": not allowed; allowed: "SOURCE_UNLOAD" \| "SOURCE_CAPTURE" \| .* \| "REST_SERVER"$/),
    ]);
  });

  test("a log severity outside DMS's severities lists them", () => {
    expect(problems({ Logging: { LogComponents: [{ Id: "TARGET_APPLY", Severity: "LOGGER_SEVERITY_TRACE" }] } })).toEqual([
      'Logging.LogComponents[0].Severity = "LOGGER_SEVERITY_TRACE": not allowed; allowed: "LOGGER_SEVERITY_ERROR" | "LOGGER_SEVERITY_WARNING" | "LOGGER_SEVERITY_INFO" | ' +
        '"LOGGER_SEVERITY_DEFAULT" | "LOGGER_SEVERITY_DEBUG" | "LOGGER_SEVERITY_DETAILED_DEBUG"',
    ]);
  });

  test("a log component with an extra key names it", () => {
    expect(problems({ Logging: { LogComponents: [{ Id: "TARGET_APPLY", Severity: "LOGGER_SEVERITY_INFO", Level: 1 }] } })).toEqual([
      "Logging.LogComponents[0].Level = 1: unknown key; allowed keys: Id, Severity",
    ]);
  });

  test("the upsert policies are accepted where AWS documents them", () => {
    const errors = json({ ErrorBehavior: { ApplyErrorInsertPolicy: "INSERT_RECORD", ApplyErrorUpdatePolicy: "UPDATE_RECORD" } }).ErrorBehavior;
    expect(errors).toMatchObject({ ApplyErrorInsertPolicy: "INSERT_RECORD", ApplyErrorUpdatePolicy: "UPDATE_RECORD" });
  });
});

describe("documented ranges", () => {
  test.each<[string, any, string]>([
    ["FullLoadSettings.MaxFullLoadSubTasks", { FullLoadSettings: { MaxFullLoadSubTasks: 50 } }, "too big; allowed: <= 49"],
    ["FullLoadSettings.MaxFullLoadSubTasks", { FullLoadSettings: { MaxFullLoadSubTasks: 0 } }, "too small; allowed: >= 1"],
    ["FullLoadSettings.CommitRate", { FullLoadSettings: { CommitRate: 50001 } }, "too big; allowed: <= 50000"],
    ["TargetMetadata.LobMaxSize", { TargetMetadata: { LobMaxSize: 102401 } }, "too big; allowed: <= 102400"],
    ["TargetMetadata.InlineLobMaxSize", { TargetMetadata: { InlineLobMaxSize: 102401 } }, "too big; allowed: <= 102400"],
    ["TargetMetadata.LoadMaxFileSize", { TargetMetadata: { LoadMaxFileSize: 100001 } }, "too big; allowed: <= 100000"],
    ["TargetMetadata.ParallelLoadThreads", { TargetMetadata: { ParallelLoadThreads: 201 } }, "too big; allowed: <= 200"],
    ["TargetMetadata.ParallelLoadBufferSize", { TargetMetadata: { ParallelLoadBufferSize: 1001 } }, "too big; allowed: <= 1000"],
    ["ChangeProcessingTuning.StatementCacheSize", { ChangeProcessingTuning: { StatementCacheSize: 201 } }, "too big; allowed: <= 200"],
    ["ErrorBehavior.RecoverableErrorCount", { ErrorBehavior: { RecoverableErrorCount: -2 } }, "too small; allowed: >= -1"],
    ["StreamBufferSettings.StreamBufferCount", { StreamBufferSettings: { StreamBufferCount: -1 } }, "too small; allowed: >= 0"],
  ])("%s is refused outside its range", (path, overrides, message) => {
    const [section, key] = path.split(".");
    expect(problems(overrides)).toEqual([`${path} = ${overrides[section][key]}: ${message}`]);
  });

  test("the range limits themselves are accepted", () => {
    const settings = json({
      FullLoadSettings: { MaxFullLoadSubTasks: 49, CommitRate: 50000 },
      TargetMetadata: { LobMaxSize: 102400 },
      ChangeProcessingTuning: { StatementCacheSize: 200 },
    });
    expect(settings.FullLoadSettings).toMatchObject({ MaxFullLoadSubTasks: 49, CommitRate: 50000 });
    expect(settings.TargetMetadata.LobMaxSize).toBe(102400);
    expect(settings.ChangeProcessingTuning.StatementCacheSize).toBe(200);
  });

  test("a fraction where DMS counts whole units is refused", () => {
    expect(problems({ TargetMetadata: { LobMaxSize: 32.5 } })).toEqual(["TargetMetadata.LobMaxSize = 32.5: wrong type; allowed: int"]);
  });

  test("a number given as a string is refused", () => {
    expect(problems({ FullLoadSettings: { CommitRate: "10000" } })).toEqual(['FullLoadSettings.CommitRate = "10000": wrong type; allowed: number']);
  });

  test("a flag given as a string is refused", () => {
    expect(problems({ Logging: { EnableLogging: "true" } })).toEqual(['Logging.EnableLogging = "true": wrong type; allowed: boolean']);
  });
});

describe("rules across keys", () => {
  test("EnableLogContext is refused when logging is off", () => {
    expect(problems({ Logging: { EnableLogging: false, EnableLogContext: true } })).toEqual([
      "Logging.EnableLogContext = true: allowed only with Logging.EnableLogging: true (it is false); the AWS provider rejects the key otherwise, even as false",
    ]);
  });

  test("EnableLogContext is refused when logging is off even as false, as the provider does", () => {
    expect(problems({ Logging: { EnableLogging: false, EnableLogContext: false } })).toEqual([
      expect.stringMatching(/^Logging\.EnableLogContext = false: allowed only with Logging\.EnableLogging: true/),
    ]);
  });

  test("EnableLogContext is accepted with the default EnableLogging: true", () => {
    expect(json({ Logging: { EnableLogContext: true } }).Logging).toMatchObject({ EnableLogging: true, EnableLogContext: true });
  });

  test("full LOB mode with the default limited LOB mode still on is refused", () => {
    expect(problems({ TargetMetadata: { FullLobMode: true } })).toEqual([
      "TargetMetadata.FullLobMode = true: not allowed together with TargetMetadata.LimitedSizeLobMode: true; allowed: one LOB mode (set LimitedSizeLobMode: false for full LOB mode)",
    ]);
  });

  test("full LOB mode with limited LOB mode off is accepted", () => {
    expect(json({ TargetMetadata: { FullLobMode: true, LimitedSizeLobMode: false } }).TargetMetadata).toMatchObject({
      FullLobMode: true,
      LimitedSizeLobMode: false,
    });
  });

  test("LOB support without a LOB mode is refused", () => {
    expect(problems({ TargetMetadata: { LimitedSizeLobMode: false } })).toEqual([
      "TargetMetadata.SupportLobs = true: needs a LOB mode; allowed: FullLobMode: true or LimitedSizeLobMode: true, or SupportLobs: false",
    ]);
  });

  test("batch apply with full LOB mode is refused", () => {
    expect(problems({ TargetMetadata: { BatchApplyEnabled: true, FullLobMode: true, LimitedSizeLobMode: false } })).toEqual([
      "TargetMetadata.BatchApplyEnabled = true: not allowed with TargetMetadata.FullLobMode: true; AWS applies LOBs in batches only in limited LOB mode; allowed: LimitedSizeLobMode: true, or BatchApplyEnabled: false",
    ]);
  });

  test("batch apply with limited LOB mode is accepted", () => {
    expect(json({ TargetMetadata: { BatchApplyEnabled: true } }).TargetMetadata.BatchApplyEnabled).toBe(true);
  });

  test("a validation-only task with the default DROP_AND_CREATE is refused", () => {
    expect(problems({ ValidationSettings: { EnableValidation: true, ValidationOnly: true } })).toEqual([
      'ValidationSettings.ValidationOnly = true: needs FullLoadSettings.TargetTablePrepMode "DO_NOTHING" (it is "DROP_AND_CREATE"), so validation never changes the target; allowed: set both',
    ]);
  });

  test("a validation-only task with DO_NOTHING is accepted", () => {
    const settings = json({ ValidationSettings: { EnableValidation: true, ValidationOnly: true }, FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" } });
    expect(settings.ValidationSettings.ValidationOnly).toBe(true);
  });

  test("InlineLobMaxSize outside full LOB mode is refused", () => {
    expect(problems({ TargetMetadata: { InlineLobMaxSize: 64 } })).toEqual([
      "TargetMetadata.InlineLobMaxSize = 64: allowed only with TargetMetadata.FullLobMode: true (it is false); inline LOBs are a full LOB mode option",
    ]);
  });

  test("InlineLobMaxSize in full LOB mode is accepted", () => {
    const target = json({ TargetMetadata: { FullLobMode: true, LimitedSizeLobMode: false, InlineLobMaxSize: 64 } }).TargetMetadata;
    expect(target.InlineLobMaxSize).toBe(64);
  });

  test("a log component listed twice is refused, since the provider keys them by Id", () => {
    const components = [
      { Id: "TARGET_APPLY", Severity: "LOGGER_SEVERITY_DEFAULT" },
      { Id: "TARGET_APPLY", Severity: "LOGGER_SEVERITY_DEBUG" },
    ];
    expect(problems({ Logging: { LogComponents: components } })).toEqual([
      'Logging.LogComponents[1].Id = "TARGET_APPLY": listed twice; allowed: each component once (the provider keys them by Id)',
    ]);
  });

  test("a batch-apply minimum wait above the maximum is refused", () => {
    expect(problems({ ChangeProcessingTuning: { BatchApplyTimeoutMin: 60 } })).toEqual([
      "ChangeProcessingTuning.BatchApplyTimeoutMin = 60: larger than ChangeProcessingTuning.BatchApplyTimeoutMax (30); allowed: <= 30",
    ]);
  });
});

describe("TaskSettingsError", () => {
  test("has one line per problem", () => {
    expect(
      problems({
        TargetMetadata: { LobMaxSize: 200000 },
        Logging: { CloudWatchLogGroup: "x" },
        FullLoadSettings: { TargetTablePrepMode: "DROP" },
      }),
    ).toEqual([
      "TargetMetadata.LobMaxSize = 200000: too big; allowed: <= 102400",
      expect.stringMatching(/^FullLoadSettings\.TargetTablePrepMode = "DROP": not allowed/),
      expect.stringMatching(/^Logging\.CloudWatchLogGroup = "x": read-only/),
    ]);
  });

  test("reports every rule across keys that is broken, not just the first", () => {
    expect(problems({ Logging: { EnableLogging: false, EnableLogContext: true }, TargetMetadata: { FullLobMode: true } })).toHaveLength(2);
  });

  test("carries the problems for callers that collect them", () => {
    try {
      TaskSettings.defaults().with({ FullLoadSettings: { MaxFullLoadSubTasks: 64 } });
      throw new Error("expected a TaskSettingsError");
    } catch (error) {
      expect((error as TaskSettingsError).name).toBe("TaskSettingsError");
      expect((error as TaskSettingsError).problems).toEqual([
        { path: "FullLoadSettings.MaxFullLoadSubTasks", value: "64", message: "too big; allowed: <= 49" },
      ]);
    }
  });
});

describe("taskSettingsProblems", () => {
  test("is empty for usable overrides", () => {
    expect(taskSettingsProblems({ FullLoadSettings: { MaxFullLoadSubTasks: 16 } })).toEqual([]);
  });

  test("lists the problems of overrides merged over the defaults", () => {
    expect(taskSettingsProblems({ ValidationSettings: { EnableValidation: true, ValidationOnly: true } })).toEqual([
      { path: "ValidationSettings.ValidationOnly", value: "true", message: expect.stringMatching(/^needs FullLoadSettings\.TargetTablePrepMode "DO_NOTHING"/) },
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
