import { Testing } from "cdktf";
import { Db2SourceEndpoint, Db2SourceEndpointProps, db2Source, db2ZosSource } from "../../../modules/dms/sources/db2";
import { db2ConnectionAttributes } from "../../../modules/dms/sources/db2/attributes";
import { Db2PreparationInput, db2LikePattern, db2PreparationScript, db2SelectedTables } from "../../../modules/dms/sources/db2/preparation/script";
import { db2SourceSchema, db2ZosSourceSchema } from "../../../modules/dms/sources/db2/schema";
import { sourceEngineOf, sourceSchema } from "../../../modules/dms/sources/registry";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { allowSecretsManager, dmsFixture } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { TerraformJson, blocks, newStack, only, synth } from "../../helpers/synth";

const CERTIFICATE = "arn:aws:dms:eu-west-2:123456789012:cert:LEDGERDB2CA";

function db2Props(overrides: Partial<Db2SourceEndpointProps> = {}): Db2SourceEndpointProps {
  return {
    projectName: "ledger",
    environment: "development",
    endpointId: "source-ledger-db2",
    serverName: "10.80.4.20",
    databaseName: "LEDGER",
    certificateArn: CERTIFICATE,
    credentials: { username: "dmsuser", passwordParameterName: "/ledger/db2/dms-password" },
    ...overrides,
  };
}

const MAPPINGS = new TableMappings().include({ schema: "LEDGER", table: "ENTRY%" }).exclude({ schema: "LEDGER", table: "ENTRY_ARCHIVE" });

function scriptInput(overrides: Partial<Db2PreparationInput> = {}): Db2PreparationInput {
  return {
    projectName: "ledger",
    environment: "development",
    endpointId: "source-ledger-db2",
    serverName: "10.80.4.20",
    port: 50000,
    databaseName: "LEDGER",
    platform: "luw",
    hosting: "self-managed",
    dmsLogin: "dmsuser",
    capturesChanges: true,
    dmsSetsDataCaptureChanges: true,
    archiveLogRetentionHours: 24,
    selections: MAPPINGS.selections(),
    ...overrides,
  };
}

describe("Db2SourceEndpoint", () => {
  let json: TerraformJson;
  let luw: Db2SourceEndpoint;
  let zos: Db2SourceEndpoint;
  beforeAll(() => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    allowSecretsManager(stack);
    luw = new Db2SourceEndpoint(stack, "Luw", db2Props({ currentLsn: "scan", maxKBytesPerRead: 128 }));
    zos = new Db2SourceEndpoint(stack, "Zos", db2Props({ platform: "zos", endpointId: "source-ledger-zos", serverName: "db2.mainframe.internal", allowedCidr: "10.90.0.0/24", port: 446 }));
    luw.allowConnectionsFrom(instance);
    zos.allowConnectionsFrom(instance);
    new ReplicationTask(stack, "Cdc", { ...context, replicationTaskId: "ledger-cdc", migrationType: "full-load-and-cdc", replicationInstance: instance, source: luw, target, tableMappings: MAPPINGS });
    new ReplicationTask(stack, "Copy", { ...context, replicationTaskId: "ledger-copy", migrationType: "full-load", replicationInstance: instance, source: zos, target, tableMappings: MAPPINGS });
    json = synth(stack);
  });

  test("LUW and z/OS are DMS engines db2 and db2-zos, verify-ca by default, logins through Secrets Manager, no password anywhere", () => {
    const endpoints = blocks(json, "aws_dms_endpoint").filter((endpoint) => endpoint.endpoint_type === "source");
    expect(endpoints).toEqual([
      expect.objectContaining({ endpoint_id: "source-ledger-db2", engine_name: "db2", ssl_mode: "verify-ca", certificate_arn: CERTIFICATE, database_name: "LEDGER", extra_connection_attributes: "CurrentLSN=scan;MaxKBytesPerRead=128" }),
      expect.objectContaining({ endpoint_id: "source-ledger-zos", engine_name: "db2-zos", ssl_mode: "verify-ca" }),
    ]);
    for (const endpoint of endpoints) {
      expect(endpoint.secrets_manager_arn).toMatch(/aws_secretsmanager_secret\./);
      expect(endpoint.password).toBeUndefined();
      expect(endpoint.username).toBeUndefined();
    }
    expect(endpoints[1].extra_connection_attributes).toBeUndefined();
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("the instance reaches each server on its port only, in its /32 or allowedCidr", () => {
    expect(blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.from_port !== 443 && rule.from_port !== 5432)).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.80.4.20/32", from_port: 50000, to_port: 50000, ip_protocol: "tcp" }),
      expect.objectContaining({ cidr_ipv4: "10.90.0.0/24", from_port: 446, to_port: 446, ip_protocol: "tcp" }),
    ]);
  });

  test("z/OS serves full loads only; LUW captures changes unless told not to", () => {
    expect(luw.capturesChanges).toBe(true);
    expect(zos.capturesChanges).toBe(false);
    expect(new Db2SourceEndpoint(newStack(), "S", db2Props({ captureChanges: false })).capturesChanges).toBe(false);
  });

  test("each writes its DBA script for the tables its tasks read", () => {
    expect(luw.preparationScript()).toContain("GRANT DBADM, DATAACCESS ON DATABASE TO USER \"dmsuser\"@");
    expect(zos.preparationScript()).toContain("GRANT SELECT ON SYSIBM.SYSTABLESPACE TO \"dmsuser\"@");
    expect(zos.preparationScript()).not.toContain("DBADM");
  });

  test("a cdc task on z/OS is refused", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const source = new Db2SourceEndpoint(stack, "Zos", db2Props({ platform: "zos" }));
    expect(
      () => new ReplicationTask(stack, "Task", { ...context, replicationTaskId: "x", migrationType: "cdc", replicationInstance: instance, source, target, tableMappings: MAPPINGS }),
    ).toThrow(/full loads only/);
  });

  test("every attribute renders, in a fixed order", () => {
    expect(db2ConnectionAttributes({ setDataCaptureChanges: false, maxKBytesPerRead: 32, currentLsn: "00000000000A1B2C" })).toBe(
      "CurrentLSN=00000000000A1B2C;MaxKBytesPerRead=32;SetDataCaptureChanges=false",
    );
    expect(db2ConnectionAttributes({})).toBe("");
  });

  test.each<[string, Partial<Db2SourceEndpointProps>, RegExp]>([
    ["a bad endpoint id", { endpointId: "source--x" }, /endpointId/],
    ["require (Db2 takes none or verify-ca)", { sslMode: "require" as never }, /sslMode.*allowed: none, verify-ca/],
    ["verify-ca without a certificate (the default)", { certificateArn: undefined }, /certificateArn.*server's certificate/],
    ["a host name without allowedCidr", { serverName: "db2.internal" }, /allowedCidr.*host name/],
    ["every address", { allowedCidr: "0.0.0.0/0" }, /would allow every address; name the network instead/],
    ["two login names", { credentials: { username: "a", usernameParameterName: "/a", passwordParameterName: "/p" } }, /exactly one login name/],
    ["change capture on z/OS", { platform: "zos", captureChanges: true }, /captureChanges.*z\/OS/],
    ["RDS hosting for z/OS", { platform: "zos", hosting: "rds" }, /hosting.*Db2 LUW only/],
    ["an LSN that is not hexadecimal", { currentLsn: "LSN-42" }, /currentLsn.*hexadecimal/],
    ["a fractional read size", { maxKBytesPerRead: 0.5 }, /maxKBytesPerRead.*whole number/],
    ["archive log retention on a self-managed server", { archiveLogRetentionHours: 48 }, /archiveLogRetentionHours.*hosting: "rds"/],
    ["zero archive log hours", { hosting: "rds", archiveLogRetentionHours: 0 }, /archiveLogRetentionHours.*at least 1/],
    ["a change-capture option on a full-load-only source", { captureChanges: false, currentLsn: "scan" }, /currentLsn.*only applies to change capture/],
    ["a change-capture option on z/OS", { platform: "zos", setDataCaptureChanges: true }, /setDataCaptureChanges.*Db2 for z\/OS/],
  ])("refuses %s", (_what, overrides, message) => {
    expect(() => new Db2SourceEndpoint(newStack(), "Source", db2Props(overrides))).toThrow(message);
  });

  test("sslMode none needs no certificate", () => {
    const stack = newStack();
    new Db2SourceEndpoint(stack, "S", db2Props({ sslMode: "none", certificateArn: undefined }));
    expect(only(synth(stack), "aws_dms_endpoint")).toMatchObject({ ssl_mode: "none" });
  });
});

describe("the Db2 DBA script", () => {
  test("LUW with change capture: checks LOGARCHMETH1, grants DBADM and DATAACCESS, selects the tables by LIKE, holds no password", () => {
    const sql = db2PreparationScript(scriptInput());
    expect(sql).toContain("NAME IN ('logarchmeth1', 'logarchmeth2') AND UPPER(VALUE) <> 'OFF'");
    expect(sql).toContain("GRANT DBADM, DATAACCESS ON DATABASE TO USER \"dmsuser\"@");
    expect(sql).toContain("GRANT CONNECT ON DATABASE TO USER \"dmsuser\"@");
    expect(sql).toContain("TABSCHEMA LIKE 'LEDGER' ESCAPE '!' AND TABNAME LIKE 'ENTRY%' ESCAPE '!'");
    expect(sql).toContain("NOT ((TABSCHEMA LIKE 'LEDGER' ESCAPE '!' AND TABNAME LIKE 'ENTRY!_ARCHIVE' ESCAPE '!'))");
    expect(sql).not.toContain("DATA CAPTURE CHANGES';");
    expect(sql).not.toContain("rdsadmin");
    expect(sql).not.toContain("/ledger/db2/dms-password");
  });

  test("DATA CAPTURE CHANGES is set by the script when DMS is told not to", () => {
    expect(db2PreparationScript(scriptInput({ dmsSetsDataCaptureChanges: false }))).toContain("DATA CAPTURE CHANGES';");
    expect(db2PreparationScript(scriptInput({ dmsSetsDataCaptureChanges: false, capturesChanges: false }))).not.toContain("DATA CAPTURE CHANGES';");
  });

  test("RDS for Db2 keeps archive logs the hours asked", () => {
    expect(db2PreparationScript(scriptInput({ hosting: "rds", archiveLogRetentionHours: 36 }))).toContain("CALL rdsadmin.set_archive_log_retention(?, 'LEDGER', '36')@");
  });

  test("full loads only: no log check, no DBADM", () => {
    const sql = db2PreparationScript(scriptInput({ capturesChanges: false }));
    expect(sql).not.toMatch(/logarchmeth1|DBADM, DATAACCESS/);
    expect(sql).toContain("GRANT SELECT ON");
  });

  test("z/OS: the catalog grants AWS lists, and a query writing the grants for the selected tables", () => {
    const sql = db2PreparationScript(scriptInput({ platform: "zos", capturesChanges: false }));
    for (const table of ["SYSTABLES", "SYSTABLESPACE", "SYSTABLEPART", "SYSCOLUMNS", "SYSDATABASE", "SYSDUMMY1"]) expect(sql).toContain(`GRANT SELECT ON SYSIBM.${table} TO "dmsuser"@`);
    expect(sql).toContain("FROM SYSIBM.SYSTABLES WHERE TYPE = 'T' AND ((CREATOR LIKE 'LEDGER'");
  });

  test("a login from SSM is filled in with sed, as the header says", () => {
    const sql = db2PreparationScript(scriptInput({ dmsLogin: undefined, usernameParameterName: "/ledger/db2/dms-login" }));
    expect(sql).toContain('sed "s/<DMS_LOGIN>/$(aws ssm get-parameter --name /ledger/db2/dms-login');
    expect(sql).toContain('TO USER "<DMS_LOGIN>"@');
  });

  test("patterns: % stays a wildcard, _ and the escape are literal, quotes doubled; no include selects nothing", () => {
    expect(db2LikePattern("it's_!")).toBe("'it''s!_!!'");
    expect(db2SelectedTables([{ action: "exclude", schemaName: "A", tableName: "B" }], "S", "T")).toMatch(/^\(1 = 0\) AND NOT/);
  });
});

describe("the db2 and db2-zos entries of an environment file", () => {
  const credentials = { username: "dmsuser", passwordParameterName: "/ledger/db2/dms-password" };
  const entry = { endpointId: "source-ledger", serverName: "10.80.4.20", databaseName: "LEDGER", certificateArn: CERTIFICATE, credentials };

  test("are source engines of the registry", () => {
    expect(sourceEngineOf(sourceSchema.parse({ engine: "db2", ...entry }))).toBe(db2Source);
    expect(sourceEngineOf(sourceSchema.parse({ engine: "db2-zos", ...entry }))).toBe(db2ZosSource);
  });

  test("z/OS takes no change-capture option in the file", () => {
    expect(db2ZosSourceSchema.safeParse({ engine: "db2-zos", ...entry, captureChanges: true }).success).toBe(false);
    expect(db2ZosSource.capturesChanges(db2ZosSourceSchema.parse({ engine: "db2-zos", ...entry }))).toBe(false);
  });

  test("their problems are the construct's rules, reported at the file's fields", () => {
    const problems = db2Source.problems(db2SourceSchema.parse({ engine: "db2", ...entry, serverName: "db2.internal", certificateArn: undefined, archiveLogRetentionHours: 5 }));
    expect(problems.map((problem) => problem.path)).toEqual(["allowedCidr", "certificateArn", "archiveLogRetentionHours"]);
    expect(db2Source.capturesChanges(db2SourceSchema.parse({ engine: "db2", ...entry }))).toBe(true);
    expect(db2Source.capturesChanges(db2SourceSchema.parse({ engine: "db2", ...entry, captureChanges: false }))).toBe(false);
  });

  test("build the construct with the file's context", () => {
    const stack = newStack();
    const endpoint = db2ZosSource.build(stack, "Zos", db2ZosSourceSchema.parse({ engine: "db2-zos", ...entry }), {
      projectName: "ledger",
      environment: "development",
      secretRecoveryWindowInDays: 7,
      database: undefined as never,
    });
    expect(endpoint).toBeInstanceOf(Db2SourceEndpoint);
    expect(JSON.parse(Testing.synth(stack)).resource.aws_dms_endpoint).toBeDefined();
  });
});
