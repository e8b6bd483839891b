import { CliIo } from "../../cli/io";

/** A CliIo that records what a command prints and never waits. */
export function recordingIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env, cwd, sleep: async () => undefined };
}
