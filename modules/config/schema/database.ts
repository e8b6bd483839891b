import { z } from "zod";
import { DEFAULT_MASTER_USERNAME } from "../../postgres/postgres-props";
import { dailyWindow, ipv4Cidr, kmsKeyArn, securityGroupId, ssmParameterName, tagMap, weeklyWindow } from "../../core/identifiers";

const ingressSchema = z
  .strictObject({
    cidr: ipv4Cidr.optional().describe("An IPv4 range allowed to reach the database port"),
    securityGroupId: securityGroupId.optional().describe("A security group allowed to reach the database port"),
    description: z.string().min(1).max(255).describe("Why this access exists"),
  })
  .describe("One peer allowed to reach the database port: exactly one of cidr and securityGroupId");

export const databaseSchema = z
  .strictObject({
    engine: z
      .enum(["postgres", "aurora-postgresql"])
      .default("postgres")
      .describe("RDS PostgreSQL (an instance) or Aurora PostgreSQL (a cluster)"),
    instances: z.number().int().optional().describe("Aurora only: instances in the cluster, 1 to 15; production needs 2 or more"),
    serverlessCapacity: z
      .strictObject({ minimum: z.number(), maximum: z.number() })
      .optional()
      .describe("Aurora only, with instanceClass db.serverless: Serverless v2 capacity in ACUs, 0 <= minimum <= maximum <= 256, maximum >= 1"),
    identifier: z
      .string()
      .regex(/^[a-z](?!.*--)(?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and single hyphens, starting with a letter")
      .describe("Hackney db_identifier; the instance is named <identifier>-db-<environment>"),
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "a PostgreSQL name: a letter, then letters, digits or underscores (no hyphens)")
      .describe("Hackney db_name: the database created in the instance"),
    engineVersion: z
      .string()
      .regex(/^\d+(\.\d+){0,2}$/, "a PostgreSQL version such as \"16\" or \"16.4\"")
      .describe("\"16\" follows minor releases; \"16.4\" pins one"),
    instanceClass: z.string().regex(/^db\.([a-z0-9]+\.[a-z0-9]+|serverless)$/, "an RDS instance class such as db.t4g.medium, or db.serverless for Aurora"),
    port: z.number().int().default(5432).describe("1150 to 65535"),
    allocatedStorage: z.number().int().default(20).describe("GiB, 20 to 65536"),
    maxAllocatedStorage: z.number().int().min(20).max(65536).optional().describe("GiB; turns on storage autoscaling"),
    storageType: z.enum(["gp3", "gp2", "io1", "io2"]).default("gp3"),
    kmsKeyArn: kmsKeyArn.optional().describe("Storage encryption key; storage is always encrypted"),
    maintenanceWindow: weeklyWindow.optional(),
    backupWindow: dailyWindow.optional(),
    backupRetentionDays: z.number().int().min(0).max(35).default(7),
    multiAz: z.boolean().default(false).describe("Required in production"),
    deletionProtection: z.boolean().optional().describe("Default true in production, false elsewhere; required in production"),
    skipFinalSnapshot: z.boolean().default(false).describe("Refused in production"),
    decommission: z.boolean().default(false).describe("Lift deletion protection on purpose, so the database can be destroyed (production keeps its final snapshot)"),
    publiclyAccessible: z.boolean().default(false).describe("Must stay false: databases are private"),
    parameterGroupName: z.string().min(1).optional().describe("Use this existing parameter group instead of creating one"),
    forceSsl: z.boolean().default(true).describe("Refuse unencrypted connections (rds.force_ssl)"),
    parameters: z.record(z.string().min(1), z.string()).default({}).describe("Extra parameters for the created parameter group"),
    allowMajorVersionUpgrade: z.boolean().default(false),
    autoMinorVersionUpgrade: z.boolean().optional().describe("Default true for a major-only engineVersion, false when it pins a minor"),
    copyTagsToSnapshot: z.boolean().default(true),
    applyImmediately: z.boolean().default(false),
    caCertIdentifier: z.string().min(1).optional(),
    performanceInsights: z
      .strictObject({
        enabled: z.boolean().default(true),
        retentionDays: z.number().int().optional().describe("7, a multiple of 31 up to 713, or 731"),
        kmsKeyArn: kmsKeyArn.optional(),
      })
      .optional(),
    logExports: z.array(z.enum(["postgresql", "upgrade", "iam-db-auth-error"])).default([]),
    monitoringInterval: z.literal([0, 1, 5, 10, 15, 30, 60]).default(0).describe("Enhanced Monitoring interval in seconds; 0 turns it off"),
    masterUsername: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "a letter, then letters, digits or underscores").default(DEFAULT_MASTER_USERNAME)
      .describe("The admin user; an existing database created as \"postgres\" sets it (it cannot change without replacing the database)"),
    iamDatabaseAuthentication: z.boolean().default(true).describe("Allow IAM database authentication (Security Hub RDS.10/RDS.12); required in production"),
    password: z
      .strictObject({
        existingParameterName: ssmParameterName.optional()
          .describe("Read the password from this existing SecureString instead of generating one"),
        version: z.number().int().min(1).default(1).describe("Raise it to rotate the password"),
        kmsKeyId: z.string().optional().describe("KMS key of the generated password's SecureString"),
      })
      .default({ version: 1 })
      .describe("The master password: generated into SSM by default; never written to state"),
    parameterPrefix: ssmParameterName.optional().describe("Path of the SSM parameters written; default /<projectName>/<environment>"),
    publishConnectionParameters: z.boolean().default(true)
      .describe("Write postgres-username, -hostname, -port and -database as plain SSM parameters"),
    allowedIngress: z.array(ingressSchema).default([]).describe("Peers other than DMS allowed to reach the database port"),
    additionalTags: tagMap.default({}),
  })
  .describe("The target RDS PostgreSQL database");

export type DatabaseConfig = z.output<typeof databaseSchema>;
