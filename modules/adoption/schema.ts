import { z } from "zod";
import { kmsKeyArn, securityGroupId, ssmParameterName } from "../core/identifiers";
import { MIGRATION_TYPES } from "../dms/migration-type";

// What each entry records besides the id Terraform imports by: the settings that, if the file disagreed, would
// make the AWS provider (hashicorp/aws 5.100.0) replace the object. `npm run adopt` writes them from the account.

const adoptedDatabase = z
  .strictObject({
    identifier: z.string().min(1).describe("The RDS identifier (what `terraform import aws_db_instance` takes)"),
    engine: z.enum(["postgres", "aurora-postgresql"]).default("postgres"),
    databaseName: z.string().min(1).describe("Its database name (db_name forces a replacement)"),
    masterUsername: z.string().min(1).describe("Its master username (forces a replacement)"),
    storageEncrypted: z.boolean().describe("false: a legacy unencrypted database, kept unencrypted (warned)"),
    kmsKeyId: z.string().min(1).optional().describe("Its storage key, when encrypted"),
    dbiResourceId: z.string().min(1).optional().describe("Recorded to check that the adopted database is the same object"),
  })
  .describe("The existing RDS PostgreSQL instance");

const adoptedSecurityGroup = z
  .strictObject({
    id: securityGroupId,
    name: z.string().min(1).describe("Its name: a name that does not start with allow_<db name>_db_traffic forces a replacement"),
    description: z.string().describe("Its description (forces a replacement when it differs)"),
  })
  .describe("The database's security group, imported; its existing rules stay as they are (not managed)");

const adoptedEndpoint = z
  .strictObject({
    arn: z.string().min(1).optional(),
    endpointType: z.enum(["source", "target"]),
    engineName: z.string().min(1),
    sslMode: z.enum(["none", "require", "verify-ca", "verify-full"]),
    kmsKeyArn: z.string().min(1).optional(),
  })
  .describe("An existing DMS endpoint, by its endpoint id");

const adoptedTask = z
  .strictObject({
    arn: z.string().min(1).optional(),
    migrationType: z.enum(MIGRATION_TYPES),
    replicationInstanceArn: z.string().min(1).optional(),
    sourceEndpointId: z.string().min(1),
    targetEndpointId: z.string().min(1),
    tableMappings: z.string().min(2).optional().describe("Its table mappings JSON, kept exactly (warned)"),
    settings: z.string().min(2).optional().describe("Its task settings JSON, kept exactly: only what it has, no defaults added (warned)"),
  })
  .describe("An existing replication task, by its task id");

/**
 * `adopt`: existing objects this environment takes over instead of creating them (Terraform `import` blocks).
 * Written by `npm run adopt -- <environment>`; remove an entry once its object is in this stack's state.
 */
export const adoptSchema = z
  .strictObject({
    database: adoptedDatabase.optional(),
    databaseSubnetGroup: z.string().min(1).optional().describe("Name of the database's subnet group"),
    databaseSecurityGroup: adoptedSecurityGroup.optional(),
    parameterGroup: z.string().min(1).optional()
      .describe("The parameter group the database is on, kept as it is (database.parameterGroupName must name it; warned)"),
    ssmParameters: z
      .strictObject({
        username: ssmParameterName.optional(),
        hostname: ssmParameterName.optional(),
        port: ssmParameterName.optional(),
        database: ssmParameterName.optional(),
        passwordParameter: ssmParameterName.optional().describe("The hand-made password parameter: read, never rewritten"),
      })
      .optional()
      .describe("Hand-made SSM parameters: the connection ones are imported; the password is read, never rewritten"),
    accountRoles: z.boolean().optional().describe("true: import dms-vpc-role and dms-cloudwatch-logs-role with their policy attachments"),
    replicationInstance: z
      .strictObject({
        id: z.string().min(1),
        arn: z.string().min(1).optional(),
        replicationSubnetGroupId: z.string().min(1),
        publiclyAccessible: z.boolean().default(false),
        kmsKeyArn: kmsKeyArn.optional(),
      })
      .optional()
      .describe("The existing replication instance"),
    replicationSubnetGroup: z.string().min(1).optional().describe("Id of the replication subnet group"),
    endpoints: z.record(z.string().min(1), adoptedEndpoint).optional(),
    tasks: z.record(z.string().min(1), adoptedTask).optional(),
  })
  .describe("Existing objects to take over (Terraform import) instead of creating them; see README \"Adopting an existing setup\"");

export type AdoptConfig = z.output<typeof adoptSchema>;
