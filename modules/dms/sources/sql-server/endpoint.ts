import { Construct } from "constructs";
import { ServerSourceEndpoint, ServerSourceEndpointProps } from "../../endpoints/server-source-endpoint";
import { DmsSslMode } from "../../endpoints/endpoint";
import { EndpointLogin, scriptPasswordSource } from "../../endpoints/endpoint-credentials";
import { sourcePreparationInput } from "../../source-preparation-input";
import { SqlServerChangeCaptureOptions, sqlServerConnectionAttributes } from "./attributes";
import { SQL_SERVER_SOURCE_RULES } from "./rules";
import { sqlServerPreparationScript } from "./preparation/script";
import { SqlServerCaptureMode, SqlServerHosting } from "./options";

export interface SqlServerSourceEndpointProps extends Omit<ServerSourceEndpointProps, "sslMode">, SqlServerChangeCaptureOptions {
  /** Hackney `source_endpoint_identifier`, such as `source-uh-uht-endpoint`. */
  readonly endpointId: string;
  /** IP address or host name of the server (Hackney passed IPs, reached over the VPN). */
  readonly serverName: string;
  /** @default 1433 */
  readonly port?: number;
  /** SQL Server supports `none`, `require` and `verify-full`. @default "require" */
  readonly sslMode?: Exclude<DmsSslMode, "verify-ca">;
  /** Whether the DMS login is sysadmin; the DBA script then lets DMS create the publication. @default false */
  readonly dmsLoginIsSysadmin?: boolean;
  /** Whether an RDS source is Multi-AZ; the DBA script then sets the capture interval for the standby too. @default false */
  readonly multiAz?: boolean;
}

/**
 * A SQL Server source endpoint in one of three modes: MS-Replication, native MS-CDC, or none (one-off full
 * loads). The mode and its options are typed and rendered into `extra_connection_attributes`; impossible
 * combinations stop synth. Credentials reach DMS through a Secrets Manager secret, never through state.
 * Synth writes the T-SQL the source's DBA must run, for the mode and the tables its tasks read, to
 * `dba/<endpoint id>.sql` next to the stack.
 */
export class SqlServerSourceEndpoint extends ServerSourceEndpoint<SqlServerSourceEndpointProps> {
  readonly captureMode: SqlServerCaptureMode;
  readonly hosting: SqlServerHosting;
  readonly credentials: EndpointLogin;

  constructor(scope: Construct, id: string, props: SqlServerSourceEndpointProps) {
    super(scope, id, props, (checked) => ({
      engineName: "sqlserver",
      label: "SQL Server source",
      defaultPort: 1433,
      defaultSslMode: "require",
      rules: SQL_SERVER_SOURCE_RULES,
      extraConnectionAttributes: sqlServerConnectionAttributes(checked),
      writesEmptyAttributes: true,
      capturesChanges: checked.captureMode !== "none",
    }));
    this.captureMode = props.captureMode;
    this.hosting = props.hosting ?? "self-managed";
    this.credentials = props.credentials;
  }

  /** The T-SQL the source's DBA must run for this endpoint's mode and the tables its tasks read. */
  preparationScript(): string {
    const { props } = this;
    return sqlServerPreparationScript({
      ...sourcePreparationInput(props, this, this.readers),
      captureMode: this.captureMode,
      hosting: this.hosting,
      dmsLogin: props.credentials.username,
      ...scriptPasswordSource(props.credentials),
      dmsLoginIsSysadmin: props.dmsLoginIsSysadmin,
      setUpMsCdcForTables: props.setUpMsCdcForTables,
      safeguardPolicy: props.safeguardPolicy,
      readBackupOnly: props.readBackupOnly,
      multiAz: props.multiAz,
    });
  }
}
