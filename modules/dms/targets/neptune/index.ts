import { fileProblems } from "../../../core/rules";
import { DmsTargetBucket } from "../../../storage/dms-target-bucket";
import { TargetEngine } from "../target-engine";
import { NeptuneTargetEndpoint } from "./endpoint";
import { NEPTUNE_TARGET_RULES } from "./rules";
import { NeptuneTargetConfig, neptuneTargetSchema } from "./schema";

function endpointSettings(target: NeptuneTargetConfig) {
  const { engine: _engine, bucket: _bucket, ...settings } = target;
  return settings;
}

export const neptuneTarget: TargetEngine<typeof neptuneTargetSchema> = {
  engine: "neptune",
  schema: neptuneTargetSchema,
  settingsKey: "NeptuneSettings",
  problems: (target) => fileProblems(NEPTUNE_TARGET_RULES, endpointSettings(target)),
  build: (scope, name, target, context) => {
    const bucket = new DmsTargetBucket(scope, `Bucket-${name}`, {
      projectName: context.projectName,
      environment: context.environment,
      bucketName: target.bucket.name,
      kmsKeyArn: context.kmsKeyArn,
      forceDestroy: target.bucket.forceDestroy,
      noncurrentVersionExpirationDays: target.bucket.noncurrentVersionExpirationDays,
    });
    return new NeptuneTargetEndpoint(scope, `Target-${name}`, {
      ...endpointSettings(target),
      projectName: context.projectName,
      environment: context.environment,
      bucket,
    });
  },
};

export { NeptuneTargetEndpoint } from "./endpoint";
export type { NeptuneTargetEndpointProps, NeptuneTargetSettings } from "./endpoint";
export type { GraphMapping, GremlinRule, R2rmlMapping } from "./graph-mapping";
