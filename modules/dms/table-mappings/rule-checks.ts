import { z } from "zod";
import { Problem, formatPath, renderValue } from "../../core/problem";
import { closest, problemsFromIssues } from "../../core/schema-problems";
import { ExcludeRule, ExplicitRule, IncludeRule } from "./rule-types";
import { ACTIONS, Issue, RULE_SCHEMAS, TableMappingAction, TableMappingRule, report, tableMappingRuleSchema } from "./rule-schemas";

// Checks of a list of rules given as plain data, and the problems and error they produce.

/** The key that holds a rule's `rule-name`: `ruleName` for define-primary-key (whose `name` is the key's). */
function nameField(action: unknown): "name" | "ruleName" {
  return action === "define-primary-key" ? "ruleName" : "name";
}

/** A rule's `rule-name`: its given name, or its rule-id (position + 1), the Hackney convention. */
export function ruleNameOf(rule: TableMappingRule, index: number): string {
  return (rule.action === "define-primary-key" ? rule.ruleName : rule.name) ?? String(index + 1);
}

export function isSelection(rule: TableMappingRule): rule is IncludeRule | ExcludeRule | ExplicitRule {
  return rule.action === "include" || rule.action === "exclude" || rule.action === "explicit";
}

/** A rule with its position in the list (rule-id = index + 1). */
type Indexed = readonly [index: number, rule: TableMappingRule];

/** Duplicate rule-names among the given rules; each is reported at its later rule. */
export function duplicateNameIssues(entries: readonly Indexed[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  for (const [index, rule] of entries) {
    const name = ruleNameOf(rule, index);
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, index);
      continue;
    }
    const given = rule.action === "define-primary-key" ? rule.ruleName : rule.name;
    const own = given === undefined ? " (its rule-id, as it has no name)" : "";
    issues.push({
      path: [index, nameField(rule.action)],
      message: `rule-name "${name}"${own} is already used by rules[${first}]; allowed: a name no other rule has (unnamed rules are named after their rule-id)`,
    });
  }
  return issues;
}

/** Problems of the rule list as a whole: duplicate rule-names and nothing selected. */
export function listIssues(rules: readonly TableMappingRule[]): Issue[] {
  const issues = duplicateNameIssues(rules.map((rule, index) => [index, rule] as const));
  if (!rules.some((rule) => rule.action === "include" || rule.action === "explicit")) {
    issues.push({
      path: [],
      message:
        "no selection rule includes any table, and DMS fails a task that selects nothing; allowed: at least one include or explicit rule",
    });
  }
  return issues;
}

/**
 * The rules of one task, validated as a whole (duplicate rule-names, at least one include or explicit rule).
 * Embed this in an environment-file schema; {@link TableMappings.fromRules} reports the same problems with the
 * rule named in each line.
 */
export const tableMappingRulesSchema = z
  .array(tableMappingRuleSchema)
  .superRefine((rules, ctx) => report(ctx, listIssues(rules)))
  .describe("DMS table mappings: selection, transformation and table-settings rules, in order (rule-id = position + 1)");

/**
 * One thing wrong with a table-mapping rule, or with the rule list. `path` is relative to the list
 * (`[2].filters[0].conditions[1].operator`, or empty for the whole list), so it nests under any prefix.
 */
export interface TableMappingProblem extends Problem {
  /** Position in the list (0-based; the rule-id is `index + 1`). @default - undefined for a problem of the whole list */
  readonly index?: number;
  /** The rule's `rule-name` (its given name, or its rule-id). @default - undefined for a problem of the whole list */
  readonly ruleName?: string;
}

/** One problem as one line: `rules[2] (rule-name "3"): column = (missing): required when ...`. */
export function formatTableMappingProblem(problem: TableMappingProblem): string {
  if (problem.index === undefined) return `rules${problem.path} = ${problem.value}: ${problem.message}`;
  const where = `rules[${problem.index}] (rule-name ${JSON.stringify(problem.ruleName)})`;
  const field = problem.path.slice(`[${problem.index}]`.length).replace(/^\./, "");
  return field === "" ? `${where} = ${problem.value}: ${problem.message}` : `${where}: ${field} = ${problem.value}: ${problem.message}`;
}

/** Table mappings DMS would refuse or misread; the message has one line per problem. */
export class TableMappingError extends Error {
  constructor(readonly problems: readonly TableMappingProblem[]) {
    super(problems.map(formatTableMappingProblem).join("\n"));
    this.name = "TableMappingError";
  }
}

// Required-field messages that say more than "required; allowed: string".
const REQUIRED_HINTS: Readonly<Record<string, string>> = {
  "remove-column column": "required: the column to drop (or a % pattern); allowed: a column name",
  "add-column dataType": 'required: the new column\'s DMS data type; allowed: an object such as { "type": "string", "length": 10 }',
  "add-column value": "required: the new column's name; allowed: a column name",
  "define-primary-key columns": "required: the key columns, in order; allowed: an array of column names",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `field` (relative to rule `index`) as a path relative to the list. */
function nest(index: number, field: string): string {
  return field === "" ? `[${index}]` : field.startsWith("[") ? `[${index}]${field}` : `[${index}].${field}`;
}

/** Checks one rule of plain data; `index` is its position in the list. */
export function checkRule(raw: unknown, index: number): { rule?: TableMappingRule; problems: TableMappingProblem[] } {
  const at = (name: string) => (problem: Problem): TableMappingProblem => ({ ...problem, index, ruleName: name, path: nest(index, problem.path) });
  if (!isRecord(raw)) {
    return { problems: [at(String(index + 1))({ path: "", value: renderValue(raw), message: "wrong type; allowed: an object with an action" })] };
  }
  const given = raw[nameField(raw.action)];
  const named = at(typeof given === "string" && given !== "" ? given : String(index + 1));
  const action = raw.action;
  if (typeof action !== "string" || !(ACTIONS as string[]).includes(action)) {
    const suggestion = typeof action === "string" ? closest(action, ACTIONS) : undefined;
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : "";
    const allowed = ACTIONS.map((each) => JSON.stringify(each)).join(" | ");
    const message = action === undefined ? `required; allowed: ${allowed}` : `unknown action${hint}; allowed: ${allowed}`;
    return { problems: [named({ path: "action", value: renderValue(action), message })] };
  }
  const problems: TableMappingProblem[] = [];
  let input: Record<string, unknown> = raw;
  if ((action === "exclude" || action === "explicit") && raw.filters !== undefined) {
    // Reported for what it is, not as an unknown key.
    problems.push(
      named({
        path: "filters",
        value: renderValue(raw.filters),
        message: `filters only apply to include rules, not ${action}; allowed: no filters here, or an include rule with filters`,
      }),
    );
    input = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== "filters"));
  }
  const schema = RULE_SCHEMAS[action as TableMappingAction];
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    for (const problem of problemsFromIssues(parsed.error.issues, input, schema)) {
      const hint = REQUIRED_HINTS[`${action} ${problem.path}`];
      problems.push(named(hint && problem.value === "(missing)" ? { ...problem, message: hint } : problem));
    }
  }
  return problems.length === 0 ? { rule: parsed.data as TableMappingRule, problems } : { problems };
}

/** List-level issues as problems; `rules` holds every rule that passed its own checks, by position. */
export function listProblems(rules: ReadonlyMap<number, TableMappingRule>, issues: readonly Issue[]): TableMappingProblem[] {
  return issues.map((issue) => {
    if (issue.path.length === 0) {
      return { path: "", value: renderValue([...rules.values()].map((rule) => rule.action)), message: issue.message };
    }
    const index = issue.path[0] as number;
    const name = ruleNameOf(rules.get(index) as TableMappingRule, index);
    return { index, ruleName: name, path: formatPath(issue.path), value: renderValue(name), message: issue.message };
  });
}

/** Every rule checked, and the list: the rules that passed, and every problem in rule order. */
export function checkRules(rules: readonly unknown[]): { rules: Map<number, TableMappingRule>; problems: TableMappingProblem[] } {
  const problems: TableMappingProblem[] = [];
  const checked = new Map<number, TableMappingRule>();
  rules.forEach((raw, index) => {
    const check = checkRule(raw, index);
    problems.push(...check.problems);
    if (check.rule) checked.set(index, check.rule);
  });
  // Duplicate names can be told among the valid rules; "nothing included" only once every rule is valid.
  const issues = checked.size === rules.length ? listIssues([...checked.values()]) : duplicateNameIssues([...checked.entries()]);
  problems.push(...listProblems(checked, issues));
  const order = (problem: TableMappingProblem) => problem.index ?? Number.MAX_SAFE_INTEGER;
  return { rules: checked, problems: problems.sort((a, b) => order(a) - order(b)) };
}

/**
 * Every problem of a list of rules given as plain data (an environment file's `tableMappings`): each rule's
 * own problems, duplicate rule-names, and a list that includes nothing. Paths are relative to the list.
 */
export function tableMappingProblems(rules: readonly unknown[]): TableMappingProblem[] {
  if (!Array.isArray(rules)) return [{ path: "", value: renderValue(rules), message: "wrong type; allowed: an array of rules" }];
  return checkRules(rules).problems;
}
