import { readFileSync } from "fs";
import { join } from "path";

export const ENVIRONMENTS_DIR = join(__dirname, "..", "..", "environments");
export const BUNDLED_ENVIRONMENTS = ["development", "staging", "production"] as const;

/** A bundled environment file as plain data, for tests to change one field at a time. */
export function environmentFile(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(ENVIRONMENTS_DIR, `${name}.json`), "utf8"));
}
