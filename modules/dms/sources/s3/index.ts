import { fileProblems } from "../../../core/rules";
import { DmsTargetBucket } from "../../../storage/dms-target-bucket";
import { SourceEngine } from "../source-engine";
import { S3SourceEndpoint } from "./endpoint";
import { s3SourceRules } from "./rules";
import { s3SourceSchema } from "./schema";

/** Amazon S3 as a source (DMS engine `s3`): no login, so no SSM parameters. */
export const s3Source: SourceEngine<typeof s3SourceSchema> = {
  engine: "s3",
  schema: s3SourceSchema,
  settingsKey: "S3Settings",
  capturesChanges: (source) => source.cdcPath !== undefined,
  problems: ({ engine: _engine, bucket: _bucket, ...view }) => fileProblems(s3SourceRules(view), view),
  parameterNames: () => ({ passwordParameterNames: [] }),
  build: (scope, id, source, context) => {
    const { engine: _engine, bucket, ...options } = source;
    const sourceBucket =
      bucket.existingBucketName !== undefined
        ? DmsTargetBucket.fromExisting(scope, `${id}-Bucket`, { bucketName: bucket.existingBucketName, kmsKeyArn: bucket.kmsKeyArn, ownerAccountId: bucket.ownerAccountId })
        : new DmsTargetBucket(scope, `${id}-Bucket`, {
            projectName: context.projectName,
            environment: context.environment,
            bucketName: bucket.name,
            kmsKeyArn: bucket.kmsKeyArn ?? context.kmsKeyArn,
            forceDestroy: bucket.forceDestroy,
          });
    return new S3SourceEndpoint(scope, id, { ...options, projectName: context.projectName, environment: context.environment, bucket: sourceBucket });
  },
};

export { S3SourceEndpoint } from "./endpoint";
export type { S3SourceEndpointProps } from "./endpoint";
export type { S3SourceColumn, S3SourceColumnType, S3SourceTable } from "./table-definition";
