import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { BabelfishTargetEndpointProps } from "./endpoint";
import { BABELFISH_ALL_SSL_MODES, BABELFISH_CONNECTIONS } from "./options";

/** A Babelfish for Aurora PostgreSQL target in an environment file: the props of `BabelfishTargetEndpoint`. */
export const babelfishTargetSchema = z
  .strictObject({
    engine: z.literal("babelfish"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-finance-babelfish"),
    serverName: z.string().min(1).describe("The Aurora cluster's writer endpoint, or its IP"),
    connection: z.enum(BABELFISH_CONNECTIONS).optional().describe("postgresql (aurora-postgresql, DatabaseMode babelfish; AWS's preferred) or tds (engine babelfish); default postgresql"),
    port: tcpPort.optional().describe("Default 5432 (postgresql) or 1433 (tds)"),
    babelfishDatabaseName: z.string().min(1).describe("The T-SQL database DMS writes to (BabelfishDatabaseName)"),
    sslMode: z.enum(BABELFISH_ALL_SSL_MODES).optional().describe("Default require; no verify-ca over tds"),
    certificateArn: dmsCertificateArn.optional(),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the cluster in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("A DMS target endpoint writing to Babelfish for Aurora PostgreSQL");

export type BabelfishTargetConfig = z.output<typeof babelfishTargetSchema>;

// The entry is the construct's props less the context: this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof babelfishTargetSchema>, "engine">, Omit<BabelfishTargetEndpointProps, ContextProps>> = true;
void entryMatchesProps;
