import { AzureSqlSourceEndpoint, AzureSqlSourceEndpointProps, azureSqlDatabaseSource, azureSqlManagedInstanceSource } from "../../../modules/dms/sources/azure-sql";
import { azureSqlDatabaseSourceSchema, azureSqlManagedInstanceSourceSchema } from "../../../modules/dms/sources/azure-sql/schema";
import { azureSqlDatabasePreparationScript } from "../../../modules/dms/sources/azure-sql/preparation/script";
import { sourceEngineOf, sourceSchema } from "../../../modules/dms/sources/registry";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { allowSecretsManager, dmsFixture } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { TerraformJson, blocks, newStack, synth } from "../../helpers/synth";

function azureProps(overrides: Partial<AzureSqlSourceEndpointProps> = {}): AzureSqlSourceEndpointProps {
  return {
    projectName: "portal",
    environment: "development",
    service: "managed-instance",
    endpointId: "source-portal-mi",
    serverName: "portal-mi.abc123.database.windows.net",
    allowedCidr: "10.100.0.0/24",
    databaseName: "portal",
    credentials: { username: "dms_reader", passwordParameterName: "/portal/azure/dms-password" },
    ...overrides,
  };
}

const MAPPINGS = new TableMappings().include({ schema: "dbo", table: "account%" }).exclude({ schema: "dbo", table: "account_audit" });

describe("AzureSqlSourceEndpoint", () => {
  let json: TerraformJson;
  let managedInstance: AzureSqlSourceEndpoint;
  let database: AzureSqlSourceEndpoint;
  beforeAll(() => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    allowSecretsManager(stack);
    managedInstance = new AzureSqlSourceEndpoint(stack, "Mi", azureProps());
    database = new AzureSqlSourceEndpoint(stack, "AzureDb", azureProps({ service: "sql-database", endpointId: "source-portal-db", serverName: "portal.database.windows.net", allowedCidr: "10.100.1.0/24" }));
    managedInstance.allowConnectionsFrom(instance);
    database.allowConnectionsFrom(instance);
    new ReplicationTask(stack, "Cdc", { ...context, replicationTaskId: "portal-cdc", migrationType: "full-load-and-cdc", replicationInstance: instance, source: managedInstance, target, tableMappings: MAPPINGS });
    new ReplicationTask(stack, "Copy", { ...context, replicationTaskId: "portal-copy", migrationType: "full-load", replicationInstance: instance, source: database, target, tableMappings: MAPPINGS });
    json = synth(stack);
  });

  test("both are SQL Server-engine endpoints (the engine 5.100.0 sends a secret for), over TLS, no password anywhere", () => {
    const endpoints = blocks(json, "aws_dms_endpoint").filter((endpoint) => endpoint.endpoint_type === "source");
    expect(endpoints).toEqual([
      expect.objectContaining({ endpoint_id: "source-portal-db", engine_name: "sqlserver", ssl_mode: "require" }),
      expect.objectContaining({ endpoint_id: "source-portal-mi", engine_name: "sqlserver", ssl_mode: "require", extra_connection_attributes: "ignoreMsReplicationEnablement=true" }),
    ]);
    expect(endpoints[0].extra_connection_attributes).toBeUndefined();
    for (const endpoint of endpoints) {
      expect(endpoint.secrets_manager_arn).toMatch(/aws_secretsmanager_secret\./);
      expect(endpoint.password).toBeUndefined();
    }
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("the instance reaches each on 1433, in its network only", () => {
    expect(blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.from_port === 1433)).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.100.0.0/24", to_port: 1433 }),
      expect.objectContaining({ cidr_ipv4: "10.100.1.0/24", to_port: 1433 }),
    ]);
  });

  test("a managed instance captures changes with MS-CDC by default; Azure SQL Database serves full loads", () => {
    expect(managedInstance.captureMode).toBe("ms-cdc");
    expect(managedInstance.capturesChanges).toBe(true);
    expect(database.captureMode).toBe("none");
    expect(database.capturesChanges).toBe(false);
  });

  test("the managed instance's script enables MS-CDC on the selected tables; the database's creates a contained user", () => {
    const instanceScript = managedInstance.preparationScript();
    expect(instanceScript).toContain("sys.sp_cdc_enable_db");
    expect(instanceScript).not.toContain("rds_cdc_enable_db");
    const databaseScript = database.preparationScript();
    expect(databaseScript).toContain("CREATE USER [$(DMS_LOGIN)] WITH PASSWORD = N'$(DMS_PASSWORD)';");
    expect(databaseScript).not.toMatch(/USE \[master\]|CREATE LOGIN|sp_cdc/);
    expect(databaseScript).toContain("s.name = N'dbo' AND t.name LIKE N'account%'");
    expect(databaseScript).toContain("AND NOT (");
    expect(databaseScript).toContain("--name /portal/azure/dms-password");
  });

  test("a managed instance with captureMode none: no attribute, no change capture, a full-load script", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    allowSecretsManager(stack);
    const source = new AzureSqlSourceEndpoint(stack, "Mi", azureProps({ captureMode: "none" }));
    new ReplicationTask(stack, "T", { ...context, replicationTaskId: "x", migrationType: "full-load", replicationInstance: instance, source, target, tableMappings: MAPPINGS });
    const endpoint = blocks(synth(stack), "aws_dms_endpoint").find((block) => block.endpoint_type === "source");
    expect(endpoint?.extra_connection_attributes).toBeUndefined();
    expect(source.capturesChanges).toBe(false);
    expect(source.preparationScript()).not.toContain("sp_cdc_enable_db");
  });

  test("a cdc task on Azure SQL Database is refused", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const source = new AzureSqlSourceEndpoint(stack, "AzureDb", azureProps({ service: "sql-database" }));
    expect(
      () => new ReplicationTask(stack, "T", { ...context, replicationTaskId: "x", migrationType: "cdc", replicationInstance: instance, source, target, tableMappings: MAPPINGS }),
    ).toThrow(/full loads only/);
  });

  test.each<[string, Partial<AzureSqlSourceEndpointProps>, RegExp]>([
    ["MS-CDC on Azure SQL Database", { service: "sql-database", captureMode: "ms-cdc" }, /captureMode.*does not capture changes from Azure SQL Database/],
    ["MS-Replication on a managed instance", { captureMode: "ms-replication" as never }, /captureMode.*allowed: "ms-cdc", "none"/],
    ["verify-ca (SQL Server has none)", { sslMode: "verify-ca" as never }, /sslMode.*allowed: none, require, verify-full/],
    ["verify-full without a certificate", { sslMode: "verify-full" }, /certificateArn/],
    ["a host name without allowedCidr", { allowedCidr: undefined }, /allowedCidr.*host name/],
    ["every address", { allowedCidr: "0.0.0.0/0" }, /would allow every address; name the network instead/],
    ["two login names", { credentials: { username: "a", usernameParameterName: "/a", passwordParameterName: "/p" } }, /exactly one login name/],
  ])("refuses %s", (_what, overrides, message) => {
    expect(() => new AzureSqlSourceEndpoint(newStack(), "Source", azureProps(overrides))).toThrow(message);
  });

  test("the database script refuses selections that select nothing", () => {
    expect(() =>
      azureSqlDatabasePreparationScript({
        projectName: "p",
        environment: "e",
        endpointId: "x",
        serverName: "s",
        port: 1433,
        databaseName: "d",
        selections: [{ action: "exclude", schemaName: "a", tableName: "b" }],
        migrationTypes: ["full-load"],
        passwordParameterName: "/p",
      }),
    ).toThrow(/select no table/);
  });
});

describe("the azuredb and azure-sql-managed-instance entries of an environment file", () => {
  const entry = { endpointId: "source-portal", serverName: "10.100.0.5", databaseName: "portal", credentials: { username: "dms_reader", passwordParameterName: "/p/q" } };

  test("are source engines of the registry", () => {
    expect(sourceEngineOf(sourceSchema.parse({ engine: "azuredb", ...entry }))).toBe(azureSqlDatabaseSource);
    expect(sourceEngineOf(sourceSchema.parse({ engine: "azure-sql-managed-instance", ...entry }))).toBe(azureSqlManagedInstanceSource);
  });

  test("Azure SQL Database takes no capture mode; a managed instance captures changes unless told not to", () => {
    expect(azureSqlDatabaseSourceSchema.safeParse({ engine: "azuredb", ...entry, captureMode: "ms-cdc" }).success).toBe(false);
    expect(azureSqlDatabaseSource.capturesChanges(azureSqlDatabaseSourceSchema.parse({ engine: "azuredb", ...entry }))).toBe(false);
    const mi = (captureMode?: "ms-cdc" | "none") => azureSqlManagedInstanceSourceSchema.parse({ engine: "azure-sql-managed-instance", ...entry, captureMode });
    expect(azureSqlManagedInstanceSource.capturesChanges(mi())).toBe(true);
    expect(azureSqlManagedInstanceSource.capturesChanges(mi("none"))).toBe(false);
  });

  test("their problems are the construct's rules at the file's fields", () => {
    const parsed = azureSqlManagedInstanceSourceSchema.parse({ engine: "azure-sql-managed-instance", ...entry, serverName: "mi.database.windows.net", sslMode: "verify-full" });
    expect(azureSqlManagedInstanceSource.problems(parsed).map((problem) => problem.path)).toEqual(["certificateArn", "allowedCidr"]);
  });
});
