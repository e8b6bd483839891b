import { IConnectable } from "../../../network/connections";
import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { validateProps } from "../../../core/rules";
import { projectTags } from "../../../core/project-environment";
import { IPeer, ipv4PeerOf } from "../../../network/peer";
import { OracleChangeCaptureOptions, oracleConnectionAttributes } from "./attributes";
import { ORACLE_SOURCE_RULES } from "./rules";
import { DEFAULT_ORACLE_PORT, OracleCdcReader, OracleHosting, OracleSslMode } from "./options";
import { oraclePreparationScript } from "./preparation/script";
import { sourcePreparationInput } from "../../source-preparation-input";
import { ISourceEndpoint, SecretEndpointProps, SourceReader } from "../../endpoints/endpoint";
import { EndpointCredentials, credentialsSecret } from "../../endpoints/endpoint-credentials";
import { sourceCidr } from "../../endpoints/endpoint-rules";
import { preparationScriptFile } from "../../endpoints/preparation-script-file";
import { claimAwsName } from "../../../core/unique-names";
import { requireSecretsManagerReach } from "../../secrets-manager-reach";
import { useProvider } from "../../../core/provider-scope";

export interface OracleSourceEndpointProps extends SecretEndpointProps, OracleChangeCaptureOptions {
  /** The DMS endpoint id, such as `source-mosaic-oracle-endpoint`. */
  readonly endpointId: string;
  /** IP address or host name of the Oracle server (for RAC, the SCAN address or a node). */
  readonly serverName: string;
  /** The listener port (a TCPS listener for `verify-ca`). @default 1521 */
  readonly port?: number;
  /** The service name (or SID) DMS connects to; in a multitenant database, the PDB's service. */
  readonly databaseName: string;
  /** The Oracle user DMS connects as, from SSM. With `asm`, the secret's password becomes `<password>,<asm password>`. */
  readonly credentials: EndpointCredentials;
  /**
   * Network the replication instance may reach the server in, on `port` only.
   * @default - `<serverName>/32` when `serverName` is an IPv4 address; required for a host name
   */
  readonly allowedCidr?: string;
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
export class OracleSourceEndpoint extends Construct implements ISourceEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly reader: OracleCdcReader;
  readonly hosting: OracleHosting;
  readonly capturesChanges: boolean;
  readonly serverName: string;
  readonly port: number;
  readonly databaseName: string;
  readonly sslMode: OracleSslMode;
  readonly extraConnectionAttributes: string;
  readonly credentials: EndpointCredentials;
  private readonly peer: IPeer;
  private readonly props: OracleSourceEndpointProps;
  private readonly readers: SourceReader[] = [];

  constructor(scope: Construct, id: string, props: OracleSourceEndpointProps) {
    super(scope, id);
    useProvider(this, props.provider);
    claimAwsName(this, "DMS endpoint", props.endpointId);
    validateProps(this, props, ORACLE_SOURCE_RULES);
    const sslMode = props.sslMode ?? "verify-ca";
    const allowedCidr = sourceCidr(this, props.serverName, props.allowedCidr);
    const port = props.port ?? DEFAULT_ORACLE_PORT;
    const tags = projectTags(props, props.endpointId, props.additionalTags);

    const secret = credentialsSecret(this, {
      name: props.endpointId,
      credentials: props.credentials,
      host: props.serverName,
      port,
      kmsKeyArn: props.kmsKeyArn,
      recoveryWindowInDays: props.secretRecoveryWindowInDays,
      tags,
      // AWS: with ASM, the endpoint password is "<oracle password>,<asm password>".
      additionalPasswordParameterNames: props.asm === undefined ? [] : [props.asm.passwordParameterName],
    });
    this.extraConnectionAttributes = oracleConnectionAttributes(props);
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "source",
      engineName: "oracle",
      databaseName: props.databaseName,
      sslMode,
      certificateArn: props.certificateArn,
      kmsKeyArn: props.kmsKeyArn,
      extraConnectionAttributes: this.extraConnectionAttributes,
      secretsManagerArn: secret.secretArn,
      secretsManagerAccessRoleArn: secret.accessRoleArn,
      tags,
      dependsOn: secret.dependables,
    });

    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.reader = props.reader ?? "logminer";
    this.hosting = props.hosting ?? "self-managed";
    this.capturesChanges = props.captureChanges ?? true;
    this.serverName = props.serverName;
    this.port = port;
    this.databaseName = props.databaseName;
    this.sslMode = sslMode;
    this.credentials = props.credentials;
    this.peer = ipv4PeerOf(this, "allowedCidr", allowedCidr);
    this.props = props;
    preparationScriptFile(this, props.endpointId, this.readers, () => this.preparationScript());
  }

  addReader(reader: SourceReader): void {
    this.readers.push(reader);
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
      passwordParameterName: props.credentials.passwordParameterName,
      asmUser: props.asm?.user,
      addSupplementalLogging: props.addSupplementalLogging,
      exposeViews: props.exposeViews,
      archivedLogRetentionHours: props.archivedLogRetentionHours,
    });
  }

  allowConnectionsFrom(runner: IConnectable): void {
    requireSecretsManagerReach(runner, this.endpointId);
    runner.connections.allowTo(this.peer, this.port, `Oracle source ${this.endpointId}`);
  }
}
