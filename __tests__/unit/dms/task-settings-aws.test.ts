import { readFileSync } from "fs";
import { join } from "path";
import { TaskSettings, TaskSettingsError, TaskSettingsOverrides, taskSettingsProblemsFor } from "../../../modules/dms/task-settings";

// AWS's own task-settings JSON (see __tests__/fixtures/aws/README.md) and the sections the defaults never carry.

const fixture = (name: string): any => JSON.parse(readFileSync(join(__dirname, "../../fixtures/aws", name), "utf8"));

/** The error lines of settings given as written. */
function problems(settings: unknown): string[] {
  try {
    TaskSettings.asWritten(settings as TaskSettingsOverrides);
  } catch (error) {
    expect(error).toBeInstanceOf(TaskSettingsError);
    return (error as Error).message.split("\n");
  }
  throw new Error("expected the settings to be refused");
}

const asJson = (settings: unknown) => JSON.parse(TaskSettings.asWritten(settings as TaskSettingsOverrides).toJson());

describe("TaskSettings.asWritten: only what is written is sent", () => {
  test("AWS's task settings example comes out exactly as AWS writes it", () => {
    const example = fixture("task-settings-example.json");
    expect(asJson(example)).toEqual(example);
  });

  test("the output does not depend on the order the keys were written in", () => {
    const example = fixture("task-settings-example.json");
    const reversed = Object.fromEntries(
      Object.entries(example)
        .reverse()
        .map(([name, section]) => [name, Object.fromEntries(Object.entries(section as object).reverse())]),
    );
    expect(TaskSettings.asWritten(reversed).toJson()).toBe(TaskSettings.asWritten(example).toJson());
  });

  test('"Logging": {"EnableLogging": false} stays exactly that: no log components, no default sections', () => {
    expect(asJson({ Logging: { EnableLogging: false } })).toEqual({ Logging: { EnableLogging: false } });
  });

  test("a partial settings object gets no default section (no DROP_AND_CREATE)", () => {
    const json = TaskSettings.asWritten({ FullLoadSettings: { MaxFullLoadSubTasks: 16 } }).toJson();
    expect(JSON.parse(json)).toEqual({ FullLoadSettings: { MaxFullLoadSubTasks: 16 } });
    expect(json).not.toMatch(/DROP_AND_CREATE/);
  });

  test("nothing written sends an empty object", () => {
    expect(TaskSettings.asWritten({}).toJson()).toBe("{}");
  });

  test("the defaults stay the default: TaskSettings.defaults() still carries every default section", () => {
    expect(Object.keys(JSON.parse(TaskSettings.defaults().toJson()))).toContain("ErrorBehavior");
    expect(JSON.parse(TaskSettings.defaults().toJson()).FullLoadSettings.TargetTablePrepMode).toBe("DROP_AND_CREATE");
  });

  test("settings as written are checked like overrides: unknown keys and bad values are refused", () => {
    expect(problems({ Logging: { EnableLoging: true }, FullLoadSettings: { CommitRate: 0 } })).toEqual([
      'Logging.EnableLoging = true: unknown key (did you mean "EnableLogging"?); allowed keys: EnableLogging, EnableLogContext, LogComponents',
      "FullLoadSettings.CommitRate = 0: too small; allowed: >= 1",
    ]);
  });

  test("combinations are checked on what is written, without defaults to lean on", () => {
    expect(problems({ Logging: { EnableLogContext: true } })).toEqual([
      "Logging.EnableLogContext = true: allowed only with Logging.EnableLogging: true (it is (missing)); the AWS provider rejects the key otherwise, even as false",
    ]);
  });
});

describe("settings as DMS saves them: read-only keys set to null are accepted and normalised", () => {
  const saved = fixture("task-settings-saved.json");
  const json = asJson(saved);

  test("null sections and keys are not sent", () => {
    for (const section of ["PostProcessingRules", "CharacterSetSettings", "LoopbackPreventionSettings", "BeforeImageSettings"]) {
      expect(json).not.toHaveProperty(section);
    }
    expect(json.Logging).not.toHaveProperty("CloudWatchLogGroup");
    expect(json.Logging).not.toHaveProperty("CloudWatchLogStream");
    expect(json.TTSettings).toEqual({ EnableTT: false, FailTaskOnTTFailure: false });
  });

  test("the lower-case historyTimeslotInMinutes echo is folded into HistoryTimeslotInMinutes", () => {
    expect(json.ControlTablesSettings).not.toHaveProperty("historyTimeslotInMinutes");
    expect(json.ControlTablesSettings.HistoryTimeslotInMinutes).toBe(5);
  });

  test("everything else comes out as saved", () => {
    const expected = JSON.parse(JSON.stringify(saved, (key, value) => (value === null || key === "historyTimeslotInMinutes" ? undefined : value)));
    // Log components come in a fixed order (the provider keys them by Id): the same set, every one.
    expect(json.Logging.LogComponents).toHaveLength(saved.Logging.LogComponents.length);
    expected.Logging.LogComponents = expect.arrayContaining(saved.Logging.LogComponents);
    expect(json).toEqual(expected);
  });

  test("an echo that disagrees with HistoryTimeslotInMinutes is refused", () => {
    expect(problems({ ControlTablesSettings: { HistoryTimeslotInMinutes: 5, historyTimeslotInMinutes: 10 } })).toEqual([
      "ControlTablesSettings.historyTimeslotInMinutes = 10: differs from ControlTablesSettings.HistoryTimeslotInMinutes (5); AWS saves one value under both names; allowed: the same value, or only HistoryTimeslotInMinutes",
    ]);
  });

  test("a non-null CloudWatchLogGroup, as a running task reports it, is still refused", () => {
    expect(problems({ Logging: { EnableLogging: true, CloudWatchLogGroup: "dms-tasks-staging" } })[0]).toMatch(
      /^Logging\.CloudWatchLogGroup = "dms-tasks-staging": read-only/,
    );
  });

  test("PostProcessingRules takes only null", () => {
    expect(problems({ PostProcessingRules: { rules: [] } })).toEqual(['PostProcessingRules = {"rules":[]}: wrong type; allowed: null']);
  });

  test("over the defaults, a null key removes that default and a null section removes the section", () => {
    const settings = TaskSettings.defaults().with({ Logging: { LogComponents: null }, ControlTablesSettings: null });
    expect(settings.values.Logging).toEqual({ EnableLogging: true });
    expect(settings.values).not.toHaveProperty("ControlTablesSettings");
  });
});

describe("sections the defaults never carry", () => {
  test("ErrorBehavior.EventErrorPolicy and DataMaskingErrorPolicy take AWS's values only", () => {
    expect(asJson({ ErrorBehavior: { EventErrorPolicy: "STOP_TASK", DataMaskingErrorPolicy: "LOG_ERROR" } })).toEqual({
      ErrorBehavior: { DataMaskingErrorPolicy: "LOG_ERROR", EventErrorPolicy: "STOP_TASK" },
    });
    expect(problems({ ErrorBehavior: { EventErrorPolicy: "LOG_ERROR", DataMaskingErrorPolicy: "MASK" } })).toEqual([
      'ErrorBehavior.DataMaskingErrorPolicy = "MASK": not allowed; allowed: "IGNORE_RECORD" | "LOG_ERROR" | "SUSPEND_TABLE" | "STOP_TASK"',
      'ErrorBehavior.EventErrorPolicy = "LOG_ERROR": not allowed; allowed: "IGNORE" | "STOP_TASK"',
    ]);
  });

  test("FailTaskWhenCleanTaskResourceFailed is a top-level flag", () => {
    expect(asJson({ FailTaskWhenCleanTaskResourceFailed: true })).toEqual({ FailTaskWhenCleanTaskResourceFailed: true });
    expect(problems({ FailTaskWhenCleanTaskResourceFailed: "yes" })).toEqual([
      'FailTaskWhenCleanTaskResourceFailed = "yes": wrong type; allowed: boolean',
    ]);
  });

  test("a character replaced twice is refused", () => {
    const replacements = [
      { SourceCharacterCodePoint: 35, TargetCharacterCodePoint: 52 },
      { SourceCharacterCodePoint: 35, TargetCharacterCodePoint: 53 },
    ];
    expect(problems({ CharacterSetSettings: { CharacterReplacements: replacements } })).toEqual([
      "CharacterSetSettings.CharacterReplacements[1].SourceCharacterCodePoint = 35: replaced twice; allowed: each source character once",
    ]);
  });

  test("a code point outside Unicode is refused", () => {
    expect(problems({ CharacterSetSettings: { CharacterSetSupport: { CharacterSet: "UTF16_PlatformEndian", ReplaceWithCharacterCodePoint: -1 } } })).toEqual([
      "CharacterSetSettings.CharacterSetSupport.ReplaceWithCharacterCodePoint = -1: too small; allowed: >= 0",
    ]);
  });

  test("Time Travel needs its bucket and role, and a KMS key exactly with SSE_KMS", () => {
    expect(problems({ TTSettings: { EnableTT: true, TTS3Settings: { EncryptionMode: "SSE_KMS" } } })).toEqual([
      "TTSettings.TTS3Settings.BucketName = (missing): required with TTSettings.EnableTT: true: Time Travel writes its logs to that bucket with that role",
      "TTSettings.TTS3Settings.ServiceAccessRoleArn = (missing): required with TTSettings.EnableTT: true: Time Travel writes its logs to that bucket with that role",
      'TTSettings.TTS3Settings.ServerSideEncryptionKmsKeyId = (missing): required with EncryptionMode "SSE_KMS"; allowed: the KMS key ARN',
    ]);
    expect(problems({ TTSettings: { TTS3Settings: { EncryptionMode: "SSE_S3", ServerSideEncryptionKmsKeyId: "arn:aws:kms:eu-west-2:111122223333:key/k" } } })).toEqual([
      'TTSettings.TTS3Settings.ServerSideEncryptionKmsKeyId = "arn:aws:kms:eu-west-2:111122223333:key/k": used only with EncryptionMode "SSE_KMS" (it is "SSE_S3"); allowed: EncryptionMode "SSE_KMS", or no key',
    ]);
  });

  test("Time Travel logs only the operations AWS names", () => {
    expect(problems({ TTSettings: { TTRecordSettings: { OperationsToLog: "DELETE,TRUNCATE" } } })).toEqual([
      'TTSettings.TTRecordSettings.OperationsToLog = "DELETE,TRUNCATE": comma-separated INSERT, UPDATE, DELETE, COMMIT, ROLLBACK, ALL',
    ]);
  });

  test("loopback prevention needs both schemas", () => {
    expect(problems({ LoopbackPreventionSettings: { EnableLoopbackPrevention: true, SourceSchema: "LOOP-DATA" } })).toEqual([
      "LoopbackPreventionSettings.TargetSchema = (missing): required with EnableLoopbackPrevention: true: the schema of the loopback table DMS writes and reads",
    ]);
  });
});

describe("ValidationSettings", () => {
  test("every documented key is typed, with AWS's ranges", () => {
    expect(problems({ ValidationSettings: { ThreadCount: 0, PartitionSize: 0, ValidationQueryCdcDelaySeconds: 121, FailureMaxCount: -1 } })).toEqual([
      "ValidationSettings.ThreadCount = 0: too small; allowed: >= 1",
      "ValidationSettings.PartitionSize = 0: too small; allowed: >= 1",
      "ValidationSettings.FailureMaxCount = -1: too small; allowed: >= 0",
      "ValidationSettings.ValidationQueryCdcDelaySeconds = 121: too big; allowed: <= 120",
    ]);
  });

  test("a validation-only task validates and never prepares the target", () => {
    expect(problems({ ValidationSettings: { ValidationOnly: true } })).toEqual([
      'ValidationSettings.ValidationOnly = true: needs FullLoadSettings.TargetTablePrepMode "DO_NOTHING" (it is (missing)), so validation never changes the target; allowed: set both',
      "ValidationSettings.ValidationOnly = true: a validation-only task needs ValidationSettings.EnableValidation: true; allowed: set both",
    ]);
    expect(() =>
      TaskSettings.asWritten({ FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" }, ValidationSettings: { EnableValidation: true, ValidationOnly: true } }),
    ).not.toThrow();
  });

  test("a partial LOB compare with LOB columns skipped is refused", () => {
    expect(problems({ ValidationSettings: { SkipLobColumns: true, ValidationPartialLobSize: 64 } })).toEqual([
      "ValidationSettings.ValidationPartialLobSize = 64: compares part of each LOB, but ValidationSettings.SkipLobColumns: true leaves LOBs out; allowed: one of the two",
    ]);
  });
});

describe("validation against the task's engines", () => {
  const validating = TaskSettings.asWritten({ ValidationSettings: { EnableValidation: true } });

  test("the engines DMS validates pass", () => {
    expect(taskSettingsProblemsFor(validating.values, { migrationType: "cdc", sourceEngine: "sqlserver", targetEngine: "s3" })).toEqual([]);
    expect(taskSettingsProblemsFor(validating.values, { migrationType: "cdc", sourceEngine: "db2", targetEngine: "redshift" })).toEqual([]);
  });

  test("a source or target DMS does not validate is refused", () => {
    expect(taskSettingsProblemsFor(validating.values, { migrationType: "cdc", sourceEngine: "mongodb", targetEngine: "opensearch" }).map((p) => p.message)).toEqual([
      expect.stringMatching(/^DMS does not validate data with a mongodb source; it validates oracle, postgres, .*; allowed: false/),
      expect.stringMatching(/^DMS does not validate data with a opensearch target; it validates .*redshift, s3; allowed: false/),
    ]);
  });

  test("validation off is never checked against the engines", () => {
    expect(taskSettingsProblemsFor(TaskSettings.asWritten({}).values, { migrationType: "cdc", sourceEngine: "mongodb" })).toEqual([]);
  });
});

describe("ResyncSettings", () => {
  // AWS's example, from the "Data resync settings" page.
  const awsResync = { EnableResync: true, ResyncSchedule: "30 9 ? * MON-FRI", MaxResyncTime: 400, ValidationTaskId: "JXPP94804DJOEWIJD9348R3049" };
  const validating = { ValidationSettings: { EnableValidation: true } };
  const cdc = { migrationType: "full-load-and-cdc", sourceEngine: "oracle", targetEngine: "postgres", engineVersion: "3.6.1" } as const;

  test("AWS's example comes out as AWS writes it, and passes on a CDC task from Oracle into PostgreSQL on DMS 3.6.1", () => {
    const settings = TaskSettings.asWritten({ ResyncSettings: awsResync });
    expect(JSON.parse(settings.toJson())).toEqual({ ResyncSettings: awsResync });
    expect(taskSettingsProblemsFor(settings.values, cdc)).toEqual([]);
  });

  test("the section needs EnableResync", () => {
    expect(problems({ ResyncSettings: { MaxResyncTime: 60 } })).toEqual([
      "ResyncSettings.EnableResync = (missing): required whenever ResyncSettings is given (AWS refuses the section without it); allowed: true or false",
    ]);
  });

  test("MaxResyncTime is 5 to 14400 minutes", () => {
    expect(problems({ ResyncSettings: { EnableResync: false, MaxResyncTime: 4 } })).toEqual(["ResyncSettings.MaxResyncTime = 4: too small; allowed: >= 5"]);
    expect(problems({ ResyncSettings: { EnableResync: false, MaxResyncTime: 14401 } })).toEqual(["ResyncSettings.MaxResyncTime = 14401: too big; allowed: <= 14400"]);
  });

  test.each(["30 9 * *", "every day", "30 9 ? * MON-FRI *"])("the schedule %j is not a five-field cron expression", (schedule) => {
    expect(problems({ ...validating, ResyncSettings: { EnableResync: true, ResyncSchedule: schedule, MaxResyncTime: 60 } })).toEqual([
      `ResyncSettings.ResyncSchedule = ${JSON.stringify(schedule)}: not a cron expression of five fields (minute hour day-of-month month day-of-week); allowed: such as "30 9 ? * MON-FRI" or "0 2 * * *"`,
    ]);
  });

  test.each(["0 2 * * *", "*/15 1-5 * * MON,WED", "30 9 ? * MON-FRI"])("the schedule %j is accepted", (schedule) => {
    expect(() => TaskSettings.asWritten({ ...validating, ResyncSettings: { EnableResync: true, ResyncSchedule: schedule, MaxResyncTime: 60 } })).not.toThrow();
  });

  test("resync without validation needs the validation-only task's id", () => {
    expect(problems({ ResyncSettings: { EnableResync: true } })).toEqual([
      "ResyncSettings.ValidationTaskId = (missing): resync fixes the rows validation found different, and this task does not validate; allowed: ValidationSettings.EnableValidation: true, or the id of the validation-only task",
    ]);
  });

  test("a validation-only task cannot resync", () => {
    const settings = { FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" }, ValidationSettings: { EnableValidation: true, ValidationOnly: true } };
    expect(problems({ ...settings, ResyncSettings: { EnableResync: true } })).toEqual([
      "ResyncSettings.EnableResync = true: a validation-only task copies nothing, so it cannot resync; allowed: resync on the replicating task, naming this one in ValidationTaskId",
    ]);
  });

  test("a task with CDC needs a schedule and a maximum time", () => {
    const settings = TaskSettings.asWritten({ ...validating, ResyncSettings: { EnableResync: true } });
    expect(taskSettingsProblemsFor(settings.values, { migrationType: "cdc" })).toEqual([
      {
        path: "ResyncSettings.ResyncSchedule",
        value: "(missing)",
        message: 'required for a cdc task with resync on: when resync may pause replication; allowed: a cron expression such as "30 9 ? * MON-FRI"',
      },
      { path: "ResyncSettings.MaxResyncTime", value: "(missing)", message: "required for a cdc task with resync on; allowed: minutes, 5 to 14400" },
    ]);
  });

  test("a full-load task takes neither, and must validate", () => {
    const settings = TaskSettings.asWritten({ ResyncSettings: awsResync });
    expect(taskSettingsProblemsFor(settings.values, { migrationType: "full-load" }).map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      "ResyncSettings.ResyncSchedule: a full-load task resyncs once, after its load and validation; allowed: no schedule (CDC tasks only)",
      "ResyncSettings.MaxResyncTime: a full-load task resyncs once, after its load and validation; allowed: no MaxResyncTime (CDC tasks only)",
      "ResyncSettings.EnableResync: a full-load task resyncs only what its own validation found; allowed: ValidationSettings.EnableValidation: true",
    ]);
  });

  test("only Oracle and SQL Server sources, PostgreSQL targets and DMS 3.6.1 or later", () => {
    const settings = TaskSettings.asWritten({ ResyncSettings: awsResync });
    const task = { ...cdc, sourceEngine: "mysql", targetEngine: "redshift", engineVersion: "3.5.4" };
    expect(taskSettingsProblemsFor(settings.values, task).map((problem) => problem.message)).toEqual([
      "DMS resyncs from Oracle and SQL Server sources only (the source is mysql); allowed: false",
      "DMS resyncs into PostgreSQL and Aurora PostgreSQL targets only (the target is redshift); allowed: false",
      "needs DMS 3.6.1 or later; the replication instance runs 3.5.4; allowed: false, or a newer engineVersion",
    ]);
    expect(taskSettingsProblemsFor(settings.values, { ...cdc, sourceEngine: "sqlserver", targetEngine: "aurora-postgresql" })).toEqual([]);
  });

  test("resync switched off is never checked against the task", () => {
    const settings = TaskSettings.asWritten({ ResyncSettings: { EnableResync: false } });
    expect(taskSettingsProblemsFor(settings.values, { migrationType: "cdc", sourceEngine: "mysql" })).toEqual([]);
  });
});

describe("Time Travel against the task", () => {
  const tt = TaskSettings.asWritten({
    TTSettings: { EnableTT: true, TTS3Settings: { BucketName: "tt-bucket", ServiceAccessRoleArn: "arn:aws:iam::111122223333:role/dms-tt" } },
  });

  test("a full-load task, a MySQL source and a Redshift target are refused", () => {
    expect(taskSettingsProblemsFor(tt.values, { migrationType: "full-load", sourceEngine: "mysql", targetEngine: "redshift" }).map((p) => p.message)).toEqual([
      'Time Travel logs changes, and a full-load task captures none; allowed: false, or migrationType "cdc" or "full-load-and-cdc"',
      "DMS offers Time Travel for Oracle, SQL Server and PostgreSQL sources only (the source is mysql); allowed: false",
      "DMS offers Time Travel for PostgreSQL and MySQL targets only (the target is redshift); allowed: false",
    ]);
  });

  test("a CDC task from SQL Server into PostgreSQL passes", () => {
    expect(taskSettingsProblemsFor(tt.values, { migrationType: "cdc", sourceEngine: "sqlserver", targetEngine: "postgres" })).toEqual([]);
  });
});
