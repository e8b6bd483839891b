import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { Db2SourceEndpointProps } from "./endpoint";
import { DB2_HOSTINGS, DB2_SSL_MODES } from "./options";

const common = {
  endpointId: dmsId("an endpoint id"),
  serverName: z.string().min(1).describe("IP address or host name"),
  port: tcpPort.optional().describe("Default 50000"),
  databaseName: z.string().min(1).describe("The database (LUW) or location (z/OS) name"),
  sslMode: z.enum(DB2_SSL_MODES).optional().describe("none, or verify-ca with certificateArn (the default)"),
  certificateArn: dmsCertificateArn.optional().describe("The Db2 server's CA certificate imported into DMS; needed for verify-ca"),
  allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
  credentials: endpointCredentialsSchema,
  kmsKeyArn: kmsKeyArn.optional(),
};

/** A Db2 LUW source in an environment file (`engine: "db2"`): `Db2SourceEndpointProps` by the same names. */
export const db2SourceSchema = z
  .strictObject({
    engine: z.literal("db2"),
    ...common,
    hosting: z.enum(DB2_HOSTINGS).optional().describe("self-managed (default), or rds (Amazon RDS for Db2)"),
    captureChanges: z.boolean().optional().describe("Prepare log-based change capture; false serves full loads only; default true"),
    currentLsn: z.string().optional().describe("CurrentLSN: where CDC starts, a hexadecimal LSN or scan"),
    maxKBytesPerRead: z.number().int().optional().describe("MaxKBytesPerRead; default 64"),
    setDataCaptureChanges: z.boolean().optional().describe("SetDataCaptureChanges: DMS sets DATA CAPTURE CHANGES itself; default true"),
    archiveLogRetentionHours: z.number().int().optional().describe("RDS for Db2: hours of archive logs kept for DMS; default 24"),
  })
  .describe("An IBM Db2 for Linux, UNIX and Windows (or Amazon RDS for Db2) source");

/** A Db2 for z/OS source (`engine: "db2-zos"`): full loads only, so no change-capture options. */
export const db2ZosSourceSchema = z
  .strictObject({
    engine: z.literal("db2-zos"),
    ...common,
  })
  .describe("An IBM Db2 for z/OS source (full loads only)");

export type Db2SourceConfig = z.output<typeof db2SourceSchema>;
export type Db2ZosSourceConfig = z.output<typeof db2ZosSourceSchema>;

// The entry is the construct's props less the context and the platform its engine names: this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof db2SourceSchema>, "engine">, Omit<Db2SourceEndpointProps, ContextProps | "platform">> = true;
void entryMatchesProps;
