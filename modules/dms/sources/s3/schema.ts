import { z } from "zod";
import { dmsId } from "../../../core/identifiers";
import { bucketNameProblem } from "../../../storage/dms-target-bucket";
import { S3_SOURCE_COLUMN_TYPES } from "./table-definition";

const bucketName = z.string().superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
const kmsKeyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, "a KMS key ARN such as arn:aws:kms:eu-west-2:123456789012:key/<id> (not an alias)");

const bucketSchema = z
  .strictObject({
    name: bucketName.optional().describe("Name of the bucket to create; default: a unique name starting <projectName>-<environment>-dms-"),
    forceDestroy: z.boolean().optional().describe("Created bucket: let terraform destroy delete it with its objects; default false"),
    existingBucketName: bucketName.optional().describe("Read this bucket (in the replication instance's region) instead of creating one"),
    kmsKeyArn: kmsKeyArn.optional().describe("Created bucket: the key to use instead of a new one; existing bucket: the key it encrypts with"),
    ownerAccountId: z.string().regex(/^\d{12}$/, "a 12-digit AWS account id").optional().describe("Existing bucket: the account that owns it, checked by DMS"),
  })
  .superRefine((bucket, ctx) => {
    const created = bucket.existingBucketName === undefined;
    for (const key of created ? (["ownerAccountId"] as const) : (["name", "forceDestroy"] as const)) {
      if (bucket[key] !== undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: created ? "only applies with existingBucketName" : "only applies to a bucket created here; remove it, or remove existingBucketName" });
      }
    }
  })
  .describe("The bucket DMS reads: created (encrypted with KMS, versioned, TLS only) or existingBucketName");

const columnSchema = z.strictObject({
  name: z.string().min(1),
  type: z.enum(S3_SOURCE_COLUMN_TYPES),
  length: z.number().int().optional().describe("STRING (required) and BYTE: the most characters or bytes"),
  precision: z.number().int().optional().describe("NUMERIC (required): total digits, 1 to 38"),
  scale: z.number().int().optional().describe("NUMERIC: digits after the point; default 0"),
  nullable: z.boolean().optional().describe("Default true"),
  primaryKey: z.boolean().optional().describe("Part of the primary key; default false"),
});

const tableSchema = z.strictObject({
  owner: z.string().min(1).describe("The schema tasks select the table in (TableOwner)"),
  name: z.string().min(1).describe("TableName"),
  path: z.string().min(1).optional().describe("Folder of its .csv files under bucketFolder, ending with /; default <owner>/<name>/"),
  columns: z.array(columnSchema).describe("The columns of the .csv files, in order"),
});

/** An S3 source in an environment file (`engine: "s3"` under `sources`): .csv files and their table definition. */
export const s3SourceSchema = z
  .strictObject({
    engine: z.literal("s3"),
    endpointId: dmsId("an endpoint id"),
    bucket: bucketSchema.default({}),
    bucketFolder: z.string().min(1).optional().describe("Folder holding the tables' folders; default the bucket's root"),
    tables: z.array(tableSchema).describe("The external table definition: every table DMS reads, with its columns"),
    cdcPath: z.string().min(1).optional().describe("Folder of change files; without it the source serves full loads only"),
    csvDelimiter: z.string().optional().describe("Default ,"),
    csvRowDelimiter: z.string().optional().describe("Default a newline"),
    ignoreHeaderRows: z.number().int().optional().describe("1 when files start with a header row; default 0"),
    rfc4180: z.boolean().optional().describe("Read quoted fields as RFC 4180 describes; default true"),
  })
  .describe("An Amazon S3 source: .csv files described by an external table definition");

export type S3SourceConfig = z.output<typeof s3SourceSchema>;
