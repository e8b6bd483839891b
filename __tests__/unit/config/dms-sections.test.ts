import { formatFieldProblem } from "../../../modules/config/problem";
import { checkEnvironment } from "../../../modules/config";
import { environmentFile } from "../../helpers/environments";

/** The problems of a bundled file after an edit, as `path = value: message` lines. */
function problemsAfter(name: string, edit: (file: Record<string, any>) => void): string[] {
  const file = environmentFile(name);
  edit(file);
  return checkEnvironment(JSON.stringify(file), name).problems.map(formatFieldProblem);
}

describe("dms section", () => {
  test("tasks on an instance need one, created or existing", () => {
    expect(problemsAfter("development", (f) => delete f.dms.replicationInstance)).toEqual([
      "dms = (missing): tasks not on DMS Serverless (uht-to-uh-mirror) need replicationInstance or existingReplicationInstance",
    ]);
  });

  test("not both a created and an existing instance", () => {
    expect(
      problemsAfter("development", (f) => (f.dms.existingReplicationInstance = { replicationInstanceArn: "arn:aws:dms:eu-west-2:123456789012:rep:ABC", securityGroupId: "sg-0b2c3d4e5f6071829" })),
    ).toEqual(["dms = (missing): give replicationInstance or existingReplicationInstance, not both"]);
  });

  test("serverless tasks need no instance", () => {
    expect(
      problemsAfter("development", (f) => {
        delete f.dms.replicationInstance;
        f.tasks[0].serverless = { maxCapacityUnits: 4 };
      }),
    ).toEqual([]);
  });

  test("production replication instances are Multi-AZ", () => {
    expect(problemsAfter("production", (f) => (f.dms.replicationInstance.multiAz = false))).toEqual([
      "dms.replicationInstance.multiAz = false: production replication instances must be Multi-AZ; allowed: true",
    ]);
  });

  test("a replication instance is never publicly accessible", () => {
    expect(problemsAfter("development", (f) => (f.dms.replicationInstance.publiclyAccessible = true))).toEqual([
      "dms.replicationInstance.publiclyAccessible = true: nothing may be publicly accessible; allowed: false",
    ]);
  });

  test("a retired DMS engine is refused", () => {
    expect(problemsAfter("development", (f) => (f.dms.replicationInstance.engineVersion = "3.5.2"))).toEqual([
      expect.stringMatching(/^dms\.replicationInstance\.engineVersion = "3\.5\.2": DMS engine 3\.5\.2 is past its end of life/),
    ]);
  });

  test("an existing instance's retired engine is refused too, once", () => {
    expect(problemsAfter("staging", (f) => (f.dms.existingReplicationInstance.engineVersion = "3.5.3"))).toEqual([
      expect.stringMatching(/^dms\.existingReplicationInstance\.engineVersion = "3\.5\.3": DMS engine 3\.5\.3 is past its end of life/),
    ]);
  });

  test("the account roles are an explicit choice", () => {
    expect(problemsAfter("development", (f) => delete f.dms.accountRoles)).toEqual([
      'dms.accountRoles = (missing): not allowed; allowed: "create" | "existing"',
    ]);
  });

  test("Secrets Manager is reached through exactly one named peer", () => {
    expect(problemsAfter("development", (f) => (f.dms.secretsManagerAccess = {}))).toEqual([
      "dms.secretsManagerAccess = {}: give exactly one of securityGroupId and cidr",
    ]);
    expect(problemsAfter("development", (f) => (f.dms.secretsManagerAccess = { cidr: "0.0.0.0/0" }))).toEqual([
      'dms.secretsManagerAccess.cidr = "0.0.0.0/0": "0.0.0.0/0" would allow every address; name the network instead (allowed: /16 to /32)',
    ]);
  });

  test("sources and tasks need a dms section", () => {
    expect(problemsAfter("development", (f) => delete f.dms)).toEqual([
      "dms = (missing): sources, targets and tasks need a dms section (account roles, replication instance, target endpoint)",
    ]);
  });
});

describe("sources", () => {
  test("MS-Replication on RDS is refused, naming the source", () => {
    expect(problemsAfter("development", (f) => (f.sources.uht.hosting = "rds"))).toEqual([
      'sources.uht.captureMode = "ms-replication": RDS for SQL Server does not support MS-Replication; allowed: "ms-cdc", "none"',
    ]);
  });

  test.each(["dmsLoginIsSysadmin", "setUpMsCdcForTables"])("%s on an RDS source is refused at file-check time", (option) => {
    const lines = problemsAfter("development", (f) => Object.assign(f.sources.uht, { hosting: "rds", captureMode: "ms-cdc", [option]: true }));
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^sources\\.uht\\.${option} = true: .*sysadmin`))]);
  });

  test("exclusive truncation on RDS is refused", () => {
    expect(
      problemsAfter("staging", (f) => Object.assign(f.sources.uht, { hosting: "rds", safeguardPolicy: "EXCLUSIVE_AUTOMATIC_TRUNCATION" })),
    ).toEqual([expect.stringMatching(/^sources\.uht\.safeguardPolicy = "EXCLUSIVE_AUTOMATIC_TRUNCATION": exclusive truncation is not available on RDS/)]);
  });

  test("a misspelt source key names the closest known one", () => {
    expect(problemsAfter("development", (f) => (f.sources.uht.captureMod = "ms-cdc"))).toEqual([
      expect.stringMatching(/^sources\.uht\.captureMod = "ms-cdc": unknown key \(did you mean "captureMode"\?\); allowed keys: engine, endpointId/),
    ]);
  });

  test("an unknown capture mode lists the three modes", () => {
    expect(problemsAfter("development", (f) => (f.sources.uht.captureMode = "cdc"))).toEqual([
      'sources.uht.captureMode = "cdc": not allowed; allowed: "ms-replication" | "ms-cdc" | "none"',
    ]);
  });

  test("a host name needs the network DMS may reach", () => {
    expect(problemsAfter("production", (f) => delete f.sources.uhw.allowedCidr)).toEqual([
      'sources.uhw.allowedCidr = (missing): required when the server ("uhw-sql.hackney.internal") is a host name, to limit where DMS may connect',
    ]);
  });

  test("a literal password in a source is refused, not shown", () => {
    const lines = problemsAfter("development", (f) => (f.sources.uht.password = "uht-Pa55word!"));
    expect(lines).toEqual([expect.stringMatching(/^sources\.uht\.password = \(not shown: a 13-character value\): an environment file must never hold a password/)]);
  });

  test("endpoint ids are unique across sources and the target", () => {
    expect(problemsAfter("production", (f) => (f.sources.uhw.endpointId = "target-uh-endpoint"))).toEqual([
      'sources.uhw.endpointId = "target-uh-endpoint": already used by dms.targetEndpoint.endpointId; endpoint ids are unique',
    ]);
  });
});

describe("tasks", () => {
  test("a change-capture task on a full-load-only source is refused", () => {
    expect(
      problemsAfter("production", (f) => {
        f.tasks[1].migrationType = "full-load-and-cdc";
        delete f.tasks[1].schedule;
      }),
    ).toEqual([
      'tasks[1].migrationType = "full-load-and-cdc": source "uhw" is set up for full loads only; allowed: "full-load", or prepare the source for change capture',
    ]);
  });

  test("a task names a source that exists", () => {
    expect(problemsAfter("production", (f) => (f.tasks[0].source = "uhx"))).toEqual(['tasks[0].source = "uhx": no such source; allowed: uht, uhw']);
  });

  test("task ids are unique", () => {
    expect(problemsAfter("production", (f) => (f.tasks[1].replicationTaskId = f.tasks[0].replicationTaskId))).toEqual(['tasks[1].replicationTaskId = "uht-to-uh-mirror": task ids are unique']);
  });

  test("a misspelt key inside a table-mapping rule names the closest key of that rule's action", () => {
    expect(
      problemsAfter("development", (f) => {
        f.tasks[0].tableMappings[0].tabel = f.tasks[0].tableMappings[0].table;
        delete f.tasks[0].tableMappings[0].table;
      }),
    ).toEqual([expect.stringMatching(/^tasks\[0\]\.tableMappings\[0\]\.tabel = "member": unknown key \(did you mean "table"\?\); allowed keys: action, .*table/)]);
  });

  test("table mappings that select nothing are refused", () => {
    expect(problemsAfter("development", (f) => (f.tasks[0].tableMappings = [f.tasks[0].tableMappings[3]]))).toEqual([
      expect.stringMatching(/^tasks\[0\]\.tableMappings.*include/),
    ]);
  });

  test("read-only task settings are refused with the reason", () => {
    expect(problemsAfter("development", (f) => (f.tasks[0].settings = { Logging: { CloudWatchLogGroup: "dms-tasks-x" } }))).toEqual([
      expect.stringMatching(/^tasks\[0\]\.settings\.Logging\.CloudWatchLogGroup = "dms-tasks-x": .*read-only/),
    ]);
  });

  test("cross-field task-settings rules are checked with the task's path", () => {
    expect(problemsAfter("development", (f) => (f.tasks[0].settings = { Logging: { EnableLogging: false, EnableLogContext: true } }))).toEqual([
      expect.stringMatching(/^tasks\[0\]\.settings\.Logging\.EnableLogContext = true: /),
    ]);
  });

  test("AWS's own table-mappings JSON pastes in as tableMappings, and is checked in its own terms", () => {
    const rules = [
      { "rule-type": "selection", "rule-id": "1", "rule-name": "1", "object-locator": { "schema-name": "dbo", "table-name": "member" }, "rule-action": "include", "load-order": "1" },
      { "rule-type": "table-settings", "rule-id": "2", "rule-name": "2", "object-locator": { "schema-name": "dbo", "table-name": "member" }, "lob-settings": { mode: "limited", "bulk-max-size": "64" } },
    ];
    expect(problemsAfter("development", (f) => (f.tasks[0].tableMappings = { rules }))).toEqual([]);
    rules[1]["object-locator"]["table-name"] = "mem%";
    expect(problemsAfter("development", (f) => (f.tasks[0].tableMappings = { rules }))).toEqual([
      'tasks[0].tableMappings.rules[1].object-locator.table-name = "mem%": table-settings rules name one table: DMS refuses a % wildcard in them; allowed: a plain name (one rule per table)',
    ]);
  });

  test("settingsAsWritten checks the settings alone, with no default to lean on", () => {
    const settings = { Logging: { EnableLogContext: true } };
    expect(problemsAfter("development", (f) => (f.tasks[0].settings = settings))).toEqual([]);
    expect(problemsAfter("development", (f) => Object.assign(f.tasks[0], { settings, settingsAsWritten: true }))).toEqual([
      expect.stringMatching(/^tasks\[0\]\.settings\.Logging\.EnableLogContext = true: allowed only with Logging\.EnableLogging: true \(it is \(missing\)\)/),
    ]);
  });

  test("settings as AWS saves them, null keys included, pass the file check", () => {
    const saved = { Logging: { EnableLogging: true, CloudWatchLogGroup: null, CloudWatchLogStream: null }, PostProcessingRules: null, BeforeImageSettings: null };
    expect(problemsAfter("development", (f) => Object.assign(f.tasks[0], { settings: saved, settingsAsWritten: true }))).toEqual([]);
  });

  test("resync is checked against the task, its engines and the instance's DMS version", () => {
    const resync = { ValidationSettings: { EnableValidation: true }, ResyncSettings: { EnableResync: true } };
    expect(problemsAfter("development", (f) => (f.tasks[0].settings = resync))).toEqual([
      expect.stringMatching(/^tasks\[0\]\.settings\.ResyncSettings\.ResyncSchedule = \(missing\): required for a full-load-and-cdc task/),
      expect.stringMatching(/^tasks\[0\]\.settings\.ResyncSettings\.MaxResyncTime = \(missing\): required for a full-load-and-cdc task/),
    ]);
    const scheduled = { ...resync, ResyncSettings: { EnableResync: true, ResyncSchedule: "0 2 * * *", MaxResyncTime: 60 } };
    expect(problemsAfter("development", (f) => (f.tasks[0].settings = scheduled))).toEqual([]);
    expect(problemsAfter("development", (f) => ((f.tasks[0].settings = scheduled), (f.dms.replicationInstance.engineVersion = "3.5.4")))).toEqual([
      'tasks[0].settings.ResyncSettings.EnableResync = true: needs DMS 3.6.1 or later; the replication instance runs 3.5.4; allowed: false, or a newer engineVersion',
    ]);
  });
});

describe("keys renamed since the last release", () => {
  const fileWithOldKeys = () => {
    const file = environmentFile("development");
    const { serverName, credentials, ...rest } = file.sources.uht;
    file.sources.uht = { ...rest, server: serverName, usernameParameter: credentials.usernameParameterName, passwordParameter: credentials.passwordParameterName };
    return file;
  };

  test("are accepted with one warning each, and build the same configuration as the new names", () => {
    const old = checkEnvironment(JSON.stringify(fileWithOldKeys()), "development");
    const current = checkEnvironment(JSON.stringify(environmentFile("development")), "development");
    expect(old.problems).toEqual([]);
    expect(old.config).toEqual(current.config);
    expect(old.warnings.map(formatFieldProblem)).toEqual([
      "sources.uht.server: renamed to serverName; the old name is accepted until the next release",
      "sources.uht.usernameParameter: renamed to credentials.usernameParameterName; the old name is accepted until the next release",
      "sources.uht.passwordParameter: renamed to credentials.passwordParameterName; the old name is accepted until the next release",
    ]);
    expect(current.warnings).toEqual([]);
  });

  test("an old and a new name of one setting together are refused", () => {
    const file = fileWithOldKeys();
    file.sources.uht.serverName = "10.80.1.22";
    expect(checkEnvironment(JSON.stringify(file), "development").problems.map(formatFieldProblem)).toEqual([
      'sources.uht.serverName = "10.80.1.22": given twice: also as sources.uht.server, its old name; keep only sources.uht.serverName',
    ]);
  });

  test("an S3 target's folder is its bucketFolder, and a PostgreSQL source's fromDatabase its database", () => {
    const file = environmentFile("postgres-s3");
    const { bucketFolder, ...lake } = file.targets.lake;
    file.targets.lake = { ...lake, folder: bucketFolder };
    const { database: _database, settings, ...source } = file.sources.addresses;
    file.sources.addresses = { ...source, fromDatabase: true, ...settings };
    const check = checkEnvironment(JSON.stringify(file), "postgres-s3");
    expect(check.problems).toEqual([]);
    expect(check.config).toEqual(checkEnvironment(JSON.stringify(environmentFile("postgres-s3")), "postgres-s3").config);
    expect(check.warnings.map(formatFieldProblem)).toEqual([
      'sources.addresses.fromDatabase: renamed to database: "environment"; the old name is accepted until the next release',
      "sources.addresses.heartbeatFrequency: renamed to settings.heartbeatFrequency; the old name is accepted until the next release",
      "targets.lake.folder: renamed to bucketFolder; the old name is accepted until the next release",
    ]);
  });

  test("Oracle's nested options are lifted into the entry", () => {
    const file = environmentFile("oracle-aurora");
    file.sources.oracle.options = { archivedLogDestId: 2 };
    const check = checkEnvironment(JSON.stringify(file), "oracle-aurora");
    expect(check.problems).toEqual([]);
    expect(check.config?.sources?.oracle).toMatchObject({ archivedLogDestId: 2 });
    expect(check.warnings.map(formatFieldProblem)).toEqual([
      "sources.oracle.options: renamed: write its keys (archivedLogDestId) in the entry itself; the old form is accepted until the next release",
    ]);
  });
});

describe("DMS entries that took their construct's props' names", () => {
  // [file, the entry's path, old key, new key, a value]
  const RENAMED: [string, (string | number)[], string, string, unknown][] = [
    ["development", ["dms", "replicationInstance"], "id", "replicationInstanceId", "development-dms-instance"],
    ["development", ["dms", "replicationInstance"], "maintenanceWindow", "preferredMaintenanceWindow", "sun:07:00-sun:07:30"],
    ["development", ["dms", "replicationInstance"], "tags", "additionalTags", { team: "data" }],
    ["staging", ["dms", "existingReplicationInstance"], "arn", "replicationInstanceArn", "arn:aws:dms:eu-west-2:123456789012:rep:DNTOW6TGQEGCAOWQMZYHQRTWAA"],
    ["staging", ["dms", "existingReplicationInstance"], "id", "replicationInstanceId", "staging-dms-instance"],
    ["development", ["dms", "targetEndpoint"], "id", "endpointId", "target-uh-endpoint"],
    ["development", ["dms", "targetEndpoint"], "tags", "additionalTags", { team: "data" }],
    ["development", ["dms", "targetEndpoint"], "afterConnectScript", "settings.afterConnectScript", "SET session_replication_role='replica'"],
    ["development", ["dms", "targetEndpoint"], "maxFileSize", "settings.maxFileSize", 65536],
    ["development", ["dms", "targetEndpoint"], "executeTimeout", "settings.executeTimeout", 120],
    ["development", ["tasks", 0], "id", "replicationTaskId", "uht-to-uh-mirror"],
    ["development", ["tasks", 0], "startOnCreate", "startReplicationTask", true],
    ["development", ["tasks", 0], "tags", "additionalTags", { team: "data" }],
  ];
  const entryOf = (file: Record<string, any>, path: (string | number)[]) => path.reduce((parent, key) => parent[key], file);
  const setKey = (entry: Record<string, any>, key: string, value: unknown) => {
    const [head, ...rest] = key.split(".");
    if (rest.length === 0) entry[head] = value;
    else setKey((entry[head] ??= {}), rest.join("."), value);
  };
  const deleteKey = (entry: Record<string, any>, key: string) => {
    const [head, ...rest] = key.split(".");
    if (rest.length === 0) delete entry[head];
    else if (entry[head] !== undefined) {
      deleteKey(entry[head], rest.join("."));
      if (Object.keys(entry[head]).length === 0) delete entry[head];
    }
  };
  const where = (path: (string | number)[], key: string) => `${path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("").slice(1)}.${key}`;

  test.each(RENAMED)("%s: %j %s is accepted with a warning and builds what %s builds", (name, path, old, renamed, value) => {
    const current = environmentFile(name);
    setKey(entryOf(current, path), renamed, value);
    const file = environmentFile(name);
    deleteKey(entryOf(file, path), renamed);
    entryOf(file, path)[old] = value;
    const check = checkEnvironment(JSON.stringify(file), name);
    expect(check.problems.map(formatFieldProblem)).toEqual([]);
    expect(check.config).toEqual(checkEnvironment(JSON.stringify(current), name).config);
    expect(check.warnings.map(formatFieldProblem)).toEqual([`${where(path, old)}: renamed to ${renamed}; the old name is accepted until the next release`]);
  });

  test.each(RENAMED)("%s: %j %s and %s together are refused", (name, path, old, renamed, value) => {
    const file = environmentFile(name);
    setKey(entryOf(file, path), renamed, value);
    entryOf(file, path)[old] = value;
    expect(checkEnvironment(JSON.stringify(file), name).problems.map(formatFieldProblem)).toEqual([
      `${where(path, renamed)} = ${JSON.stringify(value)}: given twice: also as ${where(path, old)}, its old name; keep only ${where(path, renamed)}`,
    ]);
  });
});
