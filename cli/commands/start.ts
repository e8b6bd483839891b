import { CliIo, processIo } from "../io";
import { GUARD_USAGE, runStartAction, TASK_OPTIONS_USAGE } from "../task-actions";

export const START_USAGE = [
  "start <environment> [--task ID] [--confirm ID --reason \"...\"]",
  "  Start each task with the right start type: start-replication the first time, then resume-processing (CDC) or reload-target (full load).",
  "  In production, anything that loads a change-capturing task's tables again needs --confirm and --reason.",
  ...GUARD_USAGE,
  ...TASK_OPTIONS_USAGE,
];

export async function runStart(argv: string[], io: CliIo = processIo): Promise<number> {
  return runStartAction("start", argv, io, START_USAGE);
}
