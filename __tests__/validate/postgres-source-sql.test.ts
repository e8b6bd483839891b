import { SpawnSyncReturns, spawnSync } from "child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { SourceReader } from "../../modules/dms/endpoints/endpoint";
import { PostgresPreparationInput, postgresPreparationSql } from "../../modules/dms/sources/postgres/preparation/script";
import { PostgresSourceSettings, resolvePostgresSourceSettings } from "../../modules/dms/sources/postgres/settings";
import { TableMappings } from "../../modules/dms/table-mappings";

// The DBA script of a PostgreSQL source, run for real: a throwaway PostgreSQL server (the machine image's
// binaries) in a temp folder, listening only on a Unix socket there, with wal_level = logical. The script runs
// as the bootstrap superuser; then the DMS login it created decodes changes from a test_decoding slot, and is
// refused the tables outside the selection.
//
// initdb and postgres refuse to run as root, and CI runs as root. Then the server runs as the existing
// unprivileged account `nobody`, through the uid/gid options of Node's spawn (libuv drops the supplementary
// groups too): no account is created on the machine, and no su/runuser (PAM, a login shell) is involved.
// psql, the client, runs as whoever runs the tests.

const SUPERUSER = "dba";
const LOGIN_PASSWORD = "dms test password, with a quote ' and a backslash \\";

interface Server {
  readonly dir: string;
  readonly binDir: string;
  readonly psqlPath: string;
  /** uid/gid the server runs as, when the tests run as root. */
  readonly owner?: { uid: number; gid: number };
}

let server: Server | undefined;

/** A folder holding initdb, pg_ctl and postgres: PG_BINDIR, pg_config's, or the Debian/RHEL locations (15 first). */
function findBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  candidates.push("/usr/lib/postgresql/15/bin", "/usr/pgsql-15/bin");
  for (const root of ["/usr/lib/postgresql"]) {
    if (existsSync(root)) {
      for (const version of readdirSync(root).sort((a, b) => Number(b) - Number(a))) candidates.push(join(root, version, "bin"));
    }
  }
  const found = candidates.find((dir) => ["initdb", "pg_ctl", "postgres"].every((tool) => existsSync(join(dir, tool))));
  if (found === undefined) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in ${candidates.join(", ")}: install the PostgreSQL 15 server package (postgresql-15) or set PG_BINDIR to its bin folder`,
    );
  }
  return found;
}

/** The uid and gid of `nobody`, which runs the server when the tests run as root. */
function unprivilegedOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = spawnSync("getent", ["passwd", "nobody"], { encoding: "utf8" });
  const fields = entry.stdout.trim().split(":");
  if (entry.status !== 0 || fields.length < 4) {
    throw new Error("the tests run as root, which initdb refuses, and there is no `nobody` account to run PostgreSQL as");
  }
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** The environment without PG* variables of the caller, which would point psql elsewhere. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("PG")) env[key] = value;
  return { ...env, LC_ALL: "C", ...extra };
}

function runServerTool(s: Server, tool: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(join(s.binDir, tool), args, {
    encoding: "utf8",
    env: cleanEnv({ HOME: s.dir }),
    cwd: s.dir,
    timeout: 60000,
    ...(s.owner ?? {}),
  });
}

function must(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.error || result.status !== 0) {
    throw new Error(`${what} failed (status ${result.status}${result.error ? `, ${result.error.message}` : ""}):\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** psql on the server's socket, with ON_ERROR_STOP. */
function psql(database: string, user: string, options: { sql?: string; file?: string; env?: NodeJS.ProcessEnv; args?: string[] } = {}): SpawnSyncReturns<string> {
  const s = server as Server;
  const args = ["--no-psqlrc", "--set=ON_ERROR_STOP=1", "--tuples-only", "--no-align", "-h", s.dir, "-U", user, "-d", database, ...(options.args ?? [])];
  if (options.file !== undefined) args.push("--file", options.file);
  return spawnSync(s.psqlPath, args, { encoding: "utf8", input: options.sql, env: cleanEnv(options.env), timeout: 60000 });
}

function superuserSql(database: string, sql: string): string {
  return must(psql(database, SUPERUSER, { sql }), `psql as ${SUPERUSER} in ${database}`).stdout.trim();
}

/** The login's own session, authenticated with its SCRAM password. */
function asLogin(database: string, login: string, sql: string, password = LOGIN_PASSWORD): SpawnSyncReturns<string> {
  return psql(database, login, { sql, env: { PGPASSWORD: password } });
}

const MAPPINGS = new TableMappings()
  .include({ schema: "sales", table: "order%" })
  .exclude({ schema: "sales", table: "order_archive" })
  .explicit({ schema: "hr", table: "people" });
const READER: SourceReader = { replicationTaskId: "sales-to-mirror", migrationType: "full-load-and-cdc", selections: MAPPINGS.selections() };

/** The script for one database and login, written to the temp folder. */
function writeScript(name: string, overrides: Partial<PostgresPreparationInput>, settings: PostgresSourceSettings = {}): string {
  const sql = postgresPreparationSql({
    projectName: "mosaic",
    environment: "test",
    endpointId: `source-${name}`,
    serverName: "127.0.0.1",
    port: 5432,
    databaseName: name,
    hosting: "self-managed",
    capturesChanges: true,
    settings: resolvePostgresSourceSettings(settings, true),
    readers: [READER],
    dmsLogin: `dms_${name}`,
    passwordParameterName: `/mosaic/test/${name}-password`,
    ...overrides,
  });
  const path = join((server as Server).dir, `source-${name}.sql`);
  writeFileSync(path, sql);
  return path;
}

/** Runs a script as the superuser, with DMS_PASSWORD set unless `password` is null. */
function runScript(database: string, path: string, password: string | null = LOGIN_PASSWORD): SpawnSyncReturns<string> {
  return psql(database, SUPERUSER, { file: path, env: password === null ? {} : { DMS_PASSWORD: password } });
}

/** Tables of the selection test: some selected, some not; `orderxarchive` proves DMS's `_` is literal. */
const SCHEMA = `
CREATE SCHEMA sales;
CREATE SCHEMA hr;
CREATE TABLE sales.orders (id integer PRIMARY KEY, customer text NOT NULL, amount numeric(10, 2) NOT NULL);
CREATE TABLE sales.order_lines (order_id integer NOT NULL, line integer NOT NULL, product text);
CREATE TABLE sales.order_archive (id integer PRIMARY KEY, amount numeric(10, 2));
CREATE TABLE sales.orderxarchive (id integer PRIMARY KEY);
CREATE TABLE hr.people (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE hr.salaries (person_id integer PRIMARY KEY, amount numeric(10, 2) NOT NULL);
INSERT INTO hr.salaries VALUES (1, 50000);
`;

beforeAll(() => {
  const binDir = findBinDir();
  const psqlPath = existsSync(join(binDir, "psql")) ? join(binDir, "psql") : "psql";
  const owner = unprivilegedOwner();
  const dir = mkdtempSync(join(tmpdir(), "pg-dms-source-"));
  server = { dir, binDir, psqlPath, owner };
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, "data");
  must(
    runServerTool(server, "initdb", ["-D", data, "-U", SUPERUSER, "--auth=trust", "--no-sync", "--no-locale", "--encoding=UTF8"]),
    "initdb",
  );
  // Only the socket in the temp folder; the bootstrap superuser by trust, every other role by SCRAM password.
  writeFileSync(join(data, "pg_hba.conf"), `local all ${SUPERUSER} trust\nlocal all all scram-sha-256\n`);
  const settings = [
    "listen_addresses = ''",
    `unix_socket_directories = '${dir}'`,
    "wal_level = logical",
    "max_replication_slots = 4",
    "max_wal_senders = 4",
    "max_connections = 20",
    "shared_buffers = 16MB",
    // Logical decoding reads WAL up to the flush position, so commits stay synchronous; only fsync is skipped.
    "fsync = off",
    "full_page_writes = off",
  ];
  writeFileSync(join(data, "postgresql.conf"), `${readFileSync(join(data, "postgresql.conf"), "utf8")}\n${settings.join("\n")}\n`);
  if (owner) for (const file of ["pg_hba.conf", "postgresql.conf"]) chownSync(join(data, file), owner.uid, owner.gid);
  must(runServerTool(server, "pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-t", "30", "start"]), "pg_ctl start");
  for (const database of ["app", "app_rds", "app_ddl", "app_pglogical"]) superuserSql("postgres", `CREATE DATABASE ${database};`);
  for (const database of ["app", "app_rds", "app_ddl"]) superuserSql(database, SCHEMA);
}, 60000);

afterAll(() => {
  if (server === undefined) return;
  const data = join(server.dir, "data");
  try {
    if (existsSync(join(data, "postmaster.pid"))) runServerTool(server, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]);
    // If pg_ctl could not stop it, the postmaster's pid is the first line of its pid file.
    if (existsSync(join(data, "postmaster.pid"))) {
      const pid = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid > 0) process.kill(pid, "SIGQUIT");
    }
  } finally {
    rmSync(server.dir, { recursive: true, force: true });
  }
});

describe("the DBA script of a self-managed PostgreSQL source, on PostgreSQL", () => {
  let firstRun: SpawnSyncReturns<string>;
  beforeAll(() => {
    firstRun = runScript("app", writeScript("app", {}));
  });

  test("runs as the superuser, creating the login and noting the table without a primary key", () => {
    expect(firstRun.stderr).not.toMatch(/ERROR/);
    expect(firstRun.status).toBe(0);
    expect(firstRun.stderr).toContain("NOTICE:  The tasks select 4 table(s): hr.people, sales.order_lines, sales.orders, sales.orderxarchive.");
    expect(firstRun.stderr).toContain("NOTICE:  Created the login dms_app");
    expect(firstRun.stderr).toContain("WARNING:  sales.order_lines has no primary key: DMS cannot capture its UPDATEs and DELETEs.");
    expect(superuserSql("app", "SELECT rolreplication, rolsuper, rolcanlogin FROM pg_roles WHERE rolname = 'dms_app';")).toBe("t|f|t");
  });

  test("runs again without changing anything, and without the password", () => {
    const second = runScript("app", writeScript("app", {}), null);
    expect(second.stderr).not.toMatch(/ERROR/);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain("NOTICE:  Login dms_app already exists; its password is unchanged.");
    expect(asLogin("app", "dms_app", "SELECT 1;").stdout.trim()).toBe("1");
  });

  test("the login authenticates with the password from DMS_PASSWORD, and only with it", () => {
    expect(asLogin("app", "dms_app", "SELECT current_user;").stdout.trim()).toBe("dms_app");
    const wrong = asLogin("app", "dms_app", "SELECT 1;", "not the password");
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('password authentication failed for user "dms_app"');
  });

  test("as the DMS login: a test_decoding slot gives back the inserted and updated rows of a selected table", () => {
    const slot = asLogin("app", "dms_app", "SELECT slot_name FROM pg_create_logical_replication_slot('dms_app_task', 'test_decoding');");
    expect(slot.stderr).toBe("");
    expect(slot.stdout.trim()).toBe("dms_app_task");
    superuserSql(
      "app",
      [
        "INSERT INTO sales.orders VALUES (1, 'Hackney Council', 125.50);",
        "UPDATE sales.orders SET amount = 99.95 WHERE id = 1;",
        "INSERT INTO hr.people VALUES (7, 'Ada Lovelace');",
      ].join("\n"),
    );
    const changes = asLogin(
      "app",
      "dms_app",
      "SELECT data FROM pg_logical_slot_get_changes('dms_app_task', NULL, NULL, 'include-xids', '0');",
    );
    expect(changes.stderr).toBe("");
    expect(changes.stdout).toContain("table sales.orders: INSERT: id[integer]:1 customer[text]:'Hackney Council' amount[numeric]:125.50");
    expect(changes.stdout).toContain("table sales.orders: UPDATE: id[integer]:1 customer[text]:'Hackney Council' amount[numeric]:99.95");
    expect(changes.stdout).toContain("table hr.people: INSERT: id[integer]:7 name[text]:'Ada Lovelace'");
    expect(asLogin("app", "dms_app", "SELECT pg_drop_replication_slot('dms_app_task');").status).toBe(0);
  });

  test("as the DMS login: the selected tables can be read", () => {
    const read = asLogin("app", "dms_app", "SELECT count(*) FROM sales.orders; SELECT count(*) FROM sales.orderxarchive; SELECT count(*) FROM hr.people;");
    expect(read.stderr).toBe("");
    expect(read.status).toBe(0);
  });

  test.each(["hr.salaries", "sales.order_archive"])("as the DMS login: %s, outside the selection, is refused", (table) => {
    const refused = asLogin("app", "dms_app", `SELECT * FROM ${table};`);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(`permission denied for table ${table.split(".")[1]}`);
    expect(superuserSql("app", `SELECT has_table_privilege('dms_app', '${table}', 'SELECT');`)).toBe("f");
  });

  test("as the DMS login: it may create its heartbeat table in awsdms, and nothing in the application's schemas", () => {
    const heartbeat = asLogin("app", "dms_app", "CREATE TABLE awsdms.awsdms_heartbeat (hb_key serial PRIMARY KEY, hb_last_heartbeat_at timestamp);");
    expect(heartbeat.stderr).toBe("");
    const elsewhere = asLogin("app", "dms_app", "CREATE TABLE sales.intruder (id integer);");
    expect(elsewhere.stderr).toContain("permission denied for schema sales");
  });
});

describe("other shapes of the script, on PostgreSQL", () => {
  test("RDS: the login gets rds_replication (stand-in roles here), not the REPLICATION attribute", () => {
    superuserSql("postgres", "CREATE ROLE rds_superuser NOLOGIN; CREATE ROLE rds_replication NOLOGIN;");
    const run = runScript("app_rds", writeScript("app_rds", { hosting: "rds" }));
    expect(run.stderr).not.toMatch(/ERROR/);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("NOTICE:  Granted rds_replication to dms_app_rds");
    expect(superuserSql("app_rds", "SELECT pg_has_role('dms_app_rds', 'rds_replication', 'MEMBER'), rolreplication FROM pg_roles WHERE rolname = 'dms_app_rds';")).toBe("t|f");
    expect(asLogin("app_rds", "dms_app_rds", "SELECT * FROM hr.salaries;").stderr).toContain("permission denied for table salaries");
  });

  test("DDL capture: the event trigger records a CREATE TABLE, which the DMS login decodes from its slot", () => {
    const run = runScript("app_ddl", writeScript("app_ddl", {}, { captureDdls: true }));
    expect(run.stderr).not.toMatch(/ERROR/);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("NOTICE:  Created the event trigger awsdms_intercept_ddl, which records DDL in awsdms.awsdms_ddl_audit.");
    expect(runScript("app_ddl", writeScript("app_ddl", {}, { captureDdls: true })).status).toBe(0);
    expect(asLogin("app_ddl", "dms_app_ddl", "SELECT slot_name FROM pg_create_logical_replication_slot('dms_ddl_task', 'test_decoding');").status).toBe(0);
    superuserSql("app_ddl", "SET search_path = sales; CREATE TABLE order_notes (id integer PRIMARY KEY, note text);");
    const changes = asLogin("app_ddl", "dms_app_ddl", "SELECT data FROM pg_logical_slot_get_changes('dms_ddl_task', NULL, NULL, 'include-xids', '0');");
    expect(changes.stderr).toBe("");
    expect(changes.stdout).toMatch(/table awsdms\.awsdms_ddl_audit: INSERT: .*c_tag\[character varying\]:'CREATE TABLE'.*c_schema\[character varying\]:'sales'.*CREATE TABLE order_notes/);
    expect(superuserSql("app_ddl", "SELECT relowner::regrole FROM pg_class WHERE oid = 'awsdms.awsdms_ddl_audit'::regclass;")).toBe("dms_app_ddl");
  });

  test("pglogical without shared_preload_libraries: the script stops before changing anything, saying what to do", () => {
    const run = runScript("app_pglogical", writeScript("app_pglogical", {}, { pluginName: "pglogical" }));
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("ERROR:  The endpoint uses the pglogical plugin, but shared_preload_libraries () does not load it");
    expect(superuserSql("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = 'dms_app_pglogical';")).toBe("0");
  });

  test("a new login without a password: the script stops and names the SSM parameter", () => {
    const run = runScript("app", writeScript("app", { dmsLogin: "dms_nopassword" }), null);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(
      "ERROR:  Login dms_nopassword does not exist and no password was given: set DMS_PASSWORD from the SSM parameter /mosaic/test/app-password",
    );
  });

  test("connected to another database than the one it prepares: it stops", () => {
    const run = runScript("app_rds", writeScript("app", {}));
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("ERROR:  Connected to database app_rds, but this script prepares app: connect with dbname=app.");
  });
});
