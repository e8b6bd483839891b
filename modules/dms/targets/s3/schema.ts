import { z } from "zod";
import {
  S3_DATA_FORMATS,
  S3_DATE_PARTITION_DELIMITERS,
  S3_DATE_PARTITION_SEQUENCES,
  S3_ENCRYPTION_MODES,
  S3_PARQUET_VERSIONS,
} from "./endpoint";
import { dmsId } from "../../../core/identifiers";
import { RenamedKeys } from "../../endpoints/entry-schema";
import { bucketNameProblem } from "../../../storage/dms-target-bucket";

const endpointId = dmsId("an endpoint id");

const bucketName = z.string().superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A KMS key ARN: IAM grants cannot name an alias, so aliases are refused here. */
const kmsKeyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, "a KMS key ARN such as arn:aws:kms:eu-west-2:123456789012:key/<id> (not an alias)");

const folder = (what: string) =>
  z.string().min(1).describe(`${what}: a relative folder such as dms/orders, no leading or trailing slash`);

/** Keys only a bucket created by the stack can have. */
const CREATED_BUCKET_KEYS = ["name", "forceDestroy", "noncurrentVersionExpirationDays", "accessLogBucketName"] as const;

const bucketSchema = z
  .strictObject({
    name: bucketName.optional().describe("Name of the bucket to create; default: a unique name starting <projectName>-<environment>-dms-"),
    forceDestroy: z.boolean().optional().describe("Created bucket: let terraform destroy delete it with its objects; default false"),
    noncurrentVersionExpirationDays: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Created bucket: days old object versions are kept; default 30"),
    accessLogBucketName: bucketName.optional().describe("Created bucket: write S3 server access logs to this existing bucket (SSE-S3, writable by logging.s3.amazonaws.com; Security Hub S3.9)"),
    existingBucketName: bucketName.optional().describe("Use this bucket (in the replication instance's region) instead of creating one"),
    kmsKeyArn: kmsKeyArn
      .optional()
      .describe("Customer-managed key: for a created bucket, used instead of a new key; for an existing bucket, the key it encrypts with (omit when it uses SSE-S3)"),
    ownerAccountId: z.string().regex(/^\d{12}$/, "a 12-digit AWS account id").optional().describe("Existing bucket: the account that owns it, checked by DMS"),
  })
  .superRefine((bucket, ctx) => {
    if (bucket.existingBucketName !== undefined) {
      for (const key of CREATED_BUCKET_KEYS) {
        if (bucket[key] !== undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: "only applies to a bucket created here; remove it, or remove existingBucketName" });
        }
      }
    } else if (bucket.ownerAccountId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["ownerAccountId"], message: "only applies with existingBucketName; a created bucket is the stack's account's" });
    }
  })
  .describe("The bucket DMS writes to: created (default, encrypted with KMS, versioned, TLS only) or existingBucketName");

/** An S3 target in an environment file: where DMS writes, in which format, and how change files are laid out. */
export const s3TargetSchema = z
  .strictObject({
    engine: z.literal("s3").optional().describe("s3 (the default, for files written before other targets existed)"),
    endpointId: endpointId.describe("DMS endpoint id, such as target-orders-lake"),
    bucket: bucketSchema.default({}),
    bucketFolder: folder("Folder in the bucket; tables go to <bucketFolder>/<schema>/<table>/").optional(),
    dataFormat: z.enum(S3_DATA_FORMATS).default("parquet"),
    parquetVersion: z.enum(S3_PARQUET_VERSIONS).optional().describe("Parquet only; default parquet-2-0"),
    parquetTimestampInMillisecond: z.boolean().optional().describe("Parquet only: millisecond timestamps for Athena and Glue; default true"),
    cdcPath: folder("Folder for change files, under bucketFolder when one is set; needed by preserveTransactions").optional(),
    timestampColumnName: z.string().min(1).optional().describe("Adds a column with the transfer or commit time under this name"),
    datePartitionEnabled: z.boolean().default(false).describe("Put change files in folders by commit date"),
    datePartitionSequence: z.enum(S3_DATE_PARTITION_SEQUENCES).optional().describe("With datePartitionEnabled; default YYYYMMDD"),
    datePartitionDelimiter: z.enum(S3_DATE_PARTITION_DELIMITERS).optional().describe("With datePartitionEnabled; default SLASH"),
    datePartitionTimezone: z.string().optional().describe("With datePartitionEnabled: Area/Location such as Europe/London; default UTC"),
    includeOpForFullLoad: z.boolean().default(false).describe("Mark full-load rows with the I operation"),
    cdcInsertsOnly: z.boolean().default(false).describe("Write only inserts from change capture"),
    cdcInsertsAndUpdates: z.boolean().default(false).describe("Write only inserts and updates from change capture"),
    preserveTransactions: z.boolean().default(false).describe("Write change files in transaction order under cdcPath (always .csv)"),
    encryptionMode: z.enum(S3_ENCRYPTION_MODES).optional().describe("Default: SSE_KMS with the bucket's key; SSE_S3 only for an existing bucket without one"),
  })
  .describe("A DMS target endpoint writing to S3 (Parquet by default)");

export type S3TargetConfig = z.output<typeof s3TargetSchema>;

/** The file keys of releases before the entry took the props' names. */
export const S3_RENAMED_KEYS: RenamedKeys = { folder: "bucketFolder" };

/** Whether the entry's bucket encrypts with a customer-managed key: a created bucket always does. */
export const bucketHasKey = (target: S3TargetConfig) => target.bucket.kmsKeyArn !== undefined || target.bucket.existingBucketName === undefined;
