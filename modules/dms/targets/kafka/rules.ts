import { isProduction } from "../../../core/project-environment";
import { ProjectEnvironment } from "../../../core/project-environment";
import { Rule } from "../../../core/rules";
import { ENDPOINT_ID } from "../../endpoints/endpoint-rules";
import { BROKER_ADDRESS, KafkaTargetOptions, MSK_CLUSTER_ARN, TOPIC_NAME } from "./options";

/** What the endpoint rules read: the id, the brokers (unless they come from an MSK cluster), the settings and the tier. */
export interface KafkaEndpointSettings extends KafkaTargetOptions, ProjectEnvironment {
  readonly endpointId: string;
  /** `host:port` of each broker; undefined when they are read from an MSK cluster. */
  readonly brokers?: readonly string[];
  /** The MSK cluster the brokers are read from, instead of `brokers`. */
  readonly mskClusterArn?: string;
}

const validPort = (broker: string) => {
  const port = Number(BROKER_ADDRESS.exec(broker)?.[2]);
  return port >= 1 && port <= 65535;
};

/**
 * What a Kafka target endpoint refuses (AWS DMS user guide, "Using Apache Kafka as a target",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Kafka.html). The endpoint runs this table, and so
 * does the environment-file check.
 */
export const KAFKA_TARGET_RULES: readonly Rule<KafkaEndpointSettings>[] = [
  { path: ["endpointId"], when: (props) => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
  {
    path: ["brokers"],
    when: (props) => (props.brokers === undefined) === (props.mskClusterArn === undefined),
    message: "give exactly one of `brokers` (self-managed, host:port) and `mskClusterArn`",
  },
  {
    path: ["mskClusterArn"],
    when: (props) => props.mskClusterArn !== undefined && !MSK_CLUSTER_ARN.test(props.mskClusterArn),
    message: "allowed: an MSK cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<id>)",
  },
  {
    path: ["brokers"],
    when: (props) => props.brokers !== undefined && (props.brokers.length === 0 || props.brokers.some((broker) => !validPort(broker))),
    message: "must be one or more broker addresses as host:port, such as b-1.orders.kafka.eu-west-2.amazonaws.com:9094",
  },
  {
    // Provider 5.100.0 has no write-only SASL password and no Secrets Manager secret for Kafka endpoints
    // (https://github.com/hashicorp/terraform-provider-aws/issues/48350): `sasl_password` is only `sensitive`, which
    // hides it from plan output but writes it to the state in plain text.
    path: ["securityProtocol"],
    when: (props) => props.securityProtocol === "sasl-ssl",
    message:
      "sasl-ssl needs a SASL password, which provider 5.100.0 stores in Terraform state (sensitive is not write-only, and Kafka endpoints take no Secrets Manager secret); " +
      'allowed: "ssl-encryption" (TLS), or "ssl-authentication" (mutual TLS with a client certificate imported into DMS)',
  },
  {
    path: ["securityProtocol"],
    when: (props) => props.securityProtocol === "plaintext" && props.acknowledgePlaintext !== true,
    message: 'sends every row unencrypted; allowed: "ssl-encryption" or "ssl-authentication", or acknowledgePlaintext: true for a lab cluster',
  },
  {
    path: ["securityProtocol"],
    when: (props) => props.securityProtocol === "plaintext" && isProduction(props),
    message: 'production sends rows to Kafka over TLS only; allowed: "ssl-encryption" or "ssl-authentication"',
  },
  {
    path: ["acknowledgePlaintext"],
    when: (props) => props.acknowledgePlaintext === true && props.securityProtocol !== "plaintext",
    message: 'only applies with securityProtocol "plaintext"; remove it',
  },
  {
    path: ["sslClientCertificateArn"],
    when: (props) => (props.securityProtocol === "ssl-authentication") !== (props.sslClientCertificateArn !== undefined && props.sslClientKeyArn !== undefined) ,
    message: (props) =>
      props.securityProtocol === "ssl-authentication"
        ? "ssl-authentication needs sslClientCertificateArn and sslClientKeyArn (the client certificate and key imported into DMS)"
        : 'a client certificate is only used with securityProtocol "ssl-authentication"; allowed: both certificate ARNs with it, or neither',
  },
  {
    path: ["sslCaCertificateArn"],
    when: (props) => props.sslCaCertificateArn !== undefined && props.securityProtocol === "plaintext",
    message: "a CA certificate is only used over TLS; remove it, or use ssl-encryption",
  },
  { path: ["topic"], when: (props) => props.topic !== undefined && !TOPIC_NAME.test(props.topic), message: "must be 1 to 249 letters, digits, periods, underscores and hyphens" },
  {
    path: ["messageMaxBytes"],
    when: (props) => props.messageMaxBytes !== undefined && (!Number.isInteger(props.messageMaxBytes) || props.messageMaxBytes < 1 || props.messageMaxBytes > 1000000000),
    message: "must be a whole number of bytes from 1 to 1000000000 (1 GB)",
  },
  {
    path: ["includePartitionValue"],
    when: (props) => props.includePartitionValue === true && props.partitionIncludeSchemaTable === true,
    message: "DMS leaves the partition value out when records are partitioned by schema and table; allowed: false with partitionIncludeSchemaTable: true",
  },
];

/** The distinct ports of `host:port` broker addresses, in order. */
export function brokerPorts(brokers: readonly string[]): number[] {
  return [...new Set(brokers.map((broker) => Number(BROKER_ADDRESS.exec(broker)?.[2])).filter((port) => port > 0))];
}
