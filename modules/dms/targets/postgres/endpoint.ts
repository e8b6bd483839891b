import { IConnectable } from "../../../network/connections";
import { Construct } from "constructs";
import { projectTags } from "../../../core/project-environment";
import { IPeer } from "../../../network/peer";
import { IPostgresTargetDatabase } from "../../../postgres/postgres-target";
import { DmsSslMode, ITargetEndpoint, SecretEndpointProps } from "../../endpoints/endpoint";
import { EndpointLogin } from "../../endpoints/endpoint-credentials";
import { SUPPORTED_SSL_MODES, endpointRules } from "../../endpoints/endpoint-rules";
import { validateProps } from "../../../core/rules";
import { DEFAULT_POSTGRES_PORT, isProjectDatabase, postgresDmsEndpoint, postgresEndpointSecret } from "../../endpoints/postgres-endpoint-database";
import { claimAwsName } from "../../../core/unique-names";
import { requireSecretsManagerReach } from "../../secrets-manager-reach";
import { useProvider } from "../../../core/provider-scope";

/** A PostgreSQL database outside this project. */
export interface ExternalPostgresDatabase {
  readonly serverName: string;
  /** @default 5432 */
  readonly port?: number;
  readonly databaseName: string;
  readonly credentials: EndpointLogin;
  /** Where the replication instance may connect: `Peer.ipv4(cidr)` or `Peer.securityGroup(id, name)`. */
  readonly peer: IPeer;
  /** The oldest DMS engine that can write to it, when known. @default - not checked */
  readonly minimumDmsEngineVersion?: string;
}

/** Target settings (API `PostgreSQLSettings`). */
export interface PostgresTargetSettings {
  /** SQL run after DMS connects, such as `SET session_replication_role='replica'` to skip FKs and triggers. @default - none */
  readonly afterConnectScript?: string;
  /** KB in each CSV file DMS bulk-loads. @default 32768 */
  readonly maxFileSize?: number;
  /** Client statement timeout, seconds. @default 60 */
  readonly executeTimeout?: number;
  /** Fail the task instead of truncating LOBs longer than the task's LOB limit. @default false */
  readonly failTasksOnLobTruncation?: boolean;
}

export interface PostgresTargetEndpointProps extends SecretEndpointProps {
  /** Hackney `target_endpoint_identifier`, such as `target-uh-endpoint`. */
  readonly endpointId: string;
  /** A database of this project (wired automatically) or an external one. */
  readonly database: IPostgresTargetDatabase | ExternalPostgresDatabase;
  /** @default "require" */
  readonly sslMode?: DmsSslMode;
  /** CA certificate for the `verify-*` SSL modes. @default - none */
  readonly certificateArn?: string;
  /** @default - the defaults of each setting */
  readonly settings?: PostgresTargetSettings;
}

/**
 * A PostgreSQL target endpoint, which several tasks from several sources may share (Hackney's UHT and UHW
 * feeding one mirror). SSL is required by default; credentials come through a Secrets Manager secret.
 */
export class PostgresTargetEndpoint extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly minimumDmsEngineVersion?: string;
  private readonly database: IPostgresTargetDatabase | ExternalPostgresDatabase;

  constructor(scope: Construct, id: string, props: PostgresTargetEndpointProps) {
    super(scope, id);
    useProvider(this, props.provider);
    validateProps(this, props, endpointRules<PostgresTargetEndpointProps>(SUPPORTED_SSL_MODES.postgres));
    claimAwsName(this, "DMS endpoint", props.endpointId);
    const { database } = props;
    const tags = projectTags(props, props.endpointId, props.additionalTags);
    const secret = postgresEndpointSecret(this, database, {
      name: props.endpointId,
      kmsKeyArn: props.kmsKeyArn,
      recoveryWindowInDays: props.secretRecoveryWindowInDays,
      tags,
    });

    // Every field given: provider 5.100.0 sends unset ones as 0, and 0 breaks loads
    // (https://github.com/hashicorp/terraform-provider-aws/issues/47884).
    const settings = {
      afterConnectScript: props.settings?.afterConnectScript,
      maxFileSize: props.settings?.maxFileSize ?? 32768,
      executeTimeout: props.settings?.executeTimeout ?? 60,
      heartbeatFrequency: 5,
      failTasksOnLobTruncation: props.settings?.failTasksOnLobTruncation ?? false,
    };
    const endpoint = postgresDmsEndpoint(this, {
      endpointType: "target",
      endpointId: props.endpointId,
      database,
      secret,
      settings,
      sslMode: props.sslMode,
      certificateArn: props.certificateArn,
      kmsKeyArn: props.kmsKeyArn,
      tags,
    });

    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.minimumDmsEngineVersion = database.minimumDmsEngineVersion;
    this.database = database;
  }

  allowConnectionsFrom(runner: IConnectable): void {
    requireSecretsManagerReach(runner, this.endpointId);
    const { database } = this;
    if (isProjectDatabase(database)) {
      database.connections.allowDefaultPortFrom(runner, `DMS to ${database.displayName}`);
    } else {
      runner.connections.allowTo(database.peer, database.port ?? DEFAULT_POSTGRES_PORT, `PostgreSQL target ${this.endpointId}`);
    }
  }
}
