import { z } from "zod";
import { Problem } from "../../core/problem";

// `object-mapping` rules: how a row becomes a DynamoDB item, a Kinesis record or a Kafka message
// (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.DynamoDB.html#CHAP_Target.DynamoDB.ObjectMapping,
// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Kinesis.html#CHAP_Target.Kinesis.ObjectMapping,
// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Kafka.html#CHAP_Target.Kafka.ObjectMapping).
// Only targets whose engine says `takesObjectMapping` accept them; each such target checks the parameters it reads.

/** `map-record-to-record` writes the mapped attributes (and every column not excluded); `map-record-to-document` also nests the rest in `_doc`. */
export type ObjectMappingAction = "map-record-to-record" | "map-record-to-document";

/** A DynamoDB map value of an attribute of type `document` / `dynamodb-map`: `{ "M": { "Name": { "S": "${Name}" } } }`. */
export interface DynamoDbMapValue {
  readonly M: Readonly<Record<string, { readonly S?: string; readonly N?: string }>>;
}

/** One attribute of the target item or message, filled from source columns (`${Column}`). */
export interface AttributeMapping {
  /** `target-attribute-name`. */
  readonly targetAttributeName: string;
  /** `scalar` (a string or number) or `document` (a map or JSON). */
  readonly attributeType: "scalar" | "document";
  /** `string` or `number` for scalars; `dynamodb-map` or `json` for documents. @default - DMS's default, "string" (the key is left out) */
  readonly attributeSubType?: "string" | "number" | "dynamodb-map" | "json";
  /** Such as `${FirstName},${LastName}`, or a DynamoDB map for `dynamodb-map`. */
  readonly value: string | DynamoDbMapValue;
}

/** Maps one source table to target items or messages (`rule-type: object-mapping`). */
export interface ObjectMappingRule {
  readonly action: ObjectMappingAction;
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  /** Source schema, case-sensitive; `%` matches any run of characters. */
  readonly schema: string;
  /** Source table, case-sensitive; `%` matches any run of characters. */
  readonly table: string;
  /** DynamoDB: the table written to. @default - the source table's name */
  readonly targetTableName?: string;
  /** DynamoDB: the table's partition (hash) key; Kinesis and Kafka: the attribute records are partitioned by. @default - none */
  readonly partitionKeyName?: string;
  /** DynamoDB: the table's sort (range) key. @default - none (a table without a sort key) */
  readonly sortKeyName?: string;
  /**
   * Kinesis and Kafka: `schema-table` partitions by schema and table, `attribute-name` by `partitionKeyName`,
   * `primary-key` by the row's primary key. @default - DMS's default, the primary key (the key is left out)
   */
  readonly partitionKeyType?: "schema-table" | "attribute-name" | "primary-key";
  /** Kafka (DMS 3.4.6 and later): the topic of this table's messages. @default - the endpoint's topic */
  readonly kafkaTargetTopic?: string;
  /** Source columns left out of the item or message. @default [] */
  readonly excludeColumns?: string[];
  /** Attributes built from the columns. @default [] */
  readonly attributeMappings?: AttributeMapping[];
}

const dynamoDbMapValue = z.strictObject({
  M: z.record(z.string().min(1), z.strictObject({ S: z.string().optional(), N: z.string().optional() })),
});

const attributeMappingSchema = z
  .strictObject({
    targetAttributeName: z.string().min(1).describe("target-attribute-name"),
    attributeType: z.enum(["scalar", "document"]),
    attributeSubType: z.enum(["string", "number", "dynamodb-map", "json"]).optional().describe("Default string"),
    value: z.union([z.string().min(1), dynamoDbMapValue]).describe("Such as ${FirstName},${LastName}; a {\"M\": ...} map for dynamodb-map"),
  })
  .superRefine((mapping, ctx) => {
    const subType = mapping.attributeSubType ?? "string";
    const scalarSubType = subType === "string" || subType === "number";
    if ((mapping.attributeType === "scalar") !== scalarSubType) {
      const allowed = mapping.attributeType === "scalar" ? '"string" or "number"' : '"dynamodb-map" or "json"';
      ctx.addIssue({ code: "custom", path: ["attributeSubType"], message: `does not go with attributeType "${mapping.attributeType}"; allowed: ${allowed}` });
    }
    if ((subType === "dynamodb-map") !== (typeof mapping.value === "object")) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: subType === "dynamodb-map" ? 'a dynamodb-map attribute takes a map; allowed: { "M": { "Name": { "S": "${Name}" } } }' : "a map value needs attributeSubType \"dynamodb-map\"; allowed: a string such as ${Column}",
      });
    }
  });

export const objectMappingSchema = z
  .strictObject({
    action: z.enum(["map-record-to-record", "map-record-to-document"]),
    name: z.string().min(1).optional().describe("rule-name; must be unique; default the rule-id"),
    schema: z.string().min(1).describe("Source schema, case-sensitive; % matches any run of characters"),
    table: z.string().min(1).describe("Source table, case-sensitive; % matches any run of characters"),
    targetTableName: z.string().min(3).max(255).regex(/^[A-Za-z0-9_.-]+$/, "a DynamoDB table name").optional().describe("DynamoDB: the table written to; default the source table's name"),
    partitionKeyName: z.string().min(1).optional().describe("DynamoDB: the partition key; Kinesis/Kafka: the attribute records are partitioned by"),
    sortKeyName: z.string().min(1).optional().describe("DynamoDB: the sort key"),
    partitionKeyType: z.enum(["schema-table", "attribute-name", "primary-key"]).optional().describe("Kinesis/Kafka: how records are partitioned; default the primary key"),
    kafkaTargetTopic: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, "a Kafka topic name").optional().describe("Kafka: this table's topic; default the endpoint's topic"),
    excludeColumns: z.array(z.string().min(1)).optional().describe("Source columns left out"),
    attributeMappings: z.array(attributeMappingSchema).optional().describe("Attributes built from the columns"),
  })
  .superRefine((rule, ctx) => {
    if (rule.partitionKeyType === "attribute-name" && rule.partitionKeyName === undefined) {
      ctx.addIssue({ code: "custom", path: ["partitionKeyName"], message: 'required with partitionKeyType "attribute-name"; allowed: the attribute to partition by' });
    }
    const names = new Set<string>();
    (rule.attributeMappings ?? []).forEach((mapping, i) => {
      if (names.has(mapping.targetAttributeName)) {
        ctx.addIssue({ code: "custom", path: ["attributeMappings", i, "targetAttributeName"], message: "already mapped by an earlier attribute; allowed: each attribute once" });
      }
      names.add(mapping.targetAttributeName);
    });
  })
  .describe("Map a source table to DynamoDB items, Kinesis records or Kafka messages (object-mapping; DynamoDB, Kinesis and Kafka targets only)");

/** Whether a rule is an object-mapping rule. */
export function isObjectMapping(rule: { readonly action: string }): rule is ObjectMappingRule {
  return rule.action === "map-record-to-record" || rule.action === "map-record-to-document";
}

const present = (object: Record<string, unknown>) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));

/** The DMS JSON of an object-mapping rule (after the rule-type, rule-id and rule-name). */
export function renderObjectMapping(rule: ObjectMappingRule): Record<string, unknown> {
  const parameters = present({
    "partition-key-type": rule.partitionKeyType,
    "partition-key-name": rule.partitionKeyName,
    "sort-key-name": rule.sortKeyName,
    "kafka-target-topic": rule.kafkaTargetTopic,
    "exclude-columns": rule.excludeColumns,
    "attribute-mappings": rule.attributeMappings?.map((mapping) =>
      present({
        "target-attribute-name": mapping.targetAttributeName,
        "attribute-type": mapping.attributeType,
        "attribute-sub-type": mapping.attributeSubType,
        value: mapping.value,
      }),
    ),
  });
  return present({
    "rule-action": rule.action,
    "object-locator": { "schema-name": rule.schema, "table-name": rule.table },
    "target-table-name": rule.targetTableName,
    "mapping-parameters": Object.keys(parameters).length > 0 ? parameters : undefined,
  });
}

/** What a target says about object mapping: whether it takes it, and what else it checks in the rules. */
export interface ObjectMappingTarget {
  /** Such as `the DMS endpoint target-orders`, for the messages. */
  readonly description: string;
  readonly takesObjectMapping?: boolean;
  /** The target's own checks of the mapping rules (a DynamoDB key that is not the table's). @default - none */
  objectMappingProblems?(rules: readonly ObjectMappingRule[], indexes: readonly number[]): Problem[];
}

/**
 * Object-mapping rules a target refuses: all of them, unless it takes object mapping (DynamoDB, Kinesis, Kafka), and
 * then what the target checks itself. Paths are relative to the list (`[2].action`), like `tableMappingProblems`.
 */
export function objectMappingTargetProblems(rules: readonly { readonly action: string }[], target: ObjectMappingTarget): Problem[] {
  const indexes = rules.flatMap((rule, index) => (isObjectMapping(rule) ? [index] : []));
  if (indexes.length === 0) return [];
  if (target.takesObjectMapping !== true) {
    return indexes.map((index) => ({
      path: `[${index}].action`,
      value: JSON.stringify(rules[index].action),
      message: `${target.description} takes no object-mapping rules (only DynamoDB, Kinesis and Kafka targets do); allowed: selection, transformation and table-settings rules`,
    }));
  }
  return target.objectMappingProblems?.(indexes.map((index) => rules[index] as ObjectMappingRule), indexes) ?? [];
}

/** A target endpoint (an `ITargetEndpoint`) as {@link objectMappingTargetProblems} sees it. */
export function endpointAsObjectMappingTarget(endpoint: {
  readonly endpointId: string;
  readonly takesObjectMapping?: boolean;
  objectMappingProblems?(rules: readonly ObjectMappingRule[], indexes: readonly number[]): Problem[];
}): ObjectMappingTarget {
  return {
    description: `the target ${endpoint.endpointId}`,
    takesObjectMapping: endpoint.takesObjectMapping,
    objectMappingProblems: endpoint.objectMappingProblems?.bind(endpoint),
  };
}
