import { Testing } from "cdktf";
import { MongodbSourceEndpoint, MongodbSourceEndpointProps } from "../../../modules/dms/sources/mongodb/endpoint";
import { mongodbConnectionAttributes } from "../../../modules/dms/sources/mongodb/attributes";
import { mongodbSource } from "../../../modules/dms/sources/mongodb";
import { MongodbPreparationInput, collectionPattern, mongodbPreparationScript, roleName } from "../../../modules/dms/sources/mongodb/preparation/script";
import { mongodbSourceSchema } from "../../../modules/dms/sources/mongodb/schema";
import { sourceEngineOf, sourceSchema } from "../../../modules/dms/sources/registry";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { checkEnvironment } from "../../../modules/config";
import { environmentFile } from "../../helpers/environments";
import { dmsFixture } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { newStack, only, synth } from "../../helpers/synth";

const KEY = "arn:aws:kms:eu-west-2:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd";

function mongoProps(overrides: Partial<MongodbSourceEndpointProps> = {}): MongodbSourceEndpointProps {
  return {
    projectName: "cases",
    environment: "development",
    endpointId: "source-cases-mongodb",
    serverName: "10.80.3.21",
    databaseName: "cases",
    kmsKeyArn: KEY,
    credentials: { username: "dms_reader", passwordParameterName: "/cases/mongodb/dms-password" },
    ...overrides,
  };
}

const MAPPINGS = new TableMappings().include({ schema: "cases", table: "case%" }).exclude({ schema: "cases", table: "case_archive" });

describe("MongodbSourceEndpoint", () => {
  let json: Record<string, any>;
  beforeAll(() => {
    const stack = newStack();
    new MongodbSourceEndpoint(stack, "Source", mongoProps());
    json = synth(stack);
  });

  test("a MongoDB source over TLS, encrypted with the given key, its login through a Secrets Manager secret", () => {
    const endpoint = only(json, "aws_dms_endpoint");
    expect(endpoint).toMatchObject({ endpoint_type: "source", engine_name: "mongodb", database_name: "cases", ssl_mode: "require", kms_key_arn: KEY });
    expect(endpoint.secrets_manager_arn).toMatch(/aws_secretsmanager_secret\./);
    expect(endpoint.secrets_manager_access_role_arn).toMatch(/aws_iam_role\./);
    for (const field of ["password", "username", "server_name", "port"]) expect(endpoint[field]).toBeUndefined();
    expect(endpoint.extra_connection_attributes).toBeUndefined();
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("document mode by default, every mongodb_settings field written", () => {
    expect(only(json, "aws_dms_endpoint").mongodb_settings).toEqual({
      auth_type: "password",
      auth_mechanism: "default",
      auth_source: "admin",
      nesting_level: "none",
      docs_to_investigate: "1000",
      extract_doc_id: "false",
    });
  });

  test.each([
    [{ mode: "table", docsToInvestigate: 250 }, { nesting_level: "one", docs_to_investigate: "250", extract_doc_id: "false" }],
    [{ mode: "document", extractDocId: true }, { nesting_level: "none", extract_doc_id: "true" }],
    [{ authMechanism: "scram-sha-1", authSource: "users" }, { auth_mechanism: "scram-sha-1", auth_source: "users" }],
  ] as const)("options %j render as %j", (options, settings) => {
    const stack = newStack();
    new MongodbSourceEndpoint(stack, "Source", mongoProps(options));
    expect(only(synth(stack), "aws_dms_endpoint").mongodb_settings).toMatchObject(settings);
  });

  test("options the provider has no field for go into extra_connection_attributes, in a fixed order", () => {
    expect(mongodbConnectionAttributes({ replicateShardCollections: true, useUpdateLookup: true })).toBe("useUpdateLookup=true;replicateShardCollections=true");
    expect(mongodbConnectionAttributes({ useUpdateLookup: false })).toBe("");
    const stack = newStack();
    new MongodbSourceEndpoint(stack, "Source", mongoProps({ useUpdateLookup: true }));
    expect(only(synth(stack), "aws_dms_endpoint").extra_connection_attributes).toBe("useUpdateLookup=true");
  });

  test("the replication instance may reach the server on 27017 only, at its own address", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const source = new MongodbSourceEndpoint(stack, "Source", mongoProps());
    new ReplicationTask(stack, "Task", { ...context, replicationTaskId: "cases", migrationType: "full-load", replicationInstance: instance, source, target, tableMappings: MAPPINGS });
    const rules = Object.values(synth(stack).resource.aws_vpc_security_group_egress_rule ?? {}) as any[];
    const toMongo = rules.filter((rule) => rule.description?.includes("MongoDB source"));
    expect(toMongo).toEqual([expect.objectContaining({ from_port: 27017, to_port: 27017, ip_protocol: "tcp", cidr_ipv4: "10.80.3.21/32" })]);
  });

  test.each([
    ["an anonymous connection", { authType: "no" }, /authType.*anonymous/],
    ["MONGODB-CR", { authMechanism: "mongodb-cr" }, /authMechanism.*MONGODB-CR was removed/],
    ["no KMS key", { kmsKeyArn: undefined }, /kmsKeyArn.*required/],
    ["docsToInvestigate in document mode", { docsToInvestigate: 10 }, /docsToInvestigate.*only applies in `mode: "table"`/],
    ["zero docsToInvestigate", { mode: "table", docsToInvestigate: 0 }, /docsToInvestigate.*at least 1/],
    ["extractDocId in table mode", { mode: "table", extractDocId: true }, /extractDocId.*only applies in `mode: "document"`/],
    ["useUpdateLookup on a full-load-only source", { captureChanges: false, useUpdateLookup: true }, /useUpdateLookup.*only applies to change capture/],
    ["a database name with a dot", { databaseName: "cases.v2" }, /databaseName.*MongoDB database name/],
    ["an auth source with a space", { authSource: "my users" }, /authSource/],
    ["verify-full without a certificate", { sslMode: "verify-full" }, /certificateArn.*required/],
    ["a host name without allowedCidr", { serverName: "mongo.internal" }, /allowedCidr.*required/],
    ["an endpoint id with a double hyphen", { endpointId: "source--cases" }, /endpointId/],
  ] as const)("refuses %s", (_what, overrides, message) => {
    expect(() => new MongodbSourceEndpoint(newStack(), "Source", mongoProps(overrides as Partial<MongodbSourceEndpointProps>))).toThrow(message);
  });

  test("a task reading the source writes its mongosh script with change-capture access; a full-load-only source refuses CDC tasks", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const source = new MongodbSourceEndpoint(stack, "Source", mongoProps());
    new ReplicationTask(stack, "Task", { ...context, replicationTaskId: "cases", migrationType: "full-load-and-cdc", replicationInstance: instance, source, target, tableMappings: MAPPINGS });
    expect(source.preparationScript()).toContain('"changeStream"');
    Testing.synth(stack);

    const fullLoads = newStack();
    const fixture = dmsFixture(fullLoads);
    const fullLoadSource = new MongodbSourceEndpoint(fullLoads, "Source", mongoProps({ captureChanges: false }));
    expect(
      () =>
        new ReplicationTask(fullLoads, "Task", {
          ...fixture.context,
          replicationTaskId: "cases",
          migrationType: "cdc",
          replicationInstance: fixture.instance,
          source: fullLoadSource,
          target: fixture.target,
          tableMappings: MAPPINGS,
        }),
    ).toThrow(/full loads only/);
  });
});

/** A stand-in for mongosh: the script runs against it and leaves what it created. */
function runInFakeMongosh(script: string, server: { replicaSet?: string; collections: string[]; existingRole?: boolean; env?: Record<string, string> }) {
  const calls: { created?: any; updated?: any; user?: any; updatedUser?: any; printed: string[] } = { printed: [] };
  const database = (name: string) => ({
    getCollectionInfos: () => (name === "cases" ? server.collections.map((collection) => ({ name: collection, type: "collection" })) : []),
    getRole: () => (server.existingRole ? {} : null),
    createRole: (role: any) => (calls.created = role),
    updateRole: (_name: string, role: any) => (calls.updated = role),
    getUser: () => null,
    createUser: (user: any) => (calls.user = user),
    updateUser: (_name: string, user: any) => (calls.updatedUser = user),
  });
  const db = { hello: () => ({ setName: server.replicaSet }), getSiblingDB: database };
  const run = new Function("db", "passwordPrompt", "print", "process", script);
  run(db, () => "prompted-password", (line: string) => calls.printed.push(line), { env: server.env ?? {} });
  return calls;
}

describe("the MongoDB DBA script", () => {
  const input = (overrides: Partial<MongodbPreparationInput> = {}): MongodbPreparationInput => ({
    projectName: "cases",
    environment: "development",
    endpointId: "source-cases-mongodb",
    serverName: "10.80.3.21",
    port: 27017,
    databaseName: "cases",
    authSource: "admin",
    dmsLogin: "dms_reader",
    passwordParameterName: "/cases/mongodb/dms-password",
    requireTls: true,
    capturesChanges: true,
    selections: MAPPINGS.selections(),
    ...overrides,
  });

  test("grants read on exactly the selected collections, the oplog and change streams when capturing changes", () => {
    const calls = runInFakeMongosh(mongodbPreparationScript(input()), { replicaSet: "rs0", collections: ["case_notes", "case_archive", "cases", "people", "caseload"] });
    expect(calls.created.role).toBe(roleName("source-cases-mongodb"));
    expect(calls.created.privileges).toEqual([
      { resource: { db: "cases", collection: "" }, actions: ["listCollections", "dbStats"] },
      { resource: { db: "cases", collection: "case_notes" }, actions: ["find", "listIndexes", "collStats", "changeStream"] },
      { resource: { db: "cases", collection: "caseload" }, actions: ["find", "listIndexes", "collStats", "changeStream"] },
      { resource: { db: "cases", collection: "cases" }, actions: ["find", "listIndexes", "collStats", "changeStream"] },
    ]);
    expect(calls.created.roles).toEqual([{ role: "read", db: "local" }]);
    expect(calls.user).toEqual({ user: "dms_reader", pwd: "prompted-password", roles: [{ role: "dms_read_source_cases_mongodb", db: "admin" }] });
  });

  test("full loads only: no oplog, no change streams, and a standalone server is fine", () => {
    const calls = runInFakeMongosh(mongodbPreparationScript(input({ capturesChanges: false })), { collections: ["cases"] });
    expect(calls.created.roles).toEqual([]);
    expect(calls.created.privileges[1].actions).toEqual(["find", "listIndexes", "collStats"]);
  });

  test("stops on a standalone server when a task captures changes, and when nothing is selected", () => {
    expect(() => runInFakeMongosh(mongodbPreparationScript(input()), { collections: ["cases"] })).toThrow(/needs a replica set/);
    expect(() => runInFakeMongosh(mongodbPreparationScript(input()), { replicaSet: "rs0", collections: ["people"] })).toThrow(/no collection of cases is selected/);
  });

  test("run again, it replaces the role's privileges; the login can come from DMS_LOGIN", () => {
    const calls = runInFakeMongosh(mongodbPreparationScript(input({ dmsLogin: undefined, usernameParameterName: "/cases/mongodb/dms-user" })), {
      replicaSet: "rs0",
      collections: ["cases"],
      existingRole: true,
      env: { DMS_LOGIN: "dms_from_ssm" },
    });
    expect(calls.created).toBeUndefined();
    expect(calls.updated.privileges).toHaveLength(2);
    expect(calls.user.user).toBe("dms_from_ssm");
  });

  test("never holds the password; its header says how to run it over TLS", () => {
    const script = mongodbPreparationScript(input());
    expect(script).not.toMatch(/pwd: "/);
    expect(script).toContain("passwordPrompt()");
    expect(script).toContain('mongosh "mongodb://10.80.3.21:27017/admin" --tls');
    expect(mongodbPreparationScript(input({ requireTls: false }))).not.toContain("--tls");
  });

  test("selection rules of other databases select nothing here; DMS patterns are literal but for %", () => {
    expect(collectionPattern("case_%")).toBe("^case_.*$");
    expect(new RegExp(collectionPattern("a.b")).test("axb")).toBe(false);
    const script = mongodbPreparationScript(input({ selections: [{ action: "include", schemaName: "other", tableName: "%" }] }));
    expect(script).toContain("const includes = [];");
  });
});

describe("the mongodb entry of an environment file", () => {
  const entry = {
    engine: "mongodb",
    endpointId: "source-cases-mongodb",
    serverName: "10.80.3.21",
    databaseName: "cases",
    credentials: { username: "dms_reader", passwordParameterName: "/cases/mongodb/dms-password" },
  };

  test("is a source engine of the registry, with its defaults", () => {
    const parsed = sourceSchema.parse(entry);
    expect(sourceEngineOf(parsed)).toBe(mongodbSource);
    expect(mongodbSourceSchema.parse(entry)).toMatchObject({ port: 27017, mode: "document", authType: "password", authMechanism: "default", sslMode: "require", captureChanges: true });
    expect(mongodbSource.settingsKey).toBe("MongoDbSettings");
  });

  test("its problems are the construct's rules at the file's fields", () => {
    const withKey = { environmentKey: true };
    expect(mongodbSource.problems(mongodbSourceSchema.parse(entry), withKey)).toEqual([]);
    const problems = mongodbSource.problems(mongodbSourceSchema.parse({ ...entry, authMechanism: "mongodb-cr", docsToInvestigate: 5, serverName: "mongo.internal" }), withKey);
    expect(problems.map((problem) => problem.path)).toEqual(["allowedCidr", "authMechanism", "docsToInvestigate"]);
  });

  test("needs the environment's key or its own at file-check time", () => {
    expect(mongodbSource.problems(mongodbSourceSchema.parse(entry), { environmentKey: false })).toEqual([
      expect.objectContaining({ path: "kmsKeyArn", message: expect.stringContaining("encryption.customerManagedKeys") }),
    ]);
    expect(mongodbSource.problems(mongodbSourceSchema.parse({ ...entry, kmsKeyArn: KEY }), { environmentKey: false })).toEqual([]);
  });

  test("captures changes unless told not to, and reads its login from SSM", () => {
    expect(mongodbSource.capturesChanges(mongodbSourceSchema.parse(entry))).toBe(true);
    expect(mongodbSource.capturesChanges(mongodbSourceSchema.parse({ ...entry, captureChanges: false }))).toBe(false);
    expect(mongodbSource.parameterNames(mongodbSourceSchema.parse(entry))).toEqual({ usernameParameterName: undefined, passwordParameterNames: ["/cases/mongodb/dms-password"] });
  });

  test("unknown keys are refused", () => {
    expect(mongodbSourceSchema.safeParse({ ...entry, nestingLevel: "one" }).success).toBe(false);
  });
});

describe("a MongoDB source in a whole environment file", () => {
  test("without the environment's key or its own, the file check names the entry's kmsKeyArn", () => {
    const file = environmentFile("documents");
    file.encryption.customerManagedKeys = false;
    const { problems } = checkEnvironment(JSON.stringify(file), "documents");
    expect(problems).toEqual([expect.objectContaining({ path: "sources.casework.kmsKeyArn", message: expect.stringContaining("required") })]);
    file.sources.casework.kmsKeyArn = KEY;
    expect(checkEnvironment(JSON.stringify(file), "documents").problems).toEqual([]);
  });
});
