import { Problem } from "../../../core/problem";
import { Rule } from "../../../core/rules";
import { ENDPOINT_ID } from "../../endpoints/endpoint-rules";
import type { ObjectMappingRule } from "../../table-mappings/object-mapping";
import type { TaskSettingsValues } from "../../task-settings";
import { KeyAttribute, TABLE_NAME } from "./options";

/** What the table rules read: its name and keys. */
export interface DynamoDbTableSettings {
  readonly tableName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export const DYNAMODB_TABLE_RULES: readonly Rule<DynamoDbTableSettings>[] = [
  { path: ["tableName"], when: (props) => !TABLE_NAME.test(props.tableName), message: "must be 3 to 255 letters, digits, underscores, periods and hyphens" },
  { path: ["partitionKey", "name"], when: (props) => props.partitionKey.name.length === 0, message: "must name the partition key attribute" },
  {
    path: ["sortKey", "name"],
    when: (props) => props.sortKey !== undefined && props.sortKey.name === props.partitionKey.name,
    message: "must differ from the partition key",
  },
];

/** What the endpoint rules read. */
export interface DynamoDbEndpointSettings {
  readonly endpointId: string;
  readonly tables: readonly DynamoDbTableSettings[];
}

/** What a DynamoDB target endpoint refuses. */
export const DYNAMODB_TARGET_RULES: readonly Rule<DynamoDbEndpointSettings>[] = [
  { path: ["endpointId"], when: (props) => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
  { path: ["tables"], when: (props) => props.tables.length === 0, message: "name at least one table DMS writes to" },
  {
    path: ["tables"],
    when: (props) => new Set(props.tables.map((table) => table.tableName)).size !== props.tables.length,
    message: "each table once",
  },
];

/**
 * Task settings a DynamoDB target refuses (AWS DMS user guide, "Using an Amazon DynamoDB database as a target",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.DynamoDB.html): `DROP_AND_CREATE` would drop the
 * tables this library declares (their key, encryption and point-in-time recovery) and let DMS create bare ones; DMS
 * does not validate DynamoDB targets. (DynamoDB's limit of 200 load threads per table is every task's limit already.)
 */
export const DYNAMODB_REFUSED_TASK_SETTINGS: readonly Rule<TaskSettingsValues>[] = [
  {
    path: ["FullLoadSettings", "TargetTablePrepMode"],
    when: (settings) => settings.FullLoadSettings?.TargetTablePrepMode === "DROP_AND_CREATE",
    message: 'DMS would drop the declared DynamoDB tables (their keys, encryption and point-in-time recovery) and create bare ones; allowed: "DO_NOTHING"',
  },
  {
    path: ["ValidationSettings", "EnableValidation"],
    when: (settings) => settings.ValidationSettings?.EnableValidation === true,
    message: "DMS does not validate data in a DynamoDB target; allowed: false (and no `validation: true` on the task)",
  },
];

/**
 * The object-mapping rules of a task writing to these tables: each rule writes to a declared table (its
 * `targetTableName`, or else the source table's name), with that table's partition key and sort key and no other.
 * Paths are relative to the task's rule list.
 */
export function dynamoDbObjectMappingProblems(tables: readonly DynamoDbTableSettings[], rules: readonly ObjectMappingRule[], indexes: readonly number[]): Problem[] {
  const problems: Problem[] = [];
  const declared = tables.map((table) => table.tableName);
  rules.forEach((rule, i) => {
    const at = (field: string, value: unknown, message: string) => problems.push({ path: `[${indexes[i]}].${field}`, value: JSON.stringify(value ?? null), message });
    const name = rule.targetTableName ?? rule.table;
    const table = tables.find((candidate) => candidate.tableName === name);
    if (table === undefined) {
      at(rule.targetTableName === undefined ? "table" : "targetTableName", name,
        `writes to a table this target does not declare (DMS would create it unencrypted, and its role may not write there); allowed: ${declared.map((each) => JSON.stringify(each)).join(", ")}${rule.targetTableName === undefined ? " (set targetTableName)" : ""}`);
      return;
    }
    if (rule.partitionKeyName !== table.partitionKey.name) {
      at("partitionKeyName", rule.partitionKeyName, `must be the partition key of table "${table.tableName}"; allowed: ${JSON.stringify(table.partitionKey.name)}`);
    }
    if (rule.sortKeyName !== table.sortKey?.name) {
      at("sortKeyName", rule.sortKeyName, table.sortKey === undefined ? `table "${table.tableName}" has no sort key; remove it` : `must be the sort key of table "${table.tableName}"; allowed: ${JSON.stringify(table.sortKey.name)}`);
    }
    if (rule.partitionKeyType !== undefined) at("partitionKeyType", rule.partitionKeyType, "Kinesis and Kafka only; a DynamoDB item is keyed by partitionKeyName (and sortKeyName)");
    if (rule.kafkaTargetTopic !== undefined) at("kafkaTargetTopic", rule.kafkaTargetTopic, "Kafka only; a DynamoDB target writes to targetTableName");
  });
  return problems;
}
