import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { oracleSource } from "../../../modules/dms/sources/oracle";
import { oracleSourceSchema } from "../../../modules/dms/sources/oracle/schema";
import { OracleSourceEndpoint, OracleSourceEndpointProps } from "../../../modules/dms/sources/oracle/endpoint";
import { OracleChangeCaptureOptions, oracleConnectionAttributes } from "../../../modules/dms/sources/oracle/attributes";
import { ORACLE_SOURCE_RULES } from "../../../modules/dms/sources/oracle/rules";
import { checkRules } from "../../../modules/core/rules";
import { formatFieldProblem } from "../../../modules/config/problem";
import { OraclePreparationInput, oraclePreparationScript } from "../../../modules/dms/sources/oracle/preparation/script";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { allowSecretsManager, dmsFixture } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

const WALLET = "arn:aws:dms:eu-west-2:123456789012:cert:ORACLEWALLET1";

/** A self-managed LogMiner source with SSM-held credentials and an Oracle wallet; tests override what they exercise. */
function oracleProps(overrides: Partial<OracleSourceEndpointProps> = {}): OracleSourceEndpointProps {
  return {
    projectName: "mosaic",
    environment: "development",
    endpointId: "source-mosaic-oracle",
    serverName: "10.80.1.30",
    databaseName: "MOSPDB1",
    certificateArn: WALLET,
    credentials: { usernameParameterName: "/mosaic/oracle/username", passwordParameterName: "/mosaic/oracle/password" },
    ...overrides,
  };
}

const ASM = { user: "asmdms", server: "10.80.1.31", passwordParameterName: "/mosaic/oracle/asm-password" } as const;

function synthSource(props: OracleSourceEndpointProps = oracleProps()): TerraformJson {
  const stack = newStack();
  new OracleSourceEndpoint(stack, "Source", props);
  return synth(stack);
}

function sourceError(props: Partial<OracleSourceEndpointProps>): string {
  try {
    new OracleSourceEndpoint(newStack(), "Source", oracleProps(props));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the endpoint to refuse its props");
}

describe("oracleConnectionAttributes: reader and hosting", () => {
  test("LogMiner, DMS's default, needs no attribute", () => {
    expect(oracleConnectionAttributes({})).toBe("");
    expect(oracleConnectionAttributes({ reader: "logminer", hosting: "rds" })).toBe("");
  });

  test("Binary Reader on a self-managed database", () => {
    expect(oracleConnectionAttributes({ reader: "binary-reader" })).toBe("useLogminerReader=N;useBfile=Y");
  });

  test("Binary Reader on ASM, with AWS's tuning values", () => {
    expect(oracleConnectionAttributes({ reader: "binary-reader", asm: ASM, parallelAsmReadThreads: 6, readAheadBlocks: 150000 })).toBe(
      "useLogminerReader=N;useBfile=Y;asm_user=asmdms;asm_server=10.80.1.31:1521/+ASM;parallelASMReadThreads=6;readAheadBlocks=150000",
    );
    expect(oracleConnectionAttributes({ reader: "binary-reader", asm: { ...ASM, port: 1522, serviceName: "+ASM1" } })).toBe(
      "useLogminerReader=N;useBfile=Y;asm_user=asmdms;asm_server=10.80.1.31:1522/+ASM1",
    );
  });

  test("Binary Reader on RDS for Oracle 12.2 and later: the same two attributes", () => {
    expect(oracleConnectionAttributes({ reader: "binary-reader", hosting: "rds" })).toBe("useLogminerReader=N;useBfile=Y");
  });

  test("Binary Reader on RDS for Oracle 11.2 and 12.1: AWS's path-prefix attributes with the DB name", () => {
    expect(oracleConnectionAttributes({ reader: "binary-reader", hosting: "rds", rdsLegacyPathPrefixDbName: "orcl" })).toBe(
      "useLogminerReader=N;useBfile=Y;accessAlternateDirectly=false;useAlternateFolderForOnline=true;oraclePathPrefix=/rdsdbdata/db/ORCL_A/;usePathPrefix=/rdsdbdata/log/;replacePathPrefix=true",
    );
  });

  test("renders every secondary option in a fixed order, whatever the order given", () => {
    const options: OracleChangeCaptureOptions = {
      exposeViews: true,
      numberDataTypeScale: -2,
      readTableSpaceName: true,
      addSupplementalLogging: true,
      archivedLogsOnly: true,
      additionalArchivedLogDestId: 2,
      archivedLogDestId: 1,
      allowSelectNestedTables: true,
    };
    expect(oracleConnectionAttributes(options)).toBe(
      "archivedLogDestId=1;additionalArchivedLogDestId=2;archivedLogsOnly=Y;addSupplementalLogging=Y;readTableSpaceName=true;numberDataTypeScale=-2;exposeViews=true;allowSelectNestedTables=true",
    );
  });

  test("sends options set to false too, since DMS's documented defaults disagree", () => {
    expect(oracleConnectionAttributes({ addSupplementalLogging: false, archivedLogsOnly: false, exposeViews: false })).toBe(
      "archivedLogsOnly=N;addSupplementalLogging=N;exposeViews=false",
    );
  });
});

describe("ORACLE_SOURCE_RULES: one problem per invalid combination, at its prop", () => {
  const optionProblems = (options: Partial<OracleSourceEndpointProps>) => checkRules(ORACLE_SOURCE_RULES, oracleProps(options)).map(formatFieldProblem);

  test("valid combinations have none", () => {
    expect(optionProblems({})).toEqual([]);
    expect(optionProblems({ reader: "binary-reader", asm: ASM, parallelAsmReadThreads: 8, readAheadBlocks: 1000 })).toEqual([]);
    expect(optionProblems({ reader: "binary-reader", hosting: "rds", rdsLegacyPathPrefixDbName: "ORCL" })).toEqual([]);
    expect(optionProblems({ captureChanges: false, exposeViews: true, numberDataTypeScale: 12 })).toEqual([]);
  });

  test("ASM settings without Binary Reader", () => {
    expect(optionProblems({ asm: ASM })).toEqual([
      expect.stringMatching(/^asm = .*: only applies to Binary Reader \(`reader: "binary-reader"`\); LogMiner reads ASM-stored logs through the database itself$/),
    ]);
  });

  test("RDS with ASM", () => {
    expect(optionProblems({ reader: "binary-reader", hosting: "rds", asm: ASM })).toEqual([
      expect.stringMatching(/^asm = .*: RDS for Oracle has no ASM that DMS can reach \(DMS does not support an ASM proxy to RDS\); remove it$/),
    ]);
  });

  test("ASM tuning without ASM", () => {
    expect(optionProblems({ reader: "binary-reader", parallelAsmReadThreads: 6, readAheadBlocks: 150000 })).toEqual([
      "parallelAsmReadThreads = 6: tunes Binary Reader on ASM, but no `asm` is configured",
      "readAheadBlocks = 150000: tunes Binary Reader on ASM, but no `asm` is configured",
    ]);
  });

  test("values out of AWS's ranges", () => {
    const asm = { reader: "binary-reader", asm: ASM } as const;
    expect(optionProblems({ ...asm, parallelAsmReadThreads: 9 })).toEqual(["parallelAsmReadThreads = 9: allowed: a whole number from 2 to 8"]);
    expect(optionProblems({ ...asm, readAheadBlocks: 999 })).toEqual(["readAheadBlocks = 999: allowed: a whole number from 1000 to 200000"]);
    expect(optionProblems({ numberDataTypeScale: 39 })).toEqual([
      "numberDataTypeScale = 39: allowed: a whole number from 0 to 38, or -1 (FLOAT) or -2 (VARCHAR)",
    ]);
    expect(optionProblems({ archivedLogDestId: 0 })).toEqual(["archivedLogDestId = 0: allowed: an archive destination id from 1 to 31"]);
  });

  test("an additional archive destination without, or equal to, the main one", () => {
    expect(optionProblems({ additionalArchivedLogDestId: 2 })).toEqual(["additionalArchivedLogDestId = 2: used together with `archivedLogDestId`; set both"]);
    expect(optionProblems({ archivedLogDestId: 2, additionalArchivedLogDestId: 2 })).toEqual([
      "additionalArchivedLogDestId = 2: must name another destination than `archivedLogDestId`",
    ]);
  });

  test("useDirectPathFullLoad, an Oracle target setting", () => {
    expect(optionProblems({ useDirectPathFullLoad: true })).toEqual([
      "useDirectPathFullLoad = true: a setting of Oracle targets (direct-path loads into Oracle tables); it does nothing on a source",
    ]);
  });

  test("change-capture options on a full-load-only source", () => {
    expect(optionProblems({ captureChanges: false, reader: "binary-reader", archivedLogsOnly: true })).toEqual([
      'reader = "binary-reader": Binary Reader reads ongoing changes, but `captureChanges` is false (full loads only)',
      "archivedLogsOnly = true: only applies to change capture, but `captureChanges` is false (full loads only)",
    ]);
  });

  test("RDS path prefixes anywhere but Binary Reader on RDS, or with a bad DB name", () => {
    expect(optionProblems({ reader: "binary-reader", rdsLegacyPathPrefixDbName: "ORCL" })).toEqual([
      'rdsLegacyPathPrefixDbName = "ORCL": only applies to Binary Reader on RDS for Oracle (`hosting: "rds"`, `reader: "binary-reader"`)',
    ]);
    expect(optionProblems({ reader: "binary-reader", hosting: "rds", rdsLegacyPathPrefixDbName: "ORCL_DB_1" })).toEqual([
      'rdsLegacyPathPrefixDbName = "ORCL_DB_1": not an RDS for Oracle DB name (a letter, then up to 7 letters or digits)',
    ]);
  });

  test("ASM values that would break the attribute string", () => {
    expect(optionProblems({ reader: "binary-reader", asm: { ...ASM, user: "asm;x=1", server: "10.80.1.31:1521" } })).toEqual([
      'asm.user = "asm;x=1": a user name without spaces, ";" or "="',
      'asm.server = "10.80.1.31:1521": a host name or IPv4 address (give the port as `asm.port`)',
    ]);
  });
});

describe("OracleSourceEndpoint", () => {
  test("an oracle source, SSL verified against the Oracle wallet, options in the connection attributes, project tags", () => {
    const endpoint = only(synthSource(oracleProps({ reader: "binary-reader", archivedLogDestId: 1 })), "aws_dms_endpoint");
    expect(endpoint).toMatchObject({
      endpoint_id: "source-mosaic-oracle",
      endpoint_type: "source",
      engine_name: "oracle",
      database_name: "MOSPDB1",
      ssl_mode: "verify-ca",
      certificate_arn: WALLET,
      extra_connection_attributes: "useLogminerReader=N;useBfile=Y;archivedLogDestId=1",
      tags: { Name: "source-mosaic-oracle", Environment: "development", project_name: "mosaic", "terraform-managed": "true" },
    });
  });

  test("LogMiner by default: no connection attributes; changes are captured unless captureChanges is false", () => {
    const stack = newStack();
    const source = new OracleSourceEndpoint(stack, "Source", oracleProps());
    const fullLoads = new OracleSourceEndpoint(stack, "FullLoads", oracleProps({ endpointId: "source-full-loads", captureChanges: false }));
    expect(source.reader).toBe("logminer");
    expect(source.capturesChanges).toBe(true);
    expect(fullLoads.capturesChanges).toBe(false);
    expect(blocks(synth(stack), "aws_dms_endpoint").map((endpoint) => endpoint.extra_connection_attributes)).toEqual(["", ""]);
  });

  test("SSL can be turned off deliberately, without a wallet", () => {
    const endpoint = only(synthSource(oracleProps({ sslMode: "none", certificateArn: undefined })), "aws_dms_endpoint");
    expect(endpoint.ssl_mode).toBe("none");
    expect(endpoint.certificate_arn).toBeUndefined();
  });

  test("the default verify-ca without a wallet stops synth, naming the way out", () => {
    expect(sourceError({ certificateArn: undefined })).toMatch(
      /^test\/Source: `certificateArn` = \(missing\): required with `sslMode: "verify-ca"` \(the default\): DMS encrypts Oracle connections only with an Oracle wallet/,
    );
  });

  test("SSL modes DMS does not support for Oracle are refused", () => {
    expect(sourceError({ sslMode: "require" as any })).toMatch(
      /`sslMode` = "require": not supported by this engine; allowed: none, verify-ca/,
    );
  });

  test("invalid option combinations stop synth with the construct path", () => {
    expect(sourceError({ asm: ASM })).toMatch(/^test\/Source: `asm` = .*: only applies to Binary Reader/);
    expect(sourceError({ reader: "binary-reader", hosting: "rds", asm: ASM })).toMatch(/^test\/Source: `asm` = .*: RDS for Oracle has no ASM/);
    expect(sourceError({ parallelAsmReadThreads: 4 })).toMatch(/`parallelAsmReadThreads` = 4: tunes Binary Reader on ASM, but no `asm` is configured/);
  });

  test("a host name without the network DMS may reach it in", () => {
    expect(sourceError({ serverName: "mosaic-db.hackney.internal" })).toMatch(
      /`allowedCidr` = \(missing\): required when the server \("mosaic-db.hackney.internal"\) is a host name/,
    );
  });

  test("an endpoint id DMS cannot use", () => {
    expect(sourceError({ endpointId: "oracle_source" })).toMatch(/`endpointId` = "oracle_source": must be letters, digits and single hyphens/);
  });
});

describe("OracleSourceEndpoint credentials: through Secrets Manager, never in state", () => {
  const json = synthSource();
  const endpoint = only(json, "aws_dms_endpoint");

  test("the endpoint has no username, password, server or port, only the secret and its access role", () => {
    for (const attribute of ["username", "password", "server_name", "port"]) expect(endpoint[attribute]).toBeUndefined();
    expect(endpoint.secrets_manager_arn).toBe(`\${aws_secretsmanager_secret.${logicalId(json, "aws_secretsmanager_secret")}.arn}`);
    expect(endpoint.secrets_manager_access_role_arn).toBe(`\${aws_iam_role.${logicalId(json, "aws_iam_role")}.arn}`);
  });

  test("the secret is written write-only from ephemeral SSM reads, with port 1521", () => {
    const version = only(json, "aws_secretsmanager_secret_version");
    expect(version.secret_string).toBeUndefined();
    expect(version.secret_string_wo).toMatch(
      /^\$\{jsonencode\(\{"username" = ephemeral\.aws_ssm_parameter\.\S+\.value, "password" = ephemeral\.aws_ssm_parameter\.\S+\.value, "host" = "10\.80\.1\.30", "port" = 1521\}\)\}$/,
    );
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("with ASM, the password DMS reads is the Oracle password, a comma and the ASM password", () => {
    const asmJson = synthSource(oracleProps({ reader: "binary-reader", asm: ASM, credentials: { username: "dms_mosaic", passwordParameterName: "/mosaic/oracle/password", passwordVersion: 3 } }));
    const reads = Object.entries<any>(asmJson.ephemeral.aws_ssm_parameter);
    const readOf = (name: string) => reads.find(([, read]) => read.arn.endsWith(`:parameter${name}`))![0];
    const version = only(asmJson, "aws_secretsmanager_secret_version");
    expect(version.secret_string_wo).toContain(
      `"password" = "\${ephemeral.aws_ssm_parameter.${readOf("/mosaic/oracle/password")}.value},\${ephemeral.aws_ssm_parameter.${readOf("/mosaic/oracle/asm-password")}.value}"`,
    );
    expect(version.secret_string_wo_version).toBe(3);
    expect(reads).toHaveLength(2);
    expect(secretHandlingProblems(asmJson)).toEqual([]);
  });
});

describe("OracleSourceEndpoint network and tasks", () => {
  const MAPPINGS = new TableMappings().include({ schema: "MOSAIC", table: "%" }).exclude({ schema: "MOSAIC", table: "TMP_%" });

  test("a task opens egress from the replication instance to the server, on the listener port only", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const source = new OracleSourceEndpoint(stack, "Source", oracleProps({ port: 2484 }));
    new ReplicationTask(stack, "Task", {
      ...context,
      replicationTaskId: "mosaic-oracle",
      migrationType: "full-load-and-cdc",
      replicationInstance: instance,
      source,
      target,
      tableMappings: MAPPINGS,
    });
    const egress = blocks(synth(stack), "aws_vpc_security_group_egress_rule").filter((rule) => rule.cidr_ipv4 !== undefined);
    expect(egress).toEqual([expect.objectContaining({ cidr_ipv4: "10.80.1.30/32", from_port: 2484, to_port: 2484, ip_protocol: "tcp" })]);
  });

  test("the network given for a host name is the one DMS may reach, on 1521 by default", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    new OracleSourceEndpoint(stack, "Source", oracleProps({ serverName: "mosaic-db.hackney.internal", allowedCidr: "10.80.1.0/24" })).allowConnectionsFrom(
      instance,
    );
    expect(blocks(synth(stack), "aws_vpc_security_group_egress_rule")).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.80.1.0/24", from_port: 1521, to_port: 1521 }),
    ]);
  });

  test("a full-load-only source refuses tasks that read changes", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const source = new OracleSourceEndpoint(stack, "Source", oracleProps({ captureChanges: false }));
    expect(
      () =>
        new ReplicationTask(stack, "Task", {
          ...context,
          replicationTaskId: "mosaic-oracle",
          migrationType: "cdc",
          replicationInstance: instance,
          source,
          target,
          tableMappings: MAPPINGS,
        }),
    ).toThrow(/needs a source that captures changes, but source-mosaic-oracle is set up for full loads only/);
  });

  function dbaFolder(build: (stack: Construct) => void): string {
    const stack = newStack();
    build(stack);
    allowSecretsManager(stack);
    return join(Testing.fullSynth(stack), "stacks", "test", "dba");
  }

  test("synth writes the DBA script, covering the tables and migration types of every task reading the source", () => {
    const dir = dbaFolder((stack) => {
      const { instance, target, context } = dmsFixture(stack);
      const source = new OracleSourceEndpoint(stack, "Source", oracleProps());
      const common = { ...context, replicationInstance: instance, source, target };
      new ReplicationTask(stack, "All", { ...common, replicationTaskId: "mosaic-all", migrationType: "full-load-and-cdc", tableMappings: MAPPINGS });
      new ReplicationTask(stack, "Codes", {
        ...common,
        replicationTaskId: "mosaic-codes",
        migrationType: "full-load",
        tableMappings: new TableMappings().include({ schema: "REF", table: "CODES" }),
      });
    });
    const script = readFileSync(join(dir, "source-mosaic-oracle.sql"), "utf8");
    expect(script).toContain('DBA preparation script for the AWS DMS source endpoint "source-mosaic-oracle" (Oracle)');
    expect(script).toContain("-- Migration types:  full-load, full-load-and-cdc");
    expect(script).toContain("--                     include MOSAIC.%\n--                     exclude MOSAIC.TMP_%\n--                     include REF.CODES");
    expect(script).toContain("(t.owner = 'REF' AND t.table_name = 'CODES') -- include REF.CODES");
    expect(script).toContain("grant_sys('DBMS_LOGMNR', 'EXECUTE');");
    expect(script).toContain("-- DMS user:         the script's second argument (from SSM /mosaic/oracle/username)");
  });

  test("no script is written while no task reads the source", () => {
    const dir = dbaFolder((stack) => new OracleSourceEndpoint(stack, "Source", oracleProps()));
    expect(existsSync(dir)).toBe(false);
  });
});

// There is no Oracle database here, so the generated SQL*Plus script is read as text.

/** A self-managed LogMiner source with a wildcard selection; tests override what they exercise. */
function input(overrides: Partial<OraclePreparationInput> = {}): OraclePreparationInput {
  return {
    projectName: "mosaic",
    environment: "staging",
    endpointId: "source-mosaic-oracle",
    serverName: "10.80.1.30",
    port: 1521,
    databaseName: "MOSPDB1",
    reader: "logminer",
    hosting: "self-managed",
    captureChanges: true,
    selections: [
      { action: "include", schemaName: "MOSAIC", tableName: "%" },
      { action: "exclude", schemaName: "MOSAIC", tableName: "TMP_%" },
    ],
    migrationTypes: ["full-load-and-cdc"],
    dmsUser: "dms_mosaic",
    passwordParameterName: "/mosaic/oracle/password",
    ...overrides,
  };
}

function script(overrides: Partial<OraclePreparationInput> = {}): string {
  return oraclePreparationScript(input(overrides));
}

function refusal(overrides: Partial<OraclePreparationInput>): string {
  try {
    oraclePreparationScript(input(overrides));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the generator to refuse its input");
}

/** The lines that are not comments. */
function statements(sql: string): string {
  return sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n");
}

const binaryReader = { reader: "binary-reader" } as const;
const asm = { reader: "binary-reader", asmUser: "asmdms" } as const;
const rds = { hosting: "rds" } as const;
const fullLoad = { migrationTypes: ["full-load"] } as const;

describe("oraclePreparationScript header", () => {
  test("says which endpoint, project, environment, server, service, reader, hosting, user and tables it prepares", () => {
    const header = script({ migrationTypes: ["cdc", "full-load"] }).split("WHENEVER OSERROR")[0];
    for (const line of [
      '-- DBA preparation script for the AWS DMS source endpoint "source-mosaic-oracle" (Oracle)',
      "-- Project:          mosaic",
      "-- Environment:      staging",
      "-- Server:           10.80.1.30:1521",
      "-- Service name:     MOSPDB1",
      "-- Reader:           logminer (Oracle LogMiner, DMS's default)",
      "-- Hosting:          self-managed (on-premises or EC2)",
      "-- Migration types:  full-load, cdc",
      "-- DMS user:         DMS_MOSAIC",
      "--                     include MOSAIC.%",
      "--                     exclude MOSAIC.TMP_%",
    ]) {
      expect(header).toContain(line);
    }
  });

  test("says SYSDBA runs a self-managed script and the master user an RDS one", () => {
    expect(script()).toContain("-- Who runs it: SYS AS SYSDBA");
    expect(script(rds)).toContain("-- Who runs it: the RDS master user.");
  });

  test("gives the sqlplus command with the password, and a user kept in SSM, read from SSM", () => {
    const password = '"`aws ssm get-parameter --with-decryption --name /mosaic/oracle/password --query Parameter.Value --output text`"';
    const user = '"`aws ssm get-parameter --with-decryption --name /mosaic/oracle/username --query Parameter.Value --output text`"';
    expect(script()).toContain(`--   sqlplus -L "sys@//10.80.1.30:1521/MOSPDB1 as sysdba" @source-mosaic-oracle.sql ${password}\n`);
    expect(script({ ...rds, dmsUser: undefined, usernameParameterName: "/mosaic/oracle/username" })).toContain(
      `--   sqlplus -L "<master user>@//10.80.1.30:1521/MOSPDB1" @source-mosaic-oracle.sql ${password} ${user}\n`,
    );
  });

  test("says it is generated, must not be edited by hand, and is safe to run twice", () => {
    const sql = script();
    expect(sql).toContain("-- Generated by `npm run synth`");
    expect(sql).toContain("Do not edit it by hand");
    expect(sql).toContain("Safe to run twice");
  });

  test("notes rules with lower-case names, which match nothing Oracle created unquoted", () => {
    expect(script()).not.toContain("Note: a rule above has lower-case letters");
    expect(script({ selections: [{ action: "include", schemaName: "mosaic", tableName: "%" }] })).toContain(
      "--   Note: a rule above has lower-case letters. DMS matches names case-sensitively and Oracle keeps unquoted",
    );
  });
});

describe("oraclePreparationScript password, substitution and SQL*Plus structure", () => {
  test("never contains a password: it is the first argument, read once into a bind variable", () => {
    const sql = script();
    expect(sql).toContain("    :dms_password := q'\"&1\"';");
    expect(sql).toContain("EXECUTE IMMEDIATE 'CREATE USER \"' || v_name || '\" IDENTIFIED BY \"' || :dms_password || '\"';");
    expect(sql.match(/IDENTIFIED BY/g)).toHaveLength(1);
  });

  test("hides substituted lines and turns substitution off once the arguments are read", () => {
    const sql = script({ dmsUser: undefined, usernameParameterName: "/mosaic/oracle/username" });
    expect(sql.indexOf("SET VERIFY OFF")).toBeLessThan(sql.indexOf("&1"));
    expect(sql).toContain("    :dms_user := UPPER(TRIM(q'\"&2\"'));\nEND;\n/\nSET DEFINE OFF\n");
    // No other & anywhere, comments included: SQL*Plus would prompt for it.
    expect([...sql.matchAll(/&\S*/g)].map((match) => match[0])).toEqual(["&1\"';", "&2\"'));"]);
  });

  test("refuses values with & or line breaks, which would break the script", () => {
    expect(refusal({ selections: [{ action: "include", schemaName: "R&D", tableName: "%" }] })).toMatch(
      /`selections\[0\]\.schemaName` contains "&", which SQL\*Plus would read as a substitution variable/,
    );
    expect(refusal({ projectName: "a\nb" })).toMatch(/`projectName` contains a control character or line break/);
  });

  test("stops at the first error and ends by leaving SQL*Plus", () => {
    const sql = script();
    expect(sql).toContain("WHENEVER SQLERROR EXIT FAILURE ROLLBACK");
    expect(sql.endsWith("\nEXIT SUCCESS\n")).toBe(true);
  });

  test.each([
    ["LogMiner", {}],
    ["Binary Reader on ASM", asm],
    ["RDS Binary Reader", { ...rds, ...binaryReader }],
    ["a full-load source", fullLoad],
  ] as const)("%s: every PL/SQL block is run by a / line, with no blank line inside, and no comment line ends with a semicolon", (_name, overrides) => {
    const sql = script(overrides);
    const lines = sql.split("\n");
    // Nested blocks are indented; each top-level block ends with END; at the start of a line, then /.
    const blockEnds = lines.flatMap((line, index) => (line === "END;" ? [lines[index + 1]] : []));
    expect(blockEnds.length).toBeGreaterThan(3);
    expect(blockEnds.every((next) => next === "/")).toBe(true);
    expect(lines.filter((line) => line === "/")).toHaveLength(blockEnds.length);
    expect(lines.filter((line) => line.startsWith("--") && line.endsWith(";"))).toEqual([]);
    // Blank lines only separate sections, which start with a comment or a SQL*Plus command.
    lines.forEach((line, index) => {
      if (line === "" && index < lines.length - 1) expect(lines[index + 1]).toMatch(/^(--|WHENEVER)/);
    });
  });

  test("is identical for the same input, and holds nothing that changes between runs", () => {
    expect(script()).toBe(script());
    expect(script()).not.toMatch(/\d{4}-\d{2}-\d{2}|generated (on|at) /i);
  });
});

describe("oraclePreparationScript checks", () => {
  test("a self-managed script needs SYSDBA, an RDS one the rdsadmin package", () => {
    expect(script()).toContain("IF SYS_CONTEXT('USERENV', 'ISDBA') <> 'TRUE' THEN");
    expect(script(rds)).not.toContain("ISDBA");
    expect(script(rds)).toContain("WHERE owner = 'RDSADMIN' AND object_name = 'RDSADMIN_UTIL' AND object_type = 'PACKAGE';");
  });

  test("refuses CDB$ROOT, and checks ARCHIVELOG only when changes are captured", () => {
    expect(script()).toContain("IF v_cdb = 'YES' AND v_container = 'CDB$ROOT' THEN");
    expect(script()).toContain("IF v_log_mode <> 'ARCHIVELOG' THEN");
    expect(script(fullLoad)).not.toContain("v_log_mode <>");
    expect(script(rds)).toContain("turn on automated backups (a backup retention of 1 day or more)");
  });
});

describe("oraclePreparationScript grants, per reader and hosting", () => {
  test("every source: SELECT ANY TRANSACTION and AWS's dictionary objects, on SYS as SYSDBA", () => {
    const sql = script(fullLoad);
    expect(sql).toContain("EXECUTE IMMEDIATE 'GRANT SELECT ANY TRANSACTION TO ' || v_user;");
    expect(sql).toContain("EXECUTE IMMEDIATE 'GRANT ' || p_privilege || ' ON SYS.' || p_object || ' TO ' || v_user;");
    for (const object of ["V_$ARCHIVED_LOG", "V_$LOGMNR_CONTENTS", "V_$TRANSACTION", "ALL_LOG_GROUPS", "DBA_REGISTRY", "OBJ$", "DBA_TABLESPACES"]) {
      expect(sql).toContain(`    grant_sys('${object}');`);
    }
    expect(sql).toContain("    IF DBMS_DB_VERSION.VERSION >= 12 THEN\n        grant_sys('V_$CONTAINERS');");
    expect(sql).not.toContain("DBMS_LOGMNR'");
  });

  test("LogMiner: EXECUTE on DBMS_LOGMNR, and LOGMINING from 12c on", () => {
    const sql = script();
    expect(sql).toContain("grant_sys('DBMS_LOGMNR', 'EXECUTE');");
    expect(sql).toContain("    IF DBMS_DB_VERSION.VERSION >= 12 THEN\n        EXECUTE IMMEDIATE 'GRANT LOGMINING TO ' || v_user;");
    expect(sql).not.toContain("DBA_DIRECTORIES");
  });

  test("Binary Reader on a file system: DBA_DIRECTORIES, the file packages and CREATE ANY DIRECTORY", () => {
    const sql = script(binaryReader);
    expect(sql).toContain("grant_sys('DBA_DIRECTORIES');");
    expect(sql).toContain("grant_sys('DBMS_FILE_TRANSFER', 'EXECUTE');");
    expect(sql).toContain("grant_sys('DBMS_FILE_GROUP', 'EXECUTE');");
    expect(sql).toContain("EXECUTE IMMEDIATE 'GRANT CREATE ANY DIRECTORY TO ' || v_user;");
    expect(sql).not.toContain("LOGMINING");
  });

  test("Binary Reader on ASM: V_$TRANSPORTABLE_PLATFORM instead of CREATE ANY DIRECTORY, and the ASM user's SYSASM", () => {
    const sql = script(asm);
    expect(sql).toContain("grant_sys('V_$TRANSPORTABLE_PLATFORM');");
    expect(sql).not.toContain("CREATE ANY DIRECTORY TO");
    expect(sql).toContain("--   GRANT SYSASM TO ASMDMS\n");
    expect(sql).toContain("PROMPT Reminder: on the ASM instance, ASMDMS needs SYSASM");
    expect(sql).toContain("-- Reader:           binary-reader (DMS Binary Reader reads the redo and archived logs itself), logs in ASM");
  });

  test("RDS: grants on SYS objects through rdsadmin, plus AWS's RDS-only grants", () => {
    const sql = script(rds);
    expect(sql).toContain("        rdsadmin.rdsadmin_util.grant_sys_object(p_object, v_name, p_privilege);");
    expect(statements(sql)).not.toContain("' ON SYS.'");
    expect(sql).toContain("grant_sys('REGISTRY$SQLPATCH');");
    expect(sql).toContain("grant_sys('ALL_VIEWS');");
    expect(sql).toContain("EXECUTE IMMEDIATE 'GRANT SELECT ON DBA_TABLESPACES TO ' || v_user;");
    expect(sql).toContain("EXECUTE IMMEDIATE 'GRANT EXECUTE ON rdsadmin.rdsadmin_util TO ' || v_user;");
    expect(sql).toContain("grant_sys('DBMS_LOGMNR', 'EXECUTE');");
  });

  test("RDS Binary Reader: AWS's log directories, created once and readable by the DMS user", () => {
    const sql = script({ ...rds, ...binaryReader });
    expect(sql).toContain(
      "    SELECT COUNT(*) INTO v_count FROM all_directories WHERE directory_name = 'ARCHIVELOG_DIR';\n    IF v_count = 0 THEN\n        rdsadmin.rdsadmin_master_util.create_archivelog_dir;",
    );
    expect(sql).toContain("rdsadmin.rdsadmin_master_util.create_onlinelog_dir;");
    expect(sql).toContain("EXECUTE IMMEDIATE 'GRANT READ ON DIRECTORY ONLINELOG_DIR TO \"' || v_name || '\"';");
    expect(sql).toContain("EXECUTE IMMEDIATE 'GRANT READ ON DIRECTORY ARCHIVELOG_DIR TO \"' || v_name || '\"';");
    expect(sql).not.toContain("CREATE ANY DIRECTORY TO");
  });

  test("exposeViews: SELECT on ALL_VIEWS and on the selected views", () => {
    const sql = script({ exposeViews: true });
    expect(sql).toContain("grant_sys('ALL_VIEWS'); -- exposeViews=true");
    expect(sql).toContain("SELECT w.owner, w.view_name FROM dba_views w");
    expect(sql).toContain("(w.owner = 'MOSAIC' AND w.view_name LIKE '%' ESCAPE '\\') -- include MOSAIC.%");
  });

  test("the DMS user is created once, and an existing one keeps its password", () => {
    const sql = script();
    expect(sql).toContain("    SELECT COUNT(*) INTO v_count FROM dba_users WHERE username = v_name;\n    IF v_count = 0 THEN\n        EXECUTE IMMEDIATE 'CREATE USER");
    expect(sql).toContain("already exists; its password is unchanged. To rotate it, ALTER USER with the value of /mosaic/oracle/password.");
    expect(sql).toContain("    :dms_user := 'DMS_MOSAIC';");
  });
});

describe("oraclePreparationScript supplemental logging", () => {
  test("self-managed: minimal logging on the database, only when it is off", () => {
    expect(script()).toContain(
      "    IF v_minimal IN ('YES', 'IMPLICIT') THEN\n        DBMS_OUTPUT.PUT_LINE('Minimal supplemental logging is already on (' || v_minimal || ').');\n    ELSE\n        EXECUTE IMMEDIATE 'ALTER DATABASE ADD SUPPLEMENTAL LOG DATA';",
    );
  });

  test("RDS: minimal logging and archived-log retention through rdsadmin, never shortening a longer retention", () => {
    const sql = script({ ...rds, archivedLogRetentionHours: 48 });
    expect(sql).toContain("rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD');");
    expect(statements(sql)).not.toContain("ALTER DATABASE ADD SUPPLEMENTAL LOG DATA");
    expect(sql).toContain("    IF v_hours IS NULL OR v_hours < 48 THEN\n        rdsadmin.rdsadmin_util.set_configuration('archivelog retention hours', 48);\n");
    expect(sql).toContain("        COMMIT;");
    expect(script(rds)).toContain("set_configuration('archivelog retention hours', 24);");
    expect(script()).not.toContain("set_configuration");
  });

  test("per table: PRIMARY KEY, a log group on the first unique index's columns, or ALL columns, each only when missing", () => {
    const sql = script();
    expect(sql).toContain("g.log_group_type = 'ALL COLUMN LOGGING';\n        IF v_count > 0 THEN\n            NULL;");
    expect(sql).toContain("g.log_group_type = 'PRIMARY KEY LOGGING';\n            IF v_count = 0 THEN\n                EXECUTE IMMEDIATE 'ALTER TABLE ' || v_table || ' ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS';");
    expect(sql).toContain("AND x.uniqueness = 'UNIQUE'\n                    AND x.index_type NOT LIKE 'FUNCTION-BASED%'\n                ORDER BY x.index_name");
    expect(sql).toContain("' ADD SUPPLEMENTAL LOG GROUP ' || q('DMS_' || sel.object_id)\n                        || ' (' || v_columns || ') ALWAYS';");
    expect(sql).toContain("EXECUTE IMMEDIATE 'ALTER TABLE ' || v_table || ' ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS';");
    expect(sql).toContain("AND g.log_group_type = 'USER LOG GROUP' AND g.always = 'ALWAYS'");
  });

  test("addSupplementalLogging: ALTER granted on each table and PRIMARY KEY logging left to DMS", () => {
    const sql = script({ addSupplementalLogging: true });
    expect(sql).toContain("EXECUTE IMMEDIATE 'GRANT ALTER ON ' || q(sel.owner) || '.' || q(sel.table_name) || ' TO ' || q(v_name);");
    expect(sql).toContain("            NULL; -- addSupplementalLogging=Y: DMS adds PRIMARY KEY logging when the task starts.");
    expect(statements(sql)).not.toContain("(PRIMARY KEY) COLUMNS");
    expect(sql).toContain("ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS");
    expect(script()).not.toContain("GRANT ALTER ON");
  });

  test("full loads only: SELECT grants, no supplemental logging and no reader grants", () => {
    for (const sql of [script(fullLoad), script({ ...fullLoad, captureChanges: false })]) {
      expect(sql).toContain("EXECUTE IMMEDIATE 'GRANT SELECT ON ' || q(sel.owner) || '.' || q(sel.table_name) || ' TO ' || q(v_name);");
      expect(statements(sql)).not.toMatch(/SUPPLEMENTAL LOG|LOGMINING|DBMS_LOGMNR/);
    }
    expect(script({ ...fullLoad, captureChanges: false })).toContain("-- captureChanges is false: this endpoint serves full loads only");
    expect(script(fullLoad)).toContain("no task reads ongoing changes (migration types: full-load)");
  });
});

describe("oraclePreparationScript table selection", () => {
  test("wildcards become LIKE patterns with _ escaped; excludes win; Oracle's schemas are left out", () => {
    const sql = script();
    expect(sql).toContain("            AND (\n                   (t.owner = 'MOSAIC' AND t.table_name LIKE '%' ESCAPE '\\') -- include MOSAIC.%\n            )");
    expect(sql).toContain("            AND NOT (\n                   (t.owner = 'MOSAIC' AND t.table_name LIKE 'TMP\\_%' ESCAPE '\\') -- exclude MOSAIC.TMP_%\n            )");
    expect(sql).toContain("AND t.owner NOT IN (\n                'ANONYMOUS', 'APPQOSSYS',");
    expect(sql).toMatch(/'SYS', '|'SYSTEM', '/);
    expect(sql).toContain("AND t.owner NOT LIKE 'APEX\\_%' ESCAPE '\\'");
    expect(sql).toContain("WHERE t.temporary = 'N' AND t.nested = 'NO' AND t.secondary = 'N' AND t.dropped = 'NO'");
  });

  test("explicit and plain names match exactly, quotes doubled; duplicates from several tasks appear once", () => {
    const sql = script({
      selections: [
        { action: "explicit", schemaName: "HR", tableName: "EMP_NAMES" },
        { action: "include", schemaName: "HR", tableName: "O'BRIEN" },
        { action: "include", schemaName: "HR", tableName: "O'BRIEN" },
        { action: "include", schemaName: "%", tableName: "AUDIT\\LOG%" },
      ],
    });
    expect(sql).toContain("   (t.owner = 'HR' AND t.table_name = 'EMP_NAMES') -- explicit HR.EMP_NAMES");
    expect(sql).toContain("OR (t.owner = 'HR' AND t.table_name = 'O''BRIEN') -- include HR.O'BRIEN");
    expect(sql.match(/include HR\.O'BRIEN/g)).toHaveLength(2); // once in the header, once in the predicate
    expect(sql).toContain("OR (t.owner LIKE '%' ESCAPE '\\' AND t.table_name LIKE 'AUDIT\\\\LOG%' ESCAPE '\\') -- include %.AUDIT\\LOG%");
    expect(sql).not.toContain("AND NOT (");
  });

  test("stops when nothing matches, saying why a rule may match nothing", () => {
    expect(script()).toContain("IF v_tables = 0 THEN\n        RAISE_APPLICATION_ERROR(-20001, 'No table matches the selection rules. DMS matches names case-sensitively");
  });
});

describe("oraclePreparationScript refusals", () => {
  test.each([
    ["no task", { migrationTypes: [] }, /no task reads this source/],
    [
      "a cdc task on a full-load-only endpoint",
      { migrationTypes: ["cdc"], captureChanges: false },
      /a task reads ongoing changes \(cdc or full-load-and-cdc\), but the endpoint serves full loads only/,
    ],
    ["exclusions only", { selections: [{ action: "exclude", schemaName: "MOSAIC", tableName: "%" }] }, /the selection rules select no table/],
    ["ASM with LogMiner", { asmUser: "asmdms" }, /ASM only applies to Binary Reader/],
    ["ASM on RDS", { ...asm, ...rds }, /RDS for Oracle has no ASM that DMS can reach/],
    ["a quoted-only user name", { dmsUser: "dms-user" }, /`dmsUser` "dms-user" is not a plain Oracle user name/],
    ["no user name at all", { dmsUser: undefined }, /give `dmsUser` or `usernameParameterName`/],
    ["a service name with a space", { databaseName: "MOS PDB" }, /`databaseName` "MOS PDB" is not an Oracle service name or SID/],
    ["a server name that would break the shell command", { serverName: "db;rm" }, /`serverName` "db;rm" is not a host name or IP address/],
    ["a table name with a double quote", { selections: [{ action: "include", schemaName: "HR", tableName: 'A"B' }] }, /contains a double quote/],
    ["no retention", { archivedLogRetentionHours: 0 }, /`archivedLogRetentionHours` 0 must be a whole number of hours/],
  ] as [string, Partial<OraclePreparationInput>, RegExp][])("%s", (_name, overrides, message) => {
    const error = refusal(overrides);
    expect(error).toMatch(/^oraclePreparationScript \(endpoint "source-mosaic-oracle"\): /);
    expect(error).toMatch(message);
  });
});

describe("oracleSourceSchema", () => {
  const minimal = {
    engine: "oracle",
    endpointId: "source-mosaic-oracle",
    serverName: "10.80.1.30",
    databaseName: "MOSPDB1",
    certificateArn: WALLET,
    credentials: { usernameParameterName: "/mosaic/oracle/username", passwordParameterName: "/mosaic/oracle/password" },
  };
  const build = (entry: object) => {
    const stack = newStack();
    const context = { projectName: "mosaic", environment: "staging", secretRecoveryWindowInDays: 7, database: undefined as never };
    oracleSource.build(stack, "Source", oracleSourceSchema.parse(entry), context);
    return only(synth(stack), "aws_dms_endpoint");
  };

  test("leaves the defaults to the construct: an entry with only what is required gets verify-ca on port 1521", () => {
    expect(oracleSourceSchema.parse(minimal)).toEqual(minimal);
    expect(build(minimal)).toMatchObject({ ssl_mode: "verify-ca", engine_name: "oracle" });
  });

  test("refuses unknown keys, SSL modes DMS cannot use for Oracle, and out-of-range options", () => {
    expect(oracleSourceSchema.safeParse({ ...minimal, captureMode: "logminer" }).success).toBe(false);
    expect(oracleSourceSchema.safeParse({ ...minimal, sslMode: "require" }).success).toBe(false);
    expect(oracleSourceSchema.safeParse({ ...minimal, parallelAsmReadThreads: 9 }).success).toBe(false);
    expect(oracleSourceSchema.safeParse({ ...minimal, useDirectPathFullLoad: true }).success).toBe(false);
  });

  test("an environment entry builds the endpoint it describes", () => {
    const endpoint = build({
      ...minimal,
      reader: "binary-reader",
      asm: { user: "asmdms", server: "10.80.1.31", passwordParameterName: "/mosaic/oracle/asm-password" },
      parallelAsmReadThreads: 6,
      readAheadBlocks: 150000,
      archivedLogDestId: 1,
    });
    expect(endpoint.extra_connection_attributes).toBe(
      "useLogminerReader=N;useBfile=Y;asm_user=asmdms;asm_server=10.80.1.31:1521/+ASM;parallelASMReadThreads=6;readAheadBlocks=150000;archivedLogDestId=1",
    );
  });
});
