import { z } from "zod";
import { dmsId } from "../../../core/identifiers";
import { TABLE_NAME } from "./options";
import { ContextProps, Same } from "../../endpoints/entry-schema";
import type { DynamoDbTargetEndpointProps } from "./endpoint";

const keySchema = z
  .strictObject({
    name: z.string().min(1).max(255).describe("The key attribute's name"),
    type: z.enum(["S", "N", "B"]).optional().describe("S (string, default), N (number) or B (binary)"),
  })
  .describe("A key attribute");

const tableSchema = z
  .strictObject({
    name: z.string().regex(TABLE_NAME, "3-255 letters, digits, _ . -").describe("The table's name"),
    partitionKey: keySchema.describe("The partition (hash) key; object-mapping rules must use it"),
    sortKey: keySchema.optional().describe("The sort (range) key, if the table has one"),
    existing: z.boolean().optional().describe("The table exists already (same account and region): it is referenced, not created; default false"),
  })
  .describe("A table DMS writes to: created (on demand, the environment's key, point-in-time recovery) or existing");

/** A DynamoDB target in an environment file. */
export const dynamoDbTargetSchema = z
  .strictObject({
    engine: z.literal("dynamodb"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-orders-dynamodb"),
    tables: z.array(tableSchema).describe("Every table the tasks' object-mapping rules write to"),
  })
  .describe("A DMS target endpoint writing rows as DynamoDB items, through object-mapping rules");

export type DynamoDbTargetConfig = z.output<typeof dynamoDbTargetSchema>;

// The entry is the construct's props less the context, with `tables` described here and built by the descriptor:
// this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof dynamoDbTargetSchema>, "engine" | "tables">, Omit<DynamoDbTargetEndpointProps, ContextProps | "tables">> = true;
void entryMatchesProps;
