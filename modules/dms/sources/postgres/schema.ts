import { z } from "zod";
import {
  POSTGRES_LONG_VARCHAR_MAPPINGS,
  POSTGRES_PLUGIN_NAMES,
  POSTGRES_SOURCE_HOSTINGS,
  postgresSourceSettingsProblems,
} from "./settings";
import { hostCidr } from "../../../network/peer";
import { dmsId, ipv4Cidr, kmsKeyArn, ssmParameterName, tcpPort } from "../../../core/identifiers";

const endpointId = dmsId("an endpoint id");

/** The fields that describe an external server; `fromDatabase` takes all of them from the environment's database. */
const EXTERNAL_FIELDS = [
  "server",
  "port",
  "databaseName",
  "hosting",
  "username",
  "usernameParameter",
  "passwordParameter",
  "passwordVersion",
  "allowedCidr",
] as const;

/**
 * A PostgreSQL source in an environment file: the environment's own `database` (`"fromDatabase": true`) or
 * an external server, with the endpoint's typed settings. Cross-field rules are checked here too, so each
 * problem is reported with its field.
 */
export const postgresSourceSchema = z
  .strictObject({
    engine: z.literal("postgres"),
    endpointId: endpointId.describe("The DMS endpoint id; the DBA script dba/<endpointId>.sql is named after it"),
    fromDatabase: z
      .literal(true)
      .optional()
      .describe("Read this environment's own database (its master credentials and security group; logical replication is turned on in its parameter group)"),
    server: z.string().min(1).optional().describe("External server: IP address or host name"),
    port: tcpPort.optional().describe("External server: port; default 5432"),
    databaseName: z.string().min(1).max(63).optional().describe("External server: the database DMS reads"),
    hosting: z
      .enum(POSTGRES_SOURCE_HOSTINGS)
      .optional()
      .describe("External server: self-managed (REPLICATION attribute) or rds (rds_replication); default self-managed"),
    username: z.string().min(1).optional().describe("External server: the DMS login's name; or usernameParameter"),
    usernameParameter: ssmParameterName.optional().describe("External server: SSM parameter holding the DMS login's name"),
    passwordParameter: ssmParameterName.optional().describe("External server: SSM SecureString holding the DMS login's password"),
    passwordVersion: z.number().int().min(1).optional().describe("External server: raise it after changing the password in SSM; default 1"),
    allowedCidr: ipv4Cidr.optional().describe("External server: network DMS may reach it in; default <server>/32 for an IP"),
    captureChanges: z.boolean().default(true).describe("Prepare for change capture (cdc and full-load-and-cdc tasks); false: full loads only"),
    sslMode: z.enum(["none", "require", "verify-ca", "verify-full"]).default("require"),
    certificateArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:dms:[a-z0-9-]+:\d{12}:cert:[A-Za-z0-9-]+$/, "a DMS certificate ARN")
      .optional()
      .describe("CA certificate for the verify-ca and verify-full SSL modes"),
    kmsKeyArn: kmsKeyArn.optional(),
    pluginName: z.enum(POSTGRES_PLUGIN_NAMES).optional().describe("Decoding plugin of the slots DMS creates; default test-decoding"),
    slotName: z.string().optional().describe("An existing logical replication slot to start from (with a task's cdcStartPosition)"),
    heartbeatEnable: z.boolean().optional().describe("WAL heartbeat, so an idle slot does not keep WAL; default true when capturing changes"),
    heartbeatFrequency: z.number().int().min(1).optional().describe("Minutes between heartbeats; default 5"),
    heartbeatSchema: z.string().optional().describe("Schema of DMS's heartbeat table; default awsdms (created by the DBA script)"),
    captureDdls: z.boolean().optional().describe("Capture DDL with an event trigger and a table on the source; default false"),
    ddlArtifactsSchema: z.string().optional().describe("Schema of the DDL-capture objects, with captureDdls; default awsdms"),
    executeTimeout: z.number().int().min(1).optional().describe("Client statement timeout in seconds; default 60"),
    mapBooleanAsBoolean: z.boolean().optional().describe("Map boolean as boolean (for Redshift targets); default false"),
    mapJsonbAsClob: z.boolean().optional().describe("Map jsonb as a CLOB; default false"),
    mapLongVarcharAs: z.enum(POSTGRES_LONG_VARCHAR_MAPPINGS).optional().describe("Default wstring"),
  })
  .superRefine((source, context) => {
    const problem = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    if (source.fromDatabase) {
      for (const field of EXTERNAL_FIELDS) {
        if (source[field] !== undefined) problem(field, "not used with fromDatabase: true, which takes it from the environment's database");
      }
    } else {
      for (const field of ["server", "databaseName", "passwordParameter"] as const) {
        if (source[field] === undefined) problem(field, "required for an external server; or set fromDatabase: true");
      }
      if ((source.username === undefined) === (source.usernameParameter === undefined)) {
        problem(source.username === undefined ? "usernameParameter" : "username", "give exactly one of username and usernameParameter");
      }
      if (source.server !== undefined && source.allowedCidr === undefined && hostCidr(source.server) === undefined) {
        problem("allowedCidr", `required when server ("${source.server}") is a host name, to limit where DMS may connect`);
      }
      if (source.allowedCidr?.endsWith("/0")) problem("allowedCidr", "name the source's network, not every address");
    }
    if ((source.sslMode === "verify-ca" || source.sslMode === "verify-full") && source.certificateArn === undefined) {
      problem("certificateArn", `required with sslMode "${source.sslMode}" (the CA certificate imported into DMS)`);
    }
    for (const settingsProblem of postgresSourceSettingsProblems(source, source.captureChanges)) {
      problem(settingsProblem.field ?? "engine", settingsProblem.message);
    }
  })
  .describe("A PostgreSQL source: this environment's database or an external server");

export type PostgresSourceConfig = z.output<typeof postgresSourceSchema>;
