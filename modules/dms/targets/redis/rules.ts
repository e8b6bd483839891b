import { Rule } from "../../../core/rules";
import { ENDPOINT_ID } from "../../endpoints/endpoint-rules";
import { hostCidr } from "../../../network/peer";
import type { RedisTargetSettings } from "./endpoint";

/**
 * What a Redis target refuses (AWS DMS user guide, "Using Redis OSS as a target for AWS Database Migration Service",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Redis.html). The endpoint runs this table, and so does
 * the environment-file check.
 */
export const REDIS_TARGET_RULES: readonly Rule<RedisTargetSettings>[] = [
  { path: ["endpointId"], when: (props) => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
  {
    path: ["authType"],
    when: (props) => props.authType !== undefined && props.authType !== "none",
    message:
      'needs `auth_password`, which DMS takes only as a value (no Secrets Manager secret for Redis) and provider 5.100.0 stores in Terraform state; use "none" over TLS, with the data store reachable only from the replication instance',
  },
  {
    path: ["sslSecurityProtocol"],
    when: (props) => props.sslSecurityProtocol === "plaintext",
    message: 'TLS is required: the data would cross the network in clear; allowed: "ssl-encryption" (ElastiCache: enable in-transit encryption)',
  },
  {
    path: ["securityGroupId"],
    when: (props) => props.securityGroupId !== undefined && props.allowedCidr !== undefined,
    message: "give the data store's security group or its network (`allowedCidr`), not both",
  },
  {
    path: ["securityGroupId"],
    when: (props) => (props.hosting ?? "elasticache") === "elasticache" && props.securityGroupId === undefined && props.allowedCidr === undefined,
    message: "required for ElastiCache: the cluster's security group, which the replication instance is let into on the port (or `allowedCidr`)",
  },
  {
    path: ["allowedCidr"],
    when: (props) =>
      (props.hosting ?? "elasticache") === "self-managed" && props.securityGroupId === undefined && props.allowedCidr === undefined && hostCidr(props.serverName) === undefined,
    message: (props) => `required when the server ("${props.serverName}") is a host name, to limit where DMS may connect`,
  },
  {
    path: ["allowedCidr"],
    when: (props) => props.allowedCidr?.endsWith("/0") === true,
    message: "name the data store's network, not every address",
  },
];
