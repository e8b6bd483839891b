import { CliIo, processIo } from "../io";
import { GUARD_USAGE, runStartAction, TASK_OPTIONS_USAGE } from "../task-actions";

export const RELOAD_USAGE = [
  "reload <environment> [--task ID] [--confirm ID --reason \"...\"] [--tables schema.table,...]",
  "  Reload the target from the source (reload-target), or with --tables only those tables of a running task (ReloadTables).",
  "  In production, anything that loads a change-capturing task's tables again needs --confirm and --reason.",
  "  --tables S.T,...  only these tables (schema.table, comma-separated) of a running task",
  ...GUARD_USAGE,
  ...TASK_OPTIONS_USAGE,
];

export async function runReload(argv: string[], io: CliIo = processIo): Promise<number> {
  return runStartAction("reload", argv, io, RELOAD_USAGE);
}
