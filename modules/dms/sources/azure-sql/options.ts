/**
 * Which Azure SQL service DMS reads, and so the environment file's `engine`: Azure SQL Database (`azuredb`), a
 * single database without change capture in DMS
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.AzureSQL.html), or Azure SQL Managed Instance
 * (`azure-sql-managed-instance`), which DMS reads like RDS for SQL Server: MS-CDC on every table, no MS-Replication
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SQLServer.html).
 */
export const AZURE_SQL_SERVICES = ["sql-database", "managed-instance"] as const;
export type AzureSqlService = (typeof AZURE_SQL_SERVICES)[number];

/** The environment file's `engine` for each service: DMS's own engine names for them. */
export const AZURE_SQL_ENGINES: Readonly<Record<AzureSqlService, "azuredb" | "azure-sql-managed-instance">> = {
  "sql-database": "azuredb",
  "managed-instance": "azure-sql-managed-instance",
};

/**
 * The endpoint's `engine_name`. Provider 5.100.0 sends a Secrets Manager secret only for the engines it has a
 * settings object for; `azuredb` and `azure-sql-managed-instance` fall to its default case, which sends the top-level
 * username and password instead (resourceEndpointCreate,
 * https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/dms/endpoint.go), so their
 * endpoints could only be written with the password in state. DMS reads both services with its SQL Server engine,
 * which takes the secret (MicrosoftSQLServerSettings), so the endpoint is a `sqlserver` one. That DMS then behaves
 * as with its Azure engine names was not tried against DMS.
 */
export const AZURE_SQL_DMS_ENGINE_NAME = "sqlserver";

/** What each service can do for change capture: Azure SQL Database serves full loads only. */
export const AZURE_SQL_CAPTURE_MODES: Readonly<Record<AzureSqlService, readonly ("ms-cdc" | "none")[]>> = {
  "sql-database": ["none"],
  "managed-instance": ["ms-cdc", "none"],
};
export type AzureSqlCaptureMode = "ms-cdc" | "none";

/** Azure SQL always encrypts; DMS's SQL Server engine takes `none`, `require` and `verify-full` (no `verify-ca`). */
export const AZURE_SQL_SSL_MODES = ["none", "require", "verify-full"] as const;
export type AzureSqlSslMode = (typeof AZURE_SQL_SSL_MODES)[number];

export const DEFAULT_AZURE_SQL_PORT = 1433;
