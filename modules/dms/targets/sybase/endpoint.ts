import { Construct } from "constructs";
import { ServerTargetEndpoint, ServerTargetProps } from "../../endpoints/server-target";
import { DEFAULT_SYBASE_PORT, SybaseTargetAttributes, SybaseTargetSslMode, sybaseTargetAttributes } from "./options";
import { sybaseTargetPreparationSql } from "./preparation/script";
import { SYBASE_TARGET_RULES } from "./rules";
import { scriptPasswordSource } from "../../endpoints/endpoint-credentials";

export interface SybaseTargetEndpointProps extends ServerTargetProps, SybaseTargetAttributes {
  /** The database DMS writes to. */
  readonly databaseName: string;
  /** @default "require" */
  readonly sslMode?: SybaseTargetSslMode;
}

/**
 * An SAP ASE (`sybase`) target endpoint outside this project. Provider 5.100.0 has no `sybase_settings`, so the
 * character set goes into `extra_connection_attributes`; synth writes the isql script for the DMS login.
 */
export class SybaseTargetEndpoint extends ServerTargetEndpoint<SybaseTargetEndpointProps> {
  constructor(scope: Construct, id: string, props: SybaseTargetEndpointProps) {
    super(scope, id, props, {
      engineName: () => "sybase",
      label: "SAP ASE target",
      defaultPort: () => DEFAULT_SYBASE_PORT,
      sslMode: (p) => p.sslMode ?? "require",
      databaseName: (p) => p.databaseName,
      extraConnectionAttributes: sybaseTargetAttributes,
      rules: SYBASE_TARGET_RULES,
      preparationScript: (p, port) =>
        sybaseTargetPreparationSql({
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
