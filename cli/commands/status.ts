import { ENVIRONMENT_USAGE, parseEnvironmentArgs, positiveNumber } from "../args";
import { resolveEnvironment } from "../environment";
import { CliIo, processIo } from "../io";
import { statusLines, taskProblems } from "../status-report";
import { taskSnapshot } from "../task-snapshot";

export const STATUS_USAGE = [
  "status <environment> [--tables] [--json] [--watch [--interval S] [--count N]] [--task ID]",
  "  Each task's status, migration type, full-load progress, CDC latency (CloudWatch), last failure and table statistics.",
  "  Exit 1 when a task is failed or a table is in error (for CI or cron). Read-only.",
  "  --tables         every table's statistics",
  "  --json           machine-readable output",
  "  --watch          refresh until interrupted (a progress bar during the full load)",
  "  --interval S     seconds between refreshes (default 30)",
  "  --count N        stop after N refreshes",
  "  --task ID        only this task (repeatable)",
  ...ENVIRONMENT_USAGE,
];

/** `status <environment>`: one screen per environment, or `--json`; exit 1 when a task failed or a table errored. */
export async function runStatus(argv: string[], io: CliIo = processIo): Promise<number> {
  const { values, target, help } = parseEnvironmentArgs(argv, {
    tables: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    watch: { type: "boolean", default: false },
    interval: { type: "string" },
    count: { type: "string" },
    task: { type: "string", multiple: true },
  });
  if (help) return (STATUS_USAGE.forEach((line) => io.out(line)), 0);
  const environment = resolveEnvironment(target, io);
  const interval = positiveNumber("interval", values.interval as string | undefined, 30);
  const count = values.watch ? positiveNumber("count", values.count as string | undefined, Number.POSITIVE_INFINITY) : 1;
  let code = 0;
  for (let round = 1; round <= count; round++) {
    const tasks = await Promise.all(environment.tasks(values.task as string[] | undefined).map((node) => taskSnapshot(environment, node)));
    const problems = tasks.flatMap(taskProblems);
    code = problems.length > 0 ? 1 : 0;
    if (values.json) {
      io.out(JSON.stringify({ environment: environment.model.environment, target: environment.target, healthy: code === 0, problems, tasks }, null, 2));
    } else {
      // Clear the screen between refreshes of --watch.
      if (values.watch) io.out("\u001b[2J\u001b[H");
      for (const line of statusLines(environment.model.environment, environment.target, tasks, { tables: values.tables === true })) io.out(line);
    }
    if (round < count) await io.sleep(interval * 1000);
  }
  return code;
}
