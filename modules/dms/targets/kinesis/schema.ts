import { z } from "zod";
import { dmsId, ipv4Cidr, kmsKeyArn, securityGroupId } from "../../../core/identifiers";
import { MESSAGE_FORMATS, STREAM_ARN } from "./options";
import { ContextProps, Same } from "../../endpoints/entry-schema";
import type { KinesisTargetEndpointProps } from "./endpoint";

const CREATED_STREAM_KEYS = ["name", "shardCount", "retentionHours"] as const;

const streamSchema = z
  .strictObject({
    name: z.string().optional().describe("Stream to create: 1-128 letters, digits, _ . -"),
    shardCount: z.number().int().optional().describe("Created stream: provisioned shards; default on demand"),
    retentionHours: z.number().int().optional().describe("Created stream: hours records are kept, 24-8760; default 24"),
    existingStreamArn: z.string().regex(STREAM_ARN, "a Kinesis stream ARN such as arn:aws:kinesis:eu-west-2:123456789012:stream/orders").optional().describe("Write to this existing stream instead of creating one"),
    kmsKeyArn: kmsKeyArn.optional().describe("Existing stream: its customer-managed key, so DMS may generate data keys with it"),
  })
  .superRefine((stream, ctx) => {
    if (stream.existingStreamArn === undefined) {
      if (stream.name === undefined) ctx.addIssue({ code: "custom", path: ["name"], message: "give the name of the stream to create, or existingStreamArn" });
      if (stream.kmsKeyArn !== undefined) ctx.addIssue({ code: "custom", path: ["kmsKeyArn"], message: "only applies with existingStreamArn: a created stream uses the environment's key" });
      return;
    }
    for (const key of CREATED_STREAM_KEYS) {
      if (stream[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only applies to a stream created here; remove it, or remove existingStreamArn" });
    }
  })
  .describe("The stream: created (encrypted with the environment's key, on demand or shardCount) or existingStreamArn");

/** Where the replication instance reaches an AWS API on 443: the interface VPC endpoint's security group, or its network. */
export const apiAccessSchema = (service: string) =>
  z
    .strictObject({
      securityGroupId: securityGroupId.optional().describe(`The security group of the VPC's ${service} interface endpoint`),
      cidr: ipv4Cidr.optional().describe(`The network of the ${service} interface endpoint, when there is no security group to name`),
    })
    .superRefine((access, ctx) => {
      if ((access.securityGroupId === undefined) === (access.cidr === undefined)) {
        ctx.addIssue({ code: "custom", path: ["securityGroupId"], message: "give exactly one of securityGroupId and cidr, where DMS may connect on 443" });
      }
    })
    .describe(`Where DMS reaches the ${service} API on 443 (a ${service} interface VPC endpoint)`);

const recordFields = {
  messageFormat: z.enum(MESSAGE_FORMATS).optional().describe("json or json-unformatted; default json"),
  includeControlDetails: z.boolean().optional().describe("Table and column definitions in control records; default false"),
  includeNullAndEmpty: z.boolean().optional().describe("Write NULL and empty columns; default false"),
  includePartitionValue: z.boolean().optional().describe("The partition value in each record; default false"),
  includeTableAlterOperations: z.boolean().optional().describe("Table DDL as control records; default false"),
  includeTransactionDetails: z.boolean().optional().describe("Transaction details in each record; default false"),
  partitionIncludeSchemaTable: z.boolean().optional().describe("Prefix partition keys with schema and table; default false"),
};

/** The record options Kinesis and Kafka entries share. */
export const streamRecordFields = recordFields;

/** A Kinesis Data Streams target in an environment file. */
export const kinesisTargetSchema = z
  .strictObject({
    engine: z.literal("kinesis"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-orders-stream"),
    stream: streamSchema,
    apiAccess: apiAccessSchema("Kinesis"),
    ...recordFields,
    useLargeIntegerValue: z.boolean().optional().describe("Integers of up to 18 digits as integers (DMS 3.5.4+); default false"),
  })
  .describe("A DMS target endpoint putting one JSON record per row change on a Kinesis data stream");

export type KinesisTargetConfig = z.output<typeof kinesisTargetSchema>;

// The entry is the construct's props less the context; its `apiAccess` becomes the props' `apiPeer` peer and its `stream` is
// built (or found) by the descriptor.
// This fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof kinesisTargetSchema>, "engine" | "apiAccess" | "stream">, Omit<KinesisTargetEndpointProps, ContextProps | "apiPeer" | "stream">> = true;
void entryMatchesProps;
