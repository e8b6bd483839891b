import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { IConnectable } from "../../../network/connections";
import { IPeer, ipv4PeerOf } from "../../../network/peer";
import { ISourceEndpoint, SecretEndpointProps, SourceReader } from "../../endpoints/endpoint";
import { EndpointCredentials, credentialsSecret } from "../../endpoints/endpoint-credentials";
import { sourceCidr } from "../../endpoints/endpoint-rules";
import { preparationScriptFile } from "../../endpoints/preparation-script-file";
import { MysqlSourceAttributes, mysqlConnectionAttributes } from "./attributes";
import {
  DEFAULT_BINLOG_RETENTION_HOURS,
  DEFAULT_MYSQL_PORT,
  MYSQL_ENGINE_NAMES,
  MysqlFlavor,
  MysqlHosting,
  MysqlSslMode,
} from "./options";
import { mysqlPreparationSql } from "./preparation/script";
import { MYSQL_SOURCE_RULES } from "./rules";

export interface MysqlSourceEndpointProps extends SecretEndpointProps, MysqlSourceAttributes {
  /** The DMS endpoint id, such as `source-orders-mysql`. */
  readonly endpointId: string;
  /** @default "mysql" */
  readonly flavor?: MysqlFlavor;
  /** @default "self-managed" */
  readonly hosting?: MysqlHosting;
  /** IP address or host name of the server (for Aurora, the cluster's writer endpoint). */
  readonly serverName: string;
  /** @default 3306 */
  readonly port?: number;
  readonly credentials: EndpointCredentials;
  /**
   * Network the replication instance may reach the server in, on `port` only.
   * @default - `<serverName>/32` when `serverName` is an IPv4 address; required for a host name
   */
  readonly allowedCidr?: string;
  /** @default "require" */
  readonly sslMode?: MysqlSslMode;
  /** CA certificate for the `verify-*` SSL modes. @default - none */
  readonly certificateArn?: string;
  /** Whether the source is prepared for change capture (binary log reading); false serves full loads only. @default true */
  readonly captureChanges?: boolean;
  /** Hours of binary logs the DBA script makes the server keep, at least. @default 24 */
  readonly binlogRetentionHours?: number;
  /**
   * Require `binlog_checksum=NONE`, which DMS 3.4.7 and earlier need. The engine versions this library accepts
   * (3.5.4 and later) read checksummed binary logs, so it is only for a source shared with an older DMS.
   * @default false
   */
  readonly requireBinlogChecksumNone?: boolean;
}

/**
 * A MySQL, MariaDB or Aurora MySQL source endpoint, read from the binary log for change capture. Its options are
 * typed and rendered into `extra_connection_attributes` (provider 5.100.0 has no `mysql_settings`); impossible
 * combinations stop synth. Credentials reach DMS through a Secrets Manager secret, never through state. Synth
 * writes the SQL the source's DBA must run (binary log settings, the login and its grants on exactly the
 * selected tables) to `dba/<endpoint id>.sql` next to the stack.
 */
export class MysqlSourceEndpoint extends Construct implements ISourceEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly flavor: MysqlFlavor;
  readonly hosting: MysqlHosting;
  readonly capturesChanges: boolean;
  readonly serverName: string;
  readonly port: number;
  readonly extraConnectionAttributes: string;
  private readonly peer: IPeer;
  private readonly props: MysqlSourceEndpointProps;
  private readonly readers: SourceReader[] = [];

  constructor(scope: Construct, id: string, props: MysqlSourceEndpointProps) {
    super(scope, id);
    validateProps(this, props, MYSQL_SOURCE_RULES);
    const allowedCidr = sourceCidr(this, props.serverName, props.allowedCidr);
    this.flavor = props.flavor ?? "mysql";
    this.hosting = props.hosting ?? "self-managed";
    this.port = props.port ?? DEFAULT_MYSQL_PORT;
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
    this.extraConnectionAttributes = mysqlConnectionAttributes(props);
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "source",
      engineName: MYSQL_ENGINE_NAMES[this.flavor],
      sslMode: props.sslMode ?? "require",
      certificateArn: props.certificateArn,
      kmsKeyArn: props.kmsKeyArn,
      extraConnectionAttributes: this.extraConnectionAttributes === "" ? undefined : this.extraConnectionAttributes,
      secretsManagerArn: secret.secretArn,
      secretsManagerAccessRoleArn: secret.accessRoleArn,
      tags,
      dependsOn: secret.dependables,
    });

    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.capturesChanges = props.captureChanges ?? true;
    this.serverName = props.serverName;
    this.peer = ipv4PeerOf(this, "allowedCidr", allowedCidr);
    this.props = props;
    preparationScriptFile(this, props.endpointId, this.readers, () => this.preparationScript());
  }

  addReader(reader: SourceReader): void {
    this.readers.push(reader);
  }

  /** The SQL the source's DBA must run for the tables the tasks read and whether any of them captures changes. */
  preparationScript(): string {
    const { props } = this;
    return mysqlPreparationSql({
      projectName: props.projectName,
      environment: props.environment,
      endpointId: this.endpointId,
      serverName: this.serverName,
      port: this.port,
      flavor: this.flavor,
      hosting: this.hosting,
      requireSsl: (props.sslMode ?? "require") !== "none",
      dmsLogin: props.credentials.username,
      usernameParameterName: props.credentials.usernameParameterName,
      passwordParameterName: props.credentials.passwordParameterName,
      capturesChanges: this.capturesChanges && this.readers.some((reader) => reader.migrationType !== "full-load"),
      selections: this.readers.flatMap((reader) => reader.selections),
      binlogRetentionHours: props.binlogRetentionHours ?? DEFAULT_BINLOG_RETENTION_HOURS,
      requireBinlogChecksumNone: props.requireBinlogChecksumNone ?? false,
    });
  }

  /** The replication instance reaches the server on its port, in `allowedCidr` only. */
  allowConnectionsFrom(runner: IConnectable): void {
    runner.connections.allowTo(this.peer, this.port, `MySQL source ${this.endpointId}`);
  }
}
