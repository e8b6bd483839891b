import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { SybaseTargetEndpointProps } from "./endpoint";
import { SYBASE_TARGET_SSL_MODES } from "./options";

/** An SAP ASE target in an environment file: the props of `SybaseTargetEndpoint`. */
export const sybaseTargetSchema = z
  .strictObject({
    engine: z.literal("sybase"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-billing-ase"),
    serverName: z.string().min(1).describe("IP address or host name"),
    port: tcpPort.optional().describe("Default 5000"),
    databaseName: z.string().min(1).describe("The database DMS writes to"),
    sslMode: z.enum(SYBASE_TARGET_SSL_MODES).optional().describe("Default require"),
    certificateArn: dmsCertificateArn.optional(),
    charset: z.string().optional().describe("The server's character set, such as iso_1 or utf8; default the server's"),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("A DMS target endpoint writing to an SAP ASE database");

export type SybaseTargetConfig = z.output<typeof sybaseTargetSchema>;

// The entry is the construct's props less the context: this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof sybaseTargetSchema>, "engine">, Omit<SybaseTargetEndpointProps, ContextProps>> = true;
void entryMatchesProps;
