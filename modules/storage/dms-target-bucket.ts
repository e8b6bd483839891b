import { validateProps } from "../core/rules";
import { Construct } from "constructs";
import { ITerraformDependable, Token } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { AwsAccount } from "../core/aws-account";
import { ValidationError } from "../core/errors";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { claimAwsName } from "../core/unique-names";
import { useProvider } from "../core/provider-scope";

/** An S3 bucket DMS writes to, created by this project or referenced. */
export interface IDmsTargetBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  /** The customer-managed KMS key objects are encrypted with; undefined when the bucket uses SSE-S3. */
  readonly kmsKeyArn?: string;
  /** The account that owns the bucket, when known; S3 endpoints refuse a bucket owned by anyone else. */
  readonly ownerAccountId?: string;
  /** What must exist before anything writes to the bucket (its encryption, public access block and policy). */
  readonly dependables: ITerraformDependable[];
}

export interface DmsTargetBucketProps extends ProjectEnvironment {
  /** Name of the bucket to create. @default - a unique name starting `<projectName>-<environment>-dms-` */
  readonly bucketName?: string;
  /** ARN of a customer-managed KMS key (not an alias) to encrypt objects with. @default - a key created here, rotated yearly, with an alias */
  readonly kmsKeyArn?: string;
  /** Let `terraform destroy` delete the bucket with every object and version in it. @default false */
  readonly forceDestroy?: boolean;
  /**
   * Days an overwritten or deleted object version is kept. Versioning is on, and AWS warns that old versions
   * left to pile up make the endpoint's list calls time out; they are expired after this many days.
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Where S3 server access logs of the bucket go (Security Hub S3.9): a bucket the stack makes
   * (`AccessLogBucket`) or names. It must accept logs from this bucket (SSE-S3, a policy for
   * `logging.s3.amazonaws.com`). @default - no server access logging
   */
  readonly accessLogs?: { readonly bucketName: string; readonly prefix?: string };
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

export interface ExistingDmsTargetBucketAttributes {
  readonly bucketName: string;
  /** ARN of the customer-managed KMS key the bucket encrypts with (not an alias). @default - the bucket uses SSE-S3 */
  readonly kmsKeyArn?: string;
  /** Account that owns the bucket, checked by DMS before it writes. @default - not checked */
  readonly ownerAccountId?: string;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
/** Terraform adds 26 characters to a `bucket_prefix`, and bucket names stop at 63. */
const MAX_BUCKET_PREFIX = 37;

/** Why `name` cannot be an S3 bucket name, or undefined when it can (AWS's general-purpose bucket naming rules). */
export function bucketNameProblem(name: string): string | undefined {
  if (Token.isUnresolved(name)) return undefined;
  if (!BUCKET_NAME.test(name) || name.includes("..") || IP_ADDRESS.test(name)) {
    return `"${name}" is not an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, not an IP address`;
  }
  if (name.startsWith("xn--") || name.startsWith("sthree-") || name.endsWith("-s3alias") || name.endsWith("--ol-s3")) {
    return `"${name}" uses a prefix or suffix S3 reserves`;
  }
  return undefined;
}

function checkKmsKeyArn(scope: Construct, kmsKeyArn: string | undefined): void {
  if (kmsKeyArn !== undefined && !Token.isUnresolved(kmsKeyArn) && !KMS_KEY_ARN.test(kmsKeyArn)) {
    throw new ValidationError(
      scope,
      `\`kmsKeyArn\` "${kmsKeyArn}" must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); an alias cannot be granted in IAM policies`,
    );
  }
}

function checkBucketName(scope: Construct, name: string): void {
  const problem = bucketNameProblem(name);
  if (problem) throw new ValidationError(scope, `\`bucketName\` ${problem}`);
}

/** `<project>-<environment>-dms-`, shortened to what `bucket_prefix` allows. */
function bucketPrefix(context: ProjectEnvironment): string {
  const base = `${context.projectName}-${context.environment}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-");
  const head = base.slice(0, MAX_BUCKET_PREFIX - "-dms-".length).replace(/^-+|-+$/g, "");
  return head === "" ? "dms-target-" : `${head}-dms-`;
}

/**
 * The bucket policy of a DMS target bucket: no request without TLS, and no object written with any
 * encryption other than SSE-KMS. An upload that names no encryption gets the bucket's default (SSE-KMS
 * with the bucket key), so only an explicit request for another kind is refused.
 */
export function dmsTargetBucketPolicy(bucketArn: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyEncryptionOtherThanKms",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${bucketArn}/*`,
        Condition: {
          StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
          Null: { "s3:x-amz-server-side-encryption": "false" },
        },
      },
    ],
  };
}

/**
 * The IAM statements a service role needs to stage files in one folder of a DMS bucket: read, write and delete its
 * objects, list only that folder, find the bucket, and use the bucket's key through S3 only (Redshift and Neptune
 * targets load from such a folder).
 */
export function stagingFolderStatements(bucket: IDmsTargetBucket, folder: string, region: string, dnsSuffix: string): Record<string, unknown>[] {
  return [
    { Sid: "StagingObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], Resource: `${bucket.bucketArn}/${folder}/*` },
    {
      Sid: "ListStagingFolder",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucket.bucketArn,
      Condition: { StringLike: { "s3:prefix": [folder, `${folder}/*`] } },
    },
    { Sid: "BucketLocation", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: bucket.bucketArn },
    {
      Sid: "UseBucketKeyThroughS3",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: bucket.kmsKeyArn,
      Condition: { StringEquals: { "kms:ViaService": `s3.${region}.${dnsSuffix}` } },
    },
  ];
}

/**
 * An S3 bucket for DMS output, secure by default: SSE-KMS with a customer-managed key and the S3 bucket key,
 * versioning (with old versions expired), every public access blocked, ACLs disabled (bucket owner enforced),
 * and a policy refusing requests without TLS and uploads with any other encryption. Objects DMS writes are the
 * bucket's. `DmsTargetBucket.fromExisting` uses a bucket created elsewhere. The bucket must be in the
 * replication instance's region; a created bucket is in the stack's.
 */
export class DmsTargetBucket extends Construct implements IDmsTargetBucket {
  /** A bucket that already exists; nothing is created. */
  static fromExisting(scope: Construct, id: string, attributes: ExistingDmsTargetBucketAttributes): IDmsTargetBucket {
    class Existing extends Construct implements IDmsTargetBucket {
      readonly bucketName = attributes.bucketName;
      readonly kmsKeyArn = attributes.kmsKeyArn;
      readonly ownerAccountId = attributes.ownerAccountId;
      readonly dependables: ITerraformDependable[] = [];
      /** Built from the stack's partition, looked up only when asked for. */
      get bucketArn(): string {
        return `arn:${AwsAccount.of(this).partition}:s3:::${this.bucketName}`;
      }
    }
    const existing = new Existing(scope, id);
    checkBucketName(existing, attributes.bucketName);
    checkKmsKeyArn(existing, attributes.kmsKeyArn);
    if (attributes.ownerAccountId !== undefined && !Token.isUnresolved(attributes.ownerAccountId) && !/^\d{12}$/.test(attributes.ownerAccountId)) {
      throw new ValidationError(existing, `\`ownerAccountId\` "${attributes.ownerAccountId}" is not a 12-digit AWS account id`);
    }
    return existing;
  }

  readonly bucketName: string;
  readonly bucketArn: string;
  readonly kmsKeyArn: string;
  readonly ownerAccountId: string;
  readonly dependables: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: DmsTargetBucketProps) {
    super(scope, id);
    useProvider(this, props.provider);
    validateProps(this, props);
    if (props.bucketName !== undefined) checkBucketName(this, props.bucketName);
    checkKmsKeyArn(this, props.kmsKeyArn);
    const expirationDays = props.noncurrentVersionExpirationDays ?? 30;
    if (!Token.isUnresolved(expirationDays) && (!Number.isInteger(expirationDays) || expirationDays < 1)) {
      throw new ValidationError(this, `\`noncurrentVersionExpirationDays\` ${expirationDays} must be a whole number of days, at least 1`);
    }

    const prefix = bucketPrefix(props);
    const tags = projectTags(props, props.bucketName ?? `${prefix.slice(0, -1)}`, props.additionalTags);

    let kmsKeyArn = props.kmsKeyArn;
    if (kmsKeyArn === undefined) {
      // No key policy is given, so the key gets AWS's default one: the account administers and uses it
      // through IAM, which is how the DMS role below and readers elsewhere are granted it.
      const key = new KmsKey(this, "Key", {
        description: `Encrypts the DMS output in S3 bucket ${props.bucketName ?? `${prefix}*`}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags,
      });
      new KmsAlias(this, "KeyAlias", {
        ...(props.bucketName !== undefined && !Token.isUnresolved(props.bucketName)
          ? { name: `alias/dms-target/${props.bucketName.replace(/\./g, "-")}` }
          : { namePrefix: `alias/dms-target/${prefix}` }),
        targetKeyId: key.keyId,
      });
      kmsKeyArn = key.arn;
    }

    if (props.bucketName !== undefined) claimAwsName(this, "S3 bucket", props.bucketName);
    const bucket = new S3Bucket(this, "Bucket", {
      ...(props.bucketName !== undefined ? { bucket: props.bucketName } : { bucketPrefix: prefix }),
      forceDestroy: props.forceDestroy ?? false,
      tags,
    });
    const versioning = new S3BucketVersioningA(this, "Versioning", {
      bucket: bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true }],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "OwnershipControls", {
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    // S3 refuses concurrent changes to one bucket's configuration; the policy waits for the access block.
    const policy = new S3BucketPolicy(this, "Policy", {
      bucket: bucket.id,
      policy: JSON.stringify(dmsTargetBucketPolicy(bucket.arn)),
      dependsOn: [publicAccess],
    });
    new S3BucketLifecycleConfiguration(this, "Lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-old-versions",
          status: "Enabled",
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: expirationDays }],
          expiration: [{ expiredObjectDeleteMarker: true }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [versioning],
    });

    if (props.accessLogs) {
      checkBucketName(this, props.accessLogs.bucketName);
      new S3BucketLoggingA(this, "AccessLogs", {
        bucket: bucket.id,
        targetBucket: props.accessLogs.bucketName,
        targetPrefix: props.accessLogs.prefix ?? `${props.bucketName ?? prefix}/`,
      });
    }

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.kmsKeyArn = kmsKeyArn;
    this.ownerAccountId = AwsAccount.of(this).accountId;
    this.dependables = [encryption, publicAccess, policy];
  }
}
