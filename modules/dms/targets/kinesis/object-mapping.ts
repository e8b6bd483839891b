import { Problem } from "../../../core/problem";
import { ObjectMappingRule } from "../../table-mappings/object-mapping";

/**
 * What a stream target (Kinesis or Kafka) refuses in object-mapping rules: `map-record-to-document` and the
 * DynamoDB-only parameters (a target table, a sort key, map-valued attributes), and a Kafka topic on Kinesis.
 * Paths are relative to the task's rule list.
 */
export function streamObjectMappingProblems(target: "Kinesis" | "Kafka", rules: readonly ObjectMappingRule[], indexes: readonly number[]): Problem[] {
  const problems: Problem[] = [];
  rules.forEach((rule, i) => {
    const at = (field: string, value: unknown, message: string) => problems.push({ path: `[${indexes[i]}].${field}`, value: JSON.stringify(value), message });
    if (rule.action !== "map-record-to-record") at("action", rule.action, `a ${target} target takes map-record-to-record rules only`);
    if (rule.targetTableName !== undefined) at("targetTableName", rule.targetTableName, `DynamoDB only; a ${target} target writes to its ${target === "Kafka" ? "topic (kafkaTargetTopic)" : "stream"}`);
    if (rule.sortKeyName !== undefined) at("sortKeyName", rule.sortKeyName, `DynamoDB only; a ${target} record has a partition key only`);
    if (target === "Kinesis" && rule.kafkaTargetTopic !== undefined) at("kafkaTargetTopic", rule.kafkaTargetTopic, "Kafka only; a Kinesis target writes to its one stream");
    if (rule.partitionKeyName !== undefined && rule.partitionKeyType !== "attribute-name") {
      at("partitionKeyType", rule.partitionKeyType ?? null, 'partitionKeyName is only read with partitionKeyType "attribute-name"; allowed: "attribute-name", or no partitionKeyName');
    }
    (rule.attributeMappings ?? []).forEach((mapping, m) => {
      if (mapping.attributeSubType === "dynamodb-map") {
        at(`attributeMappings[${m}].attributeSubType`, mapping.attributeSubType, `DynamoDB only; allowed on a ${target} target: "string", "number" or "json"`);
      }
    });
  });
  return problems;
}
