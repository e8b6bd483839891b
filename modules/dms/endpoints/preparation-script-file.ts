import { Construct } from "constructs";
import { StackFile } from "../../core/stack-file";
import { SourceReader } from "./endpoint";

/**
 * A source's DBA script, `dba/<endpoint id>.sql` (or `.js` for a mongosh script) next to the stack, written at synth
 * once every task reading the source has been added (they decide the tables); with no task reading it, no script.
 */
export function preparationScriptFile(
  scope: Construct,
  endpointId: string,
  readers: readonly SourceReader[],
  script: () => string,
  extension: "sql" | "js" = "sql",
): StackFile {
  return new StackFile(scope, "PreparationScript", {
    fileName: `dba/${endpointId}.${extension}`,
    content: () => (readers.length > 0 ? script() : undefined),
  });
}
