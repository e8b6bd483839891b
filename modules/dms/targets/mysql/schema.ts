import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { MysqlTargetEndpointProps } from "./endpoint";
import { MYSQL_TARGET_DB_TYPES, MYSQL_TARGET_FLAVORS, MYSQL_TARGET_HOSTINGS, MYSQL_TARGET_SSL_MODES } from "./options";

/** A MySQL, MariaDB or Aurora MySQL target in an environment file: the props of `MysqlTargetEndpoint`. */
export const mysqlTargetSchema = z
  .strictObject({
    engine: z.literal("mysql"),
    flavor: z.enum(MYSQL_TARGET_FLAVORS).optional().describe("mysql, mariadb or aurora-mysql (DMS engine_name mysql, mariadb, aurora); default mysql"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-orders-mysql"),
    serverName: z.string().min(1).describe("IP address or host name (Aurora: the cluster's writer endpoint)"),
    port: tcpPort.optional().describe("Default 3306"),
    hosting: z.enum(MYSQL_TARGET_HOSTINGS).optional().describe("self-managed, or rds (RDS and Aurora); default self-managed"),
    sslMode: z.enum(MYSQL_TARGET_SSL_MODES).optional().describe("Default require"),
    certificateArn: dmsCertificateArn.optional(),
    targetDbType: z.enum(MYSQL_TARGET_DB_TYPES).optional().describe("multiple-databases (one per source schema) or specific-database; default multiple-databases"),
    databaseName: z.string().optional().describe("specific-database: the database every table goes to"),
    databases: z.array(z.string()).optional().describe("multiple-databases: the databases DMS writes to, which the DBA script grants"),
    parallelLoadThreads: z.number().int().optional().describe("Threads loading each table, 1 to 5; default 1"),
    maxFileSize: z.number().int().optional().describe("KB in each CSV file DMS loads; default 32768"),
    disableForeignKeyChecks: z.boolean().optional().describe("SET FOREIGN_KEY_CHECKS=0 in DMS's sessions; default false"),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("A DMS target endpoint writing to a MySQL, MariaDB or Aurora MySQL server");

export type MysqlTargetConfig = z.output<typeof mysqlTargetSchema>;

// The entry is the construct's props less the context: this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof mysqlTargetSchema>, "engine">, Omit<MysqlTargetEndpointProps, ContextProps>> = true;
void entryMatchesProps;
