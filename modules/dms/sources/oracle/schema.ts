import { z } from "zod";
import type { OracleSourceEndpointProps } from "./endpoint";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, ssmParameterName, tcpPort } from "../../../core/identifiers";
import { ContextProps, RenamedKeys, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";

const endpointId = dmsId("an endpoint id");
const certificateArn = dmsCertificateArn;

const asmSchema = z
  .strictObject({
    user: z.string().regex(/^[A-Za-z][A-Za-z0-9_$#]*$/, "an Oracle user name").describe("ASM user (asm_user); granted SYSASM"),
    server: z.string().regex(/^[^\s;=:/]+$/, "a host name or IP address").describe("ASM instance address (asm_server), such as the first RAC node"),
    port: tcpPort.optional().describe("Default 1521"),
    serviceName: z.string().regex(/^[^\s;=]+$/, "an ASM service name").optional().describe("Default +ASM"),
    passwordParameterName: ssmParameterName.describe("SSM SecureString holding the ASM user's password"),
  })
  .describe("Binary Reader on redo logs in ASM (self-managed only); the endpoint password becomes <password>,<ASM password>");

/** Oracle extra connection attributes, typed; each is sent only when set. */
const OPTIONS = {
    addSupplementalLogging: z.boolean().optional().describe("addSupplementalLogging: DMS adds PRIMARY KEY logging (needs ALTER on the tables)"),
    archivedLogDestId: z.number().int().min(1).max(31).optional().describe("archivedLogDestId: the archive destination DMS reads"),
    additionalArchivedLogDestId: z.number().int().min(1).max(31).optional().describe("additionalArchivedLogDestId, with archivedLogDestId"),
    archivedLogsOnly: z.boolean().optional().describe("archivedLogsOnly: read archived redo logs only"),
    readTableSpaceName: z.boolean().optional().describe("readTableSpaceName: replicate tablespace names"),
    numberDataTypeScale: z.number().int().min(-2).max(38).optional().describe("numberDataTypeScale: scale of unqualified NUMBER; -1 FLOAT, -2 VARCHAR"),
    parallelAsmReadThreads: z.number().int().min(2).max(8).optional().describe("parallelASMReadThreads (ASM only)"),
    readAheadBlocks: z.number().int().min(1000).max(200000).optional().describe("readAheadBlocks (ASM only)"),
    exposeViews: z.boolean().optional().describe("exposeViews: full-load views as tables"),
    allowSelectNestedTables: z.boolean().optional().describe("allowSelectNestedTables: replicate nested tables"),
};

export const oracleSourceSchema = z
  .strictObject({
    engine: z.literal("oracle"),
    endpointId: endpointId.describe("DMS endpoint id"),
    serverName: z.string().min(1).describe("IP address or host name"),
    port: tcpPort.optional().describe("Default 1521"),
    databaseName: z.string().regex(/^[A-Za-z0-9_.$#-]+$/, "an Oracle service name or SID").describe("Service name (or SID); a PDB's service in a multitenant database"),
    reader: z.enum(["logminer", "binary-reader"]).optional().describe("How DMS reads changes: logminer (the default) or binary-reader"),
    hosting: z.enum(["self-managed", "rds"]).optional().describe("Default self-managed"),
    captureChanges: z.boolean().optional().describe("false: full loads only (no supplemental logging; cdc tasks refused); default true"),
    sslMode: z.enum(["none", "verify-ca"]).optional().describe("DMS supports only none and verify-ca (with an Oracle wallet) for Oracle; default verify-ca"),
    certificateArn: certificateArn.optional().describe("DMS certificate holding the Oracle wallet; needed for verify-ca"),
    asm: asmSchema.optional(),
    rdsLegacyPathPrefixDbName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,7}$/, "an RDS for Oracle DB name")
      .optional()
      .describe("RDS for Oracle 11.2/12.1 with Binary Reader only: the DB name for AWS's path-prefix attributes"),
    ...OPTIONS,
    archivedLogRetentionHours: z.number().int().min(1).optional().describe("RDS: hours of archived redo logs the DBA script keeps, at least; default 24"),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("An Oracle source");

export type OracleSourceConfig = z.output<typeof oracleSourceSchema>;

/** The file keys of releases before the entry took the props' names (options were a nested object then). */
export const ORACLE_RENAMED_KEYS: RenamedKeys = {
  server: "serverName",
  username: "credentials.username",
  usernameParameter: "credentials.usernameParameterName",
  passwordParameter: "credentials.passwordParameterName",
  passwordVersion: "credentials.passwordVersion",
  "asm.passwordParameter": "asm.passwordParameterName",
  options: ".",
};

// The entry is the construct's props less the context (and less `useDirectPathFullLoad`, a target setting the
// props refuse with their own message): this fails to compile when they drift apart.
const entryMatchesProps: Same<
  Omit<z.input<typeof oracleSourceSchema>, "engine">,
  Omit<OracleSourceEndpointProps, ContextProps | "useDirectPathFullLoad">
> = true;
void entryMatchesProps;
