import { readFileSync, readdirSync } from "fs";
import { basename, join } from "path";

export const ENVIRONMENTS_DIR = join(__dirname, "..", "..", "environments");
/** Every environment file shipped in environments/, in name order. */
export const BUNDLED_ENVIRONMENTS: readonly string[] = readdirSync(ENVIRONMENTS_DIR)
  .filter((file) => file.endsWith(".json") && file !== "schema.json")
  .map((file) => basename(file, ".json"))
  .sort();

/** A bundled environment file as plain data, for tests to change one field at a time. */
export function environmentFile(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(ENVIRONMENTS_DIR, `${name}.json`), "utf8"));
}
