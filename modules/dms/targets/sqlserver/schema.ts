import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { SqlServerTargetEndpointProps } from "./endpoint";
import { SQLSERVER_TARGET_SSL_MODES } from "./options";

/** A SQL Server target in an environment file: the props of `SqlServerTargetEndpoint`. */
export const sqlServerTargetSchema = z
  .strictObject({
    engine: z.literal("sqlserver"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-finance-sqlserver"),
    serverName: z.string().min(1).describe("IP address or host name"),
    port: tcpPort.optional().describe("Default 1433"),
    databaseName: z.string().min(1).describe("The database DMS writes to; it must exist"),
    sslMode: z.enum(SQLSERVER_TARGET_SSL_MODES).optional().describe("none, require or verify-full (no verify-ca for SQL Server); default require"),
    certificateArn: dmsCertificateArn.optional(),
    useBcpFullLoad: z.boolean().optional().describe("Load with BCP (UseBCPFullLoad); default true"),
    bcpPacketSize: z.number().int().optional().describe("BCP packet bytes, 1 to 100000; default 16384"),
    controlTablesFileGroup: z.string().optional().describe("Filegroup for DMS's control tables; default the database's default"),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("A DMS target endpoint writing to a Microsoft SQL Server database");

export type SqlServerTargetConfig = z.output<typeof sqlServerTargetSchema>;

// The entry is the construct's props less the context: this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof sqlServerTargetSchema>, "engine">, Omit<SqlServerTargetEndpointProps, ContextProps>> = true;
void entryMatchesProps;
