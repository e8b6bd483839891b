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
    clusterInstances: z.array(z.string().min(1)).min(1).optional()
      .describe("Aurora only: the identifiers of the cluster's instances, writer first (each is imported; identifier forces a replacement)"),
  })
  .describe("The existing RDS PostgreSQL instance or Aurora PostgreSQL cluster (its cluster identifier)");

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

const adoptedKey = z
  .strictObject({
    keyId: z.string().min(1).describe("The key id the alias points to (what `terraform import aws_kms_key` takes)"),
    keySpec: z.string().min(1).default("SYMMETRIC_DEFAULT").describe("customer_master_key_spec (forces a replacement)"),
    keyUsage: z.string().min(1).default("ENCRYPT_DECRYPT").describe("key_usage (forces a replacement)"),
    multiRegion: z.boolean().default(false).describe("multi_region (forces a replacement)"),
  })
  .describe("An existing customer-managed KMS key, by the alias this stack gives it (the alias is imported too)");

const adoptedTopic = z
  .strictObject({
    arn: z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/, "an SNS topic ARN").describe("Its ARN (what `terraform import aws_sns_topic` takes)"),
    fifo: z.boolean().default(false).describe("fifo_topic (forces a replacement)"),
    kmsKeyArn: z.string().min(1).optional().describe("The key it is encrypted with, if any"),
  })
  .describe("The existing SNS topic alarms and DMS events go to, named as this stack names it");

const adoptedLogGroup = z
  .strictObject({
    logGroupClass: z.enum(["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"]).default("STANDARD").describe("log_group_class (forces a replacement)"),
    retentionInDays: z.number().int().min(0).optional().describe("Its retention (0: never expires); changed in place"),
    kmsKeyId: z.string().min(1).optional().describe("Its key, if any; changed in place"),
  })
  .describe("An existing CloudWatch log group, by its name");

const adoptedEventSubscription = z
  .strictObject({
    sourceType: z.enum(["replication-instance", "replication-task"]).describe("source_type (forces a replacement)"),
    sourceIds: z.array(z.string().min(1)).default([]).describe("source_ids (forces a replacement; empty: every source of the type)"),
    snsTopicArn: z.string().min(1).optional().describe("The topic it sends to; changed in place"),
  })
  .describe("An existing DMS event subscription, by its name");

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
    kmsKeys: z.record(z.string().regex(/^alias\/[A-Za-z0-9/_-]+$/, "an alias name, alias/<name>"), adoptedKey).optional()
      .describe("Customer-managed keys, by alias: alias/<project>-<environment> (encryption) and alias/<topic name> (the alarm topic's key)"),
    alarmTopic: adoptedTopic.optional(),
    logGroups: z.record(z.string().min(1), adoptedLogGroup).optional().describe("CloudWatch log groups, such as dms-tasks-<instance id>"),
    alarms: z.array(z.string().min(1)).optional().describe("CloudWatch alarms, by name (<project>-<environment>-<resource>-<what>)"),
    schedules: z.record(z.string().min(1), z.strictObject({ groupName: z.string().min(1).default("default").describe("Its schedule group (forces a replacement)") }))
      .optional().describe("EventBridge Scheduler schedules of scheduled reloads, by name (<task id>-reload)"),
    eventSubscriptions: z.record(z.string().min(1), adoptedEventSubscription).optional(),
  })
  .describe("Existing objects to take over (Terraform import) instead of creating them; see README \"Adopting an existing setup\"");

export type AdoptConfig = z.output<typeof adoptSchema>;
