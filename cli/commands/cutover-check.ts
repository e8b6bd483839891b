import { DescribeEventsCommand, SourceType } from "@aws-sdk/client-database-migration-service";
import { ENVIRONMENT_USAGE, parseEnvironmentArgs, positiveNumber } from "../args";
import { cutoverChecks, DmsEvent, eventChecks, EventSourceType } from "../cutover";
import { OperatedEnvironment, resolveEnvironment } from "../environment";
import { CliIo, processIo } from "../io";
import { taskSnapshot } from "../task-snapshot";

export const CUTOVER_USAGE = [
  "cutover-check <environment> [--max-latency S] [--period MIN] [--task ID] [--json]",
  "  Go / no-go for switching applications to the target: full load finished for every table, no table in error,",
  "  validation finished without mismatches (where on), CDC latency under the limit for the period, the task healthy,",
  "  and no failure, failover or low-storage event of the tasks or their instances over the period (DescribeEvents).",
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
  const sources = [
    ...tasks.filter((t) => t.kind === "task").map((t) => ({ id: t.id, type: "replication-task" as const })),
    ...environment.model.instances.filter((i) => i.owned).map((i) => ({ id: i.id, type: "replication-instance" as const })),
  ];
  const events = await recentEvents(environment, sources, period);
  const checks = [...tasks.flatMap((task) => cutoverChecks(task, { maxLatencySeconds })), ...eventChecks(sources, events, period)];
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

/** The DMS events of these tasks and instances over the last `minutes` (DescribeEvents keeps 14 days). */
async function recentEvents(environment: OperatedEnvironment, sources: readonly { id: string; type: EventSourceType }[], minutes: number): Promise<DmsEvent[]> {
  const events: DmsEvent[] = [];
  for (const { id, type } of sources) {
    let marker: string | undefined;
    do {
      // The SDK's SourceType lists only replication-instance; the API takes replication-task too
      // (https://docs.aws.amazon.com/dms/latest/APIReference/API_DescribeEvents.html).
      const page = await environment.dms.send(new DescribeEventsCommand({ SourceIdentifier: id, SourceType: type as SourceType, Duration: minutes, Marker: marker, MaxRecords: 100 }));
      for (const e of page.Events ?? []) {
        events.push({ sourceIdentifier: e.SourceIdentifier ?? id, sourceType: e.SourceType ?? type, message: e.Message ?? "", categories: e.EventCategories ?? [], date: e.Date });
      }
      marker = page.Marker;
    } while (marker);
  }
  return events;
}
