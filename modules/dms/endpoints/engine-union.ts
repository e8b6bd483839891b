import { z } from "zod";
import { ENDPOINT_ENTRY_FIELDS, EndpointEntryFields } from "./entry-schema";

type EngineSchemas<T extends readonly { schema: unknown }[]> = { -readonly [K in keyof T]: T[K]["schema"] };

/**
 * The environment-file entry of any of `engines`, told apart by their `engine` key; each entry also takes the
 * fields every endpoint has (`ENDPOINT_ENTRY_FIELDS`: tags, extra connection attributes).
 */
export function engineUnion<const T extends readonly [{ schema: z.core.$ZodTypeDiscriminable }, ...{ schema: z.core.$ZodTypeDiscriminable }[]]>(
  engines: T,
) {
  const withCommonFields = engines.map((engine) => (engine.schema as unknown as z.ZodObject).extend(ENDPOINT_ENTRY_FIELDS));
  return z.discriminatedUnion("engine", withCommonFields as unknown as EngineSchemas<T>) as unknown as z.ZodType<
    z.output<z.ZodDiscriminatedUnion<EngineSchemas<T>>> & EndpointEntryFields,
    z.input<z.ZodDiscriminatedUnion<EngineSchemas<T>>> & EndpointEntryFields
  > &
    z.ZodDiscriminatedUnion<EngineSchemas<T>>;
}
