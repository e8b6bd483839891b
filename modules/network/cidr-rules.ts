/**
 * What an IPv4 range that security-group rules let in (an ingress or a source network) may be.
 *
 * - A network address: no host bits set (`10.20.1.5/16` is refused, naming `10.20.0.0/16`); AWS would
 *   silently widen it to its network, so what was written is not what is allowed.
 * - Inside private address space: RFC 1918 (https://www.rfc-editor.org/rfc/rfc1918) and the RFC 6598
 *   shared address space 100.64.0.0/10 (https://www.rfc-editor.org/rfc/rfc6598) used by carrier-grade NAT
 *   and some VPNs. A public range needs `acknowledgePublicRange`, which must be written where it is used.
 * - No wider than /16, acknowledged or not: /16 is the largest block a VPC or subnet can have
 *   (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html), so a wider range lets in more
 *   than any one network a database or a source can sit in; `0.0.0.0/1` plus `128.0.0.0/1` (all of IPv4)
 *   is refused as well as `/0`.
 */
export const WIDEST_PREFIX = 16;

export interface CidrRuleOptions {
  /** The range is public on purpose (a partner's or a cloud provider's published range). @default false */
  readonly acknowledgePublicRange?: boolean;
}

/** The private IPv4 ranges a rule may name without acknowledgement. */
export const PRIVATE_IPV4_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

const OCTET = /^(0|[1-9]\d{0,2})$/;
const PREFIX = /^(0|[1-9]\d?)$/;

/** An IPv4 CIDR block as a 32-bit address and a prefix length; undefined when the text is not one. */
export function parseIpv4Cidr(cidr: string): { address: number; prefix: number } | undefined {
  const slash = cidr.indexOf("/");
  if (slash < 0) return undefined;
  const octets = cidr.slice(0, slash).split(".");
  const prefixText = cidr.slice(slash + 1);
  if (octets.length !== 4 || !octets.every((octet) => OCTET.test(octet) && Number(octet) <= 255)) return undefined;
  if (!PREFIX.test(prefixText) || Number(prefixText) > 32) return undefined;
  const address = octets.reduce((value, octet) => value * 256 + Number(octet), 0);
  return { address, prefix: Number(prefixText) };
}

function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** The network address of `address` under a prefix (the host bits cleared). */
function networkOf(address: number, prefix: number): number {
  const size = 2 ** (32 - prefix);
  return Math.floor(address / size) * size;
}

function inside(address: number, prefix: number, range: string): boolean {
  const parsed = parseIpv4Cidr(range)!;
  return prefix >= parsed.prefix && networkOf(address, parsed.prefix) === parsed.address;
}

/**
 * What is wrong with an IPv4 range given to a security-group rule, or undefined when it may be used.
 * The message names the value, what is allowed and, for host bits, the network that was probably meant.
 */
export function ipv4CidrProblem(cidr: string, options: CidrRuleOptions = {}): string | undefined {
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed) return `"${cidr}" is not an IPv4 CIDR block such as 10.0.0.0/16; allowed: four numbers 0-255 and a prefix length 0-32`;
  const { address, prefix } = parsed;
  if (prefix === 0) return `"${cidr}" would allow every address; name the network instead (allowed: /${WIDEST_PREFIX} to /32)`;
  const network = networkOf(address, prefix);
  if (network !== address) {
    return (
      `"${cidr}" has host bits set; the network meant is probably ${formatAddress(network)}/${prefix}` +
      ` (or ${formatAddress(address)}/32 for the one host); allowed: a network address`
    );
  }
  if (prefix < WIDEST_PREFIX) {
    return (
      `"${cidr}" is wider than /${WIDEST_PREFIX} (${(2 ** (32 - prefix)).toLocaleString("en-GB")} addresses);` +
      ` allowed: /${WIDEST_PREFIX} (the largest VPC) to /32`
    );
  }
  if (!options.acknowledgePublicRange && !PRIVATE_IPV4_RANGES.some((range) => inside(address, prefix, range))) {
    return (
      `"${cidr}" is outside private address space; allowed: a range inside ${PRIVATE_IPV4_RANGES.join(", ")},` +
      " or a public range with an explicit acknowledgement that it is public"
    );
  }
  return undefined;
}
