import { Construct } from "constructs";
import { ServerSourceEndpoint, ServerSourceEndpointProps } from "../../endpoints/server-source-endpoint";
import { EndpointLogin, scriptPasswordSource } from "../../endpoints/endpoint-credentials";
import { sourcePreparationInput } from "../../source-preparation-input";
import { OracleChangeCaptureOptions, oracleConnectionAttributes } from "./attributes";
import { ORACLE_SOURCE_RULES } from "./rules";
import { DEFAULT_ORACLE_PORT, OracleCdcReader, OracleHosting, OracleSslMode } from "./options";
import { oraclePreparationScript } from "./preparation/script";

export interface OracleSourceEndpointProps extends Omit<ServerSourceEndpointProps, "sslMode">, OracleChangeCaptureOptions {
  /** The DMS endpoint id, such as `source-mosaic-oracle-endpoint`. */
  readonly endpointId: string;
  /** IP address or host name of the Oracle server (for RAC, the SCAN address or a node). */
  readonly serverName: string;
  /** The listener port (a TCPS listener for `verify-ca`). @default 1521 */
  readonly port?: number;
  /** The service name (or SID) DMS connects to; in a multitenant database, the PDB's service. */
  readonly databaseName: string;
  /** The Oracle user DMS connects as, from SSM. With `asm`, the secret's password becomes `<password>,<asm password>`. */
  readonly credentials: EndpointLogin;
  /**
   * DMS supports only `none` and `verify-ca` for Oracle: SSL needs an Oracle wallet imported into DMS as a
   * certificate (`certificateArn`). Without one, set `"none"` deliberately.
   * @default "verify-ca"
   */
  readonly sslMode?: OracleSslMode;
  /** The DMS certificate holding the Oracle wallet (`aws_dms_certificate.certificate_wallet`), for `verify-ca`. @default - none */
  readonly certificateArn?: string;
  /** RDS: hours of archived redo logs the DBA script makes RDS keep, at least. @default 24 */
  readonly archivedLogRetentionHours?: number;
}

/**
 * An Oracle source endpoint read with LogMiner (DMS's default) or Binary Reader (with the logs on a file
 * system, in ASM, or on RDS). The reader, hosting and options are typed and rendered into
 * `extra_connection_attributes` (provider 5.100.0 has no `oracle_settings`); impossible combinations stop
 * synth. Credentials reach DMS through a Secrets Manager secret, never through state. Synth writes the
 * SQL*Plus script the source's DBA must run, for the reader and the tables its tasks read, to
 * `dba/<endpoint id>.sql` next to the stack.
 */
export class OracleSourceEndpoint extends ServerSourceEndpoint<OracleSourceEndpointProps> {
  readonly reader: OracleCdcReader;
  readonly hosting: OracleHosting;
  declare readonly sslMode: OracleSslMode;
  readonly credentials: EndpointLogin;

  constructor(scope: Construct, id: string, props: OracleSourceEndpointProps) {
    super(scope, id, props, (checked) => ({
      engineName: "oracle",
      label: "Oracle source",
      defaultPort: DEFAULT_ORACLE_PORT,
      defaultSslMode: "verify-ca",
      rules: ORACLE_SOURCE_RULES,
      extraConnectionAttributes: oracleConnectionAttributes(checked),
      writesEmptyAttributes: true,
      capturesChanges: checked.captureChanges ?? true,
      // AWS: with ASM, the endpoint password is "<oracle password>,<asm password>".
      additionalPasswordParameterNames: checked.asm === undefined ? [] : [checked.asm.passwordParameterName],
    }));
    this.reader = props.reader ?? "logminer";
    this.hosting = props.hosting ?? "self-managed";
    this.credentials = props.credentials;
  }

  /** The SQL*Plus script the source's DBA must run for this endpoint's reader and the tables its tasks read. */
  preparationScript(): string {
    const { props } = this;
    return oraclePreparationScript({
      ...sourcePreparationInput(props, this, this.readers),
      reader: this.reader,
      hosting: this.hosting,
      captureChanges: this.capturesChanges,
      dmsUser: props.credentials.username,
      usernameParameterName: props.credentials.usernameParameterName,
      ...scriptPasswordSource(props.credentials),
      asmUser: props.asm?.user,
      addSupplementalLogging: props.addSupplementalLogging,
      exposeViews: props.exposeViews,
      archivedLogRetentionHours: props.archivedLogRetentionHours,
    });
  }
}
