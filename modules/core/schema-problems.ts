import { z } from "zod";
import { PathSegment, Problem, formatPath, renderValue, valueAt } from "./problem";

/** Turns schema-validation issues into problems that name the path, the bad value and what is allowed. */
export function problemsFromIssues(given: readonly z.core.$ZodIssue[], raw: unknown, schema: z.ZodType): Problem[] {
  const issues = expandUnions(given);
  const unknownKeys: Problem[] = [];
  // A required key that is missing because it was misspelt is reported once, as the misspelling.
  const misspelt = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const path = issue.path as PathSegment[];
    const known = knownKeysAt(schema, path, raw);
    for (const key of issue.keys) {
      const suggestion = closest(key, known);
      if (suggestion) misspelt.add(formatPath([...path, suggestion]));
      unknownKeys.push({
        path: formatPath([...path, key]),
        value: renderValue(valueAt(raw, [...path, key])),
        message: `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; allowed keys: ${known.join(", ")}`,
      });
    }
  }
  const others: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") continue;
    const path = issue.path as PathSegment[];
    const value = valueAt(raw, path);
    if (value === undefined && misspelt.has(formatPath(path))) continue;
    others.push({ path: formatPath(path), value: renderValue(value), message: describe(issue, value) });
  }
  return [...unknownKeys, ...others];
}

/**
 * A value that fits no member of a union: when it has the shape of one member (only that member's fields are wrong),
 * that member's issues are reported at their own fields, as if there were no union.
 */
function expandUnions(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
    const shaped = issue.errors.filter((member) => member.length > 0 && member.every((inner) => inner.path.length > 0));
    if (shaped.length !== 1) return [issue];
    return expandUnions(shaped[0].map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue));
  });
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_union": {
      const forms = issue.errors.flatMap((member) => member.filter((inner) => inner.path.length === 0).map((inner) => allowedBy(inner)));
      return `not allowed; allowed: ${forms.join(" | ")}`;
    }
    case "invalid_type":
      return value === undefined ? `required; allowed: ${issue.expected}` : `wrong type; allowed: ${issue.expected}`;
    case "invalid_value":
      return `not allowed; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}`;
    case "too_small":
      return `too small; allowed: ${bound(issue.origin, ">=", issue.minimum, issue.inclusive)}`;
    case "too_big":
      return `too big; allowed: ${bound(issue.origin, "<=", issue.maximum, issue.inclusive)}`;
    case "invalid_format":
      return `wrong format; allowed: ${issue.message}`;
    default:
      return issue.message;
  }
}

/** What one member of a union allows, from the issue it raised at the union's own path. */
function allowedBy(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value") return issue.values.map((v) => JSON.stringify(v)).join(" | ");
  if (issue.code === "invalid_type") return `an ${issue.expected}`;
  return issue.message;
}

function bound(origin: string, direction: ">=" | "<=", limit: number | bigint, inclusive = true): string {
  const op = inclusive ? direction : direction[0];
  if (origin === "array") return `${op} ${limit} items`;
  if (origin === "string") return `${op} ${limit} characters`;
  return `${op} ${limit}`;
}

/**
 * The keys an object schema accepts at `path` (array indices and record keys are passed through). In a
 * union, the member is chosen by the value of its discriminator in the raw data (such as `action`).
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[], raw?: unknown): string[] {
  let node: z.core.$ZodType | undefined = unwrap(schema);
  for (let depth = 0; node; depth++) {
    node = chooseUnionMember(node, valueAt(raw, path.slice(0, depth)));
    if (depth === path.length) break;
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    const segment = path[depth];
    if (def.type === "object") node = (def.shape as Record<string, z.core.$ZodType>)[segment];
    else if (def.type === "array") node = def.element as z.core.$ZodType;
    else if (def.type === "record") node = def.valueType as z.core.$ZodType;
    else return [];
    node = node && unwrap(node);
  }
  const def = node?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape).filter((key) => key !== "$schema") : [];
}

function chooseUnionMember(node: z.core.$ZodType, value: unknown): z.core.$ZodType {
  const def = node._zod.def as unknown as { type: string; discriminator?: string; options?: z.core.$ZodType[] };
  if (def.type === "union" && !def.discriminator && def.options && value !== null && typeof value === "object") {
    // A union of an array form and an object form (such as tableMappings): the member of the value's own shape.
    const wanted = Array.isArray(value) ? "array" : "object";
    const members = def.options.filter((option) => unwrap(option)._zod.def.type === wanted);
    if (members.length === 1) return unwrap(members[0]);
  }
  if (def.type !== "union" || !def.discriminator || !def.options || value === null || typeof value !== "object") return node;
  const wanted = (value as Record<string, unknown>)[def.discriminator];
  const member = def.options.find((option) => {
    const shape = (option._zod.def as unknown as { shape?: Record<string, z.core.$ZodType> }).shape;
    const values = (shape?.[def.discriminator as string]?._zod.def as unknown as { values?: unknown[] } | undefined)?.values;
    return values?.includes(wanted);
  });
  return member ? unwrap(member) : node;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let node = schema;
  for (;;) {
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    if ("innerType" in def) node = def.innerType as z.core.$ZodType;
    else if (def.type === "pipe") node = def.in as z.core.$ZodType;
    else return node;
  }
}

/** The known key closest to a misspelt one, when it is close enough to be a typo. */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
