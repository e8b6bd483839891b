import { Construct } from "constructs";
import { DmsEndpoint, DmsEndpointPostgresSettings } from "@cdktf/provider-aws/lib/dms-endpoint";
import { projectTags } from "../../core/project-environment";
import { useProvider } from "../../core/provider-scope";
import { replaceTrigger } from "../../core/replace-trigger";
import { Rule, validateProps } from "../../core/rules";
import { StackFile } from "../../core/stack-file";
import { claimAwsName } from "../../core/unique-names";
import { IConnectable } from "../../network/connections";
import { IPeer, Peer, hostCidr } from "../../network/peer";
import { requireSecretsManagerReach } from "../secrets-manager-reach";
import type { TaskSettingsValues } from "../task-settings";
import { DmsSslMode, ITargetEndpoint, SecretEndpointProps } from "./endpoint";
import { EndpointLogin, credentialsSecret, loginNameMissingOrTwice } from "./endpoint-credentials";
import { ENDPOINT_ID } from "./endpoint-rules";

/** What every relational target on a server outside this project takes (Oracle, SQL Server, MySQL, SAP ASE, Babelfish). */
export interface ServerTargetProps extends SecretEndpointProps {
  /** The DMS endpoint id, such as `target-orders-mysql`. */
  readonly endpointId: string;
  /** IP address or host name of the server. */
  readonly serverName: string;
  /** @default - the engine's usual port */
  readonly port?: number;
  /** The DMS login, from SSM: exactly one of `username` and `usernameParameterName`, and the password's parameter. */
  readonly credentials: EndpointLogin;
  /**
   * Network the replication instance may reach the server in, on `port` only.
   * @default - `<serverName>/32` when `serverName` is an IPv4 address; required for a host name
   */
  readonly allowedCidr?: string;
  /** CA certificate (or Oracle wallet) imported into DMS, for the `verify-*` SSL modes. @default - none */
  readonly certificateArn?: string;
}

/** What an engine's folder tells the kit: its DMS engine, port, SSL default, settings and DBA script. */
export interface ServerTargetEngine<P extends ServerTargetProps> {
  /** DMS `engine_name`. */
  readonly engineName: (props: P) => string;
  /** Such as "MySQL target", for security-group rule descriptions. */
  readonly label: string;
  readonly defaultPort: (props: P) => number;
  readonly sslMode: (props: P) => DmsSslMode;
  readonly databaseName: (props: P) => string | undefined;
  /** The engine's options in `extra_connection_attributes` (provider 5.100.0 has no settings block for them). */
  readonly extraConnectionAttributes: (props: P) => string;
  /** `postgres_settings`, for the engines DMS reaches through its PostgreSQL driver (Babelfish). @default - none */
  readonly postgresSettings?: (props: P) => DmsEndpointPostgresSettings | undefined;
  readonly rules: readonly Rule<P>[];
  /** The SQL the target's DBA runs for the DMS login, written to `dba/<endpoint id>.sql`. */
  readonly preparationScript: (props: P, port: number) => string;
  /** Task settings a task writing here cannot take. @default - none */
  readonly refusesTaskSettings?: readonly Rule<TaskSettingsValues>[];
}

/** Where DMS may reach a target server: `allowedCidr`, or the server's own address. */
const targetCidr = (props: ServerTargetProps): string | undefined => props.allowedCidr ?? hostCidr(props.serverName);

/**
 * Rules every server target has: its id, a network DMS may reach it in (one address, or `allowedCidr`, never every
 * address), exactly one login name, and the certificate the `verify-*` SSL modes need.
 */
export function serverTargetRules<P extends ServerTargetProps>(supportedSsl: readonly DmsSslMode[], sslMode: (props: P) => DmsSslMode): Rule<P>[] {
  return [
    { path: ["endpointId"], when: (props) => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
    {
      path: ["sslMode"],
      when: (props) => !supportedSsl.includes(sslMode(props)),
      message: `not supported by this engine; allowed: ${supportedSsl.join(", ")}`,
    },
    {
      path: ["certificateArn"],
      when: (props) => ["verify-ca", "verify-full"].includes(sslMode(props)) && props.certificateArn === undefined,
      message: (props) => `required with \`sslMode: "${sslMode(props)}"\` (the certificate imported into DMS)`,
    },
    {
      path: ["allowedCidr"],
      when: (props) => props.allowedCidr === undefined && hostCidr(props.serverName) === undefined,
      message: (props) => `required when the server ("${props.serverName}") is a host name, to limit where DMS may connect`,
    },
    { path: ["allowedCidr"], when: (props) => props.allowedCidr?.endsWith("/0") === true, message: "name the target's network, not every address" },
    {
      path: ["port"],
      when: (props) => props.port !== undefined && (!Number.isInteger(props.port) || props.port < 1 || props.port > 65535),
      message: "must be a TCP port, 1 to 65535",
    },
    {
      path: ["credentials"],
      when: (props) => loginNameMissingOrTwice(props.credentials),
      message: "give exactly one login name: `username`, or the SSM parameter that holds it",
    },
  ];
}

/**
 * A DMS target endpoint on a relational server outside this project. The login reaches DMS through a Secrets
 * Manager secret filled from SSM (never through state); the replication instance may reach the server on its port
 * only, at `<server>/32` or `allowedCidr`; the engine's options travel in `extra_connection_attributes`; and synth
 * writes the script that gives the DMS login what the engine's DMS guide asks, to `dba/<endpoint id>.sql`.
 */
export class ServerTargetEndpoint<P extends ServerTargetProps> extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly serverName: string;
  readonly port: number;
  readonly engineName: string;
  readonly extraConnectionAttributes: string;
  readonly refusesTaskSettings?: readonly Rule<TaskSettingsValues>[];
  private readonly peer: IPeer;
  private readonly label: string;
  private readonly script: () => string;

  protected constructor(scope: Construct, id: string, props: P, engine: ServerTargetEngine<P>) {
    super(scope, id);
    useProvider(this, props.provider);
    validateProps(this, props, engine.rules);
    claimAwsName(this, "DMS endpoint", props.endpointId);
    this.port = props.port ?? engine.defaultPort(props);
    this.engineName = engine.engineName(props);
    const tags = projectTags(props, props.endpointId, props.additionalTags);
    const secret = credentialsSecret(this, {
      name: props.endpointId,
      credentials: props.credentials,
      host: props.serverName,
      port: this.port,
      kmsKeyArn: props.kmsKeyArn,
      recoveryWindowInDays: props.secretRecoveryWindowInDays,
      tags,
    });
    this.extraConnectionAttributes = engine.extraConnectionAttributes(props);
    const postgresSettings = engine.postgresSettings?.(props);
    // Provider 5.100.0 never sends a settings-only change on update
    // (https://github.com/hashicorp/terraform-provider-aws/issues/35834): a change replaces the endpoint instead.
    const settingsTrigger = postgresSettings === undefined ? undefined : replaceTrigger(this, "SettingsTrigger", { postgres_settings: postgresSettings });
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "target",
      engineName: this.engineName,
      databaseName: engine.databaseName(props),
      sslMode: engine.sslMode(props),
      certificateArn: props.certificateArn,
      kmsKeyArn: props.kmsKeyArn,
      extraConnectionAttributes: this.extraConnectionAttributes === "" ? undefined : this.extraConnectionAttributes,
      postgresSettings,
      secretsManagerArn: secret.secretArn,
      secretsManagerAccessRoleArn: secret.accessRoleArn,
      tags,
      dependsOn: secret.dependables,
      lifecycle: settingsTrigger === undefined ? undefined : { replaceTriggeredBy: [settingsTrigger] },
    });
    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.serverName = props.serverName;
    this.refusesTaskSettings = engine.refusesTaskSettings;
    this.peer = Peer.ipv4(targetCidr(props) as string);
    this.label = engine.label;
    this.script = () => engine.preparationScript(props, this.port);
    new StackFile(this, "PreparationScript", { fileName: `dba/${props.endpointId}.sql`, content: () => this.script() });
  }

  /** The SQL the target's DBA runs: the DMS login and exactly the rights the engine's DMS guide asks for. */
  preparationScript(): string {
    return this.script();
  }

  /** The replication instance reaches the server on its port only, in `allowedCidr` (or the server's /32). */
  allowConnectionsFrom(runner: IConnectable): void {
    requireSecretsManagerReach(runner, this.endpointId);
    runner.connections.allowTo(this.peer, this.port, `${this.label} ${this.endpointId}`);
  }
}

/** Props of a target endpoint with an entry in the environment file: the stack's context fields filled in. */
export interface ServerTargetContext {
  readonly projectName: string;
  readonly environment: string;
  /** @default - true when `environment` is "production" */
  readonly production?: boolean;
  /** @default - AWS managed keys */
  readonly kmsKeyArn?: string;
  /** @default 7 */
  readonly secretRecoveryWindowInDays?: number;
}

/** An entry's props: the entry less `engine`, with the stack's context (empty at file-check time). */
export function serverTargetProps<E extends { readonly engine: string }>(entry: E, context: Partial<ServerTargetContext> = {}): Omit<E, "engine"> & ServerTargetContext {
  const { engine: _engine, ...options } = entry;
  return {
    ...options,
    projectName: context.projectName ?? "",
    environment: context.environment ?? "",
    production: context.production,
    kmsKeyArn: context.kmsKeyArn,
    secretRecoveryWindowInDays: context.secretRecoveryWindowInDays,
  };
}
