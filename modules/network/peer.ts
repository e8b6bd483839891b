import { Token } from "cdktf";

/** What a security-group rule points at: exactly one of an IPv4 range or another security group. */
export interface RuleTarget {
  readonly cidrIpv4?: string;
  readonly referencedSecurityGroupId?: string;
}

/** The other side of a security-group rule. */
export interface IPeer {
  /** A stable, readable id for rules made for this peer; it becomes part of their construct ids. */
  readonly uniqueId: string;
  readonly ruleTarget: RuleTarget;
}

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(\d|[12]\d|3[0-2])$/;

/** Factories for peers that are not constructs of this project. */
export class Peer {
  /** An IPv4 range such as `10.20.0.0/16` or one host `10.20.1.5/32`; a range of all addresses (`/0`) is refused. */
  static ipv4(cidr: string): IPeer {
    if (!Token.isUnresolved(cidr)) {
      if (!IPV4_CIDR.test(cidr)) throw new Error(`Peer.ipv4: "${cidr}" is not an IPv4 CIDR block such as 10.0.0.0/16`);
      if (cidr.endsWith("/0")) throw new Error(`Peer.ipv4: "${cidr}" would allow every address; name the network instead`);
    }
    return { uniqueId: Token.isUnresolved(cidr) ? "cidr" : cidr.replace(/[./]/g, "-"), ruleTarget: { cidrIpv4: cidr } };
  }

  /**
   * A security group known by id, for example a bastion's.
   * @param name a stable name for the rules made for it, since the id may only be known at apply time
   */
  static securityGroup(securityGroupId: string, name: string): IPeer {
    return { uniqueId: name, ruleTarget: { referencedSecurityGroupId: securityGroupId } };
  }
}
