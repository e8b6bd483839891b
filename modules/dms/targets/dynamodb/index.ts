import { fileProblems } from "../../../core/rules";
import { TargetEngine } from "../target-engine";
import { DynamoDbTargetEndpoint } from "./endpoint";
import { DYNAMODB_REFUSED_TASK_SETTINGS, DYNAMODB_TABLE_RULES, DYNAMODB_TARGET_RULES, dynamoDbObjectMappingProblems } from "./rules";
import { DynamoDbTargetConfig, dynamoDbTargetSchema } from "./schema";
import { DynamoDbTable } from "./table";

const tableSettings = (target: DynamoDbTargetConfig) =>
  target.tables.map((table) => ({ tableName: table.name, partitionKey: table.partitionKey, sortKey: table.sortKey }));

export const dynamoDbTarget: TargetEngine<typeof dynamoDbTargetSchema> = {
  engine: "dynamodb",
  schema: dynamoDbTargetSchema,
  settingsKey: "DynamoDbSettings",
  refusesTaskSettings: DYNAMODB_REFUSED_TASK_SETTINGS,
  takesObjectMapping: true,
  objectMappingProblems: (target, rules, indexes) => dynamoDbObjectMappingProblems(tableSettings(target), rules, indexes),
  problems: (target) => [
    ...fileProblems(DYNAMODB_TARGET_RULES, { endpointId: target.endpointId, tables: tableSettings(target) }),
    ...tableSettings(target).flatMap((table, i) =>
      fileProblems(DYNAMODB_TABLE_RULES, table, { tableName: `tables[${i}].name`, partitionKey: `tables[${i}].partitionKey`, sortKey: `tables[${i}].sortKey` }),
    ),
  ],
  build: (scope, name, target, context) => {
    const tables = target.tables.map((table, i) =>
      table.existing === true
        ? DynamoDbTable.fromName(scope, `Table-${name}-${i}`, { tableName: table.name, partitionKey: table.partitionKey, sortKey: table.sortKey })
        : new DynamoDbTable(scope, `Table-${name}-${i}`, {
            projectName: context.projectName,
            environment: context.environment,
            production: context.production,
            tableName: table.name,
            partitionKey: table.partitionKey,
            sortKey: table.sortKey,
            kmsKeyArn: context.kmsKeyArn,
          }),
    );
    return new DynamoDbTargetEndpoint(scope, `Target-${name}`, {
      projectName: context.projectName,
      environment: context.environment,
      endpointId: target.endpointId,
      tables,
    });
  },
};
