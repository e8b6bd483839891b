import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, ssmParameterName, tcpPort } from "../../../core/identifiers";

const alwaysOnSchema = z.strictObject({
  pollAllReplicasForBackups: z.boolean().optional(),
  multiSubnetFailover: z.boolean().optional(),
  readFromSecondary: z.boolean().optional(),
});

export const sqlServerSourceSchema = z
  .strictObject({
    engine: z.literal("sqlserver"),
    endpointId: dmsId("an endpoint id").describe("Hackney source_endpoint_identifier"),
    server: z.string().min(1).describe("IP address or host name"),
    port: tcpPort.default(1433),
    databaseName: z.string().min(1),
    captureMode: z.enum(["ms-replication", "ms-cdc", "none"]).describe("ms-replication, ms-cdc, or none (full loads only)"),
    hosting: z.enum(["self-managed", "rds"]).default("self-managed"),
    sslMode: z.enum(["none", "require", "verify-full"]).default("require").describe("SQL Server has no verify-ca"),
    certificateArn: dmsCertificateArn.optional(),
    safeguardPolicy: z.enum(["RELY_ON_SQL_SERVER_REPLICATION_AGENT", "EXCLUSIVE_AUTOMATIC_TRUNCATION"]).optional(),
    readBackupOnly: z.boolean().optional(),
    setUpMsCdcForTables: z.boolean().optional(),
    ignoreMsReplicationEnablement: z.boolean().optional(),
    alwaysOn: alwaysOnSchema.optional(),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <server>/32 for an IP"),
    username: z.string().min(1).optional().describe("Login name; or usernameParameter"),
    usernameParameter: ssmParameterName.optional().describe("SSM parameter holding the login name"),
    passwordParameter: ssmParameterName.describe("SSM SecureString holding the password"),
    passwordVersion: z.number().int().min(1).default(1).describe("Raise it after changing the password in SSM"),
    dmsLoginIsSysadmin: z.boolean().default(false).describe("Whether the DMS login is sysadmin; shapes the DBA script"),
    multiAz: z.boolean().default(false).describe("Whether an RDS source is Multi-AZ; the DBA script also sets the standby's capture interval"),
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("A SQL Server source");

export type SqlServerSourceConfig = z.output<typeof sqlServerSourceSchema>;
