import { runAdopt } from "./commands/adopt";
import { runAssess } from "./commands/assess";
import { runCutoverCheck } from "./commands/cutover-check";
import { runDiagram } from "./commands/diagram";
import { runPlan } from "./commands/plan";
import { runReload } from "./commands/reload";
import { runResume } from "./commands/resume";
import { runStart } from "./commands/start";
import { runStatus } from "./commands/status";
import { runStop } from "./commands/stop";
import { CliIo, processIo, RefusedError, UsageError } from "./io";

/** One command: a line of help and its run function (`argv` is what follows the command's name). */
export interface Command {
  readonly summary: string;
  readonly run: (argv: string[], io: CliIo) => Promise<number>;
}

/**
 * Every command of `dms-migration`. Registering one is one line here. Read-only unless the name says otherwise:
 * start, stop, resume, reload and assess change a task's state; the others only read.
 */
export const COMMANDS: Readonly<Record<string, Command>> = {
  status: { summary: "each task's status, full-load progress, CDC latency and table statistics (exit 1 on a failure)", run: runStatus },
  start: { summary: "start tasks with the right start type (first start, resume, or a full load's reload)", run: runStart },
  stop: { summary: "stop running tasks, saying what stopping a change-capturing task costs", run: runStop },
  resume: { summary: "resume stopped tasks from their checkpoint", run: runResume },
  reload: { summary: "reload the target, or some tables (--tables); guarded in production", run: runReload },
  assess: { summary: "premigration assessment of each task, with the environment's bucket and role (exit 1 on a failure)", run: runAssess },
  "cutover-check": { summary: "go / no-go for switching applications to the target, each line saying what it read", run: runCutoverCheck },
  diagram: { summary: "Mermaid picture of an environment (sources, instance, tasks, targets, schedules, alarms)", run: runDiagram },
  plan: { summary: "terraform plan, then what it does to live replication, per task, endpoint and instance", run: (argv) => runPlan(argv) },
  adopt: { summary: "find what already exists for an environment and write its adopt section (read-only)", run: (argv, io) => runAdopt(argv, io.out) },
};

const HELP = (commands: Readonly<Record<string, Command>>) => [
  "usage: dms-migration <command> <environment> [options]",
  "       npm run cli -- <command> <environment> [options]",
  "",
  "Commands:",
  ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(14)} ${command.summary}`),
  "",
  "dms-migration <command> --help shows a command's options. Tasks are found by the environment's stack and the",
  "AWS API (never by typed ARNs); credentials come from the usual AWS chain, or the local emulator with --local.",
];

/**
 * Runs one command line and returns the exit code: 0 fine, 1 the command found a problem (a failed task, a
 * no-go), 2 a usage error, 3 refused on purpose (production guard).
 */
export async function main(argv: readonly string[], io: CliIo = processIo, commands: Readonly<Record<string, Command>> = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    for (const line of HELP(commands)) io.out(line);
    return name ? 0 : 2;
  }
  const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`Unknown command "${name}". Commands: ${Object.keys(commands).join(", ")}.`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof RefusedError) {
      io.err(error.message);
      return 3;
    }
    const { name: errorName, message } = error as Error;
    // AWS errors name the API's fault (AccessDeniedException, InvalidResourceStateFault); the message says the rest.
    io.err(`${name} failed: ${errorName && errorName !== "Error" ? `${errorName}: ` : ""}${message}`);
    return 1;
  }
}

if (require.main === module) {
  // The SDK's notice that releases after January 2027 need Node 22 says nothing about this run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
