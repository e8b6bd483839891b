import { ENVIRONMENT_USAGE, parseEnvironmentArgs, positiveNumber } from "../args";
import { cutoverChecks } from "../cutover";
import { resolveEnvironment } from "../environment";
import { CliIo, processIo } from "../io";
import { taskSnapshot } from "../task-snapshot";

export const CUTOVER_USAGE = [
  "cutover-check <environment> [--max-latency S] [--period MIN] [--task ID] [--json]",
  "  Go / no-go for switching applications to the target: full load finished for every table, no table in error,",
  "  validation finished without mismatches (where on), CDC latency under the limit for the period, the task healthy.",
  "  Each line says what it read. Exit 0 on go, 1 on no-go. Read-only.",
  "  --max-latency S  highest CDC latency allowed, in seconds (default 60)",
  "  --period MIN     minutes of CloudWatch latency to read (default 15)",
  "  --task ID        only this task (repeatable)",
  "  --json           machine-readable output",
  ...ENVIRONMENT_USAGE,
];

export async function runCutoverCheck(argv: string[], io: CliIo = processIo): Promise<number> {
  const { values, target, help } = parseEnvironmentArgs(argv, {
    "max-latency": { type: "string" },
    period: { type: "string" },
    task: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
  });
  if (help) return (CUTOVER_USAGE.forEach((line) => io.out(line)), 0);
  const environment = resolveEnvironment(target, io);
  const maxLatencySeconds = positiveNumber("max-latency", values["max-latency"] as string | undefined, 60);
  const period = positiveNumber("period", values.period as string | undefined, 15);
  const tasks = await Promise.all(environment.tasks(values.task as string[] | undefined).map((node) => taskSnapshot(environment, node, period)));
  const checks = tasks.flatMap((task) => cutoverChecks(task, { maxLatencySeconds }));
  const go = checks.every((c) => c.go);
  if (values.json) {
    io.out(JSON.stringify({ environment: environment.model.environment, go, checks }, null, 2));
  } else {
    for (const c of checks) io.out(`${c.go ? "GO   " : "NO-GO"}  ${c.task}: ${c.check} — ${c.detail}`);
    const failing = checks.filter((c) => !c.go).length;
    io.out(go ? `GO: every check passed for ${environment.model.environment}.` : `NO-GO: ${failing} check${failing === 1 ? "" : "s"} failed for ${environment.model.environment}.`);
  }
  return go ? 0 : 1;
}
