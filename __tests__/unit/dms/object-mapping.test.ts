import { ObjectMappingRule, TableMappingError, TableMappings, objectMappingTargetProblems, tableMappingProblems } from "../../../modules/dms/table-mappings";

const INCLUDE = new TableMappings().include({ schema: "public", table: "customers" });
const FULL: ObjectMappingRule = {
  action: "map-record-to-record",
  name: "customers-to-items",
  schema: "public",
  table: "customers",
  targetTableName: "orders-customers",
  partitionKeyName: "CustomerId",
  sortKeyName: "Region",
  excludeColumns: ["notes"],
  attributeMappings: [
    { targetAttributeName: "CustomerId", attributeType: "scalar", attributeSubType: "number", value: "${id}" },
    { targetAttributeName: "Contact", attributeType: "document", attributeSubType: "dynamodb-map", value: { M: { Email: { S: "${email}" } } } },
  ],
};

describe("object-mapping rules", () => {
  test("render as DMS's object-mapping JSON, in DMS's key names", () => {
    expect(JSON.parse(INCLUDE.objectMapping(FULL).toJson()).rules[1]).toEqual({
      "rule-type": "object-mapping",
      "rule-id": "2",
      "rule-name": "customers-to-items",
      "rule-action": "map-record-to-record",
      "object-locator": { "schema-name": "public", "table-name": "customers" },
      "target-table-name": "orders-customers",
      "mapping-parameters": {
        "partition-key-name": "CustomerId",
        "sort-key-name": "Region",
        "exclude-columns": ["notes"],
        "attribute-mappings": [
          { "target-attribute-name": "CustomerId", "attribute-type": "scalar", "attribute-sub-type": "number", value: "${id}" },
          { "target-attribute-name": "Contact", "attribute-type": "document", "attribute-sub-type": "dynamodb-map", value: { M: { Email: { S: "${email}" } } } },
        ],
      },
    });
  });

  test("a stream rule's partition type and Kafka topic; a rule with no parameters has no mapping-parameters", () => {
    const mappings = INCLUDE.objectMapping({ action: "map-record-to-record", schema: "public", table: "customers", partitionKeyType: "schema-table", kafkaTargetTopic: "orders.customers" }).objectMapping({
      action: "map-record-to-document",
      schema: "public",
      table: "orders",
    });
    const [, stream, bare] = JSON.parse(mappings.toJson()).rules;
    expect(stream["mapping-parameters"]).toEqual({ "partition-key-type": "schema-table", "kafka-target-topic": "orders.customers" });
    expect(bare).not.toHaveProperty("mapping-parameters");
    expect(bare["rule-action"]).toBe("map-record-to-document");
  });

  test("toTerraformArgument escapes ${ and %{ so Terraform keeps them as text; toJson is DMS's own text", () => {
    const mappings = INCLUDE.objectMapping(FULL);
    expect(mappings.toJson()).toContain('"value":"${id}"');
    expect(mappings.toTerraformArgument()).toContain('"value":"$${id}"');
    expect(mappings.toTerraformArgument()).not.toMatch(/[^$]\$\{/);
    expect(new TableMappings().include({ schema: "%{x}", table: "t" }).toTerraformArgument()).toContain('"schema-name":"%%{x}"');
  });

  test.each<[string, Partial<ObjectMappingRule> | Record<string, unknown>, string]>([
    ["a scalar with a document sub-type", { attributeMappings: [{ targetAttributeName: "A", attributeType: "scalar", attributeSubType: "json", value: "${a}" }] }, "[1].attributeMappings[0].attributeSubType"],
    ["a document with a scalar sub-type", { attributeMappings: [{ targetAttributeName: "A", attributeType: "document", value: "${a}" }] }, "[1].attributeMappings[0].attributeSubType"],
    ["a dynamodb-map with a string value", { attributeMappings: [{ targetAttributeName: "A", attributeType: "document", attributeSubType: "dynamodb-map", value: "${a}" }] }, "[1].attributeMappings[0].value"],
    ["a map value without dynamodb-map", { attributeMappings: [{ targetAttributeName: "A", attributeType: "document", attributeSubType: "json", value: { M: {} } }] }, "[1].attributeMappings[0].value"],
    ["an attribute mapped twice", { attributeMappings: [{ targetAttributeName: "A", attributeType: "scalar", value: "${a}" }, { targetAttributeName: "A", attributeType: "scalar", value: "${b}" }] }, "[1].attributeMappings[1].targetAttributeName"],
    ["partition by attribute without its name", { partitionKeyName: undefined, partitionKeyType: "attribute-name" }, "[1].partitionKeyName"],
    ["a table name DynamoDB refuses", { targetTableName: "a b" }, "[1].targetTableName"],
    ["a Kafka topic with a slash", { kafkaTargetTopic: "orders/x" }, "[1].kafkaTargetTopic"],
    ["an unknown key", { partitionKey: "CustomerId" }, "[1].partitionKey"],
  ])("refuse %s, at the rule's field", (_what, overrides, path) => {
    const rules = [{ action: "include", schema: "public", table: "customers" }, { ...FULL, ...overrides }];
    expect(tableMappingProblems(rules).map((problem) => problem.path)).toContain(path);
    expect(() => TableMappings.fromRules(rules as never)).toThrow(TableMappingError);
  });

  test("a target that does not take them refuses every one, at its action; one that does runs its own checks", () => {
    const rules = [{ action: "include" }, FULL, { action: "rename" }, { ...FULL, name: "two" }];
    expect(objectMappingTargetProblems(rules, { description: "the target x" })).toEqual([
      expect.objectContaining({ path: "[1].action", value: '"map-record-to-record"' }),
      expect.objectContaining({ path: "[3].action" }),
    ]);
    const seen: number[][] = [];
    const taker = { description: "t", takesObjectMapping: true, objectMappingProblems: (_rules: readonly ObjectMappingRule[], indexes: readonly number[]) => (seen.push([...indexes]), []) };
    expect(objectMappingTargetProblems(rules, taker)).toEqual([]);
    expect(seen).toEqual([[1, 3]]);
    expect(objectMappingTargetProblems([{ action: "include" }], { description: "t" })).toEqual([]);
  });
});
