import { writeFileSync } from "fs";
import { ENVIRONMENT_USAGE, parseEnvironmentArgs } from "../args";
import { environmentDiagram } from "../diagram";
import { resolveEnvironment } from "../environment";
import { CliIo, processIo } from "../io";

export const DIAGRAM_USAGE = ["diagram <environment> [--output FILE]", "  Mermaid flowchart of the environment's synthesized stack (offline; no AWS call).", "  --output FILE    write it to FILE instead of standard output", ...ENVIRONMENT_USAGE];

/** `diagram <environment>`: the picture of one environment, from its synthesized stack alone. */
export async function runDiagram(argv: string[], io: CliIo = processIo): Promise<number> {
  const { values, target, help } = parseEnvironmentArgs(argv, { output: { type: "string" } });
  if (help) return usage(io, DIAGRAM_USAGE);
  const diagram = environmentDiagram(resolveEnvironment(target, io).model);
  if (values.output) writeFileSync(String(values.output), diagram);
  else io.out(diagram.trimEnd());
  return 0;
}

export function usage(io: CliIo, lines: readonly string[]): number {
  for (const line of lines) io.out(line);
  return 0;
}
