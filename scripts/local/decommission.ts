import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { checkEnvironment } from "../../modules/config";
import { declaredReplicationIds } from "../../modules/config/acknowledgement-rules";

/**
 * Writes a copy of an environment file whose database is decommissioned on purpose (deletion protection
 * lifted, the final snapshot still taken) and whose replication objects are acknowledged for destruction, with the
 * schema beside it, into `into`; returns that folder.
 * The file in the repository is left alone: only an explicit change there decommissions a real database.
 */
export function writeDecommissionedCopy(environmentsDir: string, environment: string, into: string): string {
  const file = JSON.parse(readFileSync(join(environmentsDir, `${environment}.json`), "utf8"));
  file.database.decommission = true;
  // `decommission` and an explicit `deletionProtection: true` contradict each other; the copy keeps the intent.
  delete file.database.deletionProtection;
  // Production refuses to destroy replication objects it was not told about; the copy acknowledges each one.
  const { config } = checkEnvironment(JSON.stringify(file), environment);
  const declared = config ? [...declaredReplicationIds(config)] : [];
  file.acknowledgeReplacement = declared.map((id) => ({ id, reason: "destroy:local tears the local deployment down" }));
  mkdirSync(into, { recursive: true });
  writeFileSync(join(into, `${environment}.json`), JSON.stringify(file, null, 2));
  copyFileSync(join(environmentsDir, "schema.json"), join(into, "schema.json"));
  return into;
}
