import { IConnectable } from "../../../network/connections";
import { Construct } from "constructs";
import { Token } from "cdktf";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { validateWith } from "../../../core/rules";
import { projectTags } from "../../../core/project-environment";
import { IPeer, Peer, hostCidr } from "../../../network/peer";
import { IPostgresTargetDatabase } from "../../../postgres/postgres-target";
import { postgresPreparationSql } from "./preparation/script";
import { postgresSourceProblems } from "./rules";
import {
  PostgresSourceHosting,
  PostgresSourceSettings,
  ResolvedPostgresSourceSettings,
  postgresSourceSettingsBlock,
  resolvePostgresSourceSettings,
} from "./settings";
import { DmsSslMode, ISourceEndpoint, SecretEndpointProps, SourceReader } from "../../endpoints/endpoint";
import { EndpointLogin, scriptPasswordSource } from "../../endpoints/endpoint-credentials";
import { DEFAULT_POSTGRES_PORT, isProjectDatabase, postgresDmsEndpoint, postgresEndpointSecret } from "../../endpoints/postgres-endpoint-database";
import { preparationScriptFile } from "../../endpoints/preparation-script-file";
import { claimAwsName } from "../../../core/unique-names";
import { requireSecretsManagerReach } from "../../secrets-manager-reach";
import { useProvider } from "../../../core/provider-scope";

/**
 * A PostgreSQL database of this project that can be a DMS source: wired like a target (address, port,
 * master credentials, security group), and able to turn on logical replication for change capture.
 * `PostgresDatabase` is one.
 */
export interface IPostgresSourceDatabase extends IPostgresTargetDatabase {
  /** Sets what logical decoding needs (`rds.logical_replication = 1`), or throws when it cannot. */
  enableLogicalReplication(): void;
}

/** A PostgreSQL database outside this project that DMS reads from. */
export interface ExternalPostgresSource {
  /** IP address or host name of the server. */
  readonly serverName: string;
  /** @default 5432 */
  readonly port?: number;
  readonly databaseName: string;
  /** The DMS login; the DBA script creates it with the password held in `passwordParameterName`. */
  readonly credentials: EndpointLogin;
  /**
   * The network the replication instance may reach the server in, on `port` only; or give `peer`.
   * @default - `<serverName>/32` when `serverName` is an IPv4 address; this or `peer` is required for a host name
   */
  readonly allowedCidr?: string;
  /** Where the replication instance may connect, as a peer such as `Peer.securityGroup(id, name)`. @default - from `allowedCidr` */
  readonly peer?: IPeer;
  /** Self-managed (on-premises, EC2) or Amazon RDS / Aurora; decides how the DBA script grants replication. @default "self-managed" */
  readonly hosting?: PostgresSourceHosting;
}

export interface PostgresSourceEndpointProps extends SecretEndpointProps {
  /** The DMS endpoint id, such as `source-mosaic-pg-endpoint`; the DBA script is named after it. */
  readonly endpointId: string;
  /**
   * A database of this project (its master credentials and security group are used, and logical replication
   * is turned on in its parameter group when the endpoint captures changes) or an external one.
   */
  readonly database: IPostgresSourceDatabase | ExternalPostgresSource;
  /**
   * Prepare the source for change data capture (`cdc` and `full-load-and-cdc` tasks). When false, only
   * `full-load` tasks may read it, and nothing for logical decoding is asked of the database.
   * @default true
   */
  readonly captureChanges?: boolean;
  /** @default "require" */
  readonly sslMode?: DmsSslMode;
  /** CA certificate for the `verify-*` SSL modes. @default - none */
  readonly certificateArn?: string;
  /** @default - the defaults of each setting, see {@link PostgresSourceSettings} */
  readonly settings?: PostgresSourceSettings;
}

/**
 * A PostgreSQL source endpoint, reading a database of this project or an external one. Its settings are
 * typed and rendered into `postgres_settings` with every field given (provider 5.100.0 sends unset ones as
 * 0 or false), and the endpoint is replaced when they change (that provider never sends a settings-only
 * change). Credentials reach DMS through a Secrets Manager secret, never through state. Synth writes the
 * SQL the source's DBA must run, for the tables its tasks read, to `dba/<endpoint id>.sql` next to the stack.
 */
export class PostgresSourceEndpoint extends Construct implements ISourceEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly capturesChanges: boolean;
  readonly hosting: PostgresSourceHosting;
  readonly port: number;
  readonly databaseName: string;
  /** The settings with their defaults applied. */
  readonly settings: ResolvedPostgresSourceSettings;
  /** The underlying `aws_dms_endpoint`. */
  readonly endpoint: DmsEndpoint;
  private readonly database: IPostgresSourceDatabase | ExternalPostgresSource;
  private readonly peer?: IPeer;
  private readonly props: PostgresSourceEndpointProps;
  private readonly readers: SourceReader[] = [];

  constructor(scope: Construct, id: string, props: PostgresSourceEndpointProps) {
    super(scope, id);
    useProvider(this, props.provider);
    claimAwsName(this, "DMS endpoint", props.endpointId);
    validateWith(this, props, postgresSourceProblems(props));
    const capturesChanges = props.captureChanges ?? true;
    const { database } = props;
    const project = isProjectDatabase(database);
    if (!project) this.peer = externalPeer(database);

    this.capturesChanges = capturesChanges;
    this.hosting = project ? "rds" : (database.hosting ?? "self-managed");
    this.port = project ? database.port : (database.port ?? DEFAULT_POSTGRES_PORT);
    this.databaseName = database.databaseName;
    this.settings = resolvePostgresSourceSettings(props.settings, capturesChanges);
    this.endpointId = props.endpointId;
    this.database = database;
    this.props = props;
    // Logical decoding needs rds.logical_replication = 1 in the project database's parameter group.
    if (project && capturesChanges) database.enableLogicalReplication();

    const tags = projectTags(props, props.endpointId, props.additionalTags);
    const secret = postgresEndpointSecret(this, database, {
      name: props.endpointId,
      kmsKeyArn: props.kmsKeyArn,
      recoveryWindowInDays: props.secretRecoveryWindowInDays,
      tags,
    });

    this.endpoint = postgresDmsEndpoint(this, {
      endpointType: "source",
      endpointId: props.endpointId,
      database,
      secret,
      settings: postgresSourceSettingsBlock(this.settings),
      sslMode: props.sslMode,
      certificateArn: props.certificateArn,
      kmsKeyArn: props.kmsKeyArn,
      tags,
    });
    this.endpointArn = this.endpoint.endpointArn;
    preparationScriptFile(this, props.endpointId, this.readers, () => this.preparationSql());
  }

  addReader(reader: SourceReader): void {
    this.readers.push(reader);
  }

  /** The SQL the source's DBA must run (with psql) for the tables this endpoint's tasks read. */
  preparationSql(): string {
    const { database, props } = this;
    const project = isProjectDatabase(database);
    const serverName = project || Token.isUnresolved(database.serverName) ? undefined : database.serverName;
    const credentials = project ? undefined : database.credentials;
    return postgresPreparationSql({
      projectName: props.projectName,
      environment: props.environment,
      endpointId: this.endpointId,
      serverName,
      serverDescription: project ? `the RDS instance ${database.displayName}` : undefined,
      port: this.port,
      databaseName: this.databaseName,
      hosting: this.hosting,
      capturesChanges: this.capturesChanges,
      settings: this.settings,
      readers: this.readers,
      dmsLogin: project ? database.masterUsername : credentials?.username,
      usernameParameterName: credentials?.usernameParameterName,
      ...(project ? { passwordParameterName: database.password.parameterName } : scriptPasswordSource(database.credentials)),
      sslMode: props.sslMode,
    });
  }

  allowConnectionsFrom(runner: IConnectable): void {
    requireSecretsManagerReach(runner, this.endpointId);
    const { database } = this;
    if (isProjectDatabase(database)) {
      database.connections.allowDefaultPortFrom(runner, `DMS to ${database.displayName}`);
    } else {
      runner.connections.allowTo(this.peer as IPeer, this.port, `PostgreSQL source ${this.endpointId}`);
    }
  }
}

/** The network rule's peer of an external server (its props were checked by the rules). */
function externalPeer(database: ExternalPostgresSource): IPeer {
  const cidr = database.allowedCidr ?? hostCidr(database.serverName);
  return database.peer ?? Peer.ipv4(cidr as string);
}
