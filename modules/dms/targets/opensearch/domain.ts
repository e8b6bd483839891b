import { Construct } from "constructs";
import { Fn } from "cdktf";
import { OpensearchDomain as OpensearchDomainResource } from "@cdktf/provider-aws/lib/opensearch-domain";
import { OpensearchDomainPolicy } from "@cdktf/provider-aws/lib/opensearch-domain-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { Connections, IConnectable } from "../../../network/connections";
import { IPeer, Peer } from "../../../network/peer";
import { DEFAULT_DOMAIN_ENGINE_VERSION, HTTPS_PORT, TLS_SECURITY_POLICY } from "./options";
import { OPENSEARCH_DOMAIN_RULES } from "./rules";

/** A search domain DMS writes to: created here, or an existing one. */
export interface IOpensearchDomain {
  readonly domainArn: string;
  /** The domain's HTTPS endpoint host, such as `vpc-addresses-abc123.eu-west-2.es.amazonaws.com`. */
  readonly endpoint: string;
  /** What the replication instance must reach on 443. */
  readonly peer: IPeer | IConnectable;
  /** Lets `roleArn`, and nothing else, call the domain's HTTP API; only a domain created here takes a policy from this library. */
  allowOnly(roleArn: string): void;
}

export interface OpensearchDomainProps extends ProjectEnvironment {
  /** 3 to 28 lowercase letters, digits and hyphens. */
  readonly domainName: string;
  readonly vpcId: string;
  /** The environment's private subnets; the domain uses one per data node, up to two. */
  readonly subnetIds: string[];
  /** The environment's key, for encryption at rest. @default - the AWS managed key for OpenSearch */
  readonly kmsKeyArn?: string;
  /** @default "OpenSearch_2.19" */
  readonly engineVersion?: string;
  /** @default "t3.small.search" */
  readonly instanceType?: string;
  /** Data nodes; two or more are spread over two availability zones. @default 1 */
  readonly instanceCount?: number;
  /** gp3 storage per node. @default 10 */
  readonly volumeSizeGb?: number;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

export interface ExistingOpensearchDomainProps {
  readonly domainArn: string;
  readonly endpoint: string;
  /** The domain's security group (DMS's 443 egress is written to it), or the network its endpoint is in. */
  readonly peer: IPeer | IConnectable;
}

/**
 * An Amazon OpenSearch Service domain for DMS to write to: in the VPC only (no public endpoint), encrypted at rest
 * with the environment's key, node-to-node encryption, HTTPS only with TLS 1.2 and forward-secret ciphers, and a
 * security group that lets in only what is allowed on 443. Its access policy names the DMS role only
 * ({@link allowOnly}); without one nobody may call it.
 */
export class OpensearchDomain extends Construct implements IOpensearchDomain, IConnectable {
  static fromExisting(scope: Construct, id: string, props: ExistingOpensearchDomainProps): IOpensearchDomain {
    return new ExistingOpensearchDomain(scope, id, props);
  }

  readonly domainArn: string;
  readonly endpoint: string;
  readonly domainName: string;
  readonly connections: Connections;
  private readonly domain: OpensearchDomainResource;

  constructor(scope: Construct, id: string, props: OpensearchDomainProps) {
    super(scope, id);
    validateProps(this, props, OPENSEARCH_DOMAIN_RULES);
    const instanceCount = props.instanceCount ?? 1;
    const zones = instanceCount > 1 ? 2 : 1;
    const tags = projectTags(props, props.domainName, props.additionalTags);
    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      namePrefix: `opensearch-${props.domainName}-`,
      description: `OpenSearch domain ${props.domainName}: HTTPS from DMS only`,
      vpcId: props.vpcId,
      tags,
      lifecycle: { createBeforeDestroy: true },
    });
    this.connections = new Connections(this, { securityGroupId: securityGroup.id, defaultPort: HTTPS_PORT });
    this.domain = new OpensearchDomainResource(this, "Domain", {
      domainName: props.domainName,
      engineVersion: props.engineVersion ?? DEFAULT_DOMAIN_ENGINE_VERSION,
      clusterConfig: {
        instanceType: props.instanceType ?? "t3.small.search",
        instanceCount,
        zoneAwarenessEnabled: zones > 1,
        zoneAwarenessConfig: zones > 1 ? { availabilityZoneCount: 2 } : undefined,
      },
      ebsOptions: { ebsEnabled: true, volumeType: "gp3", volumeSize: props.volumeSizeGb ?? 10 },
      vpcOptions: { subnetIds: Fn.slice(props.subnetIds, 0, zones), securityGroupIds: [securityGroup.id] },
      encryptAtRest: { enabled: true, kmsKeyId: props.kmsKeyArn },
      nodeToNodeEncryption: { enabled: true },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: TLS_SECURITY_POLICY },
      tags,
    });
    this.domainArn = this.domain.arn;
    this.endpoint = this.domain.endpoint;
    this.domainName = props.domainName;
  }

  get peer(): IConnectable {
    return this;
  }

  allowOnly(roleArn: string): void {
    if (this.node.tryFindChild("AccessPolicy")) return;
    new OpensearchDomainPolicy(this, "AccessPolicy", {
      domainName: this.domain.domainName,
      accessPolicies: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: roleArn }, Action: [...DMS_HTTP_ACTIONS], Resource: `${this.domain.arn}/*` }],
      }),
    });
  }
}

class ExistingOpensearchDomain extends Construct implements IOpensearchDomain {
  readonly domainArn: string;
  readonly endpoint: string;
  readonly peer: IPeer | IConnectable;

  constructor(scope: Construct, id: string, props: ExistingOpensearchDomainProps) {
    super(scope, id);
    this.domainArn = props.domainArn;
    this.endpoint = props.endpoint;
    this.peer = props.peer;
  }

  // An existing domain's access policy is its owner's: the README says which statement to add.
  allowOnly(): void {}
}

/** The HTTP methods DMS uses on a search domain (AWS's example role for this target). */
export const DMS_HTTP_ACTIONS = ["es:ESHttpDelete", "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut"] as const;

/** A peer for an existing domain: its security group, or the network its endpoint is in. */
export function existingDomainPeer(securityGroupId: string | undefined, cidr: string | undefined): IPeer {
  return securityGroupId !== undefined ? Peer.securityGroup(securityGroupId, "opensearch-domain") : Peer.ipv4(cidr as string);
}
