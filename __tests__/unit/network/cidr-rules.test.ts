import { Construct } from "constructs";
import { ValidationError } from "../../../modules/core/errors";
import { Peer, ipv4PeerOf } from "../../../modules/network/peer";
import { newStack } from "../../helpers/synth";
import { ipv4CidrProblem, parseIpv4Cidr } from "../../../modules/network/cidr-rules";

describe("ipv4CidrProblem", () => {
  test.each(["10.0.0.0/16", "10.20.1.5/32", "10.80.0.0/24", "172.16.0.0/16", "172.31.255.0/24", "192.168.0.0/16", "100.64.0.0/16", "100.127.255.255/32"])(
    "%s is a private network and may be used",
    (cidr) => expect(ipv4CidrProblem(cidr)).toBeUndefined(),
  );

  test("host bits set: names the network meant and the one host", () => {
    expect(ipv4CidrProblem("10.20.1.5/16")).toBe(
      '"10.20.1.5/16" has host bits set; the network meant is probably 10.20.0.0/16 (or 10.20.1.5/32 for the one host); allowed: a network address',
    );
    expect(ipv4CidrProblem("192.168.1.130/25")).toMatch(/the network meant is probably 192\.168\.1\.128\/25/);
  });

  test.each(["0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8", "172.16.0.0/12", "100.64.0.0/10", "10.0.0.0/15"])("%s is wider than /16", (cidr) => {
    expect(ipv4CidrProblem(cidr)).toMatch(/is wider than \/16 \([\d,]+ addresses\); allowed: \/16 \(the largest VPC\) to \/32$/);
    // Acknowledging a public range does not lift the width limit.
    expect(ipv4CidrProblem(cidr, { acknowledgePublicRange: true })).toMatch(/is wider than \/16/);
  });

  test("a range of every address", () => {
    expect(ipv4CidrProblem("0.0.0.0/0")).toBe('"0.0.0.0/0" would allow every address; name the network instead (allowed: /16 to /32)');
  });

  test.each(["8.8.8.0/24", "172.32.0.0/16", "100.128.0.0/16", "192.169.0.0/16", "11.0.0.0/16"])("%s is public: refused unless acknowledged", (cidr) => {
    expect(ipv4CidrProblem(cidr)).toBe(
      `"${cidr}" is outside private address space; allowed: a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, or a public range with an explicit acknowledgement that it is public`,
    );
    expect(ipv4CidrProblem(cidr, { acknowledgePublicRange: true })).toBeUndefined();
  });

  test.each(["10.0.0.1", "10.0.0/16", "256.0.0.0/16", "10.0.0.0/33", "010.0.0.0/16", "10.0.0.0/016", " 10.0.0.0/16", "10.0.0.0/", "a.b.c.d/16"])(
    "%j is not a CIDR block",
    (cidr) => expect(ipv4CidrProblem(cidr)).toMatch(/is not an IPv4 CIDR block such as 10\.0\.0\.0\/16; allowed: four numbers 0-255 and a prefix length 0-32$/),
  );

  test("parseIpv4Cidr reads the whole address range", () => {
    expect(parseIpv4Cidr("255.255.255.255/32")).toEqual({ address: 2 ** 32 - 1, prefix: 32 });
    expect(parseIpv4Cidr("0.0.0.0/0")).toEqual({ address: 0, prefix: 0 });
  });
});

describe("Peer.ipv4 uses the rule", () => {
  test("a private network keeps its id", () => {
    expect(Peer.ipv4("10.20.0.0/16")).toEqual({ uniqueId: "10-20-0-0-16", ruleTarget: { cidrIpv4: "10.20.0.0/16" } });
  });

  test.each([
    ["0.0.0.0/1", /Peer\.ipv4: `cidr` = "[^"]*": "0\.0\.0\.0\/1" is wider than \/16/],
    ["10.20.1.5/16", /Peer\.ipv4: `cidr` = "[^"]*": "10\.20\.1\.5\/16" has host bits set; the network meant is probably 10\.20\.0\.0\/16/],
    ["52.94.0.0/22", /Peer\.ipv4: `cidr` = "[^"]*": "52\.94\.0\.0\/22" is outside private address space/],
  ])("%s is refused with the reason", (cidr, message) => {
    expect(() => Peer.ipv4(cidr)).toThrow(message);
  });

  test("a public range is accepted with an explicit acknowledgement", () => {
    expect(Peer.ipv4("52.94.0.0/22", { acknowledgePublicRange: true }).ruleTarget).toEqual({ cidrIpv4: "52.94.0.0/22" });
  });
});

describe("a bad range is a ValidationError naming the prop (and the construct, when a construct was given it)", () => {
  test("Peer.ipv4(\"0.0.0.0/0\") names the factory and its cidr", () => {
    let thrown: unknown;
    try {
      Peer.ipv4("0.0.0.0/0");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).problems).toEqual([
      { path: "cidr", value: '"0.0.0.0/0"', message: '"0.0.0.0/0" would allow every address; name the network instead (allowed: /16 to /32)' },
    ]);
  });

  test("ipv4PeerOf names the construct path and the prop", () => {
    const scope = new Construct(newStack(), "Source");
    expect(() => ipv4PeerOf(scope, "allowedCidr", "128.0.0.0/1")).toThrow(/^test\/Source: `allowedCidr` = "128\.0\.0\.0\/1": .*wider than \/16/);
    expect(ipv4PeerOf(scope, "allowedCidr", "10.80.0.0/24").ruleTarget).toEqual({ cidrIpv4: "10.80.0.0/24" });
  });
});
