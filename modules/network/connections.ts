import { Construct } from "constructs";
import { Token } from "cdktf";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ValidationError } from "../core/errors";
import { IPeer, RuleTarget } from "./peer";

/** Something with a security group that others can be allowed to reach. */
export interface IConnectable {
  readonly connections: Connections;
}

export interface ConnectionsProps {
  /** The security group the rules are written to. */
  readonly securityGroupId: string;
  /** The TCP port clients use, such as a database's port. @default - none: only explicit ports can be allowed */
  readonly defaultPort?: number;
  /**
   * The group belongs to another stack (a shared replication instance). Only rules naming a group of this stack are
   * written on it: no other stack can write the same rule, and destroying this stack removes only its own. Rules to
   * an address range or a foreign group, which several stacks would write identically (AWS refuses the duplicate and
   * the first destroy removes it for all), are left to the group's owner and listed in `rulesRequiredOfOwner`.
   * @default false
   */
  readonly shared?: boolean;
}

/** A rule a shared group's owner must provide, in words: `egress tcp/443 to 10.10.0.0/16 (Secrets Manager: ...)`. */
export type RequiredRule = string;

function isConnectable(peer: IConnectable | IPeer): peer is IConnectable {
  return (peer as IConnectable).connections instanceof Connections;
}

/**
 * The security-group rules of one construct, in the style of aws-cdk's `Connections`
 * (aws-cdk-lib/aws-ec2/lib/connections.ts). Every rule opens one TCP port to or from one peer; when the
 * peer is a construct of this project the matching rule is written on its side too.
 */
export class Connections implements IPeer {
  readonly securityGroupId: string;
  readonly defaultPort?: number;
  readonly shared: boolean;
  private readonly required: RequiredRule[] = [];

  constructor(
    private readonly owner: Construct,
    props: ConnectionsProps,
  ) {
    this.securityGroupId = props.securityGroupId;
    this.defaultPort = props.defaultPort;
    this.shared = props.shared ?? false;
  }

  /** For a shared group: the rules this stack needs that the group's owner must provide (see `shared`). */
  get rulesRequiredOfOwner(): readonly RequiredRule[] {
    return this.required;
  }

  get uniqueId(): string {
    return this.owner.node.path.replace(/\//g, "-");
  }

  get ruleTarget(): RuleTarget {
    return { referencedSecurityGroupId: this.securityGroupId };
  }

  /** Allow `peer` to connect to this construct on its default port. */
  allowDefaultPortFrom(peer: IConnectable | IPeer, description: string): void {
    if (this.defaultPort === undefined) {
      throw new ValidationError(this.owner, "has no default port; use `allowFrom(peer, port, description)`");
    }
    this.allowFrom(peer, this.defaultPort, description);
  }

  /** Allow this construct to connect to `other` on the other's default port. */
  allowToDefaultPort(other: IConnectable, description: string): void {
    const port = other.connections.defaultPort;
    if (port === undefined) {
      throw new ValidationError(other.connections.owner, "has no default port; use `allowTo(peer, port, description)`");
    }
    this.allowTo(other, port, description);
  }

  /** Allow `peer` to connect to this construct on one TCP port. */
  allowFrom(peer: IConnectable | IPeer, port: number, description: string): void {
    if (isConnectable(peer)) {
      this.addIngress(peer.connections, port, description);
      peer.connections.addEgress(this, port, description);
    } else if (!this.leftToOwner("ingress", peer, port, description)) {
      this.addIngress(peer, port, description);
    }
  }

  /** Allow this construct to connect to `peer` on one TCP port. */
  allowTo(peer: IConnectable | IPeer, port: number, description: string): void {
    if (isConnectable(peer)) {
      this.addEgress(peer.connections, port, description);
      peer.connections.addIngress(this, port, description);
    } else if (!this.leftToOwner("egress", peer, port, description)) {
      this.addEgress(peer, port, description);
    }
  }

  /** On a shared group, records a rule to a peer outside this stack instead of writing it; true when it did. */
  private leftToOwner(direction: "ingress" | "egress", peer: IPeer, port: number, description: string): boolean {
    if (!this.shared) return false;
    const { cidrIpv4, referencedSecurityGroupId, prefixListId } = peer.ruleTarget;
    const other = cidrIpv4 ?? referencedSecurityGroupId ?? prefixListId;
    const rule = `${direction} tcp/${port} ${direction === "egress" ? "to" : "from"} ${other} (${description})`;
    if (!this.required.includes(rule)) this.required.push(rule);
    return true;
  }

  private addIngress(peer: IPeer, port: number, description: string): void {
    const id = `Ingress-${peer.uniqueId}-${this.portId(port)}`;
    if (this.owner.node.tryFindChild(id)) return;
    new VpcSecurityGroupIngressRule(this.owner, id, this.rule(peer, port, description));
  }

  private addEgress(peer: IPeer, port: number, description: string): void {
    const id = `Egress-${peer.uniqueId}-${this.portId(port)}`;
    if (this.owner.node.tryFindChild(id)) return;
    new VpcSecurityGroupEgressRule(this.owner, id, this.rule(peer, port, description));
  }

  private rule(peer: IPeer, port: number, description: string) {
    if (!Token.isUnresolved(port) && (!Number.isInteger(port) || port < 1 || port > 65535)) {
      throw new ValidationError(this.owner, `port ${port} is not a TCP port (1-65535)`);
    }
    const { cidrIpv4, referencedSecurityGroupId, prefixListId } = peer.ruleTarget;
    return {
      securityGroupId: this.securityGroupId,
      description,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      cidrIpv4,
      referencedSecurityGroupId,
      prefixListId,
    };
  }

  private portId(port: number): string {
    return Token.isUnresolved(port) ? "port" : String(port);
  }
}
