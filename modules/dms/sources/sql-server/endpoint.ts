import { IConnectable } from "../../../network/connections";
import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { validateProps } from "../../../core/rules";
import { projectTags } from "../../../core/project-environment";
import { IPeer, ipv4PeerOf } from "../../../network/peer";
import { sourcePreparationInput } from "../../source-preparation-input";
import { SqlServerChangeCaptureOptions, sqlServerConnectionAttributes } from "./attributes";
import { SQL_SERVER_SOURCE_RULES } from "./rules";
import { sqlServerPreparationScript } from "./preparation/script";
import { SqlServerCaptureMode, SqlServerHosting } from "./options";
import { DmsSslMode, ISourceEndpoint, SecretEndpointProps, SourceReader } from "../../endpoints/endpoint";
import { EndpointCredentials, credentialsSecret } from "../../endpoints/endpoint-credentials";
import { sourceCidr } from "../../endpoints/endpoint-rules";
import { preparationScriptFile } from "../../endpoints/preparation-script-file";
import { claimAwsName } from "../../../core/unique-names";
import { requireSecretsManagerReach } from "../../secrets-manager-reach";
import { useProvider } from "../../../core/provider-scope";

export interface SqlServerSourceEndpointProps extends SecretEndpointProps, SqlServerChangeCaptureOptions {
  /** Hackney `source_endpoint_identifier`, such as `source-uh-uht-endpoint`. */
  readonly endpointId: string;
  /** IP address or host name of the server (Hackney passed IPs, reached over the VPN). */
  readonly serverName: string;
  /** @default 1433 */
  readonly port?: number;
  readonly databaseName: string;
  readonly credentials: EndpointCredentials;
  /**
   * Network the replication instance may reach the server in, on `port` only.
   * @default - `<serverName>/32` when `serverName` is an IPv4 address; required for a host name
   */
  readonly allowedCidr?: string;
  /** SQL Server supports `none`, `require` and `verify-full`. @default "require" */
  readonly sslMode?: Exclude<DmsSslMode, "verify-ca">;
  /** CA certificate for the `verify-*` SSL modes. @default - none */
  readonly certificateArn?: string;
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
export class SqlServerSourceEndpoint extends Construct implements ISourceEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly captureMode: SqlServerCaptureMode;
  readonly hosting: SqlServerHosting;
  readonly capturesChanges: boolean;
  readonly serverName: string;
  readonly port: number;
  readonly databaseName: string;
  readonly extraConnectionAttributes: string;
  readonly credentials: EndpointCredentials;
  private readonly peer: IPeer;
  private readonly props: SqlServerSourceEndpointProps;
  private readonly readers: SourceReader[] = [];

  constructor(scope: Construct, id: string, props: SqlServerSourceEndpointProps) {
    super(scope, id);
    useProvider(this, props.provider);
    claimAwsName(this, "DMS endpoint", props.endpointId);
    validateProps(this, props, SQL_SERVER_SOURCE_RULES);
    const allowedCidr = sourceCidr(this, props.serverName, props.allowedCidr);
    const port = props.port ?? 1433;
    const tags = projectTags(props, props.endpointId, props.additionalTags);

    const secret = credentialsSecret(this, {
      name: props.endpointId,
      credentials: props.credentials,
      host: props.serverName,
      port,
      kmsKeyArn: props.kmsKeyArn,
      recoveryWindowInDays: props.secretRecoveryWindowInDays,
      tags,
    });
    this.extraConnectionAttributes = sqlServerConnectionAttributes(props);
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "source",
      engineName: "sqlserver",
      databaseName: props.databaseName,
      sslMode: props.sslMode ?? "require",
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
    this.captureMode = props.captureMode;
    this.hosting = props.hosting ?? "self-managed";
    this.capturesChanges = props.captureMode !== "none";
    this.serverName = props.serverName;
    this.port = port;
    this.databaseName = props.databaseName;
    this.credentials = props.credentials;
    this.peer = ipv4PeerOf(this, "allowedCidr", allowedCidr);
    this.props = props;
    preparationScriptFile(this, props.endpointId, this.readers, () => this.preparationScript());
  }

  addReader(reader: SourceReader): void {
    this.readers.push(reader);
  }

  /** The T-SQL the source's DBA must run for this endpoint's mode and the tables its tasks read. */
  preparationScript(): string {
    const { props } = this;
    return sqlServerPreparationScript({
      ...sourcePreparationInput(props, this, this.readers),
      captureMode: this.captureMode,
      hosting: this.hosting,
      dmsLogin: props.credentials.username,
      passwordParameterName: props.credentials.passwordParameterName,
      dmsLoginIsSysadmin: props.dmsLoginIsSysadmin,
      setUpMsCdcForTables: props.setUpMsCdcForTables,
      safeguardPolicy: props.safeguardPolicy,
      readBackupOnly: props.readBackupOnly,
      multiAz: props.multiAz,
    });
  }

  allowConnectionsFrom(runner: IConnectable): void {
    requireSecretsManagerReach(runner, this.endpointId);
    runner.connections.allowTo(this.peer, this.port, `SQL Server source ${this.endpointId}`);
  }
}
