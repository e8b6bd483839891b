import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { BabelfishTargetEndpoint, BabelfishTargetEndpointProps } from "../../../modules/dms/targets/babelfish/endpoint";
import { MysqlTargetEndpoint, MysqlTargetEndpointProps } from "../../../modules/dms/targets/mysql/endpoint";
import { mysqlTargetAttributes } from "../../../modules/dms/targets/mysql/options";
import { mysqlTargetPreparationSql } from "../../../modules/dms/targets/mysql/preparation/script";
import { OracleTargetEndpoint, OracleTargetEndpointProps } from "../../../modules/dms/targets/oracle/endpoint";
import { oracleTargetAttributes } from "../../../modules/dms/targets/oracle/options";
import { SqlServerTargetEndpoint, SqlServerTargetEndpointProps } from "../../../modules/dms/targets/sqlserver/endpoint";
import { sqlServerTargetAttributes } from "../../../modules/dms/targets/sqlserver/options";
import { SybaseTargetEndpoint, SybaseTargetEndpointProps } from "../../../modules/dms/targets/sybase/endpoint";
import { TARGET_ENGINES, targetEngineOf, targetSchema } from "../../../modules/dms/targets/registry";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { TaskSettings } from "../../../modules/dms/task-settings";
import { environmentFile } from "../../helpers/environments";
import { dmsFixture, sqlServerProps as sqlServerSourceProps } from "../../helpers/fixtures";
import { SqlServerSourceEndpoint } from "../../../modules/dms/sources/sql-server/endpoint";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { TerraformJson, blocks, newStack, synth } from "../../helpers/synth";

const context = { projectName: "orders", environment: "development" };
const credentials = { username: "dms_writer", passwordParameterName: "/orders/target/dms-password" };
const CERT = "arn:aws:dms:eu-west-2:123456789012:cert:ABCDEFGHIJKLMNOP";

const mysqlProps = (overrides: Partial<MysqlTargetEndpointProps> = {}): MysqlTargetEndpointProps => ({
  ...context,
  endpointId: "target-orders-mysql",
  serverName: "10.70.1.10",
  databases: ["sales"],
  credentials,
  ...overrides,
});
const sqlServerProps = (overrides: Partial<SqlServerTargetEndpointProps> = {}): SqlServerTargetEndpointProps => ({
  ...context,
  endpointId: "target-orders-sqlserver",
  serverName: "10.70.1.11",
  databaseName: "orders",
  credentials,
  ...overrides,
});
const babelfishProps = (overrides: Partial<BabelfishTargetEndpointProps> = {}): BabelfishTargetEndpointProps => ({
  ...context,
  endpointId: "target-orders-babelfish",
  serverName: "10.70.1.12",
  babelfishDatabaseName: "orders",
  credentials,
  ...overrides,
});
const oracleProps = (overrides: Partial<OracleTargetEndpointProps> = {}): OracleTargetEndpointProps => ({
  ...context,
  endpointId: "target-orders-oracle",
  serverName: "10.70.1.13",
  databaseName: "ORDERSPDB",
  certificateArn: CERT,
  credentials,
  ...overrides,
});
const sybaseProps = (overrides: Partial<SybaseTargetEndpointProps> = {}): SybaseTargetEndpointProps => ({
  ...context,
  endpointId: "target-orders-ase",
  serverName: "10.70.1.14",
  databaseName: "orders",
  credentials,
  ...overrides,
});

describe("the five server targets, each wired to a replication instance", () => {
  let json: TerraformJson;
  let endpoints: Record<string, any>;
  beforeAll(() => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    const built = [
      new MysqlTargetEndpoint(stack, "Mysql", mysqlProps({ flavor: "mariadb", parallelLoadThreads: 3, disableForeignKeyChecks: true })),
      new SqlServerTargetEndpoint(stack, "SqlServer", sqlServerProps({ bcpPacketSize: 32768 })),
      new BabelfishTargetEndpoint(stack, "Babelfish", babelfishProps()),
      new BabelfishTargetEndpoint(stack, "BabelfishTds", babelfishProps({ endpointId: "target-orders-babelfish-tds", connection: "tds" })),
      new OracleTargetEndpoint(stack, "Oracle", oracleProps({ directPathParallelLoad: true })),
      new SybaseTargetEndpoint(stack, "Sybase", sybaseProps({ serverName: "ase.internal", allowedCidr: "10.70.2.0/24", charset: "utf8" })),
    ];
    for (const endpoint of built) endpoint.allowConnectionsFrom(instance);
    json = synth(stack);
    endpoints = Object.fromEntries(blocks(json, "aws_dms_endpoint").map((endpoint) => [endpoint.endpoint_id, endpoint]));
  });

  test("each is a target endpoint of its DMS engine, with its database", () => {
    expect(endpoints["target-orders-mysql"]).toMatchObject({ endpoint_type: "target", engine_name: "mariadb" });
    expect(endpoints["target-orders-mysql"].database_name).toBeUndefined();
    expect(endpoints["target-orders-sqlserver"]).toMatchObject({ endpoint_type: "target", engine_name: "sqlserver", database_name: "orders" });
    expect(endpoints["target-orders-babelfish"]).toMatchObject({ endpoint_type: "target", engine_name: "aurora-postgresql", database_name: "babelfish_db" });
    expect(endpoints["target-orders-babelfish-tds"]).toMatchObject({ endpoint_type: "target", engine_name: "babelfish", database_name: "orders" });
    expect(endpoints["target-orders-oracle"]).toMatchObject({ endpoint_type: "target", engine_name: "oracle", database_name: "ORDERSPDB" });
    expect(endpoints["target-orders-ase"]).toMatchObject({ endpoint_type: "target", engine_name: "sybase", database_name: "orders" });
  });

  test("SSL by default: require, and verify-ca with the wallet for Oracle (its only encrypted mode)", () => {
    for (const id of ["target-orders-mysql", "target-orders-sqlserver", "target-orders-babelfish", "target-orders-babelfish-tds", "target-orders-ase"]) {
      expect(endpoints[id].ssl_mode).toBe("require");
    }
    expect(endpoints["target-orders-oracle"]).toMatchObject({ ssl_mode: "verify-ca", certificate_arn: CERT });
  });

  test("the logins reach DMS through Secrets Manager only: no username, password, server or port on any endpoint", () => {
    for (const endpoint of Object.values(endpoints)) {
      expect(endpoint.secrets_manager_arn).toMatch(/aws_secretsmanager_secret\./);
      expect(endpoint.secrets_manager_access_role_arn).toMatch(/aws_iam_role\./);
      for (const key of ["username", "password", "server_name", "port"]) expect(endpoint[key]).toBeUndefined();
    }
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("the engines' options travel in extra_connection_attributes; Babelfish's PostgreSQL connection sets database_mode", () => {
    expect(endpoints["target-orders-mysql"].extra_connection_attributes).toBe("parallelLoadThreads=3;Initstmt=SET FOREIGN_KEY_CHECKS=0");
    expect(endpoints["target-orders-sqlserver"].extra_connection_attributes).toBe("BCPPacketSize=32768");
    expect(endpoints["target-orders-oracle"].extra_connection_attributes).toBe("directPathParallelLoad=true");
    expect(endpoints["target-orders-ase"].extra_connection_attributes).toBe("charset=utf8");
    expect(endpoints["target-orders-babelfish"].extra_connection_attributes).toBeUndefined();
    expect(endpoints["target-orders-babelfish"].postgres_settings).toEqual({
      database_mode: "babelfish",
      babelfish_database_name: "orders",
      max_file_size: 32768,
      execute_timeout: 60,
      heartbeat_frequency: 5,
    });
    expect(endpoints["target-orders-babelfish"].lifecycle.replace_triggered_by).toHaveLength(1);
    expect(endpoints["target-orders-babelfish-tds"].postgres_settings).toBeUndefined();
  });

  test("the instance may reach each server on its port only, at its /32 or allowedCidr", () => {
    const egress = blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.cidr_ipv4?.startsWith("10.70."));
    expect(egress.map((rule) => [rule.cidr_ipv4, rule.from_port, rule.to_port, rule.ip_protocol]).sort()).toEqual([
      ["10.70.1.10/32", 3306, 3306, "tcp"],
      ["10.70.1.11/32", 1433, 1433, "tcp"],
      ["10.70.1.12/32", 1433, 1433, "tcp"],
      ["10.70.1.12/32", 5432, 5432, "tcp"],
      ["10.70.1.13/32", 1521, 1521, "tcp"],
      ["10.70.2.0/24", 5000, 5000, "tcp"],
    ]);
  });
});

describe("extra connection attributes, every option", () => {
  test("MySQL: fixed order, only what is set", () => {
    expect(mysqlTargetAttributes({})).toBe("");
    expect(mysqlTargetAttributes({ disableForeignKeyChecks: true, maxFileSize: 512, parallelLoadThreads: 2, targetDbType: "specific-database" })).toBe(
      "targetDbType=SPECIFIC_DATABASE;parallelLoadThreads=2;maxFileSize=512;Initstmt=SET FOREIGN_KEY_CHECKS=0",
    );
    expect(mysqlTargetAttributes({ targetDbType: "multiple-databases", disableForeignKeyChecks: false })).toBe("targetDbType=MULTIPLE_DATABASES");
  });

  test("SQL Server: BCP off, packet size, control filegroup", () => {
    expect(sqlServerTargetAttributes({ useBcpFullLoad: true })).toBe("");
    expect(sqlServerTargetAttributes({ useBcpFullLoad: false, controlTablesFileGroup: "DMS_CONTROL" })).toBe("useBCPFullLoad=N;controlTablesFileGroup=DMS_CONTROL");
  });

  test("Oracle: direct path off, no-log, character semantics", () => {
    expect(oracleTargetAttributes({ useDirectPathFullLoad: true })).toBe("");
    expect(oracleTargetAttributes({ useDirectPathFullLoad: false, charLengthSemantics: true })).toBe("useDirectPathFullLoad=N;charLengthSemantics=CHAR");
    expect(oracleTargetAttributes({ directPathNoLog: true, directPathParallelLoad: true })).toBe("directPathParallelLoad=true;directPathNoLog=true");
  });
});

describe("what the server targets refuse", () => {
  test.each<[string, () => unknown, RegExp]>([
    ["a bad endpoint id", () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ endpointId: "target--x" })), /endpointId/],
    ["a host name without allowedCidr", () => new SqlServerTargetEndpoint(newStack(), "T", sqlServerProps({ serverName: "db.internal" })), /allowedCidr.*host name/],
    ["every address", () => new OracleTargetEndpoint(newStack(), "T", oracleProps({ allowedCidr: "0.0.0.0/0" })), /name the target's network/],
    ["a port out of range", () => new SybaseTargetEndpoint(newStack(), "T", sybaseProps({ port: 70000 })), /port.*1 to 65535/],
    [
      "two login names",
      () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ credentials: { username: "a", usernameParameterName: "/a", passwordParameterName: "/p" } })),
      /exactly one login name/,
    ],
    ["verify-full without a certificate", () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ sslMode: "verify-full" })), /certificateArn.*verify-full/],
    ["Oracle's default verify-ca without a wallet", () => new OracleTargetEndpoint(newStack(), "T", oracleProps({ certificateArn: undefined })), /certificateArn.*verify-ca/],
    ["require on Oracle", () => new OracleTargetEndpoint(newStack(), "T", oracleProps({ sslMode: "require" as never })), /sslMode.*allowed: none, verify-ca/],
    ["verify-ca on SQL Server", () => new SqlServerTargetEndpoint(newStack(), "T", sqlServerProps({ sslMode: "verify-ca" as never, certificateArn: CERT })), /sslMode.*allowed: none, require, verify-full/],
    ["verify-ca on Babelfish's TDS port", () => new BabelfishTargetEndpoint(newStack(), "T", babelfishProps({ connection: "tds", sslMode: "verify-ca", certificateArn: CERT })), /not supported on the tds connection/],
    ["self-managed Aurora MySQL", () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ flavor: "aurora-mysql" })), /Aurora MySQL always runs on RDS/],
    ["a specific database without its name", () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ targetDbType: "specific-database", databases: undefined })), /databaseName.*specific-database/],
    ["multiple databases without the list", () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ databases: [] })), /databases.*list the databases/],
    ["a database list with a specific database", () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ targetDbType: "specific-database", databaseName: "sales" })), /databases.*only applies/],
    ["a database name with a dot", () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ databases: ["sales.x"] })), /databases.*letters, digits/],
    ["six load threads", () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ parallelLoadThreads: 6 })), /parallelLoadThreads.*1 to 5/],
    ["a zero file size", () => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ maxFileSize: 0 })), /maxFileSize/],
    ["a SQL Server database name with a bracket", () => new SqlServerTargetEndpoint(newStack(), "T", sqlServerProps({ databaseName: "orders]" })), /databaseName.*plain SQL Server name/],
    ["a BCP packet without BCP", () => new SqlServerTargetEndpoint(newStack(), "T", sqlServerProps({ useBcpFullLoad: false, bcpPacketSize: 100 })), /bcpPacketSize.*only applies to BCP/],
    ["a BCP packet over 100000 bytes", () => new SqlServerTargetEndpoint(newStack(), "T", sqlServerProps({ bcpPacketSize: 100001 })), /bcpPacketSize.*1 to 100000/],
    ["a filegroup with a quote", () => new SqlServerTargetEndpoint(newStack(), "T", sqlServerProps({ controlTablesFileGroup: "a'b" })), /controlTablesFileGroup/],
    ["a login name the T-SQL script cannot hold", () => new SqlServerTargetEndpoint(newStack(), "T", sqlServerProps({ credentials: { username: "dms]x", passwordParameterName: "/p" } })), /credentials.username/],
    ["Babelfish's system database", () => new BabelfishTargetEndpoint(newStack(), "T", babelfishProps({ babelfishDatabaseName: "master" })), /user database/],
    ["a Babelfish database name with a hyphen", () => new BabelfishTargetEndpoint(newStack(), "T", babelfishProps({ babelfishDatabaseName: "my-db" })), /T-SQL database's name/],
    ["no-log direct path without direct path", () => new OracleTargetEndpoint(newStack(), "T", oracleProps({ useDirectPathFullLoad: false, directPathNoLog: true })), /directPathNoLog.*needs direct path/],
    ["parallel direct path without direct path", () => new OracleTargetEndpoint(newStack(), "T", oracleProps({ useDirectPathFullLoad: false, directPathParallelLoad: true })), /directPathParallelLoad.*needs direct path/],
    ["no-log direct path in production", () => new OracleTargetEndpoint(newStack(), "T", oracleProps({ environment: "production", directPathNoLog: true })), /directPathNoLog.*production/],
    ["an Oracle schema needing quotes", () => new OracleTargetEndpoint(newStack(), "T", oracleProps({ schemas: ["sales data"] })), /schemas/],
    ["an Oracle tablespace needing quotes", () => new OracleTargetEndpoint(newStack(), "T", oracleProps({ tablespace: "1USERS" })), /tablespace/],
    ["an Oracle service name with a space", () => new OracleTargetEndpoint(newStack(), "T", oracleProps({ databaseName: "ORDERS PDB" })), /databaseName.*service name/],
    ["an SAP ASE database name longer than 30", () => new SybaseTargetEndpoint(newStack(), "T", sybaseProps({ databaseName: "a".repeat(31) })), /databaseName.*up to 30/],
    ["an SAP ASE character set with a space", () => new SybaseTargetEndpoint(newStack(), "T", sybaseProps({ charset: "utf 8" })), /charset/],
  ])("refuses %s", (_what, build, message) => {
    expect(build).toThrow(message);
  });

  test("an endpoint id used twice is reported at synth, naming both constructs", () => {
    const stack = newStack();
    new MysqlTargetEndpoint(stack, "First", mysqlProps());
    new SybaseTargetEndpoint(stack, "Second", sybaseProps({ endpointId: "target-orders-mysql" }));
    const messages = stack.node.root.node.validate();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/DMS endpoint.*target-orders-mysql/);
    expect(messages[0]).toContain("test/First");
    expect(messages[0]).toContain("test/Second");
  });

  test("every problem of one target is reported at once", () => {
    expect(() => new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ endpointId: "-x", parallelLoadThreads: 9, databases: [] }))).toThrow(
      /endpointId[\s\S]*databases[\s\S]*parallelLoadThreads/,
    );
  });

  test("a task writing to Babelfish is refused DROP_AND_CREATE, and accepted with TRUNCATE_BEFORE_LOAD", () => {
    const stack = newStack();
    const { instance, context: fixture } = dmsFixture(stack);
    const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerSourceProps({ captureMode: "none" }));
    const target = new BabelfishTargetEndpoint(stack, "Babelfish", babelfishProps());
    const task = (id: string, prepMode: "DROP_AND_CREATE" | "TRUNCATE_BEFORE_LOAD") =>
      new ReplicationTask(stack, id, {
        ...fixture,
        replicationTaskId: id,
        migrationType: "full-load",
        replicationInstance: instance,
        source,
        target,
        tableMappings: new TableMappings().include({ schema: "dbo", table: "%" }),
        settings: TaskSettings.defaults().with({ FullLoadSettings: { TargetTablePrepMode: prepMode } }),
      });
    expect(() => task("drops", "DROP_AND_CREATE")).toThrow(/TargetTablePrepMode[\s\S]*DO_NOTHING, TRUNCATE_BEFORE_LOAD/);
    expect(() => task("truncates", "TRUNCATE_BEFORE_LOAD")).not.toThrow();
  });
});

describe("the DBA scripts of the server targets", () => {
  test("MySQL: local_infile, the databases, AWS's privileges on them only, ALL on awsdms_control, no password", () => {
    const sql = new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ databases: ["sales", "hr"], sslMode: "none" })).preparationScript();
    expect(sql).toContain("SET GLOBAL local_infile = 1;");
    expect(sql).toContain("CREATE DATABASE IF NOT EXISTS `sales`;");
    expect(sql).toContain("GRANT ALTER, CREATE, DROP, INDEX, INSERT, UPDATE, DELETE, SELECT ON `hr`.* TO ");
    expect(sql).toContain("GRANT ALL PRIVILEGES ON `awsdms_control`.* TO ");
    expect(sql).not.toContain("REQUIRE SSL");
    expect(sql).not.toMatch(/ON \*\.\*/);
    expect(sql).toContain("/orders/target/dms-password");
  });

  test("MySQL on RDS: checks local_infile from the parameter group instead of setting it; a specific database is the one granted", () => {
    const sql = new MysqlTargetEndpoint(newStack(), "T", mysqlProps({ hosting: "rds", targetDbType: "specific-database", databaseName: "mirror", databases: undefined })).preparationScript();
    expect(sql).not.toContain("SET GLOBAL local_infile");
    expect(sql).toContain("@@GLOBAL.local_infile = 1");
    expect(sql).toContain("ON `mirror`.* TO ");
    expect(sql).toContain("REQUIRE SSL");
  });

  test("the MySQL script without a known login asks for @dms_login", () => {
    const sql = mysqlTargetPreparationSql({
      ...context,
      endpointId: "t",
      serverName: "h",
      port: 3306,
      flavor: "mysql",
      hosting: "self-managed",
      requireSsl: true,
      usernameParameterName: "/orders/login",
      passwordParameterName: "/orders/password",
      databases: ["sales"],
    });
    expect(sql).toContain("SET @dms_login = FROM_BASE64");
    expect(sql).not.toContain("SET @dms_login = '");
  });

  test("SQL Server: the login and db_owner in the target database, nothing at server level, the password from sqlcmd", () => {
    const sql = new SqlServerTargetEndpoint(newStack(), "T", sqlServerProps()).preparationScript();
    expect(sql).toContain(":setvar DMS_LOGIN dms_writer");
    expect(sql).toContain("CREATE LOGIN [$(DMS_LOGIN)] WITH PASSWORD = N'$(DMS_PASSWORD)', CHECK_POLICY = ON;");
    expect(sql).toContain("USE [orders];");
    expect(sql).toContain("ALTER ROLE [db_owner] ADD MEMBER [$(DMS_LOGIN)];");
    expect(sql).toContain("Database orders does not exist");
    expect(sql).not.toMatch(/sysadmin|ALTER SERVER ROLE/);
  });

  test("Babelfish: the same T-SQL through the TDS port, creating the T-SQL database when missing", () => {
    const sql = new BabelfishTargetEndpoint(newStack(), "T", babelfishProps()).preparationScript();
    expect(sql).toContain("sqlcmd -S 10.70.1.12,1433");
    expect(sql).toContain("CREATE DATABASE [orders];");
    expect(sql).toContain("ALTER ROLE [db_owner] ADD MEMBER [$(DMS_LOGIN)];");
  });

  test("Oracle: quota on one tablespace (not UNLIMITED TABLESPACE), the views DMS reads, ANY privileges only for other schemas", () => {
    const own = new OracleTargetEndpoint(newStack(), "T", oracleProps()).preparationScript();
    expect(own).toContain("ALTER USER DMS_WRITER QUOTA UNLIMITED ON USERS;");
    expect(own).toContain("GRANT SELECT ON SYS.V_$NLS_PARAMETERS TO DMS_WRITER;");
    expect(own).toContain("GRANT LOCK ANY TABLE TO DMS_WRITER;");
    expect(own).not.toContain("GRANT UNLIMITED TABLESPACE");
    expect(own).not.toContain("INSERT ANY TABLE");
    expect(own).toContain(`IDENTIFIED BY "' || q'"&1"' || '"`);
    const others = new OracleTargetEndpoint(newStack(), "T", oracleProps({ schemas: ["SALES", "dms_writer"], tablespace: "data", useDirectPathFullLoad: false })).preparationScript();
    expect(others).toContain("INSERT ANY TABLE");
    expect(others).toContain("QUOTA UNLIMITED ON DATA;");
    expect(others).toContain("Schemas:    SALES (not the DMS user's own");
    expect(others).not.toContain("LOCK ANY TABLE");
  });

  test("SAP ASE: one batch in the target database, the login, its user and CREATE TABLE; the password piped in", () => {
    const sql = new SybaseTargetEndpoint(newStack(), "T", sybaseProps()).preparationScript();
    expect(sql).toContain("if db_name() <> 'orders'");
    expect(sql).toContain("exec master.dbo.sp_addlogin 'dms_writer', @dms_password, 'orders'");
    expect(sql).toContain("exec sp_adduser 'dms_writer'");
    expect(sql).toContain("exec ('grant create table to ' + 'dms_writer')");
    expect(sql.match(/^go$/gm)).toHaveLength(1);
  });
});

describe("server targets in an environment file", () => {
  const entries: Record<string, object> = {
    "mirror-mysql": { engine: "mysql", endpointId: "target-orders-mysql", serverName: "10.70.1.10", databases: ["shop"], credentials },
    "mirror-sqlserver": { engine: "sqlserver", endpointId: "target-orders-sqlserver", serverName: "10.70.1.11", databaseName: "orders", credentials },
    "mirror-babelfish": { engine: "babelfish", endpointId: "target-orders-babelfish", serverName: "10.70.1.12", babelfishDatabaseName: "orders", credentials },
    "mirror-oracle": { engine: "oracle", endpointId: "target-orders-oracle", serverName: "10.70.1.13", databaseName: "ORDERSPDB", certificateArn: CERT, credentials },
    "mirror-ase": { engine: "sybase", endpointId: "target-orders-ase", serverName: "10.70.1.14", databaseName: "orders", credentials },
  };

  test("each engine is registered once and parses to its own descriptor", () => {
    const engines = TARGET_ENGINES.map((engine) => engine.engine);
    expect(new Set(engines).size).toBe(engines.length);
    for (const entry of Object.values(entries)) {
      expect(targetEngineOf(targetSchema.parse(entry)).engine).toBe((entry as { engine: string }).engine);
    }
  });

  test("the construct's rules are refused at file-check time, at the entry's own fields", () => {
    const mysql = targetSchema.parse({ ...entries["mirror-mysql"], databases: [], parallelLoadThreads: 8, serverName: "db.internal" });
    expect(targetEngineOf(mysql).problems(mysql).map((problem) => problem.path)).toEqual(["allowedCidr", "databases", "parallelLoadThreads"]);
    const babelfish = targetSchema.parse({ ...entries["mirror-babelfish"], connection: "tds", sslMode: "verify-ca", certificateArn: CERT });
    expect(targetEngineOf(babelfish).problems(babelfish).map((problem) => problem.path)).toEqual(["sslMode"]);
    for (const entry of Object.values(entries)) {
      const parsed = targetSchema.parse(entry);
      expect(targetEngineOf(parsed).problems(parsed)).toEqual([]);
    }
  });

  test("unknown keys and a password are refused by the schema", () => {
    expect(targetSchema.safeParse({ ...entries["mirror-sqlserver"], useBcp: false }).success).toBe(false);
    expect(targetSchema.safeParse({ ...entries["mirror-sqlserver"], credentials: { ...credentials, password: "x" } }).success).toBe(false);
  });

  describe("built by the stack, with a task per target", () => {
    let json: TerraformJson;
    let problems: readonly unknown[];
    beforeAll(() => {
      const file = environmentFile("mysql-warehouse");
      file.targets = { ...file.targets, ...entries };
      file.tasks = [
        ...file.tasks,
        ...Object.keys(entries).map((name) => ({
          id: `shop-to-${name}`,
          source: "shop",
          target: name,
          migrationType: "full-load",
          tableMappings: [{ action: "include", schema: "shop", table: "%" }],
          settings: { FullLoadSettings: { TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD" } },
        })),
      ];
      const check = checkEnvironment(JSON.stringify(file), "mysql-warehouse");
      problems = check.problems;
      if (check.config === undefined) throw new Error(JSON.stringify(check.problems, null, 1));
      json = JSON.parse(Testing.synth(new MigrationStack(Testing.app(), "mysql-warehouse", { config: check.config! })));
    });

    test("the file checks, and every target becomes its endpoint, used by its task", () => {
      expect(problems).toEqual([]);
      const endpoints = blocks(json, "aws_dms_endpoint");
      for (const id of ["target-orders-mysql", "target-orders-sqlserver", "target-orders-babelfish", "target-orders-oracle", "target-orders-ase"]) {
        expect(endpoints.filter((endpoint) => endpoint.endpoint_id === id)).toHaveLength(1);
      }
      const tasks = blocks(json, "aws_dms_replication_task").filter((task) => task.replication_task_id.startsWith("shop-to-mirror-"));
      expect(tasks).toHaveLength(5);
      expect(secretHandlingProblems(json)).toEqual([]);
    });

    test("a task naming TargetMetadata.TargetSchema for a MySQL target is refused at file-check time", () => {
      const file = environmentFile("mysql-warehouse");
      file.targets = { ...file.targets, "mirror-mysql": entries["mirror-mysql"] };
      const task = { replicationTaskId: "shop-to-mysql", source: "shop", target: "mirror-mysql", migrationType: "full-load", tableMappings: [{ action: "include", schema: "shop", table: "%" }] };
      file.tasks = [...file.tasks, { ...task, settings: { TargetMetadata: { TargetSchema: "mirror" } } }];
      const check = checkEnvironment(JSON.stringify(file), "mysql-warehouse");
      expect(check.problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual([expect.stringMatching(/TargetSchema: must stay empty for a MySQL-family target/)]);
      file.tasks = [...file.tasks.slice(0, -1), task];
      expect(checkEnvironment(JSON.stringify(file), "mysql-warehouse").problems).toEqual([]);
    });

    test("a Babelfish task left with the default DROP_AND_CREATE is refused at file-check time", () => {
      const file = environmentFile("mysql-warehouse");
      file.targets = { ...file.targets, "mirror-babelfish": entries["mirror-babelfish"] };
      file.tasks = [...file.tasks, { replicationTaskId: "shop-to-babelfish", source: "shop", target: "mirror-babelfish", migrationType: "full-load", tableMappings: [{ action: "include", schema: "shop", table: "%" }] }];
      const check = checkEnvironment(JSON.stringify(file), "mysql-warehouse");
      expect(check.problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
        expect.stringMatching(/TargetTablePrepMode: .*DO_NOTHING, TRUNCATE_BEFORE_LOAD/),
      ]);
    });
  });
});
