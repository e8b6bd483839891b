import { CliIo, processIo } from "../io";
import { runStopAction, TASK_OPTIONS_USAGE } from "../task-actions";

export const STOP_USAGE = [
  "stop <environment> [--task ID]",
  "  Stop each running task. For a task that captures changes it first says what stopping costs (a PostgreSQL",
  "  source's replication slot keeps WAL: its OldestReplicationSlotLag and TransactionLogsDiskUsage).",
  ...TASK_OPTIONS_USAGE,
];

export async function runStop(argv: string[], io: CliIo = processIo): Promise<number> {
  return runStopAction(argv, io, STOP_USAGE);
}
