import { StreamRecordOptions } from "../kinesis/options";

/**
 * How DMS connects to the brokers (`security_protocol`). `sasl-ssl` is not offered: it needs `sasl_password`, which
 * provider 5.100.0 keeps in Terraform state (see rules.ts).
 */
export const KAFKA_SECURITY_PROTOCOLS = ["ssl-encryption", "ssl-authentication", "sasl-ssl", "plaintext"] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];

/** The `kafka_settings` of the endpoint (API `KafkaSettings`, https://docs.aws.amazon.com/dms/latest/APIReference/API_KafkaSettings.html). */
export interface KafkaTargetOptions extends StreamRecordOptions {
  /**
   * `ssl-encryption`: TLS, brokers checked against `sslCaCertificateArn` (or public CAs); `ssl-authentication`: TLS
   * with a client certificate; `plaintext` only with `acknowledgePlaintext`, never in production; `sasl-ssl` is refused.
   * @default "ssl-encryption"
   */
  readonly securityProtocol?: KafkaSecurityProtocol;
  /** DMS certificate ARN of the CA that signed the brokers' certificates, for brokers with a private CA. @default - public CAs (MSK's) */
  readonly sslCaCertificateArn?: string;
  /** `ssl-authentication`: DMS certificate ARN of the client certificate. @default - none */
  readonly sslClientCertificateArn?: string;
  /** `ssl-authentication`: DMS certificate ARN of the client's private key, imported without a password. @default - none */
  readonly sslClientKeyArn?: string;
  /** Says plaintext is intended (a lab cluster); refused in production. @default false */
  readonly acknowledgePlaintext?: boolean;
  /** The topic DMS writes to; object-mapping rules may name others (`kafkaTargetTopic`). @default "kafka-default-topic" */
  readonly topic?: string;
  /** Largest message, in bytes, at most 1 GB. @default 1000000 */
  readonly messageMaxBytes?: number;
  /** Write raw binary values without the `0x` prefix. @default false */
  readonly noHexPrefix?: boolean;
}

/** DMS's default topic. */
export const DEFAULT_TOPIC = "kafka-default-topic";
export const DEFAULT_MESSAGE_MAX_BYTES = 1000000;

/** `host:port`, the form of each broker address in `kafka_settings.broker`. */
export const BROKER_ADDRESS = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:(\d{1,5})$/;

/** Kafka topic names: 1 to 249 letters, digits, `.`, `_` and `-`. */
export const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** MSK's TLS listener, which `bootstrap_brokers_tls` lists (https://docs.aws.amazon.com/msk/latest/developerguide/port-info.html). */
export const MSK_TLS_PORT = 9094;

/** An MSK cluster ARN (provisioned or serverless). */
export const MSK_CLUSTER_ARN = /^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9-]+\/[A-Za-z0-9-]+(-\d+)?$/;
