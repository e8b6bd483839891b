/** Where a command writes and what it runs with: the process by default, a recorder in tests. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Waits between refreshes of `--watch` and polls; tests make it instant. */
  readonly sleep: (ms: number) => Promise<void>;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A problem the operator can fix (a bad argument, a missing stack): printed without a stack trace, exit 2. */
export class UsageError extends Error {}

/** Refused on purpose (production guard): printed as is, exit 3. */
export class RefusedError extends Error {}
