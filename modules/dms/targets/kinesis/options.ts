/** How DMS writes each record (`message_format`): `json`, or `json-unformatted` (one line, no whitespace). */
export const MESSAGE_FORMATS = ["json", "json-unformatted"] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

/**
 * What a Kinesis or Kafka record carries besides the row (the shared fields of `kinesis_settings` and
 * `kafka_settings`: https://docs.aws.amazon.com/dms/latest/APIReference/API_KinesisSettings.html,
 * https://docs.aws.amazon.com/dms/latest/APIReference/API_KafkaSettings.html).
 */
export interface StreamRecordOptions {
  /** @default "json" */
  readonly messageFormat?: MessageFormat;
  /** Table and column definitions and their changes in the control records. @default false */
  readonly includeControlDetails?: boolean;
  /** Columns whose value is NULL or empty are written too. @default false */
  readonly includeNullAndEmpty?: boolean;
  /** The partition value in each record, unless records are partitioned by schema and table. @default false */
  readonly includePartitionValue?: boolean;
  /** DDL that changes a table (add, drop, rename column...) as control records. @default false */
  readonly includeTableAlterOperations?: boolean;
  /** Transaction id, previous id and operation position in each record. @default false */
  readonly includeTransactionDetails?: boolean;
  /** Prefix the partition key with schema and table, spreading one table's records over shards or partitions. @default false */
  readonly partitionIncludeSchemaTable?: boolean;
}

/** The `kinesis_settings` a Kinesis target takes besides the stream and role. */
/** The record options as the provider's `kinesis_settings` and `kafka_settings` both take them, DMS's defaults written out. */
export function streamRecordSettings(options: StreamRecordOptions) {
  return {
    messageFormat: options.messageFormat ?? "json",
    includeControlDetails: options.includeControlDetails ?? false,
    includeNullAndEmpty: options.includeNullAndEmpty ?? false,
    includePartitionValue: options.includePartitionValue ?? false,
    includeTableAlterOperations: options.includeTableAlterOperations ?? false,
    includeTransactionDetails: options.includeTransactionDetails ?? false,
    partitionIncludeSchemaTable: options.partitionIncludeSchemaTable ?? false,
  };
}

export interface KinesisTargetOptions extends StreamRecordOptions {
  /** Write integers of up to 18 digits as integers, not doubles (DMS 3.5.4 and later). @default false */
  readonly useLargeIntegerValue?: boolean;
}

/** `useLargeIntegerValue` needs this replication engine or later (DMS release notes, 3.5.4). */
export const LARGE_INTEGER_DMS_VERSION = "3.5.4";

/** DMS reaches Kinesis through its HTTPS API. */
export const HTTPS_PORT = 443;

/** Kinesis stream names (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html). */
export const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

/** A Kinesis stream ARN. */
export const STREAM_ARN = /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/;
