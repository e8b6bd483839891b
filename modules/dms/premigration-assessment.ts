import { validateProps } from "../core/rules";
import { Construct } from "constructs";
import { Token } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsAccount } from "../core/aws-account";
import { ValidationError } from "../core/errors";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { dmsTrustPolicy } from "../core/trust-policy";
import { DmsTargetBucket } from "../storage/dms-target-bucket";

export interface PremigrationAssessmentProps extends ProjectEnvironment {
  /** The environment's customer-managed key, which encrypts the results. @default - a key made for the bucket */
  readonly kmsKeyArn?: string;
  /** Let `terraform destroy` delete the bucket with the results in it. @default false */
  readonly forceDestroy?: boolean;
}

/** A name for an assessment object: lower case, letters, digits and hyphens. */
function baseName(context: ProjectEnvironment): string {
  return `${context.projectName}-${context.environment}`.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-{2,}/g, "-");
}

/** Room for `-<12-digit account id>` in a 63-character bucket name. */
const MAX_BUCKET_BASE = 63 - 13;

/**
 * Where DMS premigration assessments (StartReplicationTaskAssessmentRun) write their results, and the role DMS
 * uses to write them, as AWS documents the prerequisites:
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.AssessmentReport.Prerequisites.html
 *
 * The bucket is named `<project>-<environment>-dms-assessment-<account id>` (so the operations CLI finds it
 * from the synthesized stack), encrypted with SSE-KMS, TLS only, with every public access blocked and ACLs
 * disabled (see DmsTargetBucket). The role trusts the DMS service principals only for this account
 * (`aws:SourceAccount`, the confused-deputy guard) and may only write and read results in this bucket, with its key.
 */
export class PremigrationAssessment extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly roleArn: string;
  readonly roleName: string;
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: PremigrationAssessmentProps) {
    super(scope, id);
    validateProps(this, props);
    const account = AwsAccount.of(this);
    const base = `${baseName(props)}-dms-assessment`;
    if (base.length > MAX_BUCKET_BASE) {
      throw new ValidationError(this, `the bucket name ${base}-<account id> would be longer than 63 characters; shorten the project or environment name`);
    }
    const bucket = new DmsTargetBucket(this, "Bucket", {
      ...props,
      bucketName: `${base}-${account.accountId}`,
      forceDestroy: props.forceDestroy ?? false,
    });
    // IAM role names stop at 64 characters.
    const roleName = base.slice(0, 64);
    const role = new IamRole(this, "Role", {
      name: roleName,
      description: "Used by AWS DMS to write premigration assessment results",
      assumeRolePolicy: dmsTrustPolicy(this),
      tags: projectTags(props, roleName),
    });
    new IamRolePolicy(this, "WriteResults", {
      role: role.name,
      name: "write-assessment-results",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "Results", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:PutObjectTagging"], Resource: `${bucket.bucketArn}/*` },
          { Sid: "Bucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: bucket.bucketArn },
          { Sid: "Key", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: bucket.kmsKeyArn },
        ],
      }),
    });
    if (!Token.isUnresolved(roleName) && !/^[\w+=,.@-]{1,64}$/.test(roleName)) throw new ValidationError(this, `"${roleName}" is not an IAM role name`);
    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
    this.roleArn = role.arn;
    this.roleName = roleName;
    this.kmsKeyArn = bucket.kmsKeyArn;
  }
}
