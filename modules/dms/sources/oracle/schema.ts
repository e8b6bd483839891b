import { z } from "zod";
import { ProjectEnvironment } from "../../../core/project-environment";
import { OracleSourceEndpointProps } from "./endpoint";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, ssmParameterName, tcpPort } from "../../../core/identifiers";

const endpointId = dmsId("an endpoint id");
const certificateArn = dmsCertificateArn;

const asmSchema = z
  .strictObject({
    user: z.string().regex(/^[A-Za-z][A-Za-z0-9_$#]*$/, "an Oracle user name").describe("ASM user (asm_user); granted SYSASM"),
    server: z.string().regex(/^[^\s;=:/]+$/, "a host name or IP address").describe("ASM instance address (asm_server), such as the first RAC node"),
    port: tcpPort.default(1521),
    serviceName: z.string().regex(/^[^\s;=]+$/, "an ASM service name").default("+ASM"),
    passwordParameter: ssmParameterName.describe("SSM SecureString holding the ASM user's password"),
  })
  .describe("Binary Reader on redo logs in ASM (self-managed only); the endpoint password becomes <password>,<ASM password>");

const optionsSchema = z
  .strictObject({
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
  })
  .describe("Oracle extra connection attributes, typed; each is sent only when set");

export const oracleSourceSchema = z
  .strictObject({
    engine: z.literal("oracle"),
    endpointId: endpointId.describe("DMS endpoint id"),
    server: z.string().min(1).describe("IP address or host name"),
    port: tcpPort.default(1521),
    databaseName: z.string().regex(/^[A-Za-z0-9_.$#-]+$/, "an Oracle service name or SID").describe("Service name (or SID); a PDB's service in a multitenant database"),
    reader: z.enum(["logminer", "binary-reader"]).optional().describe("How DMS reads changes: logminer (the default) or binary-reader"),
    hosting: z.enum(["self-managed", "rds"]).default("self-managed"),
    captureChanges: z.boolean().default(true).describe("false: full loads only (no supplemental logging; cdc tasks refused)"),
    sslMode: z.enum(["none", "verify-ca"]).default("verify-ca").describe("DMS supports only none and verify-ca (with an Oracle wallet) for Oracle"),
    certificateArn: certificateArn.optional().describe("DMS certificate holding the Oracle wallet; needed for verify-ca"),
    asm: asmSchema.optional(),
    rdsLegacyPathPrefixDbName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,7}$/, "an RDS for Oracle DB name")
      .optional()
      .describe("RDS for Oracle 11.2/12.1 with Binary Reader only: the DB name for AWS's path-prefix attributes"),
    options: optionsSchema.optional(),
    archivedLogRetentionHours: z.number().int().min(1).default(24).describe("RDS: hours of archived redo logs the DBA script keeps, at least"),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <server>/32 for an IP"),
    username: z.string().min(1).optional().describe("Oracle user name; or usernameParameter"),
    usernameParameter: ssmParameterName.optional().describe("SSM parameter holding the user name"),
    passwordParameter: ssmParameterName.describe("SSM SecureString holding the password"),
    passwordVersion: z.number().int().min(1).default(1).describe("Raise it after changing the password (or the ASM password) in SSM"),
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .describe("An Oracle source");

export type OracleSourceConfig = z.output<typeof oracleSourceSchema>;

/**
 * The props of an `OracleSourceEndpoint` for one parsed `oracleSourceSchema` entry, for the stack to build it
 * from an environment file.
 */
export function oracleSourceEndpointProps(
  source: OracleSourceConfig,
  context: ProjectEnvironment,
  secretRecoveryWindowInDays?: number,
): OracleSourceEndpointProps {
  return {
    ...context,
    ...source.options,
    endpointId: source.endpointId,
    serverName: source.server,
    port: source.port,
    databaseName: source.databaseName,
    reader: source.reader,
    hosting: source.hosting,
    captureChanges: source.captureChanges,
    sslMode: source.sslMode,
    certificateArn: source.certificateArn,
    asm:
      source.asm === undefined
        ? undefined
        : {
            user: source.asm.user,
            server: source.asm.server,
            port: source.asm.port,
            serviceName: source.asm.serviceName,
            passwordParameterName: source.asm.passwordParameter,
          },
    rdsLegacyPathPrefixDbName: source.rdsLegacyPathPrefixDbName,
    archivedLogRetentionHours: source.archivedLogRetentionHours,
    allowedCidr: source.allowedCidr,
    credentials: {
      username: source.username,
      usernameParameterName: source.usernameParameter,
      passwordParameterName: source.passwordParameter,
      passwordVersion: source.passwordVersion,
    },
    kmsKeyArn: source.kmsKeyArn,
    secretRecoveryWindowInDays,
  };
}
