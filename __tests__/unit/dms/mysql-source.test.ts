import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MysqlSourceEndpoint, MysqlSourceEndpointProps } from "../../../modules/dms/sources/mysql/endpoint";
import { mysqlConnectionAttributes } from "../../../modules/dms/sources/mysql/attributes";
import { mysqlSource } from "../../../modules/dms/sources/mysql";
import { MysqlPreparationInput, likePattern, mysqlPreparationSql, selectedTablesQuery } from "../../../modules/dms/sources/mysql/preparation/script";
import { mysqlSourceSchema } from "../../../modules/dms/sources/mysql/schema";
import { sourceEngineOf, sourceSchema } from "../../../modules/dms/sources/registry";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { dmsFixture } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { blocks, newStack, only, synth } from "../../helpers/synth";

function mysqlProps(overrides: Partial<MysqlSourceEndpointProps> = {}): MysqlSourceEndpointProps {
  return {
    projectName: "orders",
    environment: "development",
    endpointId: "source-orders-mysql",
    serverName: "10.80.2.15",
    credentials: { username: "dms_reader", passwordParameterName: "/orders/mysql/dms-password" },
    ...overrides,
  };
}

const MAPPINGS = new TableMappings().include({ schema: "sales", table: "order%" }).exclude({ schema: "sales", table: "order_archive" });

function scriptInput(overrides: Partial<MysqlPreparationInput> = {}): MysqlPreparationInput {
  return {
    projectName: "orders",
    environment: "development",
    endpointId: "source-orders-mysql",
    serverName: "10.80.2.15",
    port: 3306,
    flavor: "mysql",
    hosting: "self-managed",
    requireSsl: true,
    dmsLogin: "dms_reader",
    passwordParameterName: "/orders/mysql/dms-password",
    capturesChanges: true,
    selections: MAPPINGS.selections(),
    binlogRetentionHours: 24,
    requireBinlogChecksumNone: false,
    ...overrides,
  };
}

describe("MysqlSourceEndpoint", () => {
  test("a MySQL source over TLS, its login through a Secrets Manager secret, no password in the endpoint", () => {
    const stack = newStack();
    new MysqlSourceEndpoint(stack, "Source", mysqlProps({ eventsPollInterval: 10, serverTimezone: "Europe/London" }));
    const json = synth(stack);
    const endpoint = only(json, "aws_dms_endpoint");
    expect(endpoint).toMatchObject({ endpoint_type: "source", engine_name: "mysql", ssl_mode: "require", extra_connection_attributes: "EventsPollInterval=10;ServerTimezone=Europe/London" });
    expect(endpoint.secrets_manager_arn).toMatch(/aws_secretsmanager_secret\./);
    expect(endpoint.secrets_manager_access_role_arn).toMatch(/aws_iam_role\./);
    expect(endpoint.password).toBeUndefined();
    expect(endpoint.username).toBeUndefined();
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test.each([
    ["mysql", "mysql"],
    ["mariadb", "mariadb"],
    ["aurora-mysql", "aurora"],
  ] as const)("flavor %s is DMS engine %s", (flavor, engineName) => {
    const stack = newStack();
    new MysqlSourceEndpoint(stack, "Source", mysqlProps({ flavor, hosting: flavor === "aurora-mysql" ? "rds" : undefined }));
    expect(only(synth(stack), "aws_dms_endpoint").engine_name).toBe(engineName);
  });

  test("no extra connection attributes when no option is set", () => {
    const stack = newStack();
    new MysqlSourceEndpoint(stack, "Source", mysqlProps());
    expect(only(synth(stack), "aws_dms_endpoint").extra_connection_attributes).toBeUndefined();
  });

  test("every attribute renders, in a fixed order", () => {
    expect(mysqlConnectionAttributes({ cleanSourceMetadataOnMismatch: true, serverTimezone: "Asia/Tokyo", eventsPollInterval: 2 })).toBe(
      "EventsPollInterval=2;ServerTimezone=Asia/Tokyo;CleanSrcMetadataOnMismatch=true",
    );
  });

  test("the instance may reach the server on its port only, in the server's /32 or allowedCidr", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    new MysqlSourceEndpoint(stack, "Source", mysqlProps({ port: 3307 })).allowConnectionsFrom(instance);
    new MysqlSourceEndpoint(stack, "Named", mysqlProps({ endpointId: "source-named", serverName: "db.internal", allowedCidr: "10.80.3.0/24" })).allowConnectionsFrom(instance);
    expect(blocks(synth(stack), "aws_vpc_security_group_egress_rule")).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.80.2.15/32", from_port: 3307, to_port: 3307, ip_protocol: "tcp" }),
      expect.objectContaining({ cidr_ipv4: "10.80.3.0/24", from_port: 3306, to_port: 3306, ip_protocol: "tcp" }),
    ]);
  });

  test.each<[string, Partial<MysqlSourceEndpointProps>, RegExp]>([
    ["a bad endpoint id", { endpointId: "source--x" }, /endpointId/],
    ["verify-full without a certificate", { sslMode: "verify-full" }, /certificateArn.*required with `sslMode: "verify-full"`/],
    ["a host name without allowedCidr", { serverName: "db.internal" }, /allowedCidr.*host name/],
    ["every address", { allowedCidr: "0.0.0.0/0" }, /would allow every address; name the network instead/],
    ["two login names", { credentials: { username: "a", usernameParameterName: "/a", passwordParameterName: "/p" } }, /exactly one login name/],
    ["self-managed Aurora", { flavor: "aurora-mysql" }, /Aurora MySQL always runs on RDS/],
    ["zero retention hours", { binlogRetentionHours: 0 }, /binlogRetentionHours.*at least 1/],
    ["RDS MySQL retention beyond 7 days", { hosting: "rds", binlogRetentionHours: 169 }, /at most 168 hours for mysql/],
    ["Aurora retention beyond 90 days", { flavor: "aurora-mysql", hosting: "rds", binlogRetentionHours: 2161 }, /at most 2160 hours for aurora-mysql/],
    ["a fractional poll interval", { eventsPollInterval: 0.5 }, /eventsPollInterval.*whole number/],
    ["a time zone that is not Area/Location", { serverTimezone: "UTC+1" }, /serverTimezone.*Area\/Location/],
    ["retention on a full-load-only source", { captureChanges: false, binlogRetentionHours: 24 }, /binlogRetentionHours.*only applies to change capture/],
    ["checksum on a full-load-only source", { captureChanges: false, requireBinlogChecksumNone: true }, /requireBinlogChecksumNone.*only applies/],
  ])("refuses %s", (_what, overrides, message) => {
    expect(() => new MysqlSourceEndpoint(newStack(), "Source", mysqlProps(overrides))).toThrow(message);
  });

  // Built on the server-source kit since its move there; before it, a MySQL source had none of these three.
  test("like every source reached by address: Secrets Manager reach, one AWS name, the construct's provider", () => {
    const noHttps = newStack();
    const { instance } = dmsFixture(noHttps);
    new MysqlSourceEndpoint(noHttps, "Source", mysqlProps()).allowConnectionsFrom(instance);
    expect(() => noHttps.runAllValidations()).toThrow(/endpoint source-orders-mysql keeps credentials in Secrets Manager, but .* has no HTTPS egress/);

    const twice = newStack();
    new MysqlSourceEndpoint(twice, "Source", mysqlProps());
    new MysqlSourceEndpoint(twice, "Again", mysqlProps({ serverName: "10.80.2.16" }));
    expect(() => twice.node.root.node.validate().forEach((message) => { throw new Error(message); })).toThrow(
      /DMS endpoint "source-orders-mysql" is created by .*\/Source and .*\/Again/,
    );

    const otherRegion = newStack();
    const provider = new AwsProvider(otherRegion, "Ireland", { region: "eu-west-1", alias: "ireland" });
    new MysqlSourceEndpoint(otherRegion, "Source", mysqlProps({ provider }));
    expect(only(synth(otherRegion), "aws_dms_endpoint").provider).toBe("aws.ireland");
  });

  test("Aurora keeps up to 2160 hours; self-managed servers have no RDS cap", () => {
    expect(() => new MysqlSourceEndpoint(newStack(), "Source", mysqlProps({ flavor: "aurora-mysql", hosting: "rds", binlogRetentionHours: 2160 }))).not.toThrow();
    expect(() => new MysqlSourceEndpoint(newStack(), "Source", mysqlProps({ binlogRetentionHours: 720 }))).not.toThrow();
  });

  test("a task reading the source puts replication grants in its DBA script; a full-load-only source refuses CDC tasks", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const source = new MysqlSourceEndpoint(stack, "Source", mysqlProps());
    new ReplicationTask(stack, "Task", { ...context, replicationTaskId: "orders", migrationType: "full-load-and-cdc", replicationInstance: instance, source, target, tableMappings: MAPPINGS });
    expect(source.preparationScript()).toContain("GRANT REPLICATION CLIENT, REPLICATION SLAVE");
    Testing.synth(stack);

    const fullLoads = newStack();
    const fixture = dmsFixture(fullLoads);
    const fullLoadSource = new MysqlSourceEndpoint(fullLoads, "Source", mysqlProps({ captureChanges: false }));
    expect(
      () =>
        new ReplicationTask(fullLoads, "Task", {
          ...fixture.context,
          replicationTaskId: "orders",
          migrationType: "cdc",
          replicationInstance: fixture.instance,
          source: fullLoadSource,
          target: fixture.target,
          tableMappings: MAPPINGS,
        }),
    ).toThrow(/full loads only/);
  });
});

describe("the MySQL DBA script", () => {
  test("self-managed: sets ROW and FULL, keeps the hours asked, never holds a password", () => {
    const sql = mysqlPreparationSql(scriptInput({ binlogRetentionHours: 36 }));
    expect(sql).toContain("SET GLOBAL binlog_format = 'ROW';");
    expect(sql).toContain("SET GLOBAL binlog_row_image = 'FULL';");
    expect(sql).toContain(String(36 * 3600));
    expect(sql).not.toContain("binlog_checksum = 'NONE'");
    expect(sql).not.toContain("rds_set_configuration");
    expect(sql).toContain("REQUIRE SSL");
    expect(sql).toContain("--name /orders/mysql/dms-password");
  });

  test("RDS and Aurora: checks the parameter group's settings and sets retention with rds_set_configuration", () => {
    const sql = mysqlPreparationSql(scriptInput({ hosting: "rds", flavor: "aurora-mysql", binlogRetentionHours: 72 }));
    expect(sql).toContain("CALL mysql.rds_set_configuration('binlog retention hours', 72);");
    expect(sql).toContain("require_that(@@GLOBAL.binlog_format = 'ROW'");
    expect(sql).not.toContain("SET GLOBAL binlog_format");
  });

  test("binlog_checksum NONE, when asked, is set (self-managed) or checked (RDS)", () => {
    expect(mysqlPreparationSql(scriptInput({ requireBinlogChecksumNone: true }))).toContain("SET GLOBAL binlog_checksum = 'NONE';");
    expect(mysqlPreparationSql(scriptInput({ hosting: "rds", requireBinlogChecksumNone: true }))).toContain("require_that(@@GLOBAL.binlog_checksum = 'NONE'");
  });

  test("full loads only: no binary log section and no replication grant", () => {
    const sql = mysqlPreparationSql(scriptInput({ capturesChanges: false }));
    expect(sql).not.toMatch(/binlog_format|REPLICATION/);
    expect(sql).toContain("grant_selected_tables");
  });

  test("sslMode none: the login is not bound to TLS", () => {
    expect(mysqlPreparationSql(scriptInput({ requireSsl: false }))).not.toContain("REQUIRE SSL");
  });

  test("a login from SSM is piped in as @dms_login", () => {
    const sql = mysqlPreparationSql(scriptInput({ dmsLogin: undefined, usernameParameterName: "/orders/mysql/dms-login" }));
    expect(sql).toContain("SET @dms_login = FROM_BASE64");
    expect(sql).toContain("/orders/mysql/dms-login");
    expect(sql).not.toContain("SET @dms_login = '");
  });

  test("DMS patterns become LIKE patterns: % stays a wildcard, _ and the escape character are literal", () => {
    expect(likePattern("order_%")).toBe("'order!_%'");
    expect(likePattern("it's!")).toBe("'it''s!!'");
    expect(selectedTablesQuery(MAPPINGS.selections()).join("\n")).toMatch(/AND NOT \(\(t\.TABLE_SCHEMA LIKE 'sales' ESCAPE '!' AND t\.TABLE_NAME LIKE 'order!_archive'/);
  });
});

describe("the mysql entry of an environment file", () => {
  const credentials = { username: "dms_reader", passwordParameterName: "/orders/mysql/dms-password" };
  const entry = { engine: "mysql", endpointId: "source-orders", serverName: "10.80.2.15", credentials };

  test("is a source engine of the registry, with its defaults", () => {
    const parsed = sourceSchema.parse(entry);
    expect(sourceEngineOf(parsed)).toBe(mysqlSource);
    expect(mysqlSourceSchema.parse(entry)).toMatchObject({ flavor: "mysql", port: 3306, hosting: "self-managed", sslMode: "require", captureChanges: true });
  });

  test("its problems are the construct's rules, reported at the file's fields", () => {
    const problems = mysqlSource.problems(mysqlSourceSchema.parse({ ...entry, serverName: "db.internal", flavor: "aurora-mysql", captureChanges: false, binlogRetentionHours: 5 }));
    expect(problems.map((problem) => problem.path)).toEqual(["allowedCidr", "hosting", "binlogRetentionHours"]);
    expect(mysqlSource.problems(mysqlSourceSchema.parse({ ...entry, credentials: { passwordParameterName: "/orders/mysql/dms-password" } }))).toEqual([
      expect.objectContaining({ path: "credentials", message: expect.stringContaining("exactly one login name") }),
    ]);
  });

  test("captures changes unless told not to", () => {
    expect(mysqlSource.capturesChanges(mysqlSourceSchema.parse(entry))).toBe(true);
    expect(mysqlSource.capturesChanges(mysqlSourceSchema.parse({ ...entry, captureChanges: false }))).toBe(false);
  });
});

describe("how the MySQL DBA script says to run it", () => {
  test("with the client of its flavor, over TLS", () => {
    const input = {
      projectName: "orders",
      environment: "development",
      endpointId: "source-x",
      serverName: "10.0.0.1",
      port: 3306,
      hosting: "self-managed" as const,
      requireSsl: true,
      dmsLogin: "dms",
      passwordParameterName: "/p",
      capturesChanges: true,
      selections: [],
      binlogRetentionHours: 24,
      requireBinlogChecksumNone: false,
    };
    expect(mysqlPreparationSql({ ...input, flavor: "mariadb" })).toContain("} | mariadb --host=10.0.0.1 --port=3306 --ssl --user=<admin> -p");
    expect(mysqlPreparationSql({ ...input, flavor: "mysql" })).toContain("} | mysql --host=10.0.0.1 --port=3306 --ssl-mode=REQUIRED --user=<admin> -p");
  });
});
