import { ScriptPasswordSource, checkPasswordSource, passwordCommand, passwordOrigin, scriptFailure } from "../../../endpoints/preparation-script";
import { ProjectEnvironment } from "../../../../core/project-environment";
import { TableSelection } from "../../../table-selection";

/** What the mongosh script of a MongoDB source depends on. */
export interface MongodbPreparationInput extends ProjectEnvironment, ScriptPasswordSource {
  readonly endpointId: string;
  readonly serverName: string;
  readonly port: number;
  /** The database DMS reads: selection rules whose schema pattern does not match it select nothing here. */
  readonly databaseName: string;
  /** The database the DMS user and its role live in. */
  readonly authSource: string;
  /** The DMS user's name, when the configuration knows it. @default - the script reads it from DMS_LOGIN */
  readonly dmsLogin?: string;
  readonly usernameParameterName?: string;
  /** Whether the connection the header shows uses TLS (every SSL mode but `none`). */
  readonly requireTls: boolean;
  /** Whether a task reading the source captures changes: a replica set and read access to the oplog are then needed. */
  readonly capturesChanges: boolean;
  /** The union of the selection rules of every task reading this source (schema = database, table = collection). */
  readonly selections: readonly TableSelection[];
}

/** A JavaScript string literal. */
const js = (value: string) => JSON.stringify(value);

/** A DMS name pattern as an anchored regular expression source: `%` is any run of characters, everything else literal. */
export function collectionPattern(pattern: string): string {
  return `^${pattern.split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`;
}

/** Whether a DMS name pattern matches a name, as DMS matches it. */
export function patternMatches(pattern: string, name: string): boolean {
  return new RegExp(collectionPattern(pattern)).test(name);
}

/** The role's name: one per endpoint, so two endpoints reading one server never share (or undo) each other's grants. */
export const roleName = (endpointId: string) => `dms_read_${endpointId.replace(/-/g, "_")}`;

/**
 * The mongosh script the DBA of a MongoDB source runs once, and again whenever the tasks reading it change (it is
 * idempotent: the role's privileges are replaced by the current selection). It stops at the first failed check and:
 * with change capture, checks the server is a replica-set member (DMS reads changes from the oplog, which a
 * standalone server does not keep); resolves the selection rules against the collections that exist; creates or
 * updates a role granting `find`, `listIndexes` and `collStats` on exactly those collections (with `changeStream`
 * when capturing changes), `listCollections` and `dbStats` on the database, and `read` on `local` (the oplog) only
 * with change capture; and creates or updates the DMS user with that role alone. The password is asked for
 * (`passwordPrompt()`), never written in the file or on a command line. Privileges after "Permissions needed when
 * using MongoDB as a source for AWS DMS" (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MongoDB.html).
 */
export function mongodbPreparationScript(input: MongodbPreparationInput): string {
  checkPasswordSource(scriptFailure("mongodbPreparationScript", input.endpointId), input);
  const selections = input.selections.filter((rule) => patternMatches(rule.schemaName, input.databaseName));
  const includes = selections.filter((rule) => rule.action !== "exclude").map((rule) => collectionPattern(rule.tableName));
  const excludes = selections.filter((rule) => rule.action === "exclude").map((rule) => collectionPattern(rule.tableName));
  const collectionActions = ["find", "listIndexes", "collStats", ...(input.capturesChanges ? ["changeStream"] : [])];
  const login = input.dmsLogin === undefined ? "process.env.DMS_LOGIN" : js(input.dmsLogin);
  const tls = input.requireTls ? " --tls" : "";
  return [
    `// DMS source preparation for ${input.endpointId} (${input.projectName}, ${input.environment}). Generated at synth: do not edit.`,
    `// Run as a user that may create roles and users in ${input.authSource}:`,
    ...(input.dmsLogin === undefined
      ? [`//   export DMS_LOGIN="$(aws ssm get-parameter --name ${input.usernameParameterName ?? "<username parameter>"} --query Parameter.Value --output text)"`]
      : []),
    `//   mongosh "mongodb://${input.serverName}:${input.port}/${input.authSource}"${tls} --username <administrator> --file dba/${input.endpointId}.js`,
    input.passwordSecretArn === undefined
      ? `// It asks for the DMS user's password: the value of the SSM SecureString ${input.passwordParameterName}.`
      : `// It asks for the DMS user's password: ${passwordOrigin(input)} (${passwordCommand(input)}).`,
    `// Change capture: ${input.capturesChanges ? "yes (replica set and oplog required)" : "no (full loads only)"}.`,
    "",
    `const databaseName = ${js(input.databaseName)};`,
    `const authSource = ${js(input.authSource)};`,
    `const dmsLogin = ${login};`,
    `const roleName = ${js(roleName(input.endpointId))};`,
    `const includes = [${includes.map((pattern) => `new RegExp(${js(pattern)})`).join(", ")}];`,
    `const excludes = [${excludes.map((pattern) => `new RegExp(${js(pattern)})`).join(", ")}];`,
    "",
    'if (!dmsLogin) throw new Error("set DMS_LOGIN to the DMS user name (see the header)");',
    ...(input.capturesChanges
      ? [
          "// DMS reads changes from the oplog, which only replica-set members (and sharded clusters' shards) keep.",
          'if (!db.hello().setName) throw new Error("change capture needs a replica set: this server is standalone");',
        ]
      : []),
    "const source = db.getSiblingDB(databaseName);",
    "const collections = source",
    "  .getCollectionInfos({ type: \"collection\" }, true)",
    "  .map((info) => info.name)",
    "  .filter((name) => includes.some((pattern) => pattern.test(name)) && !excludes.some((pattern) => pattern.test(name)))",
    "  .sort();",
    "if (collections.length === 0) throw new Error(`no collection of ${databaseName} is selected by the tasks' selection rules`);",
    "",
    "const privileges = [",
    '  { resource: { db: databaseName, collection: "" }, actions: ["listCollections", "dbStats"] },',
    `  ...collections.map((collection) => ({ resource: { db: databaseName, collection }, actions: ${JSON.stringify(collectionActions)} })),`,
    "];",
    `const roles = ${input.capturesChanges ? '[{ role: "read", db: "local" }]' : "[]"};`,
    "const admin = db.getSiblingDB(authSource);",
    "if (admin.getRole(roleName) === null) admin.createRole({ role: roleName, privileges, roles });",
    "else admin.updateRole(roleName, { privileges, roles });",
    "",
    'const password = passwordPrompt();',
    "if (admin.getUser(dmsLogin) === null) admin.createUser({ user: dmsLogin, pwd: password, roles: [{ role: roleName, db: authSource }] });",
    "else admin.updateUser(dmsLogin, { pwd: password, roles: [{ role: roleName, db: authSource }] });",
    "print(`${dmsLogin} may read ${collections.length} collection(s) of ${databaseName}: ${collections.join(\", \")}`);",
    "",
  ].join("\n");
}
