import { Construct } from "constructs";
import { ServerSourceEndpoint, ServerSourceEndpointProps } from "../../endpoints/server-source-endpoint";
import { sqlServerConnectionAttributes } from "../sql-server/attributes";
import { sqlServerPreparationScript } from "../sql-server/preparation/script";
import { sourcePreparationInput } from "../../source-preparation-input";
import { AZURE_SQL_DMS_ENGINE_NAME, AzureSqlCaptureMode, AzureSqlService, AzureSqlSslMode, DEFAULT_AZURE_SQL_PORT } from "./options";
import { azureSqlDatabasePreparationScript } from "./preparation/script";
import { AZURE_SQL_SOURCE_RULES } from "./rules";
import { scriptPasswordSource } from "../../endpoints/endpoint-credentials";

export interface AzureSqlSourceEndpointProps extends Omit<ServerSourceEndpointProps, "sslMode"> {
  /** Azure SQL Database (`sql-database`, full loads only) or Azure SQL Managed Instance (`managed-instance`). */
  readonly service: AzureSqlService;
  /** `ms-cdc` (managed instance only) or `none` (full loads only). @default - "ms-cdc" on a managed instance, "none" on Azure SQL Database */
  readonly captureMode?: AzureSqlCaptureMode;
  /** The server's host name (`<server>.database.windows.net`, or the managed instance's) or private endpoint address. */
  readonly serverName: string;
  /** @default 1433 */
  readonly port?: number;
  /** @default "require" */
  readonly sslMode?: AzureSqlSslMode;
}

/**
 * An Azure SQL Database or Azure SQL Managed Instance source. Azure SQL Database serves full loads only; a managed
 * instance also captures changes with MS-CDC, as RDS for SQL Server does. The endpoint is written with DMS's SQL
 * Server engine so its login reaches DMS through a Secrets Manager secret (see `AZURE_SQL_DMS_ENGINE_NAME`); synth
 * writes the T-SQL its DBA runs to `dba/<endpoint id>.sql`.
 */
export class AzureSqlSourceEndpoint extends ServerSourceEndpoint<AzureSqlSourceEndpointProps> {
  readonly service: AzureSqlService;
  readonly captureMode: AzureSqlCaptureMode;

  constructor(scope: Construct, id: string, props: AzureSqlSourceEndpointProps) {
    const captureMode = props.captureMode ?? (props.service === "managed-instance" ? "ms-cdc" : "none");
    super(scope, id, props, () => ({
      engineName: AZURE_SQL_DMS_ENGINE_NAME,
      label: props.service === "managed-instance" ? "Azure SQL Managed Instance source" : "Azure SQL Database source",
      defaultPort: DEFAULT_AZURE_SQL_PORT,
      defaultSslMode: "require",
      rules: AZURE_SQL_SOURCE_RULES,
      // A managed instance is not RDS, so DMS's SQL Server engine is told not to look for MS-Replication.
      extraConnectionAttributes: captureMode === "ms-cdc" ? sqlServerConnectionAttributes({ captureMode, hosting: "self-managed" }) : "",
      capturesChanges: captureMode === "ms-cdc",
    }));
    this.service = props.service;
    this.captureMode = captureMode;
  }

  /** The T-SQL the source's DBA runs for the tables the tasks read. */
  preparationScript(): string {
    const { props } = this;
    if (this.service === "sql-database") {
      return azureSqlDatabasePreparationScript({
        ...sourcePreparationInput(props, this, this.readers),
        dmsLogin: props.credentials.username,
        ...scriptPasswordSource(props.credentials),
      });
    }
    return sqlServerPreparationScript({
      ...sourcePreparationInput(props, this, this.readers),
      captureMode: this.captureMode,
      hosting: "self-managed",
      dmsLogin: props.credentials.username,
      ...scriptPasswordSource(props.credentials),
    });
  }
}
