import { RedisTargetEndpoint, RedisTargetEndpointProps } from "../../../modules/dms/targets/redis/endpoint";
import { redisTarget } from "../../../modules/dms/targets/redis";
import { redisTargetSchema } from "../../../modules/dms/targets/redis/schema";
import { targetEngineOf, targetSchema } from "../../../modules/dms/targets/registry";
import { ReplicationInstance } from "../../../modules/dms/replication-instance";
import { dmsFixture } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { blocks, newStack, only, synth } from "../../helpers/synth";

/** The Redis endpoint of a stack that also holds the fixture's own target. */
const redisEndpoint = (json: Record<string, any>) => only({ resource: { aws_dms_endpoint: Object.fromEntries(Object.entries(json.resource.aws_dms_endpoint).filter(([, e]: [string, any]) => e.engine_name === "redis")) } }, "aws_dms_endpoint");

const CACHE_GROUP = "sg-0a1b2c3d4e5f60789";

function redisProps(overrides: Partial<RedisTargetEndpointProps> = {}): RedisTargetEndpointProps {
  return {
    projectName: "cases",
    environment: "development",
    endpointId: "target-cases-cache",
    serverName: "master.cases-cache.abc123.euw2.cache.amazonaws.com",
    securityGroupId: CACHE_GROUP,
    ...overrides,
  };
}

/** The endpoint wired to a replication instance, synthesized once. */
function wired(overrides: Partial<RedisTargetEndpointProps> = {}) {
  const stack = newStack();
  const { instance } = dmsFixture(stack);
  const target = new RedisTargetEndpoint(stack, "Cache", redisProps(overrides));
  target.allowConnectionsFrom(instance as ReplicationInstance);
  return synth(stack);
}

describe("RedisTargetEndpoint on ElastiCache", () => {
  let json: Record<string, any>;
  beforeAll(() => {
    json = wired();
  });

  test("TLS, no authentication value anywhere, nothing secret in the stack", () => {
    const endpoint = redisEndpoint(json);
    expect(endpoint).toMatchObject({ endpoint_type: "target", engine_name: "redis" });
    expect(endpoint.redis_settings).toEqual({
      server_name: "master.cases-cache.abc123.euw2.cache.amazonaws.com",
      port: 6379,
      auth_type: "none",
      ssl_security_protocol: "ssl-encryption",
    });
    expect(JSON.stringify(json)).not.toContain("auth_password");
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("the instance is let out to the cluster's group, and into it, on 6379 only", () => {
    const egress = blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.description?.includes("Redis target"));
    const ingress = blocks(json, "aws_vpc_security_group_ingress_rule").filter((rule) => rule.description?.includes("Redis target"));
    expect(egress).toEqual([expect.objectContaining({ from_port: 6379, to_port: 6379, ip_protocol: "tcp", referenced_security_group_id: CACHE_GROUP })]);
    expect(ingress).toEqual([expect.objectContaining({ security_group_id: CACHE_GROUP, from_port: 6379, to_port: 6379, ip_protocol: "tcp" })]);
    expect(ingress[0].referenced_security_group_id).toBe(egress[0].security_group_id);
  });
});

describe("RedisTargetEndpoint options", () => {
  test("a self-managed server by IP: its own /32 on its port, with a private CA", () => {
    const json = wired({ hosting: "self-managed", serverName: "10.80.5.9", port: 6380, securityGroupId: undefined, sslCaCertificateArn: "arn:aws:dms:eu-west-2:123456789012:cert:ABCDEF" });
    expect(redisEndpoint(json).redis_settings).toMatchObject({ port: 6380, ssl_ca_certificate_arn: "arn:aws:dms:eu-west-2:123456789012:cert:ABCDEF" });
    const egress = blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.description?.includes("Redis target"));
    expect(egress).toEqual([expect.objectContaining({ from_port: 6380, to_port: 6380, cidr_ipv4: "10.80.5.9/32" })]);
    expect(blocks(json, "aws_vpc_security_group_ingress_rule").filter((rule) => rule.description?.includes("Redis target"))).toEqual([]);
  });

  test.each([
    ["auth-token, whose password would be in state", { authType: "auth-token" }, /authType.*stores in Terraform state/],
    ["auth-role, whose password would be in state", { authType: "auth-role" }, /authType.*Secrets Manager/],
    ["plaintext", { sslSecurityProtocol: "plaintext" }, /sslSecurityProtocol.*TLS is required/],
    ["ElastiCache with no group or network", { securityGroupId: undefined }, /securityGroupId.*required for ElastiCache/],
    ["both a group and a network", { allowedCidr: "10.80.0.0/24" }, /not both/],
    ["a self-managed host name without a network", { hosting: "self-managed", securityGroupId: undefined, serverName: "redis.internal" }, /allowedCidr.*host name/],
    ["every address", { securityGroupId: undefined, allowedCidr: "0.0.0.0/0" }, /allowedCidr/],
    ["a bad endpoint id", { endpointId: "9cache" }, /endpointId/],
  ] as const)("refuses %s", (_what, overrides, message) => {
    expect(() => new RedisTargetEndpoint(newStack(), "Target", redisProps(overrides as Partial<RedisTargetEndpointProps>))).toThrow(message);
  });
});

describe("the redis entry of an environment file", () => {
  const entry = { engine: "redis", endpointId: "target-cases-cache", serverName: "master.cases-cache.abc123.euw2.cache.amazonaws.com", securityGroupId: CACHE_GROUP };

  test("is a target engine of the registry, with its defaults", () => {
    const parsed = targetSchema.parse(entry);
    expect(targetEngineOf(parsed)).toBe(redisTarget);
    expect(redisTargetSchema.parse(entry)).toMatchObject({ hosting: "elasticache", port: 6379, authType: "none", sslSecurityProtocol: "ssl-encryption" });
    expect(redisTarget.settingsKey).toBe("RedisSettings");
  });

  test("its problems are the construct's rules, at the file's fields", () => {
    expect(redisTarget.problems(redisTargetSchema.parse(entry))).toEqual([]);
    const problems = redisTarget.problems(redisTargetSchema.parse({ ...entry, authType: "auth-token", sslSecurityProtocol: "plaintext" }));
    expect(problems.map((problem) => problem.path)).toEqual(["authType", "sslSecurityProtocol"]);
  });

  test("refuses a password or unknown keys in the entry", () => {
    expect(redisTargetSchema.safeParse({ ...entry, authPassword: "x" }).success).toBe(false);
  });
});
