import { z } from "zod";
import { renderValue } from "../../core/problem";
import { closest } from "../../core/schema-problems";
import { TableMappingProblem, checkRules } from "./rule-checks";
import { TableMappingRule } from "./rule-schemas";

// Table mappings written the way AWS writes them (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.html),
// turned into this library's plain-data rules, which are then checked as any others. What AWS writes in two ways is
// accepted both ways and normalised: rule ids and `load-order` as strings or numbers, `bulk-max-size` and
// `collection-count-from-metadata` as strings or their values. Rule ids become positions ("1", "2", ...).

/** `{"rules": [...]}` as AWS writes it; each rule is checked by {@link rulesFromAws}. */
export const awsTableMappingsSchema = z
  .strictObject({
    rules: z.array(z.looseObject({ "rule-type": z.string() })).min(1),
  })
  .describe("AWS's own table-mappings JSON, pasted as it is: {\"rules\": [{\"rule-type\": \"selection\", ...}]}");

export type AwsTableMappings = z.input<typeof awsTableMappingsSchema>;

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A whole number written as a number or a string of digits (AWS's examples do both). */
function wholeNumber(value: unknown): unknown {
  return typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
}

function flag(value: unknown): unknown {
  return value === "true" ? true : value === "false" ? false : value;
}

const RULE_KEYS: Readonly<Record<string, readonly string[]>> = {
  selection: ["rule-type", "rule-id", "rule-name", "object-locator", "rule-action", "filters", "load-order"],
  transformation: [
    "rule-type", "rule-id", "rule-name", "rule-target", "object-locator", "rule-action", "value", "old-value", "expression",
    "data-type", "primary-key-def", "before-image-def",
  ],
  "table-settings": ["rule-type", "rule-id", "rule-name", "object-locator", "parallel-load", "lob-settings"],
};

const LOCATOR_KEYS = ["schema-name", "table-name", "column-name", "table-type", "table-tablespace-name", "index-tablespace-name"];

/** Actions whose rule-target is fixed; the plain-data rule has no `target`. */
const FIXED_TARGETS: Readonly<Record<string, string>> = {
  "remove-column": "column",
  "add-column": "column",
  "change-data-type": "column",
  "data-masking-digits-mask": "column",
  "data-masking-digits-randomize": "column",
  "data-masking-hash-mask": "column",
  "define-primary-key": "table",
  // AWS's example writes "column": the rule adds columns to the table it locates.
  "add-before-image-columns": "column",
};

/** The AWS key a plain-data field comes from, for messages in the terms the file was written in. */
const AWS_FIELD: Readonly<Record<string, string>> = {
  action: "rule-action",
  name: "rule-name",
  ruleName: "rule-name",
  target: "rule-target",
  schema: "object-locator.schema-name",
  table: "object-locator.table-name",
  column: "object-locator.column-name",
  tableType: "object-locator.table-type",
  loadOrder: "load-order",
  oldValue: "old-value",
  dataType: "data-type",
  columns: "parallel-load.columns",
  boundaries: "parallel-load.boundaries",
  partitions: "parallel-load.partitions",
  subpartitions: "parallel-load.subpartitions",
  type: "parallel-load.type",
  numberOfPartitions: "parallel-load.number-of-partitions",
  collectionCountFromMetadata: "parallel-load.collection-count-from-metadata",
  maxRecordsSkipPerPage: "parallel-load.max-records-skip-per-page",
  batchSize: "parallel-load.batch-size",
  lobSettings: "lob-settings",
  mode: "lob-settings.mode",
  bulkMaxSize: "lob-settings.bulk-max-size",
  columnPrefix: "before-image-def.column-prefix",
  columnSuffix: "before-image-def.column-suffix",
  columnFilter: "before-image-def.column-filter",
  tablespace: "object-locator.table-tablespace-name",
  filters: "filters",
};

/** `[2].table` of a converted rule as `[2].object-locator.table-name`, the path in the file as written. */
export function awsPath(path: string): string {
  const match = /^(\[\d+\])\.?([A-Za-z]+)(.*)$/.exec(path);
  if (!match) return path;
  const [, index, field, rest] = match;
  const aws = AWS_FIELD[field];
  return aws === undefined ? path : `${index}.${aws}${rest.replace(/\.([a-z])([A-Za-z]*)/g, (_, first: string, tail: string) => `.${first}${tail.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)}`;
}

interface Converted {
  readonly rule?: Raw;
  readonly problems: TableMappingProblem[];
}

/** One AWS rule as a plain-data rule, or the problems that keep it from being one. */
export function ruleFromAws(raw: unknown, index: number): Converted {
  const problems: TableMappingProblem[] = [];
  const name = isRecord(raw) && typeof raw["rule-name"] === "string" ? raw["rule-name"] : String(index + 1);
  const fail = (path: string, value: unknown, message: string) =>
    problems.push({ index, ruleName: name, path: `[${index}]${path === "" ? "" : `.${path}`}`, value: renderValue(value), message });
  if (!isRecord(raw)) {
    fail("", raw, "wrong type; allowed: an object with rule-type, rule-id, rule-name and rule-action");
    return { problems };
  }
  const ruleType = raw["rule-type"];
  const allowed = typeof ruleType === "string" ? RULE_KEYS[ruleType] : undefined;
  if (allowed === undefined) {
    fail("rule-type", ruleType, `not supported here; allowed: ${Object.keys(RULE_KEYS).map((type) => JSON.stringify(type)).join(" | ")}`);
    return { problems };
  }
  const unknown = (object: Raw, known: readonly string[], prefix: string) => {
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const suggestion = closest(key, known);
      fail(`${prefix}${key}`, object[key], `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; allowed keys: ${known.join(", ")}`);
    }
  };
  unknown(raw, allowed, "");
  const id = raw["rule-id"];
  if (id !== undefined && !(typeof id === "number" || (typeof id === "string" && /^\d+$/.test(id)))) {
    fail("rule-id", id, "not a rule id; allowed: a number, or a string of digits such as \"1\" (ids become positions: \"1\", \"2\", ...)");
  }
  const locator = raw["object-locator"];
  if (!isRecord(locator)) {
    fail("object-locator", locator, 'required; allowed: an object such as {"schema-name": "dbo", "table-name": "%"}');
    return { problems };
  }
  unknown(locator, LOCATOR_KEYS, "object-locator.");
  const common: Raw = { name: raw["rule-name"], schema: locator["schema-name"], table: locator["table-name"] };

  let rule: Raw | undefined;
  if (ruleType === "selection") {
    rule = {
      action: raw["rule-action"],
      ...common,
      tableType: locator["table-type"],
      loadOrder: wholeNumber(raw["load-order"]),
      filters: Array.isArray(raw.filters) ? raw.filters.map(filterFromAws) : raw.filters,
    };
    // Hackney's and AWS's explicit and exclude rules carry an empty filter list.
    if (Array.isArray(raw.filters) && raw.filters.length === 0 && raw["rule-action"] !== "include") delete rule.filters;
  } else if (ruleType === "transformation") {
    const action = raw["rule-action"];
    const target = raw["rule-target"];
    const fixed = typeof action === "string" ? FIXED_TARGETS[action] : undefined;
    if (fixed !== undefined && target !== fixed) {
      fail("rule-target", target, `"${action}" acts on a ${fixed}; allowed: "${fixed}"`);
      return { problems };
    }
    const tablespace = target === "table-tablespace" || target === "index-tablespace" ? locator[`${target}-name`] : undefined;
    for (const key of ["table-tablespace-name", "index-tablespace-name"]) {
      if (locator[key] !== undefined && key !== `${target}-name`) fail(`object-locator.${key}`, locator[key], `used only with rule-target "${key.replace(/-name$/, "")}"`);
    }
    const base: Raw = { action, ...common, column: locator["column-name"] };
    if (fixed === undefined) Object.assign(base, { target, tablespace });
    if (action === "define-primary-key") {
      const key = isRecord(raw["primary-key-def"]) ? raw["primary-key-def"] : {};
      rule = { action, ruleName: raw["rule-name"], schema: common.schema, table: common.table, name: key.name, origin: key.origin, columns: key.columns };
    } else if (action === "add-column") {
      rule = { action, ...common, value: raw.value, expression: raw.expression, dataType: raw["data-type"] };
    } else if (action === "change-data-type") {
      rule = { ...base, dataType: raw["data-type"] };
    } else if (action === "add-before-image-columns") {
      const def = isRecord(raw["before-image-def"]) ? raw["before-image-def"] : {};
      rule = { action, ...common, columnPrefix: def["column-prefix"], columnSuffix: def["column-suffix"], columnFilter: def["column-filter"] };
    } else {
      rule = { ...base, value: raw.value, oldValue: raw["old-value"] };
    }
  } else {
    const parallel = raw["parallel-load"];
    const lob = isRecord(raw["lob-settings"]) ? lobFromAws(raw["lob-settings"]) : raw["lob-settings"];
    if (parallel === undefined) {
      rule = { action: "lob-settings", ...common, ...(isRecord(lob) ? lob : {}) };
      if (lob === undefined) fail("", raw, "a table-settings rule needs parallel-load or lob-settings");
    } else {
      const load = isRecord(parallel) ? parallel : {};
      rule = {
        action: "parallel-load",
        ...common,
        type: load.type,
        columns: load.columns,
        boundaries: load.boundaries,
        partitions: load.partitions,
        subpartitions: load.subpartitions,
        numberOfPartitions: wholeNumber(load["number-of-partitions"]),
        collectionCountFromMetadata: flag(load["collection-count-from-metadata"]),
        maxRecordsSkipPerPage: wholeNumber(load["max-records-skip-per-page"]),
        batchSize: wholeNumber(load["batch-size"]),
        lobSettings: lob,
      };
    }
  }
  const defined = Object.fromEntries(Object.entries(rule).filter(([, value]) => value !== undefined));
  return problems.length > 0 ? { problems } : { rule: defined, problems };
}

function filterFromAws(filter: unknown): unknown {
  if (!isRecord(filter)) return filter;
  const conditions = filter["filter-conditions"];
  return Object.fromEntries(
    Object.entries({
      column: filter["column-name"],
      conditions: Array.isArray(conditions)
        ? conditions.map((condition) =>
            isRecord(condition)
              ? Object.fromEntries(
                  Object.entries({
                    operator: condition["filter-operator"],
                    value: condition.value,
                    startValue: condition["start-value"],
                    endValue: condition["end-value"],
                  }).filter(([, value]) => value !== undefined),
                )
              : condition,
          )
        : conditions,
    }).filter(([, value]) => value !== undefined),
  );
}

function lobFromAws(lob: Raw): Raw {
  return Object.fromEntries(Object.entries({ mode: lob.mode, bulkMaxSize: wholeNumber(lob["bulk-max-size"]) }).filter(([, value]) => value !== undefined));
}

/**
 * AWS's `{"rules": [...]}` as plain-data rules, checked like {@link TableMappings.fromRules}, with every problem's
 * path in the terms the file was written in (`[2].object-locator.table-name`).
 */
export function rulesFromAws(mappings: unknown): { rules: TableMappingRule[]; problems: TableMappingProblem[] } {
  const parsed = awsTableMappingsSchema.safeParse(mappings);
  if (!parsed.success) {
    return { rules: [], problems: [{ path: "", value: renderValue(mappings), message: 'not AWS table mappings; allowed: {"rules": [{"rule-type": ..., "rule-id": ..., ...}, ...]}' }] };
  }
  const converted = parsed.data.rules.map((rule, index) => ruleFromAws(rule, index));
  const problems = converted.flatMap((each) => each.problems);
  if (problems.length > 0) return { rules: [], problems };
  const check = checkRules(converted.map((each) => each.rule));
  if (check.problems.length > 0) return { rules: [], problems: check.problems.map((problem) => ({ ...problem, path: awsPath(problem.path) })) };
  return { rules: [...check.rules.values()], problems: [] };
}

/** Table mappings of an environment file: this library's rules, or AWS's `{"rules": [...]}` pasted as it is. */
export type TableMappingsInput = readonly TableMappingRule[] | AwsTableMappings;

/** Whether `input` is AWS's form rather than an array of this library's rules. */
export function isAwsTableMappings(input: unknown): input is AwsTableMappings {
  return isRecord(input) && "rules" in input;
}
