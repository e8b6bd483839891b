import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { ContextProps, Same, endpointCredentialsSchema } from "../../endpoints/entry-schema";
import type { AzureSqlSourceEndpointProps } from "./endpoint";
import { AZURE_SQL_SSL_MODES } from "./options";

const common = {
  endpointId: dmsId("an endpoint id"),
  serverName: z.string().min(1).describe("Host name (<server>.database.windows.net or the managed instance's) or private endpoint address"),
  port: tcpPort.optional().describe("Default 1433"),
  databaseName: z.string().min(1),
  sslMode: z.enum(AZURE_SQL_SSL_MODES).optional().describe("Default require; verify-full needs certificateArn"),
  certificateArn: dmsCertificateArn.optional(),
  allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in (the VPN or private link range); required for a host name"),
  credentials: endpointCredentialsSchema,
  kmsKeyArn: kmsKeyArn.optional(),
};

/** An Azure SQL Database source (`engine: "azuredb"`): full loads only, so no capture mode. */
export const azureSqlDatabaseSourceSchema = z
  .strictObject({ engine: z.literal("azuredb"), ...common })
  .describe("An Azure SQL Database source (full loads only)");

/** An Azure SQL Managed Instance source (`engine: "azure-sql-managed-instance"`). */
export const azureSqlManagedInstanceSourceSchema = z
  .strictObject({
    engine: z.literal("azure-sql-managed-instance"),
    ...common,
    captureMode: z.enum(["ms-cdc", "none"]).optional().describe("ms-cdc (default) or none (full loads only)"),
  })
  .describe("An Azure SQL Managed Instance source (MS-CDC or full loads)");

export type AzureSqlDatabaseSourceConfig = z.output<typeof azureSqlDatabaseSourceSchema>;
export type AzureSqlManagedInstanceSourceConfig = z.output<typeof azureSqlManagedInstanceSourceSchema>;

// The managed instance's entry is the construct's props less the context and the service its engine names.
const entryMatchesProps: Same<
  Omit<z.input<typeof azureSqlManagedInstanceSourceSchema>, "engine">,
  Omit<AzureSqlSourceEndpointProps, ContextProps | "service">
> = true;
void entryMatchesProps;
