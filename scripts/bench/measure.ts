import { spawn } from "child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { performance } from "perf_hooks";

/** One run of a command: wall time, and the peak memory and CPU time of its Node processes. */
export interface Run {
  wallMs: number;
  /** Largest resident set of any Node process of the command (npm, the app, test workers). */
  peakRssMiB: number;
  /** User + system CPU of all its Node processes. */
  cpuMs: number;
  /** Whether it exited with 0 (only commands with `allowFailure` may not). */
  ok: boolean;
}

export interface Command {
  /** What the tables call it. */
  label: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  /** Runs before every run (not timed), for example to empty the output folder. */
  before?: () => void;
  /** Runs after every run (not timed), for example to check the output; throws to stop the benchmark. */
  after?: () => void;
  /** Record a failed run (a test tier with a failing test) instead of stopping the benchmark. */
  allowFailure?: boolean;
}

const REPORTER = join(__dirname, "rusage.js");

/** Runs a command once; throws with its output when it fails. */
export async function runOnce(command: Command, cwd: string): Promise<Run> {
  command.before?.();
  const usageDir = mkdtempSync(join(tmpdir(), "bench-rusage-"));
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(REPORTER)}`].filter(Boolean).join(" ");
  const env = { ...process.env, FORCE_COLOR: "0", ...command.env, NODE_OPTIONS: nodeOptions, BENCH_RUSAGE_DIR: usageDir };
  const start = performance.now();
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command.argv[0], command.argv.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (exitCode) => resolve({ code: exitCode, output }));
  });
  const wallMs = performance.now() - start;
  const records = readdirSync(usageDir).map((file) => JSON.parse(readFileSync(join(usageDir, file), "utf8")) as { maxRssKiB: number; cpuMicros: number });
  rmSync(usageDir, { recursive: true, force: true });
  if (code !== 0 && !command.allowFailure) throw new Error(`${command.label} (${command.argv.join(" ")}) exited with ${code}:\n${output}`);
  if (code === 0) command.after?.();
  return {
    wallMs,
    peakRssMiB: Math.max(0, ...records.map((record) => record.maxRssKiB)) / 1024,
    cpuMs: records.reduce((sum, record) => sum + record.cpuMicros, 0) / 1000,
    ok: code === 0,
  };
}

export interface Series {
  label: string;
  runs: Run[];
}

/**
 * Runs several commands `runs` times each after `warmup` untimed runs, interleaved (A B C, then B C A, ...)
 * so that a machine that gets busier or quieter during the benchmark affects each of them alike.
 */
export async function measureInterleaved(
  commands: Command[],
  cwd: string,
  options: { runs: number; warmup: number; progress?: (message: string) => void },
): Promise<Series[]> {
  for (let i = 0; i < options.warmup; i++) {
    for (const command of commands) {
      options.progress?.(`warm-up ${command.label}`);
      await runOnce(command, cwd);
    }
  }
  const series = commands.map((command) => ({ label: command.label, runs: [] as Run[] }));
  for (let i = 0; i < options.runs; i++) {
    for (let j = 0; j < commands.length; j++) {
      const index = (i + j) % commands.length;
      options.progress?.(`run ${i + 1}/${options.runs} ${commands[index].label}`);
      series[index].runs.push(await runOnce(commands[index], cwd));
    }
  }
  return series;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Summary {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median absolute deviation, relative to the median. */
  spread: number;
  peakRssMiB: number;
  cpuMs: number;
  runs: number;
  /** Runs that exited with another status than 0. */
  failures: number;
}

export function summarize(runs: Run[]): Summary {
  const walls = runs.map((run) => run.wallMs);
  const medianMs = median(walls);
  return {
    medianMs,
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    spread: median(walls.map((wall) => Math.abs(wall - medianMs))) / medianMs,
    peakRssMiB: median(runs.map((run) => run.peakRssMiB)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
    runs: runs.length,
    failures: runs.filter((run) => !run.ok).length,
  };
}

/** Median of the ratios of runs taken side by side (run i of `a` over run i of `b`). */
export function pairedRatio(a: Run[], b: Run[]): number {
  return median(a.map((run, i) => run.wallMs / b[i].wallMs));
}
