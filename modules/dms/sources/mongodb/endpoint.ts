import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { IConnectable } from "../../../network/connections";
import { IPeer, Peer } from "../../../network/peer";
import { ISourceEndpoint, SecretEndpointProps, SourceReader } from "../../endpoints/endpoint";
import { EndpointLogin, credentialsSecret, scriptPasswordSource } from "../../endpoints/endpoint-credentials";
import { sourceCidr } from "../../endpoints/endpoint-rules";
import { preparationScriptFile } from "../../endpoints/preparation-script-file";
import { MongodbSourceAttributes, mongodbConnectionAttributes } from "./attributes";
import {
  DEFAULT_AUTH_SOURCE,
  DEFAULT_DOCS_TO_INVESTIGATE,
  DEFAULT_MONGODB_PORT,
  MONGODB_NESTING_LEVELS,
  MongodbAuthMechanism,
  MongodbAuthType,
  MongodbMode,
  MongodbSslMode,
} from "./options";
import { mongodbPreparationScript } from "./preparation/script";
import { MONGODB_SOURCE_RULES } from "./rules";

export interface MongodbSourceEndpointProps extends SecretEndpointProps, MongodbSourceAttributes {
  /** The DMS endpoint id, such as `source-cases-mongodb`. */
  readonly endpointId: string;
  /** IP address or host name of the server (for a replica set, its primary or a member DMS may read from). */
  readonly serverName: string;
  /** @default 27017 */
  readonly port?: number;
  /** The database DMS reads (a MongoDB database is what DMS calls a schema). */
  readonly databaseName: string;
  readonly credentials: EndpointLogin;
  /**
   * Key DMS encrypts the endpoint's connection details with. Required for MongoDB: DMS refuses a MongoDB endpoint
   * without one; the stack passes the environment's key.
   */
  readonly kmsKeyArn?: string;
  /** `document`: each document whole in a `_doc` column; `table`: first-level fields as columns. @default "document" */
  readonly mode?: MongodbMode;
  /** Table mode: how many documents DMS samples to choose the columns. @default 1000 */
  readonly docsToInvestigate?: number;
  /** Document mode: also copy `_id` into a column of its own (`extract_doc_id`). @default false */
  readonly extractDocId?: boolean;
  /** @default "password" */
  readonly authType?: MongodbAuthType;
  /** @default "default" (SCRAM-SHA-1 or later) */
  readonly authMechanism?: MongodbAuthMechanism;
  /** The database holding the DMS user. @default "admin" */
  readonly authSource?: string;
  /**
   * Network the replication instance may reach the server in, on `port` only.
   * @default - `<serverName>/32` when `serverName` is an IPv4 address; required for a host name
   */
  readonly allowedCidr?: string;
  /** @default "require" */
  readonly sslMode?: MongodbSslMode;
  /** CA certificate for the `verify-*` SSL modes. @default - none */
  readonly certificateArn?: string;
  /** Whether the source is prepared for change capture (the oplog of a replica set); false serves full loads only. @default true */
  readonly captureChanges?: boolean;
}

/**
 * A MongoDB source endpoint, typed after provider 5.100.0's `mongodb_settings` (mode, authentication, sampling)
 * with the options it lacks in `extra_connection_attributes`. TLS by default; the login reaches DMS through a Secrets
 * Manager secret, never through state; DMS encrypts the endpoint with the environment's key. Synth writes the
 * mongosh script the DBA runs (the replica-set check and the DMS user with read access to exactly the database read,
 * plus the oplog when a task captures changes) to `dba/<endpoint id>.js` next to the stack.
 */
export class MongodbSourceEndpoint extends Construct implements ISourceEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly capturesChanges: boolean;
  readonly port: number;
  readonly extraConnectionAttributes: string;
  private readonly peer: IPeer;
  private readonly props: MongodbSourceEndpointProps;
  private readonly readers: SourceReader[] = [];

  constructor(scope: Construct, id: string, props: MongodbSourceEndpointProps) {
    super(scope, id);
    validateProps(this, props, MONGODB_SOURCE_RULES);
    const allowedCidr = sourceCidr(this, props.serverName, props.allowedCidr);
    this.port = props.port ?? DEFAULT_MONGODB_PORT;
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
    const mode = props.mode ?? "document";
    this.extraConnectionAttributes = mongodbConnectionAttributes(props);
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "source",
      engineName: "mongodb",
      databaseName: props.databaseName,
      sslMode: props.sslMode ?? "require",
      certificateArn: props.certificateArn,
      kmsKeyArn: props.kmsKeyArn,
      extraConnectionAttributes: this.extraConnectionAttributes === "" ? undefined : this.extraConnectionAttributes,
      secretsManagerArn: secret.secretArn,
      secretsManagerAccessRoleArn: secret.accessRoleArn,
      // Every field is written, defaults included, so the plan shows what DMS does.
      mongodbSettings: {
        authType: props.authType ?? "password",
        authMechanism: props.authMechanism ?? "default",
        authSource: props.authSource ?? DEFAULT_AUTH_SOURCE,
        nestingLevel: MONGODB_NESTING_LEVELS[mode],
        docsToInvestigate: String(props.docsToInvestigate ?? DEFAULT_DOCS_TO_INVESTIGATE),
        extractDocId: String(props.extractDocId ?? false),
      },
      tags,
      dependsOn: secret.dependables,
    });
    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.capturesChanges = props.captureChanges ?? true;
    this.peer = Peer.ipv4(allowedCidr);
    this.props = props;
    preparationScriptFile(this, props.endpointId, this.readers, () => this.preparationScript(), "js");
  }

  addReader(reader: SourceReader): void {
    this.readers.push(reader);
  }

  /** The mongosh script the source's DBA runs, for the collections the tasks read and whether any captures changes. */
  preparationScript(): string {
    const { props } = this;
    return mongodbPreparationScript({
      projectName: props.projectName,
      environment: props.environment,
      endpointId: this.endpointId,
      serverName: props.serverName,
      port: this.port,
      databaseName: props.databaseName,
      authSource: props.authSource ?? DEFAULT_AUTH_SOURCE,
      dmsLogin: props.credentials.username,
      usernameParameterName: props.credentials.usernameParameterName,
      ...scriptPasswordSource(props.credentials),
      requireTls: (props.sslMode ?? "require") !== "none",
      capturesChanges: this.capturesChanges && this.readers.some((reader) => reader.migrationType !== "full-load"),
      selections: this.readers.flatMap((reader) => reader.selections),
    });
  }

  /** The replication instance reaches the server on its port (27017 by default), in `allowedCidr` only. */
  allowConnectionsFrom(runner: IConnectable): void {
    runner.connections.allowTo(this.peer, this.port, `MongoDB source ${this.endpointId}`);
  }
}
