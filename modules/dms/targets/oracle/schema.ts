import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { OracleTargetEndpointProps } from "./endpoint";
import { ORACLE_TARGET_SSL_MODES } from "./options";

/** An Oracle target in an environment file: the props of `OracleTargetEndpoint`. */
export const oracleTargetSchema = z
  .strictObject({
    engine: z.literal("oracle"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-ledger-oracle"),
    serverName: z.string().min(1).describe("IP address or host name"),
    port: tcpPort.optional().describe("Default 1521"),
    databaseName: z.string().min(1).describe("The Oracle service name, such as ORCLPDB1"),
    sslMode: z.enum(ORACLE_TARGET_SSL_MODES).optional().describe("none, or verify-ca with an Oracle wallet (certificateArn); default verify-ca"),
    certificateArn: dmsCertificateArn.optional().describe("DMS certificate holding the Oracle wallet; needed for verify-ca"),
    schemas: z.array(z.string()).optional().describe("Schemas DMS writes to other than its own user's; the DBA script then grants the ANY privileges"),
    tablespace: z.string().optional().describe("Tablespace the DMS user gets a quota on; default USERS"),
    useDirectPathFullLoad: z.boolean().optional().describe("Direct path full loads; default true"),
    directPathParallelLoad: z.boolean().optional().describe("Parallel direct path loads; default false"),
    directPathNoLog: z.boolean().optional().describe("Direct path loads without redo (refused in production); default false"),
    charLengthSemantics: z.boolean().optional().describe("Column lengths in characters (charLengthSemantics=CHAR); default false"),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("A DMS target endpoint writing to an Oracle database");

export type OracleTargetConfig = z.output<typeof oracleTargetSchema>;

// The entry is the construct's props less the context: this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof oracleTargetSchema>, "engine">, Omit<OracleTargetEndpointProps, ContextProps>> = true;
void entryMatchesProps;
