import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, RenamedKeys, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { ExternalPostgresSource, PostgresSourceEndpointProps } from "./endpoint";
import { POSTGRES_LONG_VARCHAR_MAPPINGS, POSTGRES_PLUGIN_NAMES, POSTGRES_SOURCE_HOSTINGS, PostgresSourceSettings } from "./settings";

/** The `database` of an entry that reads the environment's own database. */
export const ENVIRONMENT_DATABASE = "environment";

const externalServerSchema = z
  .strictObject({
    serverName: z.string().min(1).describe("IP address or host name"),
    port: tcpPort.optional().describe("Default 5432"),
    databaseName: z.string().min(1).max(63).describe("The database DMS reads"),
    hosting: z
      .enum(POSTGRES_SOURCE_HOSTINGS)
      .optional()
      .describe("self-managed (REPLICATION attribute) or rds (rds_replication); default self-managed"),
    credentials: endpointCredentialsSchema,
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
  })
  .describe("A PostgreSQL server outside this project");

const settingsSchema = z
  .strictObject({
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
  .describe("The endpoint's typed PostgreSQL settings");

/**
 * A PostgreSQL source in an environment file: `PostgresSourceEndpointProps` by the same names, where `database` is
 * "environment" (this environment's own database) or an external server.
 */
export const postgresSourceSchema = z
  .strictObject({
    engine: z.literal("postgres"),
    endpointId: dmsId("an endpoint id").describe("The DMS endpoint id; the DBA script dba/<endpointId>.sql is named after it"),
    database: z
      .union([z.literal(ENVIRONMENT_DATABASE), externalServerSchema])
      .describe(
        '"environment": this environment\'s own database (its master credentials and security group; logical replication is turned on in its parameter group); or an external server',
      ),
    captureChanges: z.boolean().optional().describe("Prepare for change capture (cdc and full-load-and-cdc tasks); false: full loads only; default true"),
    sslMode: z.enum(["none", "require", "verify-ca", "verify-full"]).optional().describe("Default require"),
    certificateArn: dmsCertificateArn.optional().describe("CA certificate for the verify-ca and verify-full SSL modes"),
    kmsKeyArn: kmsKeyArn.optional(),
    settings: settingsSchema.optional(),
  })
  .describe("A PostgreSQL source: this environment's database or an external server");

export type PostgresSourceConfig = z.output<typeof postgresSourceSchema>;

const SETTINGS: readonly (keyof PostgresSourceSettings)[] = Object.keys(settingsSchema.shape) as (keyof PostgresSourceSettings)[];

/** The file keys of releases before the entry took the props' names (the server and the settings were flat). */
export const POSTGRES_RENAMED_KEYS: RenamedKeys = {
  fromDatabase: { to: "database", value: () => ENVIRONMENT_DATABASE, write: `database: "${ENVIRONMENT_DATABASE}"` },
  server: "database.serverName",
  port: "database.port",
  databaseName: "database.databaseName",
  hosting: "database.hosting",
  username: "database.credentials.username",
  usernameParameter: "database.credentials.usernameParameterName",
  passwordParameter: "database.credentials.passwordParameterName",
  passwordVersion: "database.credentials.passwordVersion",
  allowedCidr: "database.allowedCidr",
  ...Object.fromEntries(SETTINGS.map((setting) => [setting, `settings.${setting}`])),
};

// The entry is the construct's props less the context, with the environment's database named rather than wired:
// these fail to compile when they drift apart.
const externalMatchesProps: Same<z.input<typeof externalServerSchema>, Omit<ExternalPostgresSource, "peer">> = true;
const entryMatchesProps: Same<
  Omit<z.input<typeof postgresSourceSchema>, "engine" | "database">,
  Omit<PostgresSourceEndpointProps, ContextProps | "database">
> = true;
void externalMatchesProps;
void entryMatchesProps;
