import { PathSegment, Problem, formatPath, renderValue } from "../core/problem";
import { RenamedKeys } from "../dms/endpoints/entry-schema";
import { SOURCE_ENGINES } from "../dms/sources/registry";
import { DEFAULT_TARGET_ENGINE, TARGET_ENGINES } from "../dms/targets/registry";
import { EXISTING_REPLICATION_INSTANCE_RENAMED_KEYS, REPLICATION_INSTANCE_RENAMED_KEYS, TARGET_ENDPOINT_RENAMED_KEYS, TASK_RENAMED_KEYS } from "./schema/dms";

/** What renaming the old keys of a file found: the file as the schema expects it, warnings, and clashes. */
export interface RenameOutcome {
  readonly raw: unknown;
  /** One per old key accepted, saying what to write instead. */
  readonly warnings: Problem[];
  /** Old and new names of one setting both given. */
  readonly problems: Problem[];
}

/**
 * Accepts the keys renamed since the last release (each engine lists them in its folder; the other entries beside
 * their schema), moving each value to its new place. The file's text is not changed; every old key is reported as a
 * warning.
 */
export function renameOldKeys(raw: unknown): RenameOutcome {
  const warnings: Problem[] = [];
  const problems: Problem[] = [];
  if (!isObject(raw)) return { raw, warnings, problems };
  const renamed: Record<string, unknown> = structuredClone(raw);
  for (const [section, engines, fallback] of ENGINE_SECTIONS) {
    const entries = raw[section];
    if (!isObject(entries)) continue;
    const next: Record<string, unknown> = { ...entries };
    for (const [name, entry] of Object.entries(entries)) {
      if (!isObject(entry)) continue;
      const engine = typeof entry.engine === "string" ? entry.engine : fallback;
      const renames = engines.find((candidate) => candidate.engine === engine)?.renamedKeys;
      if (renames) next[name] = renameEntry(structuredClone(entry), renames, [section, name], warnings, problems);
    }
    renamed[section] = next;
  }
  for (const [pattern, renames] of ENTRY_RENAMES) {
    for (const [path, entry] of entriesAt(renamed, pattern, [])) renameEntry(entry, renames, path, warnings, problems);
  }
  return { raw: renamed, warnings, problems };
}

/** The other entries that took their construct's props' names, by path (`*`: every item of a list). */
const ENTRY_RENAMES: readonly [readonly string[], RenamedKeys][] = [
  [["dms", "replicationInstance"], REPLICATION_INSTANCE_RENAMED_KEYS],
  [["dms", "existingReplicationInstance"], EXISTING_REPLICATION_INSTANCE_RENAMED_KEYS],
  [["dms", "targetEndpoint"], TARGET_ENDPOINT_RENAMED_KEYS],
  [["tasks", "*"], TASK_RENAMED_KEYS],
];

function entriesAt(parent: unknown, pattern: readonly string[], path: PathSegment[]): [PathSegment[], Record<string, unknown>][] {
  if (pattern.length === 0) return isObject(parent) ? [[path, parent]] : [];
  const [head, ...rest] = pattern;
  if (head === "*") return Array.isArray(parent) ? parent.flatMap((item, index) => entriesAt(item, rest, [...path, index])) : [];
  return isObject(parent) ? entriesAt(parent[head], rest, [...path, head]) : [];
}

/** The file's sections of engine entries, the engines they take, and the engine of an entry without `engine`. */
const ENGINE_SECTIONS: readonly [string, readonly { engine: string; renamedKeys?: RenamedKeys }[], string | undefined][] = [
  ["sources", SOURCE_ENGINES, undefined],
  ["targets", TARGET_ENGINES, DEFAULT_TARGET_ENGINE],
];

function renameEntry(entry: Record<string, unknown>, renames: RenamedKeys, path: PathSegment[], warnings: Problem[], problems: Problem[]) {
  for (const [from, to] of Object.entries(renames)) {
    const fromPath = from.split(".");
    const value = take(entry, fromPath);
    if (value === undefined) continue;
    const where = formatPath([...path, ...fromPath]);
    if (to === ".") {
      if (!isObject(value)) {
        problems.push({ path: where, value: renderValue(value), message: "an object was expected; its keys now sit in the entry itself" });
        continue;
      }
      warnings.push({ path: where, value: "", message: `renamed: write its keys (${Object.keys(value).join(", ")}) in the entry itself; the old form is accepted until the next release` });
      for (const [key, inner] of Object.entries(value)) place(entry, [key], inner, [...path, key], where, problems);
      continue;
    }
    const target = typeof to === "string" ? to : to.to;
    const written = typeof to === "string" ? target : to.write;
    warnings.push({ path: where, value: "", message: `renamed to ${written}; the old name is accepted until the next release` });
    place(entry, target.split("."), typeof to === "string" ? value : to.value(value), [...path, ...target.split(".")], where, problems);
  }
  return entry;
}

function place(entry: Record<string, unknown>, to: string[], value: unknown, toPath: PathSegment[], from: string, problems: Problem[]): void {
  let parent = entry;
  for (const segment of to.slice(0, -1)) {
    if (!isObject(parent[segment])) parent[segment] = {};
    parent = parent[segment] as Record<string, unknown>;
  }
  const key = to[to.length - 1];
  if (parent[key] !== undefined) {
    problems.push({ path: formatPath(toPath), value: renderValue(parent[key]), message: `given twice: also as ${from}, its old name; keep only ${formatPath(toPath)}` });
    return;
  }
  parent[key] = value;
}

function take(entry: Record<string, unknown>, path: string[]): unknown {
  let parent: unknown = entry;
  for (const segment of path.slice(0, -1)) parent = isObject(parent) ? parent[segment] : undefined;
  if (!isObject(parent)) return undefined;
  const value = parent[path[path.length - 1]];
  delete parent[path[path.length - 1]];
  return value;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
