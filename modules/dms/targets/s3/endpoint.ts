import { IConnectable } from "../../../network/connections";
import { Construct } from "constructs";
import { DmsS3Endpoint } from "@cdktf/provider-aws/lib/dms-s3-endpoint";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsAccount } from "../../../core/aws-account";
import { validateProps } from "../../../core/rules";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { replaceTrigger } from "../../../core/replace-trigger";
import { dmsTrustPolicy } from "../../../core/trust-policy";
import { IPeer } from "../../../network/peer";
import { servicePrefixListPeer } from "../../../network/service-prefix-lists";
import { IDmsTargetBucket } from "../../../storage/dms-target-bucket";
import { ITargetEndpoint } from "../../endpoints/endpoint";
import { S3_TARGET_RULES } from "./rules";
import { claimAwsName } from "../../../core/unique-names";
import { useProvider } from "../../../core/provider-scope";

export const S3_DATA_FORMATS = ["parquet", "csv"] as const;
export const S3_PARQUET_VERSIONS = ["parquet-1-0", "parquet-2-0"] as const;
export const S3_DATE_PARTITION_SEQUENCES = ["YYYYMMDD", "YYYYMMDDHH", "YYYYMM", "MMYYYYDD", "DDMMYYYY"] as const;
export const S3_DATE_PARTITION_DELIMITERS = ["SLASH", "UNDERSCORE", "DASH", "NONE"] as const;
export const S3_ENCRYPTION_MODES = ["SSE_KMS", "SSE_S3"] as const;

export type S3DataFormat = (typeof S3_DATA_FORMATS)[number];
export type S3ParquetVersion = (typeof S3_PARQUET_VERSIONS)[number];
export type S3DatePartitionSequence = (typeof S3_DATE_PARTITION_SEQUENCES)[number];
export type S3DatePartitionDelimiter = (typeof S3_DATE_PARTITION_DELIMITERS)[number];
export type S3EncryptionMode = (typeof S3_ENCRYPTION_MODES)[number];

/**
 * What DMS writes to S3 and how (API `S3Settings`: https://docs.aws.amazon.com/dms/latest/APIReference/API_S3Settings.html;
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.S3.html).
 */
export interface S3TargetOptions {
  /** Folder in the bucket, such as `dms/orders`; tables go to `<folder>/<schema>/<table>/`. @default - the bucket's root */
  readonly bucketFolder?: string;
  /** @default "parquet" */
  readonly dataFormat?: S3DataFormat;
  /** Parquet only. @default "parquet-2-0" */
  readonly parquetVersion?: S3ParquetVersion;
  /** Parquet only: millisecond timestamps, the precision Athena and Glue read. @default true */
  readonly parquetTimestampInMillisecond?: boolean;
  /**
   * Folder for change files, under `bucketFolder` when one is set; needed by `preserveTransactions`.
   * @default - change files go with the full-load files, in each table's folder
   */
  readonly cdcPath?: string;
  /** Adds a column holding the transfer time (full load) or commit time (CDC) under this name. @default - none */
  readonly timestampColumnName?: string;
  /** Put change files in folders by commit date. @default false */
  readonly datePartitionEnabled?: boolean;
  /** With `datePartitionEnabled`. @default "YYYYMMDD" */
  readonly datePartitionSequence?: S3DatePartitionSequence;
  /** With `datePartitionEnabled`. @default "SLASH" */
  readonly datePartitionDelimiter?: S3DatePartitionDelimiter;
  /** With `datePartitionEnabled`: the time zone of folder and file names, as Area/Location such as `Europe/London`. @default - UTC */
  readonly datePartitionTimezone?: string;
  /** Mark full-load rows with the `I` operation, like change rows (AWS documents it for .csv output). @default false */
  readonly includeOpForFullLoad?: boolean;
  /** Write only inserts from change capture. @default false */
  readonly cdcInsertsOnly?: boolean;
  /** Write only inserts and updates from change capture. @default false */
  readonly cdcInsertsAndUpdates?: boolean;
  /** Write change files in transaction order under `cdcPath` (always .csv, DMS 3.4.2+). @default false */
  readonly preserveTransactions?: boolean;
}

export interface S3TargetEndpointProps extends ProjectEnvironment, S3TargetOptions {
  /** Such as `target-orders-lake`. */
  readonly endpointId: string;
  /** The bucket DMS writes to: `new DmsTargetBucket(...)` or `DmsTargetBucket.fromExisting(...)`. */
  readonly bucket: IDmsTargetBucket;
  /**
   * Server-side encryption of the objects DMS writes. `SSE_KMS` uses the bucket's customer-managed key;
   * `SSE_S3` is only for a bucket without one. AWS can later move an endpoint from SSE_KMS to SSE_S3, not back.
   * @default - "SSE_KMS" when the bucket has a KMS key, otherwise "SSE_S3"
   */
  readonly encryptionMode?: S3EncryptionMode;
  /**
   * Where the replication instance reaches S3 on HTTPS. Give the security group of an S3 interface endpoint
   * (`Peer.securityGroup`) when the VPC uses one.
   * @default - the region's S3 prefix list, for a gateway endpoint or NAT
   */
  readonly s3Peer?: IPeer;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}



/**
 * An S3 target endpoint (`aws_dms_s3_endpoint`, not the deprecated `s3_settings` of `aws_dms_endpoint`):
 * Parquet by default with millisecond timestamps for Athena and Glue, objects encrypted with the bucket's KMS
 * key, and a service-access role created here that may write only under the endpoint's folder, list only that
 * folder and use only the bucket's key.
 */
export class S3TargetEndpoint extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  /** The role DMS assumes to write to the bucket. */
  readonly serviceAccessRoleArn: string;
  private readonly s3Peer?: IPeer;

  constructor(scope: Construct, id: string, props: S3TargetEndpointProps) {
    super(scope, id);
    useProvider(this, props.provider);
    claimAwsName(this, "DMS endpoint", props.endpointId);
    const { bucket } = props;
    validateProps(this, { ...props, bucketHasKey: bucket.kmsKeyArn !== undefined }, S3_TARGET_RULES);
    const encryptionMode = props.encryptionMode ?? (bucket.kmsKeyArn === undefined ? "SSE_S3" : "SSE_KMS");

    const tags = projectTags(props, props.endpointId, props.additionalTags);
    const role = new IamRole(this, "AccessRole", {
      namePrefix: "dms-s3-",
      description: `Lets DMS write the output of endpoint ${props.endpointId} to S3`,
      assumeRolePolicy: dmsTrustPolicy(this),
      tags,
    });
    const policy = new IamRolePolicy(this, "WriteObjects", {
      role: role.id,
      name: "write-dms-output",
      policy: JSON.stringify(s3TargetRolePolicy(this, bucket, props.bucketFolder, encryptionMode === "SSE_KMS")),
    });

    // DMS cannot move an endpoint from SSE_S3 to SSE_KMS in place (`EncryptionMode` in
    // https://docs.aws.amazon.com/dms/latest/APIReference/API_S3Settings.html): a new encryption mode replaces the endpoint
    // instead of failing at apply.
    const encryptionTrigger = replaceTrigger(this, "EncryptionTrigger", { encryption_mode: encryptionMode });
    const parquet = (props.dataFormat ?? "parquet") === "parquet";
    const endpoint = new DmsS3Endpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "target",
      bucketName: bucket.bucketName,
      bucketFolder: props.bucketFolder,
      expectedBucketOwner: bucket.ownerAccountId,
      serviceAccessRoleArn: role.arn,
      dataFormat: parquet ? "parquet" : "csv",
      parquetVersion: parquet ? props.parquetVersion ?? "parquet-2-0" : undefined,
      parquetTimestampInMillisecond: parquet ? props.parquetTimestampInMillisecond ?? true : undefined,
      encryptionMode,
      serverSideEncryptionKmsKeyId: encryptionMode === "SSE_KMS" ? bucket.kmsKeyArn : undefined,
      cdcPath: props.cdcPath,
      timestampColumnName: props.timestampColumnName,
      datePartitionEnabled: props.datePartitionEnabled ?? false,
      datePartitionSequence: props.datePartitionEnabled ? props.datePartitionSequence ?? "YYYYMMDD" : undefined,
      datePartitionDelimiter: props.datePartitionEnabled ? props.datePartitionDelimiter ?? "SLASH" : undefined,
      datePartitionTimezone: props.datePartitionTimezone,
      includeOpForFullLoad: props.includeOpForFullLoad ?? false,
      cdcInsertsOnly: props.cdcInsertsOnly ?? false,
      cdcInsertsAndUpdates: props.cdcInsertsAndUpdates ?? false,
      preserveTransactions: props.preserveTransactions ?? false,
      tags,
      // DMS may write as soon as a task starts: the role's policy and the bucket's encryption, access block
      // and TLS-only policy are in place first.
      dependsOn: [policy, ...bucket.dependables],
      lifecycle: { replaceTriggeredBy: [encryptionTrigger] },
    });

    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.serviceAccessRoleArn = role.arn;
    this.s3Peer = props.s3Peer;
  }

  /** DMS reaches S3 over HTTPS: one egress rule on the instance's security group, port 443, to S3 only. */
  allowConnectionsFrom(runner: IConnectable): void {
    const peer = this.s3Peer ?? servicePrefixListPeer(this, "s3");
    runner.connections.allowTo(peer, 443, "HTTPS to Amazon S3 (DMS S3 target)");
  }
}

/**
 * The least privilege DMS needs to write to S3: put, delete and tag objects under the folder only, list only
 * that folder, and use only the bucket's key, and only through S3.
 */
export function s3TargetRolePolicy(
  scope: Construct,
  bucket: IDmsTargetBucket,
  bucketFolder: string | undefined,
  useKmsKey: boolean,
): Record<string, unknown> {
  const statements: Record<string, unknown>[] = [
    {
      Sid: "WriteObjects",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"],
      Resource: bucketFolder === undefined ? `${bucket.bucketArn}/*` : `${bucket.bucketArn}/${bucketFolder}/*`,
    },
    {
      Sid: "ListBucket",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucket.bucketArn,
      ...(bucketFolder === undefined ? {} : { Condition: { StringLike: { "s3:prefix": [bucketFolder, `${bucketFolder}/*`] } } }),
    },
  ];
  if (useKmsKey && bucket.kmsKeyArn !== undefined) {
    const { region, dnsSuffix } = AwsAccount.of(scope);
    statements.push({
      Sid: "UseBucketKeyThroughS3",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: bucket.kmsKeyArn,
      Condition: { StringEquals: { "kms:ViaService": `s3.${region}.${dnsSuffix}` } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
