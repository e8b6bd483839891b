import { readdirSync } from "fs";
import { basename, join, relative } from "path";
import { Problem } from "../core/problem";
import { EnvironmentConfigError, FileProblem, formatProblem } from "./problem";
import { renameOldKeys } from "./renamed-keys";
import { guardRailProblems } from "./guard-rails";
import { problemsFromIssues } from "../core/schema-problems";
import { EnvironmentConfig, environmentSchema } from "./schema/environment";
import { findLiteralSecrets } from "./secret-scan";
import { JsonRead, readJsonFile, readJsonText } from "./json-reader";

/** The outcome of checking one environment file: its configuration, or every problem found in it; and its warnings. */
export type EnvironmentCheck = ({ config: EnvironmentConfig; problems: [] } | { config?: undefined; problems: Problem[] }) & {
  /** Accepted but outdated, such as a key renamed since the last release. */
  warnings: Problem[];
};

/**
 * Checks the text of one environment file: its size, byte-order mark, nesting, duplicate keys and JSON
 * syntax (json-reader.ts), literal secrets, the schema (unknown keys included), then the guard rails.
 * `name` is the file's base name, which must equal its `environment`. `text` may also be what
 * readJsonFile read.
 */
export function checkEnvironment(text: string | JsonRead, name: string): EnvironmentCheck {
  const read = typeof text === "string" ? readJsonText(text) : text;
  if (read.value === undefined) return { problems: read.problems, warnings: [] };
  const raw = read.value;
  const secrets = [...read.problems, ...findLiteralSecrets(raw)];
  const renamed = renameOldKeys(raw);
  const { warnings } = renamed;
  const secretPaths = new Set(secrets.map((problem) => problem.path));
  const parsed = environmentSchema.safeParse(renamed.raw);
  if (!parsed.success) {
    // A secret is reported once, for what it is, and never shown through a schema message.
    const schemaProblems = problemsFromIssues(parsed.error.issues, renamed.raw, environmentSchema).filter(
      (problem) => !secretPaths.has(problem.path),
    );
    return { problems: [...secrets, ...renamed.problems, ...schemaProblems], warnings };
  }
  // A rule that sees a secret's field (a tag's characters, a range) reports it without its value: the secret problem stands.
  const rules = guardRailProblems(parsed.data, name, renamed.raw).filter((problem) => !secretPaths.has(problem.path));
  const problems = [...secrets, ...renamed.problems, ...rules];
  return problems.length === 0 ? { config: parsed.data, problems: [], warnings } : { problems, warnings };
}

/**
 * Reads and checks environment files. Every file is checked before any is returned, and all problems of
 * all files are thrown together, so a broken file stops synth before a single stack is written.
 * @param directory folder of `<name>.json` files
 * @param names only these environments @default every file in the folder
 * @param onWarning told each warning, one line each @default - warnings are dropped
 */
export function loadEnvironments(
  directory: string,
  names?: readonly string[],
  onWarning: (line: string) => void = () => undefined,
): EnvironmentConfig[] {
  const available = readdirSync(directory)
    .filter((file) => file.endsWith(".json") && file !== "schema.json")
    .map((file) => basename(file, ".json"))
    .sort();
  const wanted = names ?? available;
  const configs: EnvironmentConfig[] = [];
  const problems: FileProblem[] = [];
  for (const name of wanted) {
    const path = join(directory, `${name}.json`);
    const shortPath = relative(process.cwd(), path);
    const file = shortPath.startsWith("..") ? path : shortPath;
    if (!available.includes(name)) {
      problems.push({ file, path: "", value: "(missing)", message: `no such environment; allowed: ${available.join(", ")}` });
      continue;
    }
    const check = checkEnvironment(readJsonFile(path), name);
    if (check.config) configs.push(check.config);
    for (const warning of check.warnings) onWarning(`warning: ${formatProblem({ file, ...warning })}`);
    problems.push(...check.problems.map((problem) => ({ file, ...problem })));
  }
  if (problems.length > 0) throw new EnvironmentConfigError(problems);
  return configs;
}
