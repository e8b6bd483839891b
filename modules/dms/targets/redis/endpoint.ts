import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { Connections, IConnectable } from "../../../network/connections";
import { IPeer, Peer, hostCidr } from "../../../network/peer";
import { ITargetEndpoint } from "../../endpoints/endpoint";
import { DEFAULT_REDIS_PORT, RedisAuthType, RedisHosting, RedisSecurityProtocol } from "./options";
import { REDIS_TARGET_RULES } from "./rules";

/** What the Redis rules read: the endpoint's settings, without its wiring. */
export interface RedisTargetSettings {
  /** Such as `target-cases-cache`. */
  readonly endpointId: string;
  /** @default "elasticache" */
  readonly hosting?: RedisHosting;
  /** The primary endpoint's address (ElastiCache: the configuration or primary endpoint), or the server's IP or host name. */
  readonly serverName: string;
  /** @default 6379 */
  readonly port?: number;
  /** Only `none` is accepted: see `REDIS_AUTH_TYPES`. @default "none" */
  readonly authType?: RedisAuthType;
  /** Only `ssl-encryption` is accepted. @default "ssl-encryption" */
  readonly sslSecurityProtocol?: RedisSecurityProtocol;
  /** A CA certificate imported into DMS, for a self-managed server whose certificate a private CA signed. @default - public CAs */
  readonly sslCaCertificateArn?: string;
  /**
   * The data store's security group: the replication instance is let into it on `port`, and out to it, only.
   * @default - none: give `allowedCidr` instead
   */
  readonly securityGroupId?: string;
  /**
   * The data store's network, when there is no security group to name: the instance may reach it there on `port` only.
   * @default - `<serverName>/32` for a self-managed server given by IP address
   */
  readonly allowedCidr?: string;
}

export interface RedisTargetEndpointProps extends ProjectEnvironment, RedisTargetSettings {
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * A Redis OSS target endpoint (`redis_settings`), for an ElastiCache cluster or a self-managed server. TLS is
 * required; the only authentication mode is `none`, because the others put `auth_password` into Terraform state
 * (see `REDIS_AUTH_TYPES`), so the data store must be reachable only from the replication instance: with the
 * cluster's security group given, the instance is let in on the port and out to it, and nothing else.
 */
export class RedisTargetEndpoint extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly port: number;
  private readonly peer: IPeer | IConnectable;

  constructor(scope: Construct, id: string, props: RedisTargetEndpointProps) {
    super(scope, id);
    validateProps(this, props, REDIS_TARGET_RULES);
    this.port = props.port ?? DEFAULT_REDIS_PORT;
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "target",
      engineName: "redis",
      redisSettings: {
        serverName: props.serverName,
        port: this.port,
        authType: "none",
        sslSecurityProtocol: "ssl-encryption",
        sslCaCertificateArn: props.sslCaCertificateArn,
      },
      tags: projectTags(props, props.endpointId, props.additionalTags),
    });
    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.peer =
      props.securityGroupId !== undefined
        ? { connections: new Connections(this, { securityGroupId: props.securityGroupId, defaultPort: this.port }) }
        : Peer.ipv4((props.allowedCidr ?? hostCidr(props.serverName)) as string);
  }

  /** The replication instance reaches the data store on its port only; a named security group lets it in on that port only. */
  allowConnectionsFrom(runner: IConnectable): void {
    runner.connections.allowTo(this.peer, this.port, `Redis target ${this.endpointId}`);
  }
}
