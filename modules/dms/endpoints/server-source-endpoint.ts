import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { projectTags } from "../../core/project-environment";
import { useProvider } from "../../core/provider-scope";
import { Rule, validateProps } from "../../core/rules";
import { claimAwsName } from "../../core/unique-names";
import { IConnectable } from "../../network/connections";
import { IPeer, ipv4PeerOf } from "../../network/peer";
import { requireSecretsManagerReach } from "../secrets-manager-reach";
import { DmsSslMode, ISourceEndpoint, SecretEndpointProps, SourceReader } from "./endpoint";
import { EndpointLogin, credentialsSecret, isExistingSecret } from "./endpoint-credentials";
import { sourceCidr } from "./endpoint-rules";
import { preparationScriptFile } from "./preparation-script-file";

/**
 * What every source on a database server of its own takes (SQL Server, Oracle, MySQL, Db2, SAP ASE, Azure SQL), besides
 * its engine's options; `databaseName` is optional here for the engines that connect to a server, not a database (MySQL).
 */
export interface ServerSourceBaseProps extends SecretEndpointProps {
  /** The DMS endpoint id, such as `source-ledger-db2`. */
  readonly endpointId: string;
  /** IP address or host name of the server. */
  readonly serverName: string;
  /** @default - the engine's usual port */
  readonly port?: number;
  /** @default - none: the login's databases (MySQL) */
  readonly databaseName?: string;
  readonly credentials: EndpointLogin;
  /**
   * Network the replication instance may reach the server in, on `port` only.
   * @default - `<serverName>/32` when `serverName` is an IPv4 address; required for a host name
   */
  readonly allowedCidr?: string;
  /** @default - the engine's default, never `none` */
  readonly sslMode?: DmsSslMode;
  /** CA certificate for the `verify-*` SSL modes. @default - none */
  readonly certificateArn?: string;
}

/** What every source on a database server of its own takes that names the database it reads. */
export interface ServerSourceEndpointProps extends ServerSourceBaseProps {
  readonly databaseName: string;
}

/** What an engine tells the kit about itself. */
export interface ServerSourceEngineSpec<P> {
  /** DMS's `engine_name`. */
  readonly engineName: string;
  /** How security-group rule descriptions name the engine, such as `Db2 source`. */
  readonly label: string;
  readonly defaultPort: number;
  readonly defaultSslMode: DmsSslMode;
  readonly rules: readonly Rule<P>[];
  /** The engine's options as `extra_connection_attributes` (provider 5.100.0 has no settings block for these engines). */
  readonly extraConnectionAttributes: string;
  /** Whether the source is prepared for change capture. */
  readonly capturesChanges: boolean;
  /**
   * Write an empty `extra_connection_attributes` as `""` instead of leaving it out. SQL Server and Oracle endpoints
   * always did, so their synthesized JSON (and the state of deployed endpoints) stays as it was; either means "none".
   * @default false
   */
  readonly writesEmptyAttributes?: boolean;
  /** More SSM SecureStrings joined to the password in the secret, with commas (Oracle ASM). @default - none */
  readonly additionalPasswordParameterNames?: readonly string[];
}

/**
 * A DMS source endpoint on a server outside this project: the rule table run on the props, the login through a
 * Secrets Manager secret filled from SSM (never in state), SSL by default, one port to one network, and the DBA
 * script written at synth for the tables the tasks read. Each engine's construct extends it with its options.
 */
export abstract class ServerSourceEndpoint<P extends ServerSourceBaseProps> extends Construct implements ISourceEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly capturesChanges: boolean;
  readonly serverName: string;
  readonly port: number;
  readonly databaseName: P["databaseName"];
  readonly sslMode: DmsSslMode;
  readonly extraConnectionAttributes: string;
  protected readonly props: P;
  protected readonly readers: SourceReader[] = [];
  private readonly peer: IPeer;
  private readonly label: string;

  protected constructor(scope: Construct, id: string, props: P, spec: (props: P) => ServerSourceEngineSpec<P>) {
    super(scope, id);
    useProvider(this, props.provider);
    claimAwsName(this, "DMS endpoint", props.endpointId);
    const engine = spec(props);
    validateProps(this, props, engine.rules);
    const allowedCidr = sourceCidr(this, props.serverName, props.allowedCidr);
    this.port = props.port ?? engine.defaultPort;
    this.sslMode = props.sslMode ?? engine.defaultSslMode;
    const tags = projectTags(props, props.endpointId, props.additionalTags);

    const secret = credentialsSecret(this, {
      name: props.endpointId,
      credentials: props.credentials,
      host: props.serverName,
      port: this.port,
      kmsKeyArn: props.kmsKeyArn,
      recoveryWindowInDays: props.secretRecoveryWindowInDays,
      tags,
      additionalPasswordParameterNames: engine.additionalPasswordParameterNames,
    });
    this.extraConnectionAttributes = engine.extraConnectionAttributes;
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "source",
      engineName: engine.engineName,
      databaseName: props.databaseName,
      sslMode: this.sslMode,
      certificateArn: props.certificateArn,
      kmsKeyArn: props.kmsKeyArn,
      extraConnectionAttributes: engine.extraConnectionAttributes === "" && !engine.writesEmptyAttributes ? undefined : engine.extraConnectionAttributes,
      secretsManagerArn: secret.secretArn,
      secretsManagerAccessRoleArn: secret.accessRoleArn,
      tags,
      dependsOn: secret.dependables,
    });

    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.capturesChanges = engine.capturesChanges;
    this.serverName = props.serverName;
    this.databaseName = props.databaseName;
    this.peer = ipv4PeerOf(this, "allowedCidr", allowedCidr);
    this.label = engine.label;
    this.props = props;
    preparationScriptFile(this, props.endpointId, this.readers, () => this.preparationScript());
  }

  addReader(reader: SourceReader): void {
    this.readers.push(reader);
  }

  /** Whether a task reading this source reads ongoing changes (and the source captures them). */
  protected readsChanges(): boolean {
    return this.capturesChanges && this.readers.some((reader) => reader.migrationType !== "full-load");
  }

  /**
   * What most DBA scripts take from the endpoint: where it is, the login, whether a task reads changes (and the source
   * captures them), and the union of the tasks' selections.
   */
  protected serverScriptInput() {
    const { props } = this;
    return {
      projectName: props.projectName,
      environment: props.environment,
      endpointId: this.endpointId,
      serverName: this.serverName,
      port: this.port,
      databaseName: this.databaseName,
      dmsLogin: props.credentials.username,
      usernameParameterName: props.credentials.usernameParameterName,
      loginSecretArn: isExistingSecret(props.credentials) ? props.credentials.secretArn : undefined,
      capturesChanges: this.readsChanges(),
      selections: this.readers.flatMap((reader) => reader.selections),
    };
  }

  /** The script the source's DBA runs for the tables the tasks read. */
  abstract preparationScript(): string;

  /** The replication instance reaches the server on its port, in `allowedCidr` only, and Secrets Manager for the login. */
  allowConnectionsFrom(runner: IConnectable): void {
    requireSecretsManagerReach(runner, this.endpointId);
    runner.connections.allowTo(this.peer, this.port, `${this.label} ${this.endpointId}`);
  }
}
