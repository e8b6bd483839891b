import { SybaseSourceEndpoint, SybaseSourceEndpointProps, sybaseSource } from "../../../modules/dms/sources/sybase";
import { sybaseConnectionAttributes } from "../../../modules/dms/sources/sybase/attributes";
import { SybasePreparationInput, aseLikePattern, sybasePreparationScript } from "../../../modules/dms/sources/sybase/preparation/script";
import { sybaseSourceSchema } from "../../../modules/dms/sources/sybase/schema";
import { sourceEngineOf, sourceSchema } from "../../../modules/dms/sources/registry";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { allowSecretsManager, dmsFixture } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { TerraformJson, blocks, newStack, only, synth } from "../../helpers/synth";

function sybaseProps(overrides: Partial<SybaseSourceEndpointProps> = {}): SybaseSourceEndpointProps {
  return {
    projectName: "billing",
    environment: "development",
    endpointId: "source-billing-ase",
    serverName: "10.80.5.30",
    databaseName: "billing",
    credentials: { username: "dms_reader", passwordParameterName: "/billing/ase/dms-password" },
    ...overrides,
  };
}

const MAPPINGS = new TableMappings().include({ schema: "dbo", table: "invoice%" }).exclude({ schema: "dbo", table: "invoice_tmp" });

function scriptInput(overrides: Partial<SybasePreparationInput> = {}): SybasePreparationInput {
  return {
    projectName: "billing",
    environment: "development",
    endpointId: "source-billing-ase",
    serverName: "10.80.5.30",
    port: 5000,
    databaseName: "billing",
    dmsLogin: "dms_reader",
    capturesChanges: true,
    dmsMarksTables: true,
    selections: MAPPINGS.selections(),
    ...overrides,
  };
}

describe("SybaseSourceEndpoint", () => {
  let json: TerraformJson;
  let source: SybaseSourceEndpoint;
  beforeAll(() => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    allowSecretsManager(stack);
    source = new SybaseSourceEndpoint(stack, "Source", sybaseProps({ charset: "utf8" }));
    source.allowConnectionsFrom(instance);
    new ReplicationTask(stack, "Task", { ...context, replicationTaskId: "billing", migrationType: "full-load-and-cdc", replicationInstance: instance, source, target, tableMappings: MAPPINGS });
    json = synth(stack);
  });

  test("DMS engine sybase over TLS, enableReplication written out, the login through Secrets Manager, no password anywhere", () => {
    const endpoint = blocks(json, "aws_dms_endpoint").find((block) => block.endpoint_type === "source");
    expect(endpoint).toMatchObject({ engine_name: "sybase", ssl_mode: "require", database_name: "billing", extra_connection_attributes: "enableReplication=Y;charset=utf8" });
    expect(endpoint?.secrets_manager_arn).toMatch(/aws_secretsmanager_secret\./);
    expect(endpoint?.password).toBeUndefined();
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("the instance reaches the server on 5000 only, at its /32", () => {
    expect(blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.from_port === 5000)).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.80.5.30/32", to_port: 5000, ip_protocol: "tcp" }),
    ]);
  });

  test("its DBA script prepares change capture for the task's tables", () => {
    expect(source.preparationScript()).toContain("exec sp_configure 'enable rep agent threads', 1");
  });

  test("a full-load-only source writes no replication attribute", () => {
    const stack = newStack();
    new SybaseSourceEndpoint(stack, "S", sybaseProps({ captureChanges: false }));
    expect(only(synth(stack), "aws_dms_endpoint").extra_connection_attributes).toBeUndefined();
  });

  test("attributes render in a fixed order", () => {
    expect(sybaseConnectionAttributes({ charset: "iso_1", enableReplication: false })).toBe("enableReplication=N;charset=iso_1");
  });

  test.each<[string, Partial<SybaseSourceEndpointProps>, RegExp]>([
    ["a bad endpoint id", { endpointId: "9source" }, /endpointId/],
    ["verify-full without a certificate", { sslMode: "verify-full" }, /certificateArn.*required with `sslMode: "verify-full"`/],
    ["a host name without allowedCidr", { serverName: "ase.internal" }, /allowedCidr.*host name/],
    ["every address", { allowedCidr: "0.0.0.0/0" }, /would allow every address; name the network instead/],
    ["two login names", { credentials: { username: "a", usernameParameterName: "/a", passwordParameterName: "/p" } }, /exactly one login name/],
    ["a database name the script cannot write", { databaseName: "bill; drop" }, /databaseName.*SAP ASE identifier/],
    ["a login name the script cannot write", { credentials: { username: "dms reader", passwordParameterName: "/p" } }, /credentials\.username.*login name/],
    ["a character set that is not a name", { charset: "UTF-8" }, /charset.*character set name/],
    ["enableReplication on a full-load-only source", { captureChanges: false, enableReplication: true }, /enableReplication.*only applies to change capture/],
  ])("refuses %s", (_what, overrides, message) => {
    expect(() => new SybaseSourceEndpoint(newStack(), "Source", sybaseProps(overrides))).toThrow(message);
  });

  test("a cdc task on a full-load-only source is refused", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const fullLoads = new SybaseSourceEndpoint(stack, "S", sybaseProps({ captureChanges: false }));
    expect(
      () => new ReplicationTask(stack, "Task", { ...context, replicationTaskId: "x", migrationType: "cdc", replicationInstance: instance, source: fullLoads, target, tableMappings: MAPPINGS }),
    ).toThrow(/full loads only/);
  });
});

describe("the SAP ASE DBA script", () => {
  test("change capture: rep agent threads, the three roles AWS lists, SELECT on the selected tables; no password", () => {
    const sql = sybasePreparationScript(scriptInput());
    for (const role of ["sa_role", "replication_role", "sybase_ts_role"]) expect(sql).toContain(`grant role ${role} to dms_reader`);
    expect(sql).toContain("where name = 'dms_reader'");
    expect(sql).toContain("u.name like 'dbo' escape '!' and o.name like 'invoice%' escape '!'");
    expect(sql).toContain("not ((u.name like 'dbo' escape '!' and o.name like 'invoice!_tmp' escape '!'))");
    expect(sql).not.toContain("sp_setreptable '''");
    expect(sql).not.toContain("/billing/ase/dms-password");
  });

  test("tables are marked for replication by the script when DMS is told not to", () => {
    expect(sybasePreparationScript(scriptInput({ dmsMarksTables: false }))).toContain("exec ('sp_setreptable ''' + @owner");
  });

  test("full loads only: no rep agent, no roles", () => {
    const sql = sybasePreparationScript(scriptInput({ capturesChanges: false }));
    expect(sql).not.toMatch(/rep agent threads', 1|grant role/);
    expect(sql).toContain("exec sp_adduser 'dms_reader'");
  });

  test("a login from SSM is filled in with sed; LIKE patterns escape _ and brackets", () => {
    const sql = sybasePreparationScript(scriptInput({ dmsLogin: undefined, usernameParameterName: "/billing/ase/login" }));
    expect(sql).toContain('sed "s/<DMS_LOGIN>/$(aws ssm get-parameter --name /billing/ase/login');
    expect(aseLikePattern("a_[b]'")).toBe("'a!_![b!]'''");
  });
});

describe("the sybase entry of an environment file", () => {
  const entry = { engine: "sybase", endpointId: "source-billing", serverName: "10.80.5.30", databaseName: "billing", credentials: { username: "dms_reader", passwordParameterName: "/p/q" } };

  test("is a source engine of the registry whose problems are the construct's rules", () => {
    expect(sourceEngineOf(sourceSchema.parse(entry))).toBe(sybaseSource);
    expect(sybaseSource.problems(sybaseSourceSchema.parse({ ...entry, sslMode: "verify-ca", charset: "x-y" })).map((problem) => problem.path)).toEqual(["certificateArn", "charset"]);
    expect(sybaseSource.capturesChanges(sybaseSourceSchema.parse({ ...entry, captureChanges: false }))).toBe(false);
  });
});
