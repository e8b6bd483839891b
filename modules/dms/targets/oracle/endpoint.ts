import { Construct } from "constructs";
import { ServerTargetEndpoint, ServerTargetProps } from "../../endpoints/server-target";
import { DEFAULT_ORACLE_TARGET_PORT, OracleTargetAttributes, OracleTargetSslMode, oracleTargetAttributes } from "./options";
import { oracleTargetPreparationSql } from "./preparation/script";
import { ORACLE_TARGET_RULES } from "./rules";
import { scriptPasswordSource } from "../../endpoints/endpoint-credentials";

export interface OracleTargetEndpointProps extends ServerTargetProps, OracleTargetAttributes {
  /** The Oracle service name DMS connects to (a PDB's service on a multitenant database). */
  readonly databaseName: string;
  /** `verify-ca` needs `certificateArn`, an Oracle wallet imported into DMS. @default "verify-ca" */
  readonly sslMode?: OracleTargetSslMode;
  /**
   * Schemas DMS writes to that are not its own user's (each source schema, after renames): the DBA script then
   * grants the ANY privileges AWS lists. @default - only the DMS user's own schema
   */
  readonly schemas?: readonly string[];
  /** Tablespace the DMS user gets a quota on and creates tables in. @default "USERS" */
  readonly tablespace?: string;
}

/**
 * An Oracle target endpoint outside this project. Direct-path options go into `extra_connection_attributes`
 * (provider 5.100.0 has no `oracle_settings`); SSL is `verify-ca` with an Oracle wallet by default, the only
 * encrypted mode DMS has for Oracle; synth writes the SQL*Plus script for the DMS user's quota and grants.
 */
export class OracleTargetEndpoint extends ServerTargetEndpoint<OracleTargetEndpointProps> {
  constructor(scope: Construct, id: string, props: OracleTargetEndpointProps) {
    super(scope, id, props, {
      engineName: () => "oracle",
      label: "Oracle target",
      defaultPort: () => DEFAULT_ORACLE_TARGET_PORT,
      sslMode: (p) => p.sslMode ?? "verify-ca",
      databaseName: (p) => p.databaseName,
      extraConnectionAttributes: oracleTargetAttributes,
      rules: ORACLE_TARGET_RULES,
      preparationScript: (p, port) =>
        oracleTargetPreparationSql({
          projectName: p.projectName,
          environment: p.environment,
          endpointId: p.endpointId,
          serverName: p.serverName,
          port,
          serviceName: p.databaseName,
          dmsUser: p.credentials.username,
          usernameParameterName: p.credentials.usernameParameterName,
          ...scriptPasswordSource(p.credentials),
          tablespace: (p.tablespace ?? "USERS").toUpperCase(),
          otherSchemas: (p.schemas ?? []).filter((schema) => schema.toUpperCase() !== p.credentials.username?.toUpperCase()),
          directPath: p.useDirectPathFullLoad !== false,
        }),
    });
  }
}
