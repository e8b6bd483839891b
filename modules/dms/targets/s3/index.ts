import { DmsTargetBucket } from "../../../storage/dms-target-bucket";
import { TargetEngine } from "../target-engine";
import { S3TargetEndpoint } from "./endpoint";
import { fileProblems } from "../../../core/rules";
import { S3_TARGET_RULES } from "./rules";
import { S3_RENAMED_KEYS, bucketHasKey, s3TargetSchema } from "./schema";

export const s3Target: TargetEngine<typeof s3TargetSchema> = {
  engine: "s3",
  schema: s3TargetSchema,
  settingsKey: "S3Settings",
  renamedKeys: S3_RENAMED_KEYS,
  problems: (target) => fileProblems(S3_TARGET_RULES, { ...target, bucketHasKey: bucketHasKey(target) }),
  build: (scope, name, target, context) => {
    const { engine: _engine, bucket, ...options } = target;
    const targetBucket =
      bucket.existingBucketName !== undefined
        ? DmsTargetBucket.fromExisting(scope, `Bucket-${name}`, {
            bucketName: bucket.existingBucketName,
            kmsKeyArn: bucket.kmsKeyArn,
            ownerAccountId: bucket.ownerAccountId,
          })
        : new DmsTargetBucket(scope, `Bucket-${name}`, {
            projectName: context.projectName,
            environment: context.environment,
            bucketName: bucket.name,
            kmsKeyArn: bucket.kmsKeyArn ?? context.kmsKeyArn,
            forceDestroy: bucket.forceDestroy,
            noncurrentVersionExpirationDays: bucket.noncurrentVersionExpirationDays,
            accessLogs: bucket.accessLogBucketName === undefined ? undefined : { bucketName: bucket.accessLogBucketName },
          });
    return new S3TargetEndpoint(scope, `Target-${name}`, {
      ...options,
      projectName: context.projectName,
      environment: context.environment,
      bucket: targetBucket,
    });
  },
};

// The engine's public surface; its option rules and role policy stay inside the folder.
export { S3TargetEndpoint } from "./endpoint";
export type {
  S3DataFormat,
  S3DatePartitionDelimiter,
  S3DatePartitionSequence,
  S3EncryptionMode,
  S3ParquetVersion,
  S3TargetEndpointProps,
  S3TargetOptions,
} from "./endpoint";
