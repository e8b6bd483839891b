import { fileProblems, nestProblems } from "../../../core/rules";
import { Peer } from "../../../network/peer";
import { TargetEngine } from "../target-engine";
import { KinesisTargetEndpoint } from "./endpoint";
import { streamObjectMappingProblems } from "./object-mapping";
import { KINESIS_STREAM_RULES, KINESIS_TARGET_RULES, STREAM_REFUSED_TASK_SETTINGS } from "./rules";
import { KinesisTargetConfig, kinesisTargetSchema } from "./schema";
import { KinesisStream } from "./stream";

function endpointSettings(target: KinesisTargetConfig) {
  const { engine: _engine, stream: _stream, apiAccess: _apiAccess, ...settings } = target;
  return settings;
}

function streamSettings(target: KinesisTargetConfig) {
  const { name, shardCount, retentionHours } = target.stream;
  return { streamName: name as string, shardCount, retentionHours };
}

/** A peer given as a security group or a network, as the entries' `...Access` objects give it. */
export function accessPeer(access: { securityGroupId?: string; cidr?: string }, name: string) {
  return access.securityGroupId !== undefined ? Peer.securityGroup(access.securityGroupId, name) : Peer.ipv4(access.cidr as string);
}

export const kinesisTarget: TargetEngine<typeof kinesisTargetSchema> = {
  engine: "kinesis",
  schema: kinesisTargetSchema,
  settingsKey: "KinesisSettings",
  refusesTaskSettings: STREAM_REFUSED_TASK_SETTINGS,
  takesObjectMapping: true,
  objectMappingProblems: (_target, rules, indexes) => streamObjectMappingProblems("Kinesis", rules, indexes),
  problems: (target) => [
    ...fileProblems(KINESIS_TARGET_RULES, endpointSettings(target)),
    ...(target.stream.existingStreamArn === undefined
      ? nestProblems(["stream"], fileProblems(KINESIS_STREAM_RULES, streamSettings(target), { streamName: "name" }))
      : []),
  ],
  build: (scope, name, target, context) => {
    const { stream } = target;
    const kinesisStream =
      stream.existingStreamArn !== undefined
        ? KinesisStream.fromArn(scope, `Stream-${name}`, { streamArn: stream.existingStreamArn, kmsKeyArn: stream.kmsKeyArn })
        : new KinesisStream(scope, `Stream-${name}`, {
            projectName: context.projectName,
            environment: context.environment,
            ...streamSettings(target),
            kmsKeyArn: context.kmsKeyArn,
          });
    return new KinesisTargetEndpoint(scope, `Target-${name}`, {
      ...endpointSettings(target),
      projectName: context.projectName,
      environment: context.environment,
      stream: kinesisStream,
      apiPeer: accessPeer(target.apiAccess, `kinesis-api-${name}`),
    });
  },
};
