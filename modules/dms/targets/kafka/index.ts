import { fileProblems } from "../../../core/rules";
import { accessPeer } from "../kinesis";
import { streamObjectMappingProblems } from "../kinesis/object-mapping";
import { STREAM_REFUSED_TASK_SETTINGS } from "../kinesis/rules";
import { TargetEngine } from "../target-engine";
import { KafkaTargetEndpoint } from "./endpoint";
import { KAFKA_TARGET_RULES } from "./rules";
import { KafkaTargetConfig, kafkaTargetSchema } from "./schema";

function endpointSettings(target: KafkaTargetConfig) {
  const { engine: _engine, brokerAccess: _brokerAccess, ...settings } = target;
  return settings;
}

export const kafkaTarget: TargetEngine<typeof kafkaTargetSchema> = {
  engine: "kafka",
  schema: kafkaTargetSchema,
  settingsKey: "KafkaSettings",
  refusesTaskSettings: STREAM_REFUSED_TASK_SETTINGS,
  takesObjectMapping: true,
  objectMappingProblems: (_target, rules, indexes) => streamObjectMappingProblems("Kafka", rules, indexes),
  problems: (target, environment) => [
    ...fileProblems(KAFKA_TARGET_RULES, {
      ...endpointSettings(target),
      projectName: environment?.projectName ?? "",
      environment: environment?.environment ?? "",
      production: environment?.production,
    }),
  ],
  build: (scope, name, target, context) =>
    new KafkaTargetEndpoint(scope, `Target-${name}`, {
      ...endpointSettings(target),
      projectName: context.projectName,
      environment: context.environment,
      production: context.production,
      brokerPeer: accessPeer(target.brokerAccess, `kafka-brokers-${name}`),
    }),
};
