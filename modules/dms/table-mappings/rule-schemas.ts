import { z } from "zod";
import { PathSegment } from "../../core/problem";
import {
  AddBeforeImageColumnsRule,
  AddColumnRule,
  ChangeCaseRule,
  ChangeDataTypeRule,
  DataMaskingRule,
  DefinePrimaryKeyRule,
  ExcludeRule,
  ExplicitRule,
  FilterCondition,
  FilterOperator,
  IncludeRule,
  LobSettings,
  LobSettingsRule,
  ParallelLoadRule,
  ParallelLoadType,
  RemoveColumnRule,
  RenameRule,
  ReplaceAffixRule,
  TablespaceTarget,
  TransformationTarget,
} from "./rule-types";
import { ObjectMappingRule, objectMappingSchema } from "./object-mapping";

// The zod schemas of each rule: types, unknown keys, and the checks within one rule.

const FILTER_OPERATORS = ["lte", "gte", "eq", "noteq", "between", "notbetween", "null", "notnull"] as const;
const NEGATIVE_OPERATORS: readonly FilterOperator[] = ["noteq", "notbetween", "notnull"];
const RANGE_OPERATORS: readonly FilterOperator[] = ["between", "notbetween"];
const VALUELESS_OPERATORS: readonly FilterOperator[] = ["null", "notnull"];
const TARGETS = ["schema", "table", "column"] as const;
const TABLESPACE_TARGETS = ["table-tablespace", "index-tablespace"] as const;
const DATA_TYPES = [
  "bytes", "date", "time", "datetime", "int1", "int2", "int4", "int8", "numeric", "real4", "real8",
  "string", "uint1", "uint2", "uint4", "uint8", "wstring", "blob", "nclob", "clob", "boolean",
] as const;
const MAX_RANGE_COLUMNS = 10;

/** A problem inside one rule, relative to the rule. */
export type Issue = { path: PathSegment[]; message: string };
type IssueSink = { addIssue(issue: { code: "custom"; path: PathSegment[]; message: string }): void };

export function report(ctx: IssueSink, issues: readonly Issue[]): void {
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
  readonly target: TransformationTarget | TablespaceTarget;
  readonly table?: string;
  readonly column?: string;
}

function locatorIssues(rule: Located): Issue[] {
  const issues: Issue[] = [];
  const { target } = rule;
  if (target === "table-tablespace" || target === "index-tablespace") {
    if (rule.table === undefined) issues.push({ path: ["table"], message: `required when target is "${target}"; allowed: a table name or %` });
    if (rule.column !== undefined) issues.push({ path: ["column"], message: `not used when target is "${target}"; allowed: no column` });
    return issues;
  }
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

// Oracle targets: https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Transformations.html
function tablespaceIssues(rule: RenameRule): Issue[] {
  const onTablespace = rule.target === "table-tablespace" || rule.target === "index-tablespace";
  if (onTablespace && rule.action !== "rename") {
    return [{ path: ["action"], message: `a ${rule.target} target takes only "rename" (DMS moves the objects into the tablespace named by value); allowed: "rename"` }];
  }
  if (!onTablespace && rule.tablespace !== undefined) {
    return [{ path: ["tablespace"], message: `used only with target "table-tablespace" or "index-tablespace" (it is "${rule.target}"); allowed: no tablespace` }];
  }
  return [];
}

const renameSchema = z
  .strictObject({
    action: z.enum(["rename", "add-prefix", "remove-prefix", "add-suffix", "remove-suffix"]),
    ...targetFields,
    target: z.enum([...TARGETS, ...TABLESPACE_TARGETS]).describe("rule-target; the tablespace targets are for Oracle targets, with rename"),
    tablespace: z.string().min(1).optional().describe("For a tablespace target: the source tablespace matched (% matches any)"),
    value: z.string().min(1).describe("The new name, or the prefix or suffix"),
  })
  .superRefine((rule, ctx) => report(ctx, [...locatorIssues(rule), ...tablespaceIssues(rule)]))
  .describe("Rename, or add or remove a prefix or suffix; or move an Oracle target's tables or indexes into a tablespace");

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

const dataTypeSchema = z
  .strictObject({
    type: z.enum(DATA_TYPES),
    length: z.number().int().min(1).optional(),
    precision: z.number().int().min(0).optional(),
    scale: z.number().int().min(0).optional(),
  })
  .describe("A DMS data type, such as { \"type\": \"string\", \"length\": 10 }");

const changeDataTypeSchema = z
  .strictObject({
    action: z.literal("change-data-type"),
    name: ruleName,
    schema: schemaName,
    table: tableName,
    column: columnName,
    dataType: dataTypeSchema.describe("The column's new DMS data type"),
  })
  .describe("Change a column's data type on the target");

const addBeforeImageColumnsSchema = z
  .strictObject({
    action: z.literal("add-before-image-columns"),
    name: ruleName,
    schema: schemaName,
    table: tableName,
    columnPrefix: z.string().optional().describe("Default BI_"),
    columnSuffix: z.string().optional().describe("Default none; AWS's example writes \"\""),
    columnFilter: z.enum(["pk-only", "non-lob", "all"]).optional().describe("Default pk-only"),
  })
  .describe("Add before-image columns (each changed column's value before the change)");

const MASKING_ACTIONS = ["data-masking-digits-mask", "data-masking-digits-randomize", "data-masking-hash-mask"] as const;

// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Masking.html
function maskingIssues(rule: DataMaskingRule): Issue[] {
  if (rule.action === "data-masking-digits-mask") {
    if (rule.value === undefined) {
      return [{ path: ["value"], message: 'required by "data-masking-digits-mask": the character that replaces each digit; allowed: one printable ASCII character, such as "#"' }];
    }
    if (!/^[!-~]$/.test(rule.value)) {
      return [{ path: ["value"], message: 'one printable ASCII character replaces each digit (not empty, not a space); allowed: such as "#" or "*"' }];
    }
    return [];
  }
  return rule.value === undefined ? [] : [{ path: ["value"], message: `not used by "${rule.action}"; allowed: no value (only data-masking-digits-mask takes a character)` }];
}

const dataMaskingSchema = z
  .strictObject({
    action: z.enum(MASKING_ACTIONS),
    name: ruleName,
    schema: schemaName,
    table: tableName,
    column: columnName,
    value: z.string().optional().describe("digits-mask only: the masking character"),
  })
  .superRefine((rule, ctx) => report(ctx, maskingIssues(rule)))
  .describe("Mask a column's data (DMS 3.5.4+): digits with a character, digits at random, or the value by its hash");

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

// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Tablesettings.html#CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Tablesettings.Wildcards
function wildcardIssues(rule: { readonly schema: string; readonly table: string }): Issue[] {
  return (["schema", "table"] as const)
    .filter((field) => rule[field].includes("%"))
    .map((field) => ({
      path: [field],
      message: "table-settings rules name one table: DMS refuses a % wildcard in them; allowed: a plain name (one rule per table)",
    }));
}

function parallelLoadIssues(rule: ParallelLoadRule): Issue[] {
  const issues: Issue[] = wildcardIssues(rule);
  const { type } = rule;
  const fields = {
    columns: rule.columns,
    boundaries: rule.boundaries,
    partitions: rule.partitions,
    subpartitions: rule.subpartitions,
    numberOfPartitions: rule.numberOfPartitions,
    collectionCountFromMetadata: rule.collectionCountFromMetadata,
    maxRecordsSkipPerPage: rule.maxRecordsSkipPerPage,
    batchSize: rule.batchSize,
  };
  // Fields a type may take but does not need.
  const optional: readonly (keyof typeof fields)[] = ["subpartitions", "numberOfPartitions", "collectionCountFromMetadata", "maxRecordsSkipPerPage", "batchSize"];
  const used: Record<ParallelLoadType, readonly (keyof typeof fields)[]> = {
    ranges: ["columns", "boundaries"],
    "partitions-list": ["partitions", "subpartitions"],
    "partitions-auto": ["numberOfPartitions", "collectionCountFromMetadata", "maxRecordsSkipPerPage", "batchSize"],
    "subpartitions-auto": [],
    none: [],
  };
  for (const field of Object.keys(fields) as (keyof typeof fields)[]) {
    const wanted = used[type].includes(field);
    if (wanted && !optional.includes(field) && fields[field] === undefined) {
      const what = {
        columns: `1 to ${MAX_RANGE_COLUMNS} segment columns`,
        boundaries: "one array of column values per segment boundary, such as [[\"1000\"], [\"2000\"]]",
        partitions: "the partition names to load in parallel",
      }[field as "columns" | "boundaries" | "partitions"];
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
    subpartitions: z.array(z.string().min(1)).min(1).optional().describe("Oracle sources, type partitions-list: subpartitions loaded in parallel too"),
    numberOfPartitions: z.number().int().min(1).optional().describe("MongoDB/DocumentDB, type partitions-auto: segments per collection (DMS default 16)"),
    collectionCountFromMetadata: z.boolean().optional().describe("MongoDB/DocumentDB, type partitions-auto: count from metadata (DMS default true)"),
    maxRecordsSkipPerPage: z.number().int().min(1).optional().describe("MongoDB/DocumentDB, type partitions-auto: documents skipped per page (DMS default 10000)"),
    batchSize: z.number().int().min(0).optional().describe("MongoDB/DocumentDB, type partitions-auto: documents per batch (DMS default 0, no limit)"),
    lobSettings: lobSettingsSchema.optional().describe("Default the task's LOB settings"),
  })
  .superRefine((rule, ctx) => report(ctx, parallelLoadIssues(rule)))
  .describe("Load one table in parallel segments");

const lobSettingsRuleSchema = z
  .strictObject({ action: z.literal("lob-settings"), name: ruleName, schema: schemaName, table: tableName, ...lobFields })
  .superRefine((rule, ctx) => report(ctx, [...wildcardIssues(rule), ...lobIssues(rule)]))
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
  changeDataTypeSchema,
  addBeforeImageColumnsSchema,
  dataMaskingSchema,
  objectMappingSchema,
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
  Same<z.input<typeof changeDataTypeSchema>, ChangeDataTypeRule>,
  Same<z.input<typeof addBeforeImageColumnsSchema>, AddBeforeImageColumnsRule>,
  Same<z.input<typeof dataMaskingSchema>, DataMaskingRule>,
  Same<z.input<typeof objectMappingSchema>, ObjectMappingRule>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void interfacesMatchSchema;

export const RULE_SCHEMAS: Readonly<Record<TableMappingAction, z.ZodType>> = {
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
  "change-data-type": changeDataTypeSchema,
  "add-before-image-columns": addBeforeImageColumnsSchema,
  "data-masking-digits-mask": dataMaskingSchema,
  "data-masking-digits-randomize": dataMaskingSchema,
  "data-masking-hash-mask": dataMaskingSchema,
  "map-record-to-record": objectMappingSchema,
  "map-record-to-document": objectMappingSchema,
};
export const ACTIONS = Object.keys(RULE_SCHEMAS) as TableMappingAction[];
