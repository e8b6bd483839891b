/** Where the Redis OSS data store runs: Amazon ElastiCache (or MemoryDB), or a server of its own (`self-managed`). */
export const REDIS_HOSTINGS = ["elasticache", "self-managed"] as const;
export type RedisHosting = (typeof REDIS_HOSTINGS)[number];

/**
 * `redis_settings.auth_type` of provider 5.100.0 (https://docs.aws.amazon.com/dms/latest/APIReference/API_RedisSettings.html).
 * Only `none` is accepted here: `auth-token` and `auth-role` need `auth_password`, which DMS takes only as a value
 * (RedisSettings has no Secrets Manager field) and the provider keeps in state (it copies the value it sent back into
 * state, since DescribeEndpoints does not return it). The data store is then protected by TLS and its security group.
 */
export const REDIS_AUTH_TYPES = ["none", "auth-token", "auth-role"] as const;
export type RedisAuthType = (typeof REDIS_AUTH_TYPES)[number];

/** `redis_settings.ssl_security_protocol`: `plaintext` is refused (TLS is required). */
export const REDIS_SECURITY_PROTOCOLS = ["ssl-encryption", "plaintext"] as const;
export type RedisSecurityProtocol = (typeof REDIS_SECURITY_PROTOCOLS)[number];

export const DEFAULT_REDIS_PORT = 6379;
