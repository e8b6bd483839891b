import { fileProblems } from "../../../core/rules";
import { serverSourceProps } from "../server-source-props";
import { SourceBuildContext, SourceEngine } from "../source-engine";
import { AzureSqlSourceEndpoint, AzureSqlSourceEndpointProps } from "./endpoint";
import { AZURE_SQL_SOURCE_RULES } from "./rules";
import { loginParameterNames } from "../../endpoints/endpoint-credentials";
import {
  AzureSqlDatabaseSourceConfig,
  AzureSqlManagedInstanceSourceConfig,
  azureSqlDatabaseSourceSchema,
  azureSqlManagedInstanceSourceSchema,
} from "./schema";

type AzureSqlConfig = AzureSqlDatabaseSourceConfig | AzureSqlManagedInstanceSourceConfig;

/** The props of an `AzureSqlSourceEndpoint` for one entry of the environment file. */
function azureSqlSourceProps(source: AzureSqlConfig, context: Partial<SourceBuildContext> = {}): AzureSqlSourceEndpointProps {
  return { ...serverSourceProps(source, context), service: source.engine === "azuredb" ? "sql-database" : "managed-instance" };
}

const parameterNames = ({ credentials }: AzureSqlConfig) => loginParameterNames(credentials);

/**
 * Azure SQL Database (`azuredb`): full loads only. Its `engine` is DMS's name for the service; the endpoint itself is
 * written with the SQL Server engine (`AZURE_SQL_DMS_ENGINE_NAME` says why).
 */
export const azureSqlDatabaseSource: SourceEngine<typeof azureSqlDatabaseSourceSchema> = {
  engine: "azuredb",
  schema: azureSqlDatabaseSourceSchema,
  settingsKey: "MicrosoftSQLServerSettings",
  capturesChanges: () => false,
  problems: (source) => fileProblems(AZURE_SQL_SOURCE_RULES, azureSqlSourceProps(source)),
  parameterNames,
  build: (scope, id, source, context) => new AzureSqlSourceEndpoint(scope, id, azureSqlSourceProps(source, context)),
};

/** Azure SQL Managed Instance (`azure-sql-managed-instance`): MS-CDC or full loads. */
export const azureSqlManagedInstanceSource: SourceEngine<typeof azureSqlManagedInstanceSourceSchema> = {
  engine: "azure-sql-managed-instance",
  schema: azureSqlManagedInstanceSourceSchema,
  settingsKey: "MicrosoftSQLServerSettings",
  capturesChanges: (source) => (source.captureMode ?? "ms-cdc") === "ms-cdc",
  problems: (source) => fileProblems(AZURE_SQL_SOURCE_RULES, azureSqlSourceProps(source)),
  parameterNames,
  build: (scope, id, source, context) => new AzureSqlSourceEndpoint(scope, id, azureSqlSourceProps(source, context)),
};

export { AzureSqlSourceEndpoint } from "./endpoint";
export type { AzureSqlSourceEndpointProps } from "./endpoint";
export type { AzureSqlCaptureMode, AzureSqlService, AzureSqlSslMode } from "./options";
