import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";

/**
 * Writes a copy of an environment file whose database is decommissioned on purpose (deletion protection
 * lifted, the final snapshot still taken), with the schema beside it, into `into`; returns that folder.
 * The file in the repository is left alone: only an explicit change there decommissions a real database.
 */
export function writeDecommissionedCopy(environmentsDir: string, environment: string, into: string): string {
  const file = JSON.parse(readFileSync(join(environmentsDir, `${environment}.json`), "utf8"));
  file.database.decommission = true;
  // `decommission` and an explicit `deletionProtection: true` contradict each other; the copy keeps the intent.
  delete file.database.deletionProtection;
  mkdirSync(into, { recursive: true });
  writeFileSync(join(into, `${environment}.json`), JSON.stringify(file, null, 2));
  copyFileSync(join(environmentsDir, "schema.json"), join(into, "schema.json"));
  return into;
}
