import { Construct } from "constructs";
import { ServerTargetEndpoint, ServerTargetProps } from "../../endpoints/server-target";
import { sqlServerTargetPreparationSql } from "../sqlserver/preparation/script";
import { BABELFISH_PG_DATABASE, BABELFISH_PORTS, BabelfishConnection, BabelfishSslMode } from "./options";
import { BABELFISH_REFUSED_TASK_SETTINGS, BABELFISH_TARGET_RULES } from "./rules";
import { scriptPasswordSource } from "../../endpoints/endpoint-credentials";

export interface BabelfishTargetEndpointProps extends ServerTargetProps {
  /** The T-SQL database DMS writes to (API `BabelfishDatabaseName`). */
  readonly babelfishDatabaseName: string;
  /** `postgresql` (AWS's preferred way: the PostgreSQL port, `DatabaseMode=babelfish`) or `tds` (the `babelfish` endpoint). @default "postgresql" */
  readonly connection?: BabelfishConnection;
  /** @default "require" */
  readonly sslMode?: BabelfishSslMode;
}

/**
 * A Babelfish for Aurora PostgreSQL target endpoint, for SQL Server sources. Over `postgresql` (the default) it is
 * an `aurora-postgresql` endpoint on `babelfish_db` with `postgres_settings { database_mode = "babelfish",
 * babelfish_database_name }`; over `tds` it is the `babelfish` engine on port 1433. Tasks writing here are refused
 * `TargetTablePrepMode: DROP_AND_CREATE` (the tables must be created beforehand with their T-SQL DDL). Synth writes
 * the T-SQL, run through the TDS port, that creates the DMS login with `db_owner` in the Babelfish database.
 */
export class BabelfishTargetEndpoint extends ServerTargetEndpoint<BabelfishTargetEndpointProps> {
  constructor(scope: Construct, id: string, props: BabelfishTargetEndpointProps) {
    const connection = (p: BabelfishTargetEndpointProps) => p.connection ?? "postgresql";
    super(scope, id, props, {
      engineName: (p) => (connection(p) === "postgresql" ? "aurora-postgresql" : "babelfish"),
      label: "Babelfish target",
      defaultPort: (p) => BABELFISH_PORTS[connection(p)],
      sslMode: (p) => p.sslMode ?? "require",
      databaseName: (p) => (connection(p) === "postgresql" ? BABELFISH_PG_DATABASE : p.babelfishDatabaseName),
      extraConnectionAttributes: () => "",
      // Every field given: provider 5.100.0 sends the unset fields of a present block as 0
      // (https://github.com/hashicorp/terraform-provider-aws/issues/47884).
      postgresSettings: (p) =>
        connection(p) === "postgresql"
          ? { databaseMode: "babelfish", babelfishDatabaseName: p.babelfishDatabaseName, maxFileSize: 32768, executeTimeout: 60, heartbeatFrequency: 5 }
          : undefined,
      rules: BABELFISH_TARGET_RULES,
      refusesTaskSettings: BABELFISH_REFUSED_TASK_SETTINGS,
      preparationScript: (p) =>
        sqlServerTargetPreparationSql({
          projectName: p.projectName,
          environment: p.environment,
          endpointId: p.endpointId,
          serverName: p.serverName,
          port: BABELFISH_PORTS.tds,
          databaseName: p.babelfishDatabaseName,
          dmsLogin: p.credentials.username,
          usernameParameterName: p.credentials.usernameParameterName,
          ...scriptPasswordSource(p.credentials),
          babelfish: true,
        }),
    });
  }
}
