import { z } from "zod";

/** `acknowledgeReplacement`: the production replication objects a plan may replace or destroy, each with why. */
export const acknowledgeReplacementSchema = z
  .array(
    z
      .strictObject({
        id: z.string().min(1).describe("A task id, endpoint id, serverless task id or replication instance id declared in this file"),
        reason: z.string().trim().min(10).describe("Why a reload or replacement is fine now (kept as the record of the decision)"),
      })
      .describe("One object whose replacement or destruction is accepted"),
  )
  .default([])
  .describe("Production refuses plans that replace or destroy a task, endpoint, serverless replication or replication instance; list one here to lift that for the next apply, then remove it");
