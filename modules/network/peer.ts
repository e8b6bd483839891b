import { Token } from "cdktf";
import { CidrRuleOptions, ipv4CidrProblem } from "./cidr-rules";

/** What a security-group rule points at: exactly one of an IPv4 range, another security group or a managed prefix list. */
export interface RuleTarget {
  readonly cidrIpv4?: string;
  readonly referencedSecurityGroupId?: string;
  /** A managed prefix list, such as the one of a region's S3 (`com.amazonaws.<region>.s3`). */
  readonly prefixListId?: string;
}

/** The other side of a security-group rule. */
export interface IPeer {
  /** A stable, readable id for rules made for this peer; it becomes part of their construct ids. */
  readonly uniqueId: string;
  readonly ruleTarget: RuleTarget;
}

const PREFIX_LIST_ID = /^pl-[0-9a-f]{8,17}$/;

const IPV4_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The `/32` block of a server given as an IPv4 address; undefined for a host name (or a token), whose network must be named. */
export function hostCidr(serverName: string): string | undefined {
  return !Token.isUnresolved(serverName) && IPV4_ADDRESS.test(serverName) ? `${serverName}/32` : undefined;
}

/** Factories for peers that are not constructs of this project. */
export class Peer {
  /**
   * An IPv4 range such as `10.20.0.0/16` or one host `10.20.1.5/32`: a network address, no wider than /16,
   * inside private address space unless `acknowledgePublicRange` is given (cidr-rules.ts says why).
   */
  static ipv4(cidr: string, options: CidrRuleOptions = {}): IPeer {
    if (!Token.isUnresolved(cidr)) {
      const problem = ipv4CidrProblem(cidr, options);
      if (problem) throw new Error(`Peer.ipv4: ${problem}`);
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

  /**
   * A managed prefix list known by id, such as the AWS-managed list of a region's S3 addresses, which
   * instances in private subnets reach through a gateway endpoint or NAT.
   * @param name a stable name for the rules made for it, since the id may only be known at apply time
   */
  static prefixList(prefixListId: string, name: string): IPeer {
    if (!Token.isUnresolved(prefixListId) && !PREFIX_LIST_ID.test(prefixListId)) {
      throw new Error(`Peer.prefixList: "${prefixListId}" is not a prefix list id such as pl-7ca54015`);
    }
    return { uniqueId: name, ruleTarget: { prefixListId } };
  }
}
