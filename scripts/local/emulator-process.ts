import { spawn } from "child_process";
import { closeSync, existsSync, openSync, readFileSync } from "fs";
import { join } from "path";
import { isRunning } from "../../cli/local-emulator";

const LAUNCHER = join(__dirname, "..", "emulator", "moto_launcher.py");
const READY = /^READY (http:\/\/127\.0\.0\.1:\d+)$/m;

/** A running local AWS emulator: moto with the launcher's patches, on a free port of 127.0.0.1. */
export interface EmulatorProcess {
  readonly endpoint: string;
  readonly pid: number;
}

export interface StartEmulatorOptions {
  /** Where the emulator writes its output; its READY line is read from there. */
  readonly logFile: string;
  /** Keep it running after this process exits (for `npm run deploy:local`). @default false */
  readonly detached?: boolean;
  /** @default 120000: ten emulators starting at once beside the unit tests take well over 30 s on 2 cores */
  readonly timeoutMs?: number;
}

/** Starts the emulator and waits for its READY line. */
export async function startEmulator(options: StartEmulatorOptions): Promise<EmulatorProcess> {
  if (!existsSync(LAUNCHER)) throw new Error(`The emulator launcher ${LAUNCHER} is missing.`);
  const log = openSync(options.logFile, "w");
  const child = spawn("python3", [LAUNCHER, "--port", "0"], {
    stdio: ["ignore", log, log],
    detached: options.detached ?? false,
    env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  closeSync(log);
  if (options.detached) child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 120000);
  for (;;) {
    const match = READY.exec(readFileSync(options.logFile, "utf8"));
    if (match && child.pid !== undefined) return { endpoint: match[1], pid: child.pid };
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null) child.kill("SIGKILL");
      throw new Error(`The local AWS emulator did not start (python3 with moto 5.2.1 is needed). Its output:\n${readFileSync(options.logFile, "utf8")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops the emulator: SIGTERM, then SIGKILL if it is still there after a few seconds. */
export async function stopEmulator(emulator: EmulatorProcess): Promise<void> {
  if (!isRunning(emulator.pid)) return;
  process.kill(emulator.pid, "SIGTERM");
  if (await stopped(emulator.pid, 10000)) return;
  // A loaded machine can take longer than that to shut the server down; it goes now, and is waited for.
  process.kill(emulator.pid, "SIGKILL");
  await stopped(emulator.pid, 5000);
}

async function stopped(pid: number, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs && isRunning(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isRunning(pid);
}
