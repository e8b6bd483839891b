export * from "./rule-types";
export { tableMappingRuleSchema } from "./rule-schemas";
export type { TableMappingAction, TableMappingRule } from "./rule-schemas";
export { TableMappingError, formatTableMappingProblem, tableMappingProblems, tableMappingRulesSchema } from "./rule-checks";
export type { TableMappingProblem } from "./rule-checks";
export * from "./table-mappings";
export { awsTableMappingsSchema, isAwsTableMappings, rulesFromAws } from "./aws-json";
export type { AwsTableMappings, TableMappingsInput } from "./aws-json";
