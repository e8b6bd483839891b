import { parseArgs, ParseArgsConfig } from "util";
import { UsageError } from "./io";
import { EnvironmentOptions } from "./environment";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every environment command takes. */
export const ENVIRONMENT_OPTIONS = {
  local: { type: "boolean", default: false },
  stack: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies Options;

export const ENVIRONMENT_USAGE = [
  "  --local          the local emulator that `npm run deploy:local -- <environment>` started",
  "  --stack FILE     a synthesized cdk.tf.json (default: cdktf.out/stacks/<environment>/cdk.tf.json, synthesized if missing)",
];

/**
 * Parses `<environment> [options]` with node's util.parseArgs (strict: an unknown option is an error).
 * Returns the values, the environment options and any further positionals.
 */
export function parseEnvironmentArgs<T extends Options>(argv: readonly string[], options: T) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...ENVIRONMENT_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [environment, ...rest] = parsed.positionals;
  const values = parsed.values as { [K in keyof (typeof ENVIRONMENT_OPTIONS & T)]?: (typeof ENVIRONMENT_OPTIONS & T)[K] extends { type: "boolean" } ? boolean : string };
  const help = values.help === true;
  if (!help && !environment) throw new UsageError("Name the environment, for example: development");
  if (environment && !/^[a-z0-9][a-z0-9-]*$/.test(environment)) throw new UsageError(`"${environment}" is not an environment name (lower-case letters, digits and hyphens).`);
  const target: EnvironmentOptions = { environment: environment ?? "", local: values.local === true, stackFile: values.stack as string | undefined };
  return { values, target, rest, help };
}

/** `schema.table,schema.table` → pairs; refuses anything else. */
export function parseTableList(text: string): { schema: string; table: string }[] {
  return text.split(",").map((item) => {
    const match = /^([^.\s,]+)\.([^.\s,]+)$/.exec(item.trim());
    if (!match) throw new UsageError(`--tables takes schema.table pairs separated by commas; "${item}" is not one.`);
    return { schema: match[1], table: match[2] };
  });
}

/** A positive number of seconds or minutes given on the command line. */
export function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--${name} must be a positive number, not "${value}".`);
  return number;
}
