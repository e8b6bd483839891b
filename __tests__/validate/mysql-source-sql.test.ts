import { ChildProcess, SpawnSyncReturns, spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { createServer } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { MysqlPreparationInput, mysqlPreparationSql } from "../../modules/dms/sources/mysql/preparation/script";
import { TableMappings } from "../../modules/dms/table-mappings";
import { MysqlTargetPreparationInput, mysqlTargetPreparationSql } from "../../modules/dms/targets/mysql/preparation/script";

// The DBA script of a MySQL-family source, run for real: a throwaway MariaDB server (Debian's mariadb-server, which
// .ci/run installs) in a temp folder, on 127.0.0.1 and a free port, with binary logging on but in MIXED format and
// MINIMAL row images and an hour of retention, so the script has something to fix, and TLS with a throwaway self-signed certificate. The
// script runs as root over the server's socket; then the DMS login it created reads the binary log over TCP and
// TLS with only the rights the script gave it.

const LOGIN = "dms_reader";
const LOGIN_PASSWORD = "dms test password, with a quote ' a backtick ` and a backslash \\";

interface Server {
  readonly dir: string;
  readonly socket: string;
  readonly port: number;
  readonly process: ChildProcess;
}

let server: Server | undefined;

function tool(...names: string[]): string {
  for (const name of names) {
    for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"]) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
  }
  throw new Error(`${names.join(" or ")} not found: install Debian's mariadb-server and mariadb-client (.ci/run does)`);
}

function must(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.error || result.status !== 0) {
    throw new Error(`${what} failed (status ${result.status}${result.error ? `, ${result.error.message}` : ""}):\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The client as root over the socket, batch mode, stopping at the first error. */
function asRoot(sql: string): SpawnSyncReturns<string> {
  const s = server as Server;
  return spawnSync(tool("mariadb", "mysql"), ["--no-defaults", `--socket=${s.socket}`, "--user=root", "--batch", "--skip-column-names"], {
    input: sql,
    encoding: "utf8",
    timeout: 30000,
  });
}

function rootSql(sql: string): string {
  return must(asRoot(sql), "mariadb as root").stdout.trim();
}

/** The DMS login's own session over TCP; TLS unless `ssl` is false. */
function asLogin(sql: string, ssl = true, user = LOGIN, extra: string[] = []): SpawnSyncReturns<string> {
  const s = server as Server;
  return spawnSync(
    tool("mariadb", "mysql"),
    ["--no-defaults", "--protocol=TCP", "--host=127.0.0.1", `--port=${s.port}`, `--user=${user}`, "--batch", "--skip-column-names", ssl ? "--ssl" : "--skip-ssl", ...extra],
    { input: sql, encoding: "utf8", timeout: 30000, env: { ...process.env, MYSQL_PWD: LOGIN_PASSWORD } },
  );
}

const MAPPINGS = new TableMappings()
  .include({ schema: "sales", table: "order%" })
  .exclude({ schema: "sales", table: "order_archive" })
  .explicit({ schema: "hr", table: "people" });

function script(overrides: Partial<MysqlPreparationInput> = {}): string {
  return mysqlPreparationSql({
    projectName: "orders",
    environment: "test",
    endpointId: "source-orders-mariadb",
    serverName: "127.0.0.1",
    port: (server as Server).port,
    flavor: "mariadb",
    hosting: "self-managed",
    requireSsl: true,
    dmsLogin: LOGIN,
    passwordParameterName: "/orders/test/dms-password",
    capturesChanges: true,
    selections: MAPPINGS.selections(),
    binlogRetentionHours: 48,
    requireBinlogChecksumNone: false,
    ...overrides,
  });
}

/** Runs a script the way its header says: the password piped in first, as base64. */
function runScript(sql: string, password: string | null = LOGIN_PASSWORD): SpawnSyncReturns<string> {
  const prefix = password === null ? "" : `SET @dms_password = FROM_BASE64('${Buffer.from(password).toString("base64")}');\n`;
  return asRoot(prefix + sql);
}

const SCHEMA = `
CREATE DATABASE sales;
CREATE DATABASE hr;
CREATE TABLE sales.orders (id INT PRIMARY KEY, customer VARCHAR(50) NOT NULL, amount DECIMAL(10, 2) NOT NULL);
CREATE TABLE sales.order_lines (order_id INT NOT NULL, line INT NOT NULL, product VARCHAR(50), PRIMARY KEY (order_id, line));
CREATE TABLE sales.order_archive (id INT PRIMARY KEY, amount DECIMAL(10, 2));
CREATE TABLE sales.orderxarchive (id INT PRIMARY KEY);
CREATE TABLE hr.people (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL);
CREATE TABLE hr.salaries (person_id INT PRIMARY KEY, amount DECIMAL(10, 2) NOT NULL);
INSERT INTO hr.salaries VALUES (1, 50000);
`;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "mariadb-dms-"));
  const data = join(dir, "data");
  mkdirSync(data);
  must(
    spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], {
      encoding: "utf8",
    }),
    "openssl",
  );
  must(
    spawnSync(
      tool("mariadb-install-db", "mysql_install_db"),
      ["--no-defaults", `--datadir=${data}`, "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db"],
      { encoding: "utf8", timeout: 60000 },
    ),
    "mariadb-install-db",
  );
  const port = await freePort();
  const socket = join(dir, "mariadb.sock");
  const child = spawn(
    tool("mariadbd", "mysqld"),
    [
      "--no-defaults",
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--port=${port}`,
      "--bind-address=127.0.0.1",
      "--user=root",
      `--pid-file=${join(dir, "mariadb.pid")}`,
      `--log-error=${join(dir, "error.log")}`,
      `--log-bin=${join(dir, "binlog")}`,
      "--server-id=1",
      "--binlog-format=MIXED",
      "--binlog-row-image=MINIMAL",
      "--binlog-expire-logs-seconds=3600",
      `--ssl-cert=${join(dir, "cert.pem")}`,
      `--ssl-key=${join(dir, "key.pem")}`,
      "--innodb-buffer-pool-size=16M",
      "--skip-name-resolve",
    ],
    { stdio: "ignore" },
  );
  server = { dir, socket, port, process: child };
  for (let attempt = 0; ; attempt++) {
    if (asRoot("SELECT 1;").status === 0) break;
    if (attempt > 150 || child.exitCode !== null) {
      const log = existsSync(join(dir, "error.log")) ? readFileSync(join(dir, "error.log"), "utf8") : "";
      throw new Error(`mariadbd did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  rootSql(SCHEMA);
}, 60000);

afterAll(async () => {
  if (server === undefined) return;
  const { process: child, dir } = server;
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 15000)))]);
    clearTimeout(timer);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  rmSync(dir, { recursive: true, force: true });
}, 30000);

describe("the DBA script of a MariaDB source, on a real MariaDB server", () => {
  let firstRun: SpawnSyncReturns<string>;
  beforeAll(() => {
    firstRun = runScript(script());
  });

  test("runs, and says how many tables it granted", () => {
    expect(firstRun.stderr).toBe("");
    expect(firstRun.status).toBe(0);
    expect(firstRun.stdout.split("\n")).toContain("4");
  });

  test("the binary log settings read back as DMS needs them, and retention is at least the hours asked", () => {
    expect(rootSql("SELECT @@GLOBAL.log_bin, @@GLOBAL.binlog_format, @@GLOBAL.binlog_row_image, @@GLOBAL.binlog_expire_logs_seconds;").split("\t")).toEqual([
      "1",
      "ROW",
      "FULL",
      String(48 * 3600),
    ]);
  });

  test("the login may read exactly the selected tables, and the binary log", () => {
    const grants = rootSql(`SHOW GRANTS FOR '${LOGIN}'@'%';`).split("\n");
    const tableGrants = grants.filter((line) => /ON `/.test(line)).map((line) => /ON (`[^`]+`\.`[^`]+`)/.exec(line)?.[1]);
    // DMS's _ is literal: excluding order_archive leaves orderxarchive, which order% includes.
    expect(tableGrants.sort()).toEqual(["`hr`.`people`", "`sales`.`order_lines`", "`sales`.`orders`", "`sales`.`orderxarchive`"]);
    for (const line of grants.filter((grant) => /ON `/.test(grant))) expect(line).toMatch(/^GRANT SELECT ON /);
    const global = grants.find((line) => line.includes("ON *.*")) ?? "";
    // MariaDB 10.5+ shows REPLICATION CLIENT under its new name, BINLOG MONITOR.
    expect(global).toMatch(/REPLICATION SLAVE/);
    expect(global).toMatch(/BINLOG MONITOR|REPLICATION CLIENT/);
    expect(global).toMatch(/REQUIRE SSL/);
    expect(global).not.toMatch(/ALL PRIVILEGES|SUPER|SELECT/);
  });

  test("the login reads a selected table over TLS, is refused the others, and is refused without TLS", () => {
    const selected = asLogin("SELECT COUNT(*) FROM sales.orders;");
    expect(selected.stderr).toBe("");
    expect(selected.stdout.trim()).toBe("0");
    expect(asLogin("SELECT * FROM hr.salaries;").stderr).toMatch(/denied/i);
    expect(asLogin("SELECT * FROM sales.order_archive;").stderr).toMatch(/denied/i);
    expect(asLogin("SELECT * FROM sales.orderxarchive;").stderr).toBe("");
    expect(asLogin("SELECT 1;", false).stderr).toMatch(/denied/i);
  });

  test("a row changed in a selected table appears in the binary log, read remotely with the login's rights", () => {
    rootSql("INSERT INTO sales.orders VALUES (42, 'Ada Lovelace', 12.50); UPDATE sales.orders SET amount = 13.75 WHERE id = 42;");
    const logs = asLogin("SHOW BINARY LOGS;");
    expect(logs.stderr).toBe("");
    const files = logs.stdout.trim().split("\n").map((line) => line.split("\t")[0]);
    const s = server as Server;
    const decoded = spawnSync(
      tool("mariadb-binlog", "mysqlbinlog"),
      [
        "--no-defaults",
        "--read-from-remote-server",
        "--host=127.0.0.1",
        `--port=${s.port}`,
        `--user=${LOGIN}`,
        `--password=${LOGIN_PASSWORD}`,
        "--ssl",
        "--base64-output=DECODE-ROWS",
        "--verbose",
        ...files,
      ],
      { encoding: "utf8", timeout: 30000 },
    );
    expect(decoded.status).toBe(0);
    expect(decoded.stdout).toMatch(/### INSERT INTO `sales`\.`orders`[\s\S]*?'Ada Lovelace'/);
    // FULL row images: the update carries the unchanged columns too.
    expect(decoded.stdout).toMatch(/### UPDATE `sales`\.`orders`[\s\S]*?### WHERE[\s\S]*?'Ada Lovelace'[\s\S]*?### SET[\s\S]*?'Ada Lovelace'/);
  });

  test("runs a second time without changing anything, and leaves no helper schema behind", () => {
    const again = runScript(script());
    expect(again.stderr).toBe("");
    expect(again.status).toBe(0);
    expect(rootSql("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'dms_preparation';")).toBe("0");
    expect(asLogin("SELECT COUNT(*) FROM sales.orders;").stdout.trim()).toBe("1");
  });

  test("stops, saying what to do, when the password was not piped in", () => {
    const run = runScript(script(), null);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("Set @dms_password first");
  });

  test("stops when no table matches the selection", () => {
    const run = runScript(script({ selections: new TableMappings().include({ schema: "nowhere", table: "%" }).selections(), dmsLogin: "dms_nothing" }));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("No table matches the selection rules");
  });

  test("a full-load-only login gets SELECT on the tables and no replication privilege", () => {
    const run = runScript(script({ capturesChanges: false, dmsLogin: "dms_full_load" }));
    expect(run.stderr).toBe("");
    const grants = rootSql("SHOW GRANTS FOR 'dms_full_load'@'%';");
    expect(grants).not.toMatch(/REPLICATION|BINLOG/);
    expect(grants).toContain("GRANT SELECT ON `sales`.`orders`");
  });
});


// The same server is the target of the MySQL-family target's DBA script: one server start for both.
const TARGET_LOGIN = "dms_writer";

function targetScript(overrides: Partial<MysqlTargetPreparationInput> = {}): string {
  return mysqlTargetPreparationSql({
    projectName: "orders",
    environment: "test",
    endpointId: "target-orders-mariadb",
    serverName: "127.0.0.1",
    port: (server as Server).port,
    flavor: "mariadb",
    hosting: "self-managed",
    requireSsl: true,
    dmsLogin: TARGET_LOGIN,
    passwordParameterName: "/orders/test/dms-writer-password",
    databases: ["sales_mirror", "hr_mirror"],
    ...overrides,
  });
}

describe("the DBA script of a MariaDB target, on the same MariaDB server", () => {
  let firstRun: SpawnSyncReturns<string>;
  beforeAll(() => {
    rootSql("SET GLOBAL local_infile = 0;");
    firstRun = runScript(targetScript());
  });

  test("runs, turns local_infile on, and creates the target databases and DMS's control database", () => {
    expect(firstRun.stderr).toBe("");
    expect(firstRun.status).toBe(0);
    expect(rootSql("SELECT @@GLOBAL.local_infile;")).toBe("1");
    const databases = rootSql("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME;").split("\n");
    expect(databases).toEqual(expect.arrayContaining(["awsdms_control", "hr_mirror", "sales_mirror"]));
    expect(databases).not.toContain("dms_target_preparation");
  });

  test("the login gets AWS's target privileges on exactly those databases, ALL on the control database, nothing global", () => {
    const grants = rootSql(`SHOW GRANTS FOR '${TARGET_LOGIN}'@'%';`).split("\n");
    const onDatabases = grants.filter((line) => /ON `/.test(line)).map((line) => /ON `([^`]+)`\.\*/.exec(line)?.[1]);
    expect(onDatabases.sort()).toEqual(["awsdms_control", "hr_mirror", "sales_mirror"]);
    expect(grants.find((line) => line.includes("`sales_mirror`"))).toMatch(/^GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, INDEX, ALTER ON `sales_mirror`\.\*/);
    expect(grants.find((line) => line.includes("`awsdms_control`"))).toMatch(/^GRANT ALL PRIVILEGES ON `awsdms_control`/);
    const global = grants.find((line) => line.includes("ON *.*")) ?? "";
    expect(global).toMatch(/^GRANT USAGE ON \*\.\*/);
    expect(global).toMatch(/REQUIRE SSL/);
  });

  test("the login creates, loads (LOAD DATA LOCAL INFILE, as DMS does) and alters a table in a target database over TLS", () => {
    const csv = join((server as Server).dir, "orders.csv");
    writeFileSync(csv, "1,Ada\n2,Grace\n");
    const run = asLogin(
      [
        "CREATE TABLE sales_mirror.orders (id INT PRIMARY KEY, customer VARCHAR(50));",
        `LOAD DATA LOCAL INFILE '${csv}' INTO TABLE sales_mirror.orders FIELDS TERMINATED BY ',';`,
        "CREATE INDEX orders_customer ON sales_mirror.orders (customer);",
        "ALTER TABLE sales_mirror.orders ADD COLUMN amount DECIMAL(10, 2);",
        "UPDATE sales_mirror.orders SET amount = 1 WHERE id = 1;",
        "DELETE FROM sales_mirror.orders WHERE id = 2;",
        "CREATE TABLE awsdms_control.awsdms_apply_exceptions (task_name VARCHAR(128));",
        "SELECT COUNT(*) FROM sales_mirror.orders;",
      ].join("\n"),
      true,
      TARGET_LOGIN,
      ["--local-infile=1"],
    );
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("1");
  });

  test("the login is refused any other database, and refused without TLS", () => {
    expect(asLogin("SELECT * FROM hr.salaries;", true, TARGET_LOGIN).stderr).toMatch(/denied/i);
    expect(asLogin("CREATE TABLE hr.intruder (id INT);", true, TARGET_LOGIN).stderr).toMatch(/denied/i);
    expect(asLogin("CREATE DATABASE elsewhere;", true, TARGET_LOGIN).stderr).toMatch(/denied/i);
    expect(asLogin("SELECT 1;", false, TARGET_LOGIN).stderr).toMatch(/denied/i);
  });

  test("runs a second time without changing anything; stops without the password", () => {
    const again = runScript(targetScript());
    expect(again.stderr).toBe("");
    expect(again.status).toBe(0);
    expect(asLogin("SELECT COUNT(*) FROM sales_mirror.orders;", true, TARGET_LOGIN).stdout.trim()).toBe("1");
    const withoutPassword = runScript(targetScript({ dmsLogin: "dms_other_writer" }), null);
    expect(withoutPassword.status).not.toBe(0);
    expect(withoutPassword.stderr).toContain("Set @dms_password first");
  });
});
