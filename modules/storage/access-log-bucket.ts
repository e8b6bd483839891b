import { validateProps } from "../core/rules";
import { Construct } from "constructs";
import { Token } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { AwsAccount } from "../core/aws-account";
import { ValidationError } from "../core/errors";
import { ProjectEnvironment, projectTags } from "../core/project-environment";

export interface AccessLogBucketProps extends ProjectEnvironment {
  /** @default - a unique name starting `<projectName>-<environment>-access-logs-` */
  readonly bucketName?: string;
  /** Days access logs are kept. @default 90 */
  readonly expirationDays?: number;
  /** Let `terraform destroy` delete the bucket with the logs in it. @default false */
  readonly forceDestroy?: boolean;
}

/**
 * A bucket that receives S3 server access logs (Security Hub S3.9) of the stack's buckets. Encrypted with
 * SSE-S3, because server access logging cannot write to a bucket whose default encryption is SSE-KMS
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html); private, TLS
 * only, and written to only by the S3 logging service for buckets of the stack's account. It does not log
 * its own access, which would log every log delivery.
 */
export class AccessLogBucket extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    validateProps(this, props);
    const expirationDays = props.expirationDays ?? 90;
    if (!Token.isUnresolved(expirationDays) && (!Number.isInteger(expirationDays) || expirationDays < 1)) {
      throw new ValidationError(this, `\`expirationDays\` ${expirationDays} must be a whole number of days, at least 1`);
    }
    const prefix = `${props.projectName}-${props.environment}-access-logs-`.toLowerCase().slice(0, 37);
    const tags = projectTags(props, props.bucketName ?? prefix.slice(0, -1));
    const bucket = new S3Bucket(this, "Bucket", {
      ...(props.bucketName !== undefined ? { bucket: props.bucketName } : { bucketPrefix: prefix }),
      forceDestroy: props.forceDestroy ?? false,
      tags,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "OwnershipControls", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    const account = AwsAccount.of(this);
    new S3BucketPolicy(this, "Policy", {
      bucket: bucket.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucket.arn, `${bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          {
            // https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
            Sid: "S3ServerAccessLogsOfThisAccount",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucket.arn}/*`,
            Condition: {
              StringEquals: { "aws:SourceAccount": account.accountId },
              ArnLike: { "aws:SourceArn": `arn:${account.partition}:s3:::*` },
            },
          },
        ],
      }),
      dependsOn: [publicAccess],
    });
    new S3BucketLifecycleConfiguration(this, "Lifecycle", {
      bucket: bucket.id,
      rule: [{ id: "expire-access-logs", status: "Enabled", filter: [{}], expiration: [{ days: expirationDays }] }],
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
  }
}
