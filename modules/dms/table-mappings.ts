import { z } from "zod";
import { PathSegment, Problem, formatPath, renderValue } from "../core/problem";
import { closest, problemsFromIssues } from "../core/schema-problems";
import { TableSelection } from "./table-selection";

// Table mappings of a DMS replication task (reference/dms.md section 6): one plain-data rule shape, validated by
// zod, written by a fluent builder or read from an environment file, and rendered to the exact JSON Hackney's
// files used (fixed key order, `rule-id` = position, `rule-name` = id unless named).

/** `object-locator.table-type` of a selection rule. Views are full-load only. */
export type TableType = "table" | "view" | "all";

/**
 * A source-filter operator. `between`/`notbetween` take `startValue` and `endValue`; `null`/`notnull` take no
 * value; the others take `value`. Negative operators (`noteq`, `notbetween`, `notnull`) must be a filter's only
 * condition.
 */
export type FilterOperator = "lte" | "gte" | "eq" | "noteq" | "between" | "notbetween" | "null" | "notnull";

/** One condition of a source filter; the conditions of one filter are ORed. Values are compared as text. */
export interface FilterCondition {
  readonly operator: FilterOperator;
  /** Compared value, for `eq`, `noteq`, `lte` and `gte`. Dates as `YYYY-MM-DD`. @default - none (required by those operators) */
  readonly value?: string;
  /** Lower bound, for `between` and `notbetween`. @default - none (required by those operators) */
  readonly startValue?: string;
  /** Upper bound, for `between` and `notbetween`. @default - none (required by those operators) */
  readonly endValue?: string;
}

/** A source filter on one column of an `include` rule. Several filters of one rule are ANDed. */
export interface SourceFilter {
  /** Source column, case-sensitive. Not a LOB column, and ideally one that never changes (CDC rows can slip past). */
  readonly column: string;
  readonly conditions: FilterCondition[];
}

/** Selects tables (or views) for the task. At least one include or explicit rule is required. */
export interface IncludeRule {
  readonly action: "include";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  /** Source schema, case-sensitive; `%` matches any run of characters. */
  readonly schema: string;
  /** Source table, case-sensitive; `%` matches any run of characters. */
  readonly table: string;
  /** @default - DMS's default, "table" (the key is left out) */
  readonly tableType?: TableType;
  /** Tables with a higher value are initialised first (not a strict wait when MaxFullLoadSubTasks > 1). @default - no order */
  readonly loadOrder?: number;
  /** Row filters, ANDed. @default [] */
  readonly filters?: SourceFilter[];
}

/** Leaves out tables an include rule matched. */
export interface ExcludeRule {
  readonly action: "exclude";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  /** Source schema; `%` matches any run of characters. */
  readonly schema: string;
  /** Source table; `%` matches any run of characters. */
  readonly table: string;
  /** @default - DMS's default, "table" (the key is left out) */
  readonly tableType?: TableType;
}

/** Selects exactly one named table or view, without wildcards. */
export interface ExplicitRule {
  readonly action: "explicit";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  /** Source schema, without `%`. */
  readonly schema: string;
  /** Source table or view, without `%`. */
  readonly table: string;
  /** @default - DMS's default, "table" (the key is left out) */
  readonly tableType?: TableType;
}

/** What a transformation acts on (`rule-target`). */
export type TransformationTarget = "schema" | "table" | "column";

/** Converts names to lower or upper case. SQL Server -> PostgreSQL needs lower case: PostgreSQL folds unquoted names. */
export interface ChangeCaseRule {
  readonly action: "convert-lowercase" | "convert-uppercase";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly target: TransformationTarget;
  /** Schema; `%` matches any. */
  readonly schema: string;
  /** Table; required when the target is "table" or "column", not used for "schema". @default - none */
  readonly table?: string;
  /** Column; required when the target is "column", not used otherwise. @default - none */
  readonly column?: string;
}

/** Renames a schema, table or column, or adds or removes a prefix or suffix (`value`). */
export interface RenameRule {
  readonly action: "rename" | "add-prefix" | "remove-prefix" | "add-suffix" | "remove-suffix";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly target: TransformationTarget;
  /** Schema; `%` matches any. */
  readonly schema: string;
  /** Table; required when the target is "table" or "column", not used for "schema". @default - none */
  readonly table?: string;
  /** Column; required when the target is "column", not used otherwise. @default - none */
  readonly column?: string;
  /** The new name, or the prefix or suffix to add or remove. */
  readonly value: string;
}

/** Replaces a prefix or suffix `oldValue` with `value`. */
export interface ReplaceAffixRule {
  readonly action: "replace-prefix" | "replace-suffix";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly target: TransformationTarget;
  /** Schema; `%` matches any. */
  readonly schema: string;
  /** Table; required when the target is "table" or "column", not used for "schema". @default - none */
  readonly table?: string;
  /** Column; required when the target is "column", not used otherwise. @default - none */
  readonly column?: string;
  /** The new prefix or suffix. */
  readonly value: string;
  /** The prefix or suffix to replace. */
  readonly oldValue: string;
}

/** Drops a column (or every column matching a `%` pattern) from the target table. */
export interface RemoveColumnRule {
  readonly action: "remove-column";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** A DMS data type (not a database type: `string`, not `varchar`). */
export type DmsDataType =
  | "bytes" | "date" | "time" | "datetime" | "int1" | "int2" | "int4" | "int8" | "numeric" | "real4" | "real8"
  | "string" | "uint1" | "uint2" | "uint4" | "uint8" | "wstring" | "blob" | "nclob" | "clob" | "boolean";

/** The type of a column added by `add-column`. */
export interface ColumnDataType {
  readonly type: DmsDataType;
  /** For `string`, `wstring` and `bytes`. @default - none */
  readonly length?: number;
  /** For `numeric` (digits) and `datetime` (fractional seconds). @default - none */
  readonly precision?: number;
  /** For `numeric`. @default - none */
  readonly scale?: number;
}

/** Adds a column to the target table, filled from `expression`. */
export interface AddColumnRule {
  readonly action: "add-column";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
  /** The new column's name. */
  readonly value: string;
  /** SQLite expression, such as `$first_name||' '||$last_name` or `'mssql'`. @default - none (the column stays null) */
  readonly expression?: string;
  readonly dataType: ColumnDataType;
}

/**
 * Defines the target table's primary key (or a unique index). `name` here is the key's name, which may repeat
 * across rules; the rule's own name is `ruleName`.
 */
export interface DefinePrimaryKeyRule {
  readonly action: "define-primary-key";
  /** `rule-name` (this rule uses `name` for the key). Names must be unique. @default - the rule-id */
  readonly ruleName?: string;
  readonly schema: string;
  readonly table: string;
  /** `primary-key-def.name`: the key or index name on the target. */
  readonly name: string;
  /** @default - DMS's default, "primary-key" (the key is left out) */
  readonly origin?: "primary-key" | "unique-index";
  /** Key columns, in order. */
  readonly columns: string[];
}

/** How one table's full load is split into parallel segments. */
export type ParallelLoadType = "partitions-auto" | "subpartitions-auto" | "partitions-list" | "ranges" | "none";

/** LOB handling of one table, overriding the task's LOB settings. */
export interface LobSettings {
  /** @default - DMS's default, "limited" (the key is left out) */
  readonly mode?: "limited" | "unlimited" | "none";
  /**
   * KB. Limited mode truncates larger LOBs to this size and needs a non-zero value; unlimited mode with 0 looks
   * every LOB up, non-zero inlines LOBs up to this size. @default - none (required in limited mode)
   */
  readonly bulkMaxSize?: number;
}

/** Loads one table in parallel segments (a `table-settings` rule), optionally with its own LOB settings. */
export interface ParallelLoadRule {
  readonly action: "parallel-load";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
  readonly type: ParallelLoadType;
  /** Segment columns for "ranges", most significant first; up to 10, not DOUBLE, FLOAT or LOB. @default - none */
  readonly columns?: string[];
  /** Upper bounds of the segments for "ranges": one value per column each; N boundaries give N+1 segments. @default - none */
  readonly boundaries?: string[][];
  /** Partition names for "partitions-list". @default - none */
  readonly partitions?: string[];
  /** @default - the task's LOB settings */
  readonly lobSettings?: LobSettings;
}

/** Sets one table's LOB handling (a `table-settings` rule without parallel load). */
export interface LobSettingsRule extends LobSettings {
  readonly action: "lob-settings";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
}

const FILTER_OPERATORS = ["lte", "gte", "eq", "noteq", "between", "notbetween", "null", "notnull"] as const;
const NEGATIVE_OPERATORS: readonly FilterOperator[] = ["noteq", "notbetween", "notnull"];
const RANGE_OPERATORS: readonly FilterOperator[] = ["between", "notbetween"];
const VALUELESS_OPERATORS: readonly FilterOperator[] = ["null", "notnull"];
const TARGETS = ["schema", "table", "column"] as const;
const DATA_TYPES = [
  "bytes", "date", "time", "datetime", "int1", "int2", "int4", "int8", "numeric", "real4", "real8",
  "string", "uint1", "uint2", "uint4", "uint8", "wstring", "blob", "nclob", "clob", "boolean",
] as const;
const MAX_RANGE_COLUMNS = 10;

type Issue = { path: PathSegment[]; message: string };
type IssueSink = { addIssue(issue: { code: "custom"; path: PathSegment[]; message: string }): void };

function report(ctx: IssueSink, issues: readonly Issue[]): void {
  for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
}

const ruleName = z.string().min(1).optional().describe("rule-name; must be unique; default the rule-id");
const schemaName = z.string().min(1).describe("Source schema, case-sensitive; % matches any run of characters");
const tableName = z.string().min(1).describe("Source table, case-sensitive; % matches any run of characters");
const columnName = z.string().min(1).describe("Column, case-sensitive; % matches any run of characters");
const tableType = z.enum(["table", "view", "all"]).optional().describe("Default table; views are full-load only");

const filterConditionSchema = z
  .strictObject({
    operator: z.enum(FILTER_OPERATORS),
    value: z.string().optional().describe("For eq, noteq, lte, gte"),
    startValue: z.string().optional().describe("For between, notbetween"),
    endValue: z.string().optional().describe("For between, notbetween"),
  })
  .superRefine((condition, ctx) => report(ctx, conditionIssues(condition)));

function conditionIssues(condition: FilterCondition): Issue[] {
  const { operator } = condition;
  const issues: Issue[] = [];
  const needs = (field: keyof FilterCondition, what: string) => {
    if (condition[field] === undefined) {
      issues.push({ path: [field], message: `required by operator "${operator}"; allowed: ${what}` });
    }
  };
  const refuses = (field: keyof FilterCondition, instead: string) => {
    if (condition[field] !== undefined) {
      issues.push({ path: [field], message: `not used by operator "${operator}"; allowed: ${instead}` });
    }
  };
  if (VALUELESS_OPERATORS.includes(operator)) {
    const instead = `no value (${operator} compares with NULL)`;
    refuses("value", instead);
    refuses("startValue", instead);
    refuses("endValue", instead);
  } else if (RANGE_OPERATORS.includes(operator)) {
    needs("startValue", "the lower bound as a string");
    needs("endValue", "the upper bound as a string");
    refuses("value", "startValue and endValue");
  } else {
    needs("value", "the compared value as a string");
    refuses("startValue", "value");
    refuses("endValue", "value");
  }
  return issues;
}

const sourceFilterSchema = z
  .strictObject({
    column: z.string().min(1).describe("Source column, case-sensitive; not a LOB column"),
    conditions: z.array(filterConditionSchema).min(1).describe("ORed"),
  })
  .superRefine((filter, ctx) => {
    // DMS accepts a negative operator only alone: "noteq a OR noteq b" would select every row.
    if (filter.conditions.length < 2) return;
    filter.conditions.forEach((condition, i) => {
      if (!NEGATIVE_OPERATORS.includes(condition.operator)) return;
      report(ctx, [
        {
          path: ["conditions", i, "operator"],
          message:
            `a negative operator must be its filter's only condition, this filter has ${filter.conditions.length}; ` +
            "allowed: move it to a filter of its own (filters are ANDed)",
        },
      ]);
    });
  });

const includeSchema = z
  .strictObject({
    action: z.literal("include"),
    name: ruleName,
    schema: schemaName,
    table: tableName,
    tableType,
    loadOrder: z.number().int().min(0).max(2147483647).optional().describe("Higher values are initialised first"),
    filters: z.array(sourceFilterSchema).optional().describe("Row filters, ANDed"),
  })
  .describe("Select tables");

const excludeSchema = z
  .strictObject({ action: z.literal("exclude"), name: ruleName, schema: schemaName, table: tableName, tableType })
  .describe("Leave out tables an include rule matched");

const explicitSchema = z
  .strictObject({
    action: z.literal("explicit"),
    name: ruleName,
    schema: z.string().min(1).describe("Source schema, without %"),
    table: z.string().min(1).describe("Source table or view, without %"),
    tableType,
  })
  .superRefine((rule, ctx) => {
    for (const field of ["schema", "table"] as const) {
      if (!rule[field].includes("%")) continue;
      report(ctx, [
        {
          path: [field],
          message: "explicit rules name one object and take no % wildcard; allowed: a plain name, or use an include rule for a pattern",
        },
      ]);
    }
  })
  .describe("Select exactly one named table or view");

interface Located {
  readonly target: TransformationTarget;
  readonly table?: string;
  readonly column?: string;
}

function locatorIssues(rule: Located): Issue[] {
  const issues: Issue[] = [];
  const { target } = rule;
  if (target === "schema" && rule.table !== undefined) {
    issues.push({ path: ["table"], message: 'not used when target is "schema"; allowed: no table, or target "table"' });
  }
  if (target !== "schema" && rule.table === undefined) {
    issues.push({ path: ["table"], message: `required when target is "${target}"; allowed: a table name or %` });
  }
  if (target !== "column" && rule.column !== undefined) {
    issues.push({ path: ["column"], message: `not used when target is "${target}"; allowed: no column, or target "column"` });
  }
  if (target === "column" && rule.column === undefined) {
    issues.push({ path: ["column"], message: 'required when target is "column"; allowed: a column name or %' });
  }
  return issues;
}

const targetFields = {
  name: ruleName,
  target: z.enum(TARGETS).describe("rule-target"),
  schema: schemaName,
  table: tableName.optional().describe("Required for targets table and column"),
  column: columnName.optional().describe("Required for target column"),
};

const changeCaseSchema = z
  .strictObject({ action: z.enum(["convert-lowercase", "convert-uppercase"]), ...targetFields })
  .superRefine((rule, ctx) => report(ctx, locatorIssues(rule)))
  .describe("Convert names to lower or upper case");

const renameSchema = z
  .strictObject({
    action: z.enum(["rename", "add-prefix", "remove-prefix", "add-suffix", "remove-suffix"]),
    ...targetFields,
    value: z.string().min(1).describe("The new name, or the prefix or suffix"),
  })
  .superRefine((rule, ctx) => report(ctx, locatorIssues(rule)))
  .describe("Rename, or add or remove a prefix or suffix");

const replaceAffixSchema = z
  .strictObject({
    action: z.enum(["replace-prefix", "replace-suffix"]),
    ...targetFields,
    value: z.string().min(1).describe("The new prefix or suffix"),
    oldValue: z.string().min(1).describe("The prefix or suffix to replace"),
  })
  .superRefine((rule, ctx) => report(ctx, locatorIssues(rule)))
  .describe("Replace a prefix or suffix");

const removeColumnSchema = z
  .strictObject({ action: z.literal("remove-column"), name: ruleName, schema: schemaName, table: tableName, column: columnName })
  .describe("Drop a column from the target");

const addColumnSchema = z
  .strictObject({
    action: z.literal("add-column"),
    name: ruleName,
    schema: schemaName,
    table: tableName,
    value: z.string().min(1).describe("The new column's name"),
    expression: z.string().min(1).optional().describe("SQLite expression filling the column"),
    dataType: z
      .strictObject({
        type: z.enum(DATA_TYPES),
        length: z.number().int().min(1).optional(),
        precision: z.number().int().min(0).optional(),
        scale: z.number().int().min(0).optional(),
      })
      .describe("The DMS data type of the new column"),
  })
  .describe("Add a column to the target");

const definePrimaryKeySchema = z
  .strictObject({
    action: z.literal("define-primary-key"),
    ruleName,
    schema: schemaName,
    table: tableName,
    name: z.string().min(1).describe("primary-key-def name: the key or index on the target (may repeat across rules)"),
    origin: z.enum(["primary-key", "unique-index"]).optional().describe("Default primary-key"),
    columns: z.array(z.string().min(1)).min(1).describe("Key columns, in order"),
  })
  .describe("Define the target table's primary key or unique index");

const lobFields = {
  mode: z.enum(["limited", "unlimited", "none"]).optional().describe("Default limited"),
  bulkMaxSize: z.number().int().min(0).optional().describe("KB; limited mode needs a non-zero value"),
};

function lobIssues(lob: LobSettings): Issue[] {
  // DMS: "In limited mode, you must set a nonzero value" (limited is also the default mode).
  if ((lob.mode ?? "limited") !== "limited" || (lob.bulkMaxSize ?? 0) > 0) return [];
  return [
    {
      path: ["bulkMaxSize"],
      message: 'limited LOB mode (the default) needs a non-zero size; allowed: KB above 0, or mode "unlimited" or "none"',
    },
  ];
}

const lobSettingsSchema = z.strictObject(lobFields).superRefine((lob, ctx) => report(ctx, lobIssues(lob)));

function parallelLoadIssues(rule: ParallelLoadRule): Issue[] {
  const issues: Issue[] = [];
  const { type } = rule;
  const fields = { columns: rule.columns, boundaries: rule.boundaries, partitions: rule.partitions };
  const used: Record<ParallelLoadType, readonly (keyof typeof fields)[]> = {
    ranges: ["columns", "boundaries"],
    "partitions-list": ["partitions"],
    "partitions-auto": [],
    "subpartitions-auto": [],
    none: [],
  };
  for (const field of Object.keys(fields) as (keyof typeof fields)[]) {
    const wanted = used[type].includes(field);
    if (wanted && fields[field] === undefined) {
      const what = {
        columns: `1 to ${MAX_RANGE_COLUMNS} segment columns`,
        boundaries: "one array of column values per segment boundary, such as [[\"1000\"], [\"2000\"]]",
        partitions: "the partition names to load in parallel",
      }[field];
      issues.push({ path: [field], message: `required when type is "${type}"; allowed: ${what}` });
    }
    if (!wanted && fields[field] !== undefined) {
      const instead = Object.entries(used)
        .filter(([, names]) => names.includes(field))
        .map(([name]) => `"${name}"`)[0];
      issues.push({ path: [field], message: `not used when type is "${type}"; allowed: only with type ${instead}` });
    }
  }
  if (type === "ranges" && rule.columns && rule.boundaries) {
    const width = rule.columns.length;
    rule.boundaries.forEach((boundary, i) => {
      if (boundary.length === width) return;
      issues.push({
        path: ["boundaries", i],
        message: `has ${boundary.length} value(s) but columns has ${width}; allowed: one value per column, in column order`,
      });
    });
  }
  return issues;
}

const parallelLoadSchema = z
  .strictObject({
    action: z.literal("parallel-load"),
    name: ruleName,
    schema: schemaName,
    table: tableName,
    type: z.enum(["partitions-auto", "subpartitions-auto", "partitions-list", "ranges", "none"]),
    columns: z.array(z.string().min(1)).min(1).max(MAX_RANGE_COLUMNS).optional().describe("For type ranges"),
    boundaries: z.array(z.array(z.string()).min(1)).min(1).optional().describe("For type ranges: segment upper bounds"),
    partitions: z.array(z.string().min(1)).min(1).optional().describe("For type partitions-list"),
    lobSettings: lobSettingsSchema.optional().describe("Default the task's LOB settings"),
  })
  .superRefine((rule, ctx) => report(ctx, parallelLoadIssues(rule)))
  .describe("Load one table in parallel segments");

const lobSettingsRuleSchema = z
  .strictObject({ action: z.literal("lob-settings"), name: ruleName, schema: schemaName, table: tableName, ...lobFields })
  .superRefine((rule, ctx) => report(ctx, lobIssues(rule)))
  .describe("Set one table's LOB handling");

/**
 * One table-mapping rule as plain data (camelCase, unknown keys refused), keyed by `action`. Used both by
 * {@link TableMappings} and by environment files.
 */
export const tableMappingRuleSchema = z.discriminatedUnion("action", [
  includeSchema,
  excludeSchema,
  explicitSchema,
  changeCaseSchema,
  renameSchema,
  replaceAffixSchema,
  removeColumnSchema,
  addColumnSchema,
  definePrimaryKeySchema,
  parallelLoadSchema,
  lobSettingsRuleSchema,
]);

/** One table-mapping rule as plain data. */
export type TableMappingRule = z.input<typeof tableMappingRuleSchema>;

/** The `action` of a rule. */
export type TableMappingAction = TableMappingRule["action"];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The documented interfaces above are what users read; this fails to compile when they drift from the schema.
const interfacesMatchSchema: [
  Same<z.input<typeof includeSchema>, IncludeRule>,
  Same<z.input<typeof excludeSchema>, ExcludeRule>,
  Same<z.input<typeof explicitSchema>, ExplicitRule>,
  Same<z.input<typeof changeCaseSchema>, ChangeCaseRule>,
  Same<z.input<typeof renameSchema>, RenameRule>,
  Same<z.input<typeof replaceAffixSchema>, ReplaceAffixRule>,
  Same<z.input<typeof removeColumnSchema>, RemoveColumnRule>,
  Same<z.input<typeof addColumnSchema>, AddColumnRule>,
  Same<z.input<typeof definePrimaryKeySchema>, DefinePrimaryKeyRule>,
  Same<z.input<typeof parallelLoadSchema>, ParallelLoadRule>,
  Same<z.input<typeof lobSettingsRuleSchema>, LobSettingsRule>,
] = [true, true, true, true, true, true, true, true, true, true, true];
void interfacesMatchSchema;

const RULE_SCHEMAS: Readonly<Record<TableMappingAction, z.ZodType>> = {
  include: includeSchema,
  exclude: excludeSchema,
  explicit: explicitSchema,
  "convert-lowercase": changeCaseSchema,
  "convert-uppercase": changeCaseSchema,
  rename: renameSchema,
  "add-prefix": renameSchema,
  "remove-prefix": renameSchema,
  "add-suffix": renameSchema,
  "remove-suffix": renameSchema,
  "replace-prefix": replaceAffixSchema,
  "replace-suffix": replaceAffixSchema,
  "remove-column": removeColumnSchema,
  "add-column": addColumnSchema,
  "define-primary-key": definePrimaryKeySchema,
  "parallel-load": parallelLoadSchema,
  "lob-settings": lobSettingsRuleSchema,
};
const ACTIONS = Object.keys(RULE_SCHEMAS) as TableMappingAction[];

/** The key that holds a rule's `rule-name`: `ruleName` for define-primary-key (whose `name` is the key's). */
function nameField(action: unknown): "name" | "ruleName" {
  return action === "define-primary-key" ? "ruleName" : "name";
}

/** A rule's `rule-name`: its given name, or its rule-id (position + 1), the Hackney convention. */
function ruleNameOf(rule: TableMappingRule, index: number): string {
  return (rule.action === "define-primary-key" ? rule.ruleName : rule.name) ?? String(index + 1);
}

function isSelection(rule: TableMappingRule): rule is IncludeRule | ExcludeRule | ExplicitRule {
  return rule.action === "include" || rule.action === "exclude" || rule.action === "explicit";
}

/** A rule with its position in the list (rule-id = index + 1). */
type Indexed = readonly [index: number, rule: TableMappingRule];

/** Duplicate rule-names among the given rules; each is reported at its later rule. */
function duplicateNameIssues(entries: readonly Indexed[]): Issue[] {
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
function listIssues(rules: readonly TableMappingRule[]): Issue[] {
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
function checkRule(raw: unknown, index: number): { rule?: TableMappingRule; problems: TableMappingProblem[] } {
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
function listProblems(rules: ReadonlyMap<number, TableMappingRule>, issues: readonly Issue[]): TableMappingProblem[] {
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
function checkRules(rules: readonly unknown[]): { rules: Map<number, TableMappingRule>; problems: TableMappingProblem[] } {
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

function byPosition(rules: readonly TableMappingRule[]): Map<number, TableMappingRule> {
  return new Map(rules.map((rule, index) => [index, rule]));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Drops keys whose value is undefined, keeping the order of the rest. */
function present(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function locator(schema: string, table?: string, column?: string, type?: TableType): Record<string, unknown> {
  return present({ "schema-name": schema, "table-name": table, "column-name": column, "table-type": type });
}

function renderFilter(filter: SourceFilter): Record<string, unknown> {
  return {
    "filter-type": "source",
    "column-name": filter.column,
    "filter-conditions": filter.conditions.map((condition) =>
      present({
        "filter-operator": condition.operator,
        value: condition.value,
        "start-value": condition.startValue,
        "end-value": condition.endValue,
      }),
    ),
  };
}

function renderLob(lob: LobSettings): Record<string, unknown> {
  // AWS's examples write bulk-max-size as a string.
  return present({ mode: lob.mode, "bulk-max-size": lob.bulkMaxSize === undefined ? undefined : String(lob.bulkMaxSize) });
}

function renderRule(rule: TableMappingRule, index: number): Record<string, unknown> {
  const head = (ruleType: string) => ({ "rule-type": ruleType, "rule-id": String(index + 1), "rule-name": ruleNameOf(rule, index) });
  const transformation = (target: TransformationTarget, objectLocator: Record<string, unknown>, extra: Record<string, unknown>) =>
    present({
      ...head("transformation"),
      "rule-target": target,
      "object-locator": objectLocator,
      "rule-action": rule.action,
      value: extra.value,
      "old-value": extra.oldValue,
      expression: extra.expression,
      "data-type": extra.dataType,
      "primary-key-def": extra.primaryKeyDef,
    });
  switch (rule.action) {
    case "include":
      return present({
        ...head("selection"),
        "object-locator": locator(rule.schema, rule.table, undefined, rule.tableType),
        "rule-action": rule.action,
        filters: (rule.filters ?? []).map(renderFilter),
        "load-order": rule.loadOrder,
      });
    case "explicit":
    case "exclude":
      return present({
        ...head("selection"),
        "object-locator": locator(rule.schema, rule.table, undefined, rule.tableType),
        "rule-action": rule.action,
        // Hackney's files carry an empty filter list on rules that may have one.
        filters: rule.action === "explicit" ? [] : undefined,
      });
    case "convert-lowercase":
    case "convert-uppercase":
      return transformation(rule.target, locator(rule.schema, rule.table, rule.column), {});
    case "rename":
    case "add-prefix":
    case "remove-prefix":
    case "add-suffix":
    case "remove-suffix":
      return transformation(rule.target, locator(rule.schema, rule.table, rule.column), { value: rule.value });
    case "replace-prefix":
    case "replace-suffix":
      return transformation(rule.target, locator(rule.schema, rule.table, rule.column), { value: rule.value, oldValue: rule.oldValue });
    case "remove-column":
      return transformation("column", locator(rule.schema, rule.table, rule.column), {});
    case "add-column":
      return transformation("column", locator(rule.schema, rule.table), {
        value: rule.value,
        expression: rule.expression,
        dataType: present({ type: rule.dataType.type, length: rule.dataType.length, precision: rule.dataType.precision, scale: rule.dataType.scale }),
      });
    case "define-primary-key":
      return transformation("table", locator(rule.schema, rule.table), {
        primaryKeyDef: present({ name: rule.name, origin: rule.origin, columns: rule.columns }),
      });
    case "parallel-load":
      return present({
        ...head("table-settings"),
        "object-locator": locator(rule.schema, rule.table),
        "parallel-load": present({ type: rule.type, columns: rule.columns, boundaries: rule.boundaries, partitions: rule.partitions }),
        "lob-settings": rule.lobSettings && renderLob(rule.lobSettings),
      });
    case "lob-settings":
      return present({
        ...head("table-settings"),
        "object-locator": locator(rule.schema, rule.table),
        "lob-settings": renderLob(rule),
      });
  }
}

type Props<R> = Omit<R, "action">;
type TargetProps<R> = Omit<R, "action" | "target">;

/**
 * The `table_mappings` of a DMS replication task, built rule by rule:
 *
 * ```ts
 * const mappings = new TableMappings()
 *   .include({ schema: "%", table: "DM_PERSONS" })
 *   .lowercase("table", { schema: "%", table: "DM_PERSONS" })
 *   .lowercase("column", { schema: "%", table: "%", column: "%" });
 * mappings.toJson(); // the `table_mappings` argument of aws_dms_replication_task
 * ```
 *
 * Immutable: every method returns a new instance and leaves this one unchanged. Each rule is checked when it
 * is added (a bad rule throws {@link TableMappingError} at the call that added it); the list as a whole (at
 * least one include or explicit rule) when {@link toJson} runs. Rule ids are positions: `"1"`, `"2"`, ...
 */
export class TableMappings {
  #rules: readonly TableMappingRule[] = Object.freeze([]);

  /**
   * Mappings from plain data, such as an environment file's rules, checked like {@link tableMappingProblems}:
   * every problem is reported at once, one line each.
   * @throws TableMappingError
   */
  static fromRules(rules: readonly TableMappingRule[]): TableMappings {
    if (!Array.isArray(rules)) throw new TableMappingError(tableMappingProblems(rules));
    const check = checkRules(rules);
    if (check.problems.length > 0) throw new TableMappingError(check.problems);
    return TableMappings.of([...check.rules.values()]);
  }

  private static of(rules: readonly TableMappingRule[]): TableMappings {
    const mappings = new TableMappings();
    mappings.#rules = deepFreeze([...rules]);
    return mappings;
  }

  /** The rules in order; rule `i` gets rule-id `i + 1`. Frozen. */
  get rules(): readonly TableMappingRule[] {
    return this.#rules;
  }

  /**
   * Adds any rule.
   * @throws TableMappingError when the rule is invalid or its rule-name is taken
   */
  add(rule: TableMappingRule): TableMappings {
    const index = this.#rules.length;
    const check = checkRule(rule, index);
    if (!check.rule) throw new TableMappingError(check.problems);
    const rules = [...this.#rules, check.rule];
    const duplicate = duplicateNameIssues(rules.map((each, i) => [i, each] as const));
    if (duplicate.length > 0) throw new TableMappingError(listProblems(byPosition(rules), duplicate));
    return TableMappings.of(rules);
  }

  /** Selects tables (`rule-action: include`), with optional row filters and load order. */
  include(props: Props<IncludeRule>): TableMappings {
    return this.add({ ...props, action: "include" });
  }

  /** Leaves out tables an include rule matched. */
  exclude(props: Props<ExcludeRule>): TableMappings {
    return this.add({ ...props, action: "exclude" });
  }

  /** Selects exactly one named table or view (no `%`). */
  explicit(props: Props<ExplicitRule>): TableMappings {
    return this.add({ ...props, action: "explicit" });
  }

  /** Converts schema, table or column names to lower case (`convert-lowercase`). */
  lowercase(target: TransformationTarget, props: TargetProps<ChangeCaseRule>): TableMappings {
    return this.add({ ...props, action: "convert-lowercase", target });
  }

  /** Converts schema, table or column names to upper case (`convert-uppercase`). */
  uppercase(target: TransformationTarget, props: TargetProps<ChangeCaseRule>): TableMappings {
    return this.add({ ...props, action: "convert-uppercase", target });
  }

  /** Renames a schema, table or column to `value`. */
  rename(target: TransformationTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "rename", target });
  }

  /** Adds the prefix `value`. */
  addPrefix(target: TransformationTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "add-prefix", target });
  }

  /** Removes the prefix `value`. */
  removePrefix(target: TransformationTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "remove-prefix", target });
  }

  /** Replaces the prefix `oldValue` with `value`. */
  replacePrefix(target: TransformationTarget, props: TargetProps<ReplaceAffixRule>): TableMappings {
    return this.add({ ...props, action: "replace-prefix", target });
  }

  /** Adds the suffix `value`. */
  addSuffix(target: TransformationTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "add-suffix", target });
  }

  /** Removes the suffix `value`. */
  removeSuffix(target: TransformationTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "remove-suffix", target });
  }

  /** Replaces the suffix `oldValue` with `value`. */
  replaceSuffix(target: TransformationTarget, props: TargetProps<ReplaceAffixRule>): TableMappings {
    return this.add({ ...props, action: "replace-suffix", target });
  }

  /** Drops a column from the target table. */
  removeColumn(props: Props<RemoveColumnRule>): TableMappings {
    return this.add({ ...props, action: "remove-column" });
  }

  /** Adds a column `value` of type `dataType`, filled from `expression`. */
  addColumn(props: Props<AddColumnRule>): TableMappings {
    return this.add({ ...props, action: "add-column" });
  }

  /** Defines the target table's primary key or unique index `name`; the rule's own name is `ruleName`. */
  definePrimaryKey(props: Props<DefinePrimaryKeyRule>): TableMappings {
    return this.add({ ...props, action: "define-primary-key" });
  }

  /** Loads one table in parallel segments (a `table-settings` rule). */
  parallelLoad(props: Props<ParallelLoadRule>): TableMappings {
    return this.add({ ...props, action: "parallel-load" });
  }

  /** Sets one table's LOB handling (a `table-settings` rule). */
  lobSettings(props: Props<LobSettingsRule>): TableMappings {
    return this.add({ ...props, action: "lob-settings" });
  }

  /** The include, exclude and explicit rules in order, for the DBA script generator. */
  selections(): TableSelection[] {
    return this.#rules.filter(isSelection).map((rule) => ({ action: rule.action, schemaName: rule.schema, tableName: rule.table }));
  }

  /**
   * The `table_mappings` JSON: `{"rules":[...]}` without whitespace, keys in the order Hackney's files use.
   * The same rules always give the same string.
   * @throws TableMappingError when no rule includes a table
   */
  toJson(): string {
    const problems = listProblems(byPosition(this.#rules), listIssues(this.#rules));
    if (problems.length > 0) throw new TableMappingError(problems);
    return JSON.stringify({ rules: this.#rules.map(renderRule) });
  }
}
