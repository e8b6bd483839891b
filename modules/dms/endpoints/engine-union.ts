import { z } from "zod";

type EngineSchemas<T extends readonly { schema: unknown }[]> = { -readonly [K in keyof T]: T[K]["schema"] };

/** The environment-file entry of any of `engines`, told apart by their `engine` key. */
export function engineUnion<const T extends readonly [{ schema: z.core.$ZodTypeDiscriminable }, ...{ schema: z.core.$ZodTypeDiscriminable }[]]>(
  engines: T,
) {
  return z.discriminatedUnion("engine", engines.map((engine) => engine.schema) as unknown as EngineSchemas<T>);
}
