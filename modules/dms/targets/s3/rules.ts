import { Token } from "cdktf";
import { Rule } from "../../../core/rules";
import { ENDPOINT_ID } from "../../endpoints/endpoint-rules";
import type { S3EncryptionMode, S3TargetOptions } from "./endpoint";

/** What the rules read: the options, the id, and whether the bucket has a customer-managed key. */
export interface S3TargetView extends S3TargetOptions {
  readonly endpointId: string;
  readonly encryptionMode?: S3EncryptionMode;
  readonly bucketHasKey: boolean;
}

/** A relative S3 folder: safe object-key characters in segments joined by single slashes. */
const S3_FOLDER = /^[A-Za-z0-9!_.'()-]+(\/[A-Za-z0-9!_.'()-]+)*$/;
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

const known = (value: string | undefined): value is string => value !== undefined && !Token.isUnresolved(value);
const badFolder = (value: string | undefined) =>
  known(value) && (!S3_FOLDER.test(value) || value.split("/").some((part) => part === "." || part === ".."));

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const FOLDER_MESSAGE =
  'a relative folder such as "dms/orders": letters, digits and ! - _ . \' ( ), segments joined by single slashes, no leading or trailing slash';

/**
 * What an S3 target refuses (AWS DMS user guide, "Using Amazon S3 as a target for AWS DMS",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.S3.html). The endpoint runs this table, and so does
 * the environment-file check.
 */
export const S3_TARGET_RULES: readonly Rule<S3TargetView>[] = [
  { path: ["endpointId"], when: (props) => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
  { path: ["bucketFolder"], when: (props) => badFolder(props.bucketFolder), message: FOLDER_MESSAGE },
  { path: ["cdcPath"], when: (props) => badFolder(props.cdcPath), message: FOLDER_MESSAGE },
  ...(["parquetVersion", "parquetTimestampInMillisecond"] as const).map(
    (field): Rule<S3TargetView> => ({
      path: [field],
      when: (props) => (props.dataFormat ?? "parquet") !== "parquet" && props[field] !== undefined,
      message: (props) => `only applies to \`dataFormat: "parquet"\`, but \`dataFormat\` is "${props.dataFormat}"`,
    }),
  ),
  {
    path: ["cdcInsertsAndUpdates"],
    when: (props) => props.cdcInsertsOnly === true && props.cdcInsertsAndUpdates === true,
    message: "`cdcInsertsOnly` and `cdcInsertsAndUpdates` are mutually exclusive; set at most one",
  },
  {
    path: ["cdcPath"],
    when: (props) => props.preserveTransactions === true && props.cdcPath === undefined,
    message: "required by `preserveTransactions`: the folder DMS writes the transaction-ordered change files to",
  },
  {
    path: ["preserveTransactions"],
    when: (props) => props.preserveTransactions === true && props.datePartitionEnabled === true,
    message: "cannot be combined with `datePartitionEnabled`",
  },
  ...(["datePartitionSequence", "datePartitionDelimiter", "datePartitionTimezone"] as const).map(
    (field): Rule<S3TargetView> => ({
      path: [field],
      when: (props) => props.datePartitionEnabled !== true && props[field] !== undefined,
      message: "only applies with `datePartitionEnabled: true`",
    }),
  ),
  {
    path: ["datePartitionTimezone"],
    when: (props) => known(props.datePartitionTimezone) && (!props.datePartitionTimezone.includes("/") || !isTimeZone(props.datePartitionTimezone)),
    message: 'not a time zone in Area/Location form, such as "Europe/London"',
  },
  {
    path: ["timestampColumnName"],
    when: (props) => known(props.timestampColumnName) && !COLUMN_NAME.test(props.timestampColumnName),
    message: "must be a column name: letters, digits and underscores, starting with a letter or underscore",
  },
  {
    path: ["encryptionMode"],
    when: (props) => props.encryptionMode === "SSE_KMS" && !props.bucketHasKey,
    message: "needs a bucket with a customer-managed KMS key (`kmsKeyArn`: for an existing bucket, the key it encrypts with)",
  },
  {
    path: ["encryptionMode"],
    when: (props) => props.encryptionMode === "SSE_S3" && props.bucketHasKey,
    message: "would bypass the bucket's customer-managed KMS key; leave `encryptionMode` unset",
  },
];
