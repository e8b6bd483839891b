import { z } from "zod";
import { adoptSchema } from "../../adoption/schema";
import { acknowledgeReplacementSchema } from "./acknowledge-replacement";
import { acknowledgePublicRangesSchema } from "./acknowledge-public-ranges";
import { backendSchema } from "./backend";
import { kmsKeyArn, tagMap } from "../../core/identifiers";
import { databaseSchema } from "./database";
import { sourceSchema } from "../../dms/sources/registry";
import { dmsSchema, taskSchema } from "./dms";
import { monitoringSchema } from "./monitoring";
import { targetSchema } from "../../dms/targets/registry";
import { networkSchema } from "./network";

/** One environment file (`environments/<name>.json`): plain data, like a `.tfvars` file. */
export const environmentSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path to this schema, for editors"),
    projectName: z.string().describe("Project name: used in names, SSM paths and the project_name tag; lowercase letters, digits and hyphens"),
    environment: z.string().describe("Environment name; must match the file name"),
    production: z
      .boolean()
      .optional()
      .describe("Whether this environment gets the production guard rails; default true for \"production\" only; required for names like prod or live"),
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "an AWS region such as eu-west-2"),
    accountId: z.string().regex(/^\d{12}$/, "a 12-digit AWS account id").optional()
      .describe("When set, Terraform refuses to run against any other account"),
    tags: tagMap.default({}).describe("Account tags put on every resource, such as BackupPolicy"),
    network: networkSchema,
    backend: backendSchema,
    database: databaseSchema,
    dms: dmsSchema.optional(),
    sources: z
      .record(z.string().regex(/^[a-z][a-z0-9-]*$/, "a short lowercase name such as uht"), sourceSchema)
      .optional()
      .describe("Source databases by name; tasks refer to them by that name"),
    targets: z
      .record(z.string().regex(/^[a-z][a-z0-9-]*$/, "a short lowercase name such as raw"), targetSchema)
      .optional()
      .describe("Targets other than this environment's database, by name: S3 buckets written as Parquet"),
    tasks: z.array(taskSchema).optional().describe("Replication tasks, each from one source into one target"),
    monitoring: monitoringSchema.optional().describe("Alarms and DMS event notifications to an encrypted SNS topic"),
    encryption: z
      .strictObject({
        customerManagedKeys: z.boolean().default(false).describe("Encrypt with a customer-managed KMS key instead of AWS managed keys"),
        existingKeyArn: kmsKeyArn.optional().describe("Use this key instead of creating one"),
      })
      .optional()
      .describe("One switch for the database, replication instance, secrets, S3 target, alarm topic and task logs"),
    adopt: adoptSchema.optional(),
    acknowledgeReplacement: acknowledgeReplacementSchema,
    acknowledgePublicRanges: acknowledgePublicRangesSchema,
  })
  .describe("An environment of the DMS migration stack");

export type EnvironmentConfig = z.output<typeof environmentSchema>;
