import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { SybaseSourceEndpointProps } from "./endpoint";
import { SYBASE_SSL_MODES } from "./options";

/** An SAP ASE source in an environment file (`engine: "sybase"`): `SybaseSourceEndpointProps` by the same names. */
export const sybaseSourceSchema = z
  .strictObject({
    engine: z.literal("sybase"),
    endpointId: dmsId("an endpoint id"),
    serverName: z.string().min(1).describe("IP address or host name"),
    port: tcpPort.optional().describe("Default 5000"),
    databaseName: z.string().min(1),
    sslMode: z.enum(SYBASE_SSL_MODES).optional().describe("Default require; verify-* need certificateArn"),
    certificateArn: dmsCertificateArn.optional(),
    captureChanges: z.boolean().optional().describe("Prepare change capture (replication agent threads); false serves full loads only; default true"),
    enableReplication: z.boolean().optional().describe("enableReplication: DMS marks the tables for replication itself; default true"),
    charset: z.string().optional().describe("The server's character set, such as utf8 or iso_1; default the server's"),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("An SAP ASE (Sybase) source");

export type SybaseSourceConfig = z.output<typeof sybaseSourceSchema>;

// The entry is the construct's props less the context: this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof sybaseSourceSchema>, "engine">, Omit<SybaseSourceEndpointProps, ContextProps>> = true;
void entryMatchesProps;
