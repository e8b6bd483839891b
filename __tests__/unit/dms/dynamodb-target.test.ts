import { checkEnvironment } from "../../../modules/config";
import { formatFieldProblem } from "../../../modules/config/problem";
import { dynamoDbTarget } from "../../../modules/dms/targets/dynamodb";
import { DynamoDbTargetEndpoint } from "../../../modules/dms/targets/dynamodb/endpoint";
import { dynamoDbTargetSchema } from "../../../modules/dms/targets/dynamodb/schema";
import { DynamoDbTable, DynamoDbTableProps } from "../../../modules/dms/targets/dynamodb/table";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { ObjectMappingRule, TableMappings } from "../../../modules/dms/table-mappings";
import { TaskSettings } from "../../../modules/dms/task-settings";
import { ISourceEndpoint } from "../../../modules/dms/endpoints/endpoint";
import { dmsFixture } from "../../helpers/fixtures";
import { environmentFile } from "../../helpers/environments";
import { TerraformJson, blocks, newStack, only, synth } from "../../helpers/synth";

const KEY = "arn:aws:kms:eu-west-2:123456789012:key/11111111-2222-3333-4444-555555555555";
const context = { projectName: "orders", environment: "development" };

function tableProps(overrides: Partial<DynamoDbTableProps> = {}): DynamoDbTableProps {
  return { ...context, tableName: "orders-customers", partitionKey: { name: "CustomerId", type: "N" }, sortKey: { name: "Region" }, kmsKeyArn: KEY, ...overrides };
}

/** A source that captures changes and has no server: only what ReplicationTask asks of it. */
const SOURCE: ISourceEndpoint = {
  endpointArn: "arn:aws:dms:eu-west-2:123456789012:endpoint:SOURCE",
  endpointId: "source-orders",
  capturesChanges: true,
  addReader: () => undefined,
  allowConnectionsFrom: () => undefined,
};

const MAPPING: ObjectMappingRule = {
  action: "map-record-to-record",
  schema: "public",
  table: "customers",
  targetTableName: "orders-customers",
  partitionKeyName: "CustomerId",
  sortKeyName: "Region",
};
const DO_NOTHING = TaskSettings.defaults().with({ FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" } });

describe("DynamoDbTable", () => {
  test("on demand, keyed as declared, encrypted with the environment's key, point-in-time recovery on, no deletion protection outside production", () => {
    const stack = newStack();
    new DynamoDbTable(stack, "Table", tableProps());
    expect(only(synth(stack), "aws_dynamodb_table")).toMatchObject({
      name: "orders-customers",
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "CustomerId",
      range_key: "Region",
      attribute: [{ name: "CustomerId", type: "N" }, { name: "Region", type: "S" }],
      server_side_encryption: { enabled: true, kms_key_arn: KEY },
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: false,
    });
  });

  test("production tables are protected from deletion; a table without a sort key has one attribute", () => {
    const stack = newStack();
    new DynamoDbTable(stack, "Table", tableProps({ environment: "production", sortKey: undefined }));
    const table = only(synth(stack), "aws_dynamodb_table");
    expect(table.deletion_protection_enabled).toBe(true);
    expect(table.attribute).toEqual([{ name: "CustomerId", type: "N" }]);
    expect(table).not.toHaveProperty("range_key");
  });

  test.each<[string, Partial<DynamoDbTableProps>, RegExp]>([
    ["a two-character name", { tableName: "ab" }, /tableName/],
    ["a name with a slash", { tableName: "orders/customers" }, /tableName/],
    ["a sort key equal to the partition key", { sortKey: { name: "CustomerId" } }, /sortKey.name/],
    ["an empty partition key", { partitionKey: { name: "" } }, /partitionKey.name/],
  ])("refuses %s", (_what, overrides, message) => {
    expect(() => new DynamoDbTable(newStack(), "Table", tableProps(overrides))).toThrow(message);
  });
});

describe("DynamoDbTargetEndpoint", () => {
  let json: TerraformJson;
  beforeAll(() => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    const created = new DynamoDbTable(stack, "Customers", tableProps());
    const existing = DynamoDbTable.fromName(stack, "Legacy", { tableName: "legacy-orders", partitionKey: { name: "OrderId" } });
    new DynamoDbTargetEndpoint(stack, "Items", { ...context, endpointId: "target-orders-items", tables: [created, existing] }).allowConnectionsFrom(instance);
    json = synth(stack);
  });

  test("a dynamodb endpoint with its service access role", () => {
    const endpoint = blocks(json, "aws_dms_endpoint").find((each) => each.engine_name === "dynamodb");
    expect(endpoint).toMatchObject({ endpoint_type: "target", endpoint_id: "target-orders-items", service_access_role: expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/) });
  });

  test("the role may write items of the declared tables, keep DMS's exception tables and list tables, nothing else", () => {
    const role = blocks(json, "aws_iam_role").find((each) => each.name_prefix === "dms-dynamodb-");
    expect(JSON.parse(role?.assume_role_policy).Statement[0].Condition.StringEquals).toHaveProperty(["aws:SourceAccount"]);
    const policy = JSON.parse(blocks(json, "aws_iam_role_policy").find((each) => each.name === "write-dynamodb-items")?.policy);
    const [items, control, list] = policy.Statement;
    expect(items.Action).toEqual(["dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:UpdateItem"]);
    expect(items.Resource).toEqual([
      expect.stringMatching(/^\$\{aws_dynamodb_table\..*\.arn\}$/),
      expect.stringMatching(/^arn:\$\{data\.aws_partition\..*\}:dynamodb:\$\{data\.aws_region\..*\}:\$\{data\.aws_caller_identity\..*\}:table\/legacy-orders$/),
    ]);
    expect(control.Action).toEqual(expect.arrayContaining(["dynamodb:CreateTable", "dynamodb:DeleteTable"]));
    expect(control.Resource.map((arn: string) => arn.split(":table/")[1])).toEqual(["awsdms_apply_exceptions", "awsdms_full_load_exceptions"]);
    expect(list).toEqual({ Sid: "FindTables", Effect: "Allow", Action: "dynamodb:ListTables", Resource: "*" });
    expect(policy.Statement).toHaveLength(3);
  });

  test("the replication instance may reach DynamoDB on 443 through the region's prefix list", () => {
    expect(only(json, "aws_prefix_list", "data").name).toMatch(/^com\.amazonaws\.\$\{data\.aws_region\..*\}\.dynamodb$/);
    const egress = blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.prefix_list_id !== undefined);
    expect(egress.map((rule) => [rule.from_port, rule.to_port])).toEqual([[443, 443]]);
  });

  test.each<[string, object, RegExp]>([
    ["no tables", { tables: [] }, /tables/],
    ["a bad endpoint id", { endpointId: "9-items" }, /endpointId/],
  ])("refuses %s", (_what, overrides, message) => {
    const stack = newStack();
    const table = new DynamoDbTable(stack, "Customers", tableProps());
    expect(() => new DynamoDbTargetEndpoint(stack, "Items", { ...context, endpointId: "target-orders-items", tables: [table], ...overrides })).toThrow(message);
  });

  test("a table given twice is refused", () => {
    const stack = newStack();
    const table = new DynamoDbTable(stack, "Customers", tableProps());
    expect(() => new DynamoDbTargetEndpoint(stack, "Items", { ...context, endpointId: "target-orders-items", tables: [table, table] })).toThrow(/each table once/);
  });
});

describe("a ReplicationTask writing to DynamoDB", () => {
  function task(mapping: Partial<ObjectMappingRule> | undefined, settings = DO_NOTHING) {
    const stack = newStack();
    const { context: taskContext, instance } = dmsFixture(stack);
    const table = new DynamoDbTable(stack, "Customers", tableProps());
    const target = new DynamoDbTargetEndpoint(stack, "Items", { ...context, endpointId: "target-orders-items", tables: [table] });
    let mappings = new TableMappings().include({ schema: "public", table: "customers" });
    if (mapping !== undefined) mappings = mappings.objectMapping({ ...MAPPING, ...mapping } as ObjectMappingRule);
    return () =>
      new ReplicationTask(stack, "Task", {
        ...taskContext,
        replicationTaskId: "customers-to-items",
        migrationType: "full-load-and-cdc",
        replicationInstance: instance,
        source: SOURCE,
        target,
        tableMappings: mappings,
        settings,
      });
  }

  test("takes an object mapping with the table's keys, its ${Column} references escaped for Terraform", () => {
    const stack = newStack();
    const { context: taskContext, instance } = dmsFixture(stack);
    const table = new DynamoDbTable(stack, "Customers", tableProps());
    const target = new DynamoDbTargetEndpoint(stack, "Items", { ...context, endpointId: "target-orders-items", tables: [table] });
    const mappings = new TableMappings()
      .include({ schema: "public", table: "customers" })
      .objectMapping({ ...MAPPING, attributeMappings: [{ targetAttributeName: "CustomerId", attributeType: "scalar", attributeSubType: "number", value: "${id}" }] });
    new ReplicationTask(stack, "Task", {
      ...taskContext,
      replicationTaskId: "customers-to-items",
      migrationType: "full-load-and-cdc",
      replicationInstance: instance,
      source: SOURCE,
      target,
      tableMappings: mappings,
      settings: DO_NOTHING,
    });
    const json = only(synth(stack), "aws_dms_replication_task").table_mappings;
    expect(json).toContain('"value":"$${id}"');
    expect(JSON.parse(json.replace(/\$\$\{/g, "${"))).toEqual(JSON.parse(mappings.toJson()));
  });

  test.each<[string, Partial<ObjectMappingRule>, string]>([
    ["another partition key", { partitionKeyName: "Id" }, 'tableMappings[1].partitionKeyName` = "Id": must be the partition key of table "orders-customers"; allowed: "CustomerId"'],
    ["no sort key on a table that has one", { sortKeyName: undefined }, 'tableMappings[1].sortKeyName` = null: must be the sort key of table "orders-customers"; allowed: "Region"'],
    ["an undeclared table", { targetTableName: "orders-other" }, 'tableMappings[1].targetTableName` = "orders-other": writes to a table this target does not declare'],
    ["the source table's name when it is not declared", { targetTableName: undefined }, 'tableMappings[1].table` = "customers": writes to a table this target does not declare'],
    ["a Kinesis partition type", { partitionKeyType: "schema-table" }, "tableMappings[1].partitionKeyType"],
    ["a Kafka topic", { kafkaTargetTopic: "orders" }, "tableMappings[1].kafkaTargetTopic"],
  ])("refuses %s", (_what, mapping, message) => {
    expect(task(mapping)).toThrow(message);
  });

  test("refuses DROP_AND_CREATE, the template default, which would drop the declared tables", () => {
    expect(task(MAPPING, TaskSettings.defaults())).toThrow(/FullLoadSettings.TargetTablePrepMode.*DMS would drop the declared DynamoDB tables/);
    expect(task(MAPPING)).not.toThrow();
  });

  test("validation is refused too (more than 200 load threads, DynamoDB's limit, is refused by every task's settings)", () => {
    const bad = DO_NOTHING.with({ ValidationSettings: { EnableValidation: true } });
    expect((dynamoDbTarget.refusesTaskSettings ?? []).filter((rule) => rule.when(bad.values)).map((rule) => rule.path.join("."))).toEqual(["ValidationSettings.EnableValidation"]);
    expect(() => DO_NOTHING.with({ TargetMetadata: { ParallelLoadThreads: 201 } })).toThrow(/ParallelLoadThreads/);
  });
});

describe("object-mapping rules on a target that does not take them", () => {
  test("ReplicationTask refuses them on the environment's PostgreSQL, naming the rule", () => {
    const stack = newStack();
    const { context: taskContext, instance, target } = dmsFixture(stack);
    const mappings = new TableMappings().include({ schema: "public", table: "customers" }).objectMapping(MAPPING);
    expect(
      () =>
        new ReplicationTask(stack, "Task", {
          ...taskContext,
          replicationTaskId: "customers-to-db",
          migrationType: "full-load",
          replicationInstance: instance,
          source: SOURCE,
          target,
          tableMappings: mappings,
        }),
    ).toThrow('`tableMappings[1].action` = "map-record-to-record": the target target-mosaic-endpoint takes no object-mapping rules (only DynamoDB, Kinesis and Kafka targets do)');
  });
});

describe("the dynamodb entry of an environment file", () => {
  const entry = { engine: "dynamodb", endpointId: "target-orders-items", tables: [{ name: "orders-customers", partitionKey: { name: "CustomerId", type: "N" } }] };

  test.each<[string, object, string]>([
    ["a key type that DynamoDB has not", { tables: [{ name: "orders-customers", partitionKey: { name: "CustomerId", type: "BOOL" } }] }, "tables.0.partitionKey.type"],
    ["a table without a partition key", { tables: [{ name: "orders-customers" }] }, "tables.0.partitionKey"],
    ["an unknown key", { tables: [{ ...entry.tables[0], billingMode: "PROVISIONED" }] }, "tables.0"],
  ])("its schema refuses %s", (_what, overrides, path) => {
    const result = dynamoDbTargetSchema.safeParse({ ...entry, ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  test("its problems are the endpoint's and the tables' rules, at the file's fields", () => {
    const problems = dynamoDbTarget.problems(
      dynamoDbTargetSchema.parse({ ...entry, tables: [{ name: "orders-customers", partitionKey: { name: "Id" }, sortKey: { name: "Id" } }, { name: "orders-customers", partitionKey: { name: "Id" } }] }),
    );
    expect(problems.map((problem) => problem.path)).toEqual(["tables", "tables[0].sortKey.name"]);
  });

  function problemsWith(edit: (file: Record<string, any>) => void): string[] {
    const file = environmentFile("streams");
    edit(file);
    return checkEnvironment(JSON.stringify(file), "streams").problems.map(formatFieldProblem);
  }

  test("the file check refuses a mapping whose keys are not the table's, and object mapping into the database", () => {
    expect(
      problemsWith((file) => {
        file.tasks[2].tableMappings[1].partitionKeyName = "Id";
        file.tasks[2].settings.FullLoadSettings.TargetTablePrepMode = "DROP_AND_CREATE";
      }),
    ).toEqual([
      'tasks[2].tableMappings[1].partitionKeyName = "Id": must be the partition key of table "orders-customers"; allowed: "CustomerId"',
      'tasks[2].settings.FullLoadSettings.TargetTablePrepMode = "DROP_AND_CREATE": DMS would drop the declared DynamoDB tables (their keys, encryption and point-in-time recovery) and create bare ones; allowed: "DO_NOTHING"',
    ]);
    expect(
      problemsWith((file) => {
        file.sources.legacy = {
          engine: "postgres",
          endpointId: "source-legacy",
          database: { serverName: "10.80.1.21", databaseName: "legacy", credentials: { username: "dms", passwordParameterName: "/orders/legacy/password" } },
        };
        file.dms.targetEndpoint = { endpointId: "target-orders-db" };
        file.tasks[2] = { ...file.tasks[2], source: "legacy", target: "database" };
      }),
    ).toContainEqual(expect.stringMatching(/^tasks\[2\]\.tableMappings\[1\]\.action = "map-record-to-record": the environment's database takes no object-mapping rules/));
  });
});
