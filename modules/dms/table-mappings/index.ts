export * from "./rule-types";
export { tableMappingRuleSchema } from "./rule-schemas";
export type { TableMappingAction, TableMappingRule } from "./rule-schemas";
export { TableMappingError, formatTableMappingProblem, tableMappingProblems, tableMappingRulesSchema } from "./rule-checks";
export type { TableMappingProblem } from "./rule-checks";
export * from "./table-mappings";
export { isObjectMapping, objectMappingTargetProblems } from "./object-mapping";
export type { AttributeMapping, DynamoDbMapValue, ObjectMappingAction, ObjectMappingRule, ObjectMappingTarget } from "./object-mapping";
