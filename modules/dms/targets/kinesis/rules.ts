import { Rule } from "../../../core/rules";
import { ENDPOINT_ID } from "../../endpoints/endpoint-rules";
import type { TaskSettingsValues } from "../../task-settings";
import type { KinesisStreamProps } from "./stream";
import { KinesisTargetOptions, STREAM_NAME } from "./options";

/** What the endpoint rules read: the id and the settings, not the stream. */
export interface KinesisEndpointSettings extends KinesisTargetOptions {
  readonly endpointId: string;
}

/**
 * What a Kinesis target endpoint refuses (AWS DMS user guide, "Using Amazon Kinesis Data Streams as a target",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Kinesis.html). The endpoint runs this table, and so
 * does the environment-file check.
 */
export const KINESIS_TARGET_RULES: readonly Rule<KinesisEndpointSettings>[] = [
  { path: ["endpointId"], when: (props) => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
  {
    path: ["includePartitionValue"],
    when: (props) => props.includePartitionValue === true && props.partitionIncludeSchemaTable === true,
    message: "DMS leaves the partition value out when records are partitioned by schema and table; allowed: false with partitionIncludeSchemaTable: true",
  },
];

/** What the stream rules read: its name and size. */
export type KinesisStreamSettings = Pick<KinesisStreamProps, "streamName" | "shardCount" | "retentionHours">;

const wholeNumber = (value: number | undefined, min: number, max: number) => value !== undefined && (!Number.isInteger(value) || value < min || value > max);

/** What a stream created by the library refuses (Kinesis quotas: https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html). */
export const KINESIS_STREAM_RULES: readonly Rule<KinesisStreamSettings>[] = [
  { path: ["streamName"], when: (props) => !STREAM_NAME.test(props.streamName), message: "must be 1 to 128 letters, digits, underscores, periods and hyphens" },
  { path: ["shardCount"], when: (props) => wholeNumber(props.shardCount, 1, 10000), message: "must be a whole number of shards, 1 or more (leave it out for an on-demand stream)" },
  { path: ["retentionHours"], when: (props) => wholeNumber(props.retentionHours, 24, 8760), message: "must be a whole number of hours from 24 to 8760 (365 days)" },
];

/**
 * Task settings DMS cannot apply to a stream: it does not validate Kinesis or Kafka targets, and takes at most 32
 * full-load threads per table (AWS DMS user guide, "Multithreaded full load task settings", same page).
 */
export const STREAM_REFUSED_TASK_SETTINGS: readonly Rule<TaskSettingsValues>[] = [
  {
    path: ["ValidationSettings", "EnableValidation"],
    when: (settings) => settings.ValidationSettings?.EnableValidation === true,
    message: "DMS does not validate data written to a stream; allowed: false (and no `validation: true` on the task)",
  },
  {
    path: ["TargetMetadata", "ParallelLoadThreads"],
    when: (settings) => (settings.TargetMetadata?.ParallelLoadThreads ?? 0) > 32,
    message: "a Kinesis or Kafka target takes at most 32 load threads per table",
  },
];
