import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, RenamedKeys, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { SqlServerSourceEndpointProps } from "./endpoint";

const alwaysOnSchema = z.strictObject({
  pollAllReplicasForBackups: z.boolean().optional(),
  multiSubnetFailover: z.boolean().optional(),
  readFromSecondary: z.boolean().optional(),
});

/** A SQL Server source in an environment file: `SqlServerSourceEndpointProps` by the same names, with `engine`. */
export const sqlServerSourceSchema = z
  .strictObject({
    engine: z.literal("sqlserver"),
    endpointId: dmsId("an endpoint id").describe("Hackney source_endpoint_identifier"),
    serverName: z.string().min(1).describe("IP address or host name"),
    port: tcpPort.optional().describe("Default 1433"),
    databaseName: z.string().min(1),
    captureMode: z.enum(["ms-replication", "ms-cdc", "none"]).describe("ms-replication, ms-cdc, or none (full loads only)"),
    hosting: z.enum(["self-managed", "rds"]).optional().describe("Default self-managed"),
    sslMode: z.enum(["none", "require", "verify-full"]).optional().describe("SQL Server has no verify-ca; default require"),
    certificateArn: dmsCertificateArn.optional(),
    safeguardPolicy: z.enum(["RELY_ON_SQL_SERVER_REPLICATION_AGENT", "EXCLUSIVE_AUTOMATIC_TRUNCATION"]).optional(),
    readBackupOnly: z.boolean().optional(),
    setUpMsCdcForTables: z.boolean().optional(),
    ignoreMsReplicationEnablement: z.boolean().optional(),
    alwaysOn: alwaysOnSchema.optional(),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    dmsLoginIsSysadmin: z.boolean().optional().describe("Whether the DMS login is sysadmin; shapes the DBA script; default false"),
    multiAz: z.boolean().optional().describe("Whether an RDS source is Multi-AZ; the DBA script also sets the standby's capture interval; default false"),
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("A SQL Server source");

export type SqlServerSourceConfig = z.output<typeof sqlServerSourceSchema>;

/** The file keys of releases before the entry took the props' names. */
export const SQL_SERVER_RENAMED_KEYS: RenamedKeys = {
  server: "serverName",
  username: "credentials.username",
  usernameParameter: "credentials.usernameParameterName",
  passwordParameter: "credentials.passwordParameterName",
  passwordVersion: "credentials.passwordVersion",
};

// The entry is the construct's props less the context: this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof sqlServerSourceSchema>, "engine">, Omit<SqlServerSourceEndpointProps, ContextProps>> = true;
void entryMatchesProps;
