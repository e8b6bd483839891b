import { ProblemList } from "../core/problem";
import { isAwsTableMappings, rulesFromAws } from "../dms/table-mappings";
import { EnvironmentConfig } from "./schema/environment";
import { DATABASE_TARGET } from "./dms-rules";

/**
 * Rules between sections of one file, which no single section can check: the target endpoint against the database's
 * parameter group, and tasks against each other.
 */
export function crossRules(config: EnvironmentConfig, problems: ProblemList): void {
  sslAgainstParameterGroup(config, problems);
  overlappingTargetTables(config, problems);
}

/**
 * `sslMode: "none"` on the target endpoint of a database that refuses unencrypted connections (`forceSsl`, or
 * `rds.force_ssl` set to 1 in its parameters) fails at the first connection test with
 * `no pg_hba.conf entry for host ..., no encryption`
 * (https://repost.aws/knowledge-center/dms-connection-test-fail-postgresql-rds).
 */
function sslAgainstParameterGroup({ database, dms }: EnvironmentConfig, problems: ProblemList): void {
  if (dms?.targetEndpoint?.sslMode !== "none") return;
  const forcedBy = database.parameters["rds.force_ssl"] === "1" ? 'parameters["rds.force_ssl"] = "1"' : database.forceSsl && database.parameterGroupName === undefined ? "forceSsl: true" : undefined;
  if (forcedBy === undefined) return;
  problems.add(["dms", "targetEndpoint", "sslMode"], "none",
    `the database refuses unencrypted connections (${forcedBy} in its parameter group), so DMS would fail with "pg_hba.conf ... no encryption"; allowed: require, verify-ca, verify-full`);
}

/** A table a task writes, as the target sees it: schema and table after the task's transformations; `%` may remain. */
interface TargetTable {
  readonly schema: string;
  readonly table: string;
}

type TaskMappings = NonNullable<EnvironmentConfig["tasks"]>[number]["tableMappings"];
type MappingRule = Exclude<TaskMappings, { rules: unknown }>[number];

/** A task's rules in the library's form (AWS's own `{"rules": [...]}` converted; one that does not convert is reported elsewhere). */
function rulesOf(mappings: TaskMappings): readonly MappingRule[] {
  if (!isAwsTableMappings(mappings)) return mappings;
  const converted = rulesFromAws(mappings);
  return converted.problems.length === 0 ? (converted.rules as readonly MappingRule[]) : [];
}

// Compiled once per pattern: the overlap rule compares every task's tables with every earlier task's.
const compiledPatterns = new Map<string, RegExp>();
const likePattern = (pattern: string) => {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(`^${pattern.split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\_]/g, "\\$&")).join(".*")}$`);
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
};
const matches = (pattern: string, name: string) => likePattern(pattern).test(name);
/** Two names, either of which may be a `%` pattern, can be the same table. */
const mayBeSame = (a: string, b: string) => a === b || matches(a, b) || matches(b, a);

/** The target tables of one task's mappings: each include rule's source table through the transformations that match it. */
function targetTables(rules: readonly MappingRule[]): TargetTable[] {
  const tables: TargetTable[] = [];
  for (const rule of rules) {
    if (rule.action !== "include" && rule.action !== "explicit") continue;
    let schema = rule.schema;
    let table = rule.table;
    for (const transformation of rules) {
      if (!("target" in transformation) || transformation.target === "column") continue;
      const name = transformation.target === "schema" ? schema : table;
      const appliesTo = matches(transformation.schema, rule.schema) && (transformation.target === "schema" || matches(transformation.table ?? "%", rule.table));
      if (!appliesTo) continue;
      const changed = transform(transformation, name);
      if (transformation.target === "schema") schema = changed;
      else table = changed;
    }
    tables.push({ schema, table });
  }
  return tables;
}

function transform(rule: MappingRule, name: string): string {
  const value = "value" in rule ? String(rule.value) : "";
  switch (rule.action) {
    case "convert-lowercase": return name.toLowerCase();
    case "convert-uppercase": return name.toUpperCase();
    case "rename": return value;
    case "add-prefix": return `${value}${name}`;
    case "add-suffix": return `${name}${value}`;
    case "remove-prefix": return name.startsWith(value) ? name.slice(value.length) : name;
    case "remove-suffix": return name.endsWith(value) ? name.slice(0, -value.length) : name;
    case "replace-prefix": return "oldValue" in rule && name.startsWith(rule.oldValue) ? `${value}${name.slice(rule.oldValue.length)}` : name;
    case "replace-suffix": return "oldValue" in rule && name.endsWith(rule.oldValue) ? `${name.slice(0, -rule.oldValue.length)}${value}` : name;
    default: return name;
  }
}

/**
 * Two tasks that load the same table into the same target undo each other: with `DROP_AND_CREATE` (the default
 * TargetTablePrepMode) each full load drops the tables the other loaded. Compared after each task's renames and
 * case conversions, since that is the name the target sees.
 */
function overlappingTargetTables({ tasks = [] }: EnvironmentConfig, problems: ProblemList): void {
  const loaded: { task: string; target: string; tables: TargetTable[] }[] = [];
  tasks.forEach((task, index) => {
    const target = task.target ?? DATABASE_TARGET;
    const tables = targetTables(rulesOf(task.tableMappings));
    for (const earlier of loaded.filter((other) => other.target === target)) {
      const shared = tables.find((mine) => earlier.tables.some((theirs) => mayBeSame(mine.schema, theirs.schema) && mayBeSame(mine.table, theirs.table)));
      if (shared) {
        problems.add(["tasks", index, "tableMappings"], `${shared.schema}.${shared.table}`,
          `task "${task.replicationTaskId}" loads ${shared.schema}.${shared.table} into target "${target}", as task "${earlier.task}" does (after renames and case conversion), and each load would drop the other's tables; allowed: tables no other task writes in the same target`);
        break;
      }
    }
    loaded.push({ task: task.replicationTaskId, target, tables });
  });
}
