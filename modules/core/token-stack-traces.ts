import * as stackTrace from "cdktf/lib/tokens/private/stack-trace";

/** The variable that keeps cdktf's token stack traces, to find where a token that fails to resolve was made. */
export const TOKEN_STACK_TRACES_VARIABLE = "CDKTF_TOKEN_STACK_TRACES";

/**
 * cdktf records a full stack trace for every token it creates (each reference such as `.arn`, each nested-block
 * object a provider resource builds), only to print it if that token later fails to resolve. With many tasks
 * that is a fifth of synth (BENCHMARKS.md), for output that is the same without it. Call before building
 * constructs; a no-op when CDKTF_TOKEN_STACK_TRACES is set.
 */
export function skipTokenStackTraces(env: NodeJS.ProcessEnv = process.env): void {
  if (env[TOKEN_STACK_TRACES_VARIABLE]) return;
  // cdktf calls it through its module's exports object (a TypeScript ES module, so this import is that object).
  Object.assign(stackTrace, { captureStackTrace: (): string[] => [] });
}
