import { Construct } from "constructs";
import { ServerTargetEndpoint, ServerTargetProps } from "../../endpoints/server-target";
import { DEFAULT_SQLSERVER_PORT, SqlServerTargetAttributes, SqlServerTargetSslMode, sqlServerTargetAttributes } from "./options";
import { sqlServerTargetPreparationSql } from "./preparation/script";
import { SQLSERVER_TARGET_RULES } from "./rules";
import { scriptPasswordSource } from "../../endpoints/endpoint-credentials";

export interface SqlServerTargetEndpointProps extends ServerTargetProps, SqlServerTargetAttributes {
  /** The database DMS writes to; it must exist. */
  readonly databaseName: string;
  /** @default "require" */
  readonly sslMode?: SqlServerTargetSslMode;
}

/**
 * A SQL Server target endpoint (on-premises, EC2 or RDS for SQL Server) outside this project. BCP options go into
 * `extra_connection_attributes`; SSL is `require` by default (`verify-full` with a CA certificate); synth writes
 * the T-SQL giving the DMS login `db_owner` in the target database, which is what AWS asks of it.
 */
export class SqlServerTargetEndpoint extends ServerTargetEndpoint<SqlServerTargetEndpointProps> {
  constructor(scope: Construct, id: string, props: SqlServerTargetEndpointProps) {
    super(scope, id, props, {
      engineName: () => "sqlserver",
      label: "SQL Server target",
      defaultPort: () => DEFAULT_SQLSERVER_PORT,
      sslMode: (p) => p.sslMode ?? "require",
      databaseName: (p) => p.databaseName,
      extraConnectionAttributes: sqlServerTargetAttributes,
      rules: SQLSERVER_TARGET_RULES,
      preparationScript: (p, port) =>
        sqlServerTargetPreparationSql({
          projectName: p.projectName,
          environment: p.environment,
          endpointId: p.endpointId,
          serverName: p.serverName,
          port,
          databaseName: p.databaseName,
          dmsLogin: p.credentials.username,
          usernameParameterName: p.credentials.usernameParameterName,
          ...scriptPasswordSource(p.credentials),
        }),
    });
  }
}
