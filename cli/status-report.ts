import { TaskSnapshot } from "./task-snapshot";

/** Why a task is not healthy, for the exit code of `status` (a failed task, an errored table). */
export function taskProblems(task: TaskSnapshot): string[] {
  const problems: string[] = [];
  if (task.status === "failed") problems.push(`${task.id} is failed${task.lastFailure ? `: ${task.lastFailure}` : ""}`);
  const errored = task.tables.filter((t) => t.state === "Table error");
  if (task.tablesErrored > 0 || errored.length > 0) {
    problems.push(`${task.id} has ${Math.max(task.tablesErrored, errored.length)} table(s) in error${errored.length ? `: ${errored.map((t) => `${t.schema}.${t.table}`).join(", ")}` : ""}`);
  }
  return problems;
}

/** `[#########-----------] 45%` */
export function progressBar(percent: number | undefined, width = 20): string {
  const value = Math.max(0, Math.min(100, percent ?? 0));
  const filled = Math.round((value / 100) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(value)).padStart(3)}%`;
}

function count(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => `${n} ${name}`).join(", ") || "none";
}

const seconds = (value: number | undefined) => (value === undefined ? "no data" : `${Math.round(value)} s`);

/** The one-screen status of an environment's tasks; with `tables`, every table's line. */
export function statusLines(environment: string, target: string, tasks: readonly TaskSnapshot[], options: { tables: boolean }): string[] {
  const lines = [`${environment} (${target})`, ""];
  for (const task of tasks) {
    lines.push(`${task.id}  ${task.status}  ${task.migrationType}${task.kind === "serverless" ? "  (serverless)" : ""}`);
    if (task.migrationType !== "cdc") {
      lines.push(`  full load     ${progressBar(task.fullLoadProgressPercent)}  tables: ${task.tablesLoaded} loaded, ${task.tablesLoading} loading, ${task.tablesQueued} queued, ${task.tablesErrored} errored`);
    }
    if (task.migrationType !== "full-load") {
      lines.push(
        task.kind === "serverless"
          ? `  CDC latency   not read for a serverless replication (see its metrics in the DMS console)`
          : `  CDC latency   source ${seconds(task.latency.source)}, target ${seconds(task.latency.target)} (CloudWatch, last ${task.latencyWindow.minutes} min)`,
      );
    }
    if (task.stopReason) lines.push(`  stop reason   ${task.stopReason}`);
    if (task.lastFailure) lines.push(`  last failure  ${task.lastFailure}`);
    lines.push(`  tables        ${task.tables.length ? count(task.tables.map((t) => t.state)) : "no statistics yet"}`);
    if (task.validation) lines.push(`  validation    ${count(task.tables.map((t) => t.validationState))}`);
    if (options.tables && task.tables.length > 0) {
      lines.push(`    ${"table".padEnd(40)} ${"state".padEnd(18)} ${"loaded".padStart(10)} ${"errors".padStart(7)} ${"ins".padStart(8)} ${"upd".padStart(8)} ${"del".padStart(8)}  validation`);
      for (const t of task.tables) {
        lines.push(
          `    ${`${t.schema}.${t.table}`.padEnd(40)} ${t.state.padEnd(18)} ${String(t.fullLoadRows).padStart(10)} ${String(t.fullLoadErrorRows).padStart(7)} ${String(t.inserts).padStart(8)} ${String(t.updates).padStart(8)} ${String(t.deletes).padStart(8)}  ${t.validationState}${t.validationFailedRecords ? ` (${t.validationFailedRecords} mismatched)` : ""}`,
        );
      }
    }
    lines.push("");
  }
  const problems = tasks.flatMap(taskProblems);
  lines.push(problems.length ? `NOT HEALTHY: ${problems.join("; ")}` : `healthy: no task failed, no table in error`);
  return lines;
}
