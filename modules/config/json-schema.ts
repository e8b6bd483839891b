import { z } from "zod";
import { environmentSchema } from "./schema/environment";

/**
 * JSON Schema of environment files, generated from the same definition that validates them, so editors
 * complete and check files exactly as synth does. Input mode: fields with defaults are optional.
 */
export function environmentJsonSchema(): string {
  const schema = z.toJSONSchema(environmentSchema, { io: "input", unrepresentable: "throw" });
  return `${JSON.stringify({ ...schema, title: "DMS migration environment" }, null, 2)}\n`;
}
