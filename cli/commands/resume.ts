import { CliIo, processIo } from "../io";
import { GUARD_USAGE, runStartAction, TASK_OPTIONS_USAGE } from "../task-actions";

export const RESUME_USAGE = [
  "resume <environment> [--task ID] [--confirm ID --reason \"...\"]",
  "  Resume each stopped task from its checkpoint (resume-processing).",
  "  In production, anything that loads a change-capturing task's tables again needs --confirm and --reason.",
  ...GUARD_USAGE,
  ...TASK_OPTIONS_USAGE,
];

export async function runResume(argv: string[], io: CliIo = processIo): Promise<number> {
  return runStartAction("resume", argv, io, RESUME_USAGE);
}
