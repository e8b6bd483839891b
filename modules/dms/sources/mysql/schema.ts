import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { endpointCredentialsSchema } from "../../endpoints/entry-schema";
import { MYSQL_FLAVORS, MYSQL_HOSTINGS, MYSQL_SSL_MODES } from "./options";

export const mysqlSourceSchema = z
  .strictObject({
    engine: z.literal("mysql"),
    flavor: z.enum(MYSQL_FLAVORS).default("mysql").describe("mysql, mariadb or aurora-mysql (DMS engine_name mysql, mariadb, aurora)"),
    endpointId: dmsId("an endpoint id"),
    serverName: z.string().min(1).describe("IP address or host name (Aurora: the cluster's writer endpoint)"),
    port: tcpPort.default(3306),
    hosting: z.enum(MYSQL_HOSTINGS).default("self-managed").describe("self-managed, or rds (RDS and Aurora)"),
    sslMode: z.enum(MYSQL_SSL_MODES).default("require"),
    certificateArn: dmsCertificateArn.optional(),
    captureChanges: z.boolean().default(true).describe("Prepare binary-log change capture; false serves full loads only"),
    binlogRetentionHours: z.number().int().optional().describe("Hours of binary logs the DBA script makes the server keep; default 24"),
    requireBinlogChecksumNone: z.boolean().optional().describe("Require binlog_checksum=NONE (DMS 3.4.7 and earlier); default false"),
    eventsPollInterval: z.number().int().optional().describe("Seconds between binary log polls when idle (EventsPollInterval); default 5"),
    serverTimezone: z.string().optional().describe("The server's time zone as Area/Location (ServerTimezone); default the server's"),
    cleanSourceMetadataOnMismatch: z.boolean().optional().describe("CleanSrcMetadataOnMismatch; default false"),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("A MySQL, MariaDB or Aurora MySQL source, read from the binary log");

export type MysqlSourceConfig = z.output<typeof mysqlSourceSchema>;
