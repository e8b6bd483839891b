import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, securityGroupId, tcpPort } from "../../../core/identifiers";
import { REDIS_AUTH_TYPES, REDIS_HOSTINGS, REDIS_SECURITY_PROTOCOLS } from "./options";
import { ContextProps, Same } from "../../endpoints/entry-schema";
import type { RedisTargetEndpointProps } from "./endpoint";

/** A Redis OSS target in an environment file. */
export const redisTargetSchema = z
  .strictObject({
    engine: z.literal("redis"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-cases-cache"),
    hosting: z.enum(REDIS_HOSTINGS).default("elasticache").describe("elasticache (or MemoryDB) or self-managed"),
    serverName: z.string().min(1).describe("The primary (or configuration) endpoint's address, or the server's IP or host name"),
    port: tcpPort.default(6379),
    authType: z.enum(REDIS_AUTH_TYPES).default("none").describe("none (auth-token and auth-role are refused: their password would be in Terraform state)"),
    sslSecurityProtocol: z.enum(REDIS_SECURITY_PROTOCOLS).default("ssl-encryption").describe("ssl-encryption (plaintext is refused)"),
    sslCaCertificateArn: dmsCertificateArn.optional().describe("CA certificate imported into DMS, for a server signed by a private CA"),
    securityGroupId: securityGroupId.optional().describe("The data store's security group: the replication instance is let in on the port only"),
    allowedCidr: ipv4Cidr.optional().describe("The data store's network, when there is no security group to name"),
  })
  .describe("A DMS target endpoint writing to Redis OSS (ElastiCache or self-managed), over TLS");

export type RedisTargetConfig = z.output<typeof redisTargetSchema>;

// The entry is the construct's props less the context: this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof redisTargetSchema>, "engine">, Omit<RedisTargetEndpointProps, ContextProps>> = true;
void entryMatchesProps;
