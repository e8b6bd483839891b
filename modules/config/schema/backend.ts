import { z } from "zod";

export const backendSchema = z
  .strictObject({
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name").describe("S3 bucket holding Terraform state"),
    key: z.string().min(1).optional().describe("State object key; default <projectName>/<environment>/terraform.tfstate"),
    region: z.string().optional().describe("Bucket region; default the environment's region"),
    encrypt: z.literal(true, "state is always encrypted: true").default(true).describe("Server-side encryption of the state object"),
    kmsKeyId: z.string().optional().describe("KMS key for the state object; default the S3 managed key"),
    dynamodbTable: z.string().min(3).optional().describe("Lock with this DynamoDB table; default an S3 lock file (use_lockfile)"),
  })
  .describe("Remote state: an S3 backend per environment, encrypted and locked");

export type BackendConfig = z.output<typeof backendSchema>;
