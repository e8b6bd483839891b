import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError } from "../core/errors";
import { renderValue } from "../core/problem";
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

/** Throws a `ValidationError` naming `scope` and `prop` when `cidr` breaks the network rule (cidr-rules.ts). */
function checkIpv4Range(scope: IConstruct | string, prop: string, cidr: string, options: CidrRuleOptions): void {
  if (Token.isUnresolved(cidr)) return;
  const problem = ipv4CidrProblem(cidr, options);
  if (problem) throw new ValidationError(scope, [{ path: prop, value: renderValue(cidr), message: problem }]);
}

/**
 * `Peer.ipv4` for a range a construct was given as a prop: a bad range is reported with the construct's path and
 * the prop's name (`.../SourceEndpoint: \`allowedCidr\` = "0.0.0.0/1": ...`).
 */
export function ipv4PeerOf(scope: IConstruct, prop: string, cidr: string, options: CidrRuleOptions = {}): IPeer {
  checkIpv4Range(scope, prop, cidr, options);
  return Peer.ipv4(cidr, options);
}

/** Factories for peers that are not constructs of this project. */
export class Peer {
  /**
   * An IPv4 range such as `10.20.0.0/16` or one host `10.20.1.5/32`: a network address, no wider than /16,
   * inside private address space unless `acknowledgePublicRange` is given (cidr-rules.ts says why).
   */
  static ipv4(cidr: string, options: CidrRuleOptions = {}): IPeer {
    checkIpv4Range("Peer.ipv4", "cidr", cidr, options);
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
      throw new ValidationError("Peer.prefixList", [{ path: "prefixListId", value: renderValue(prefixListId), message: "is not a prefix list id; allowed: pl- and 8 to 17 hex digits, such as pl-7ca54015" }]);
    }
    return { uniqueId: name, ruleTarget: { prefixListId } };
  }
}
