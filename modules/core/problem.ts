/** One thing wrong with a piece of input (an environment file, task settings, ...). */
export interface Problem {
  /** Field path such as `database.allowedIngress[0].cidr`; empty for the whole file. */
  readonly path: string;
  /** The bad value as written, `(missing)`, or a note when the value must not be shown. */
  readonly value: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === "number" ? `${text}[${segment}]` : text === "" ? segment : `${text}.${segment}`),
    "",
  );
}

/** The value at `path` inside parsed JSON, or undefined. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

/** A short rendering of a value for an error line. */
export function renderValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Collects problems as they are found; each names a path, the bad value and what is wrong. */
export class ProblemList {
  readonly items: Problem[] = [];

  add(path: readonly PathSegment[], value: unknown, message: string): void {
    this.items.push({ path: formatPath(path), value: renderValue(value), message });
  }

  /** Adds problems found by someone else under `path`, such as a builder's own validation. */
  addAll(path: readonly PathSegment[], problems: readonly Problem[]): void {
    const prefix = formatPath(path);
    for (const problem of problems) {
      const nested = problem.path === "" ? prefix : problem.path.startsWith("[") ? `${prefix}${problem.path}` : `${prefix}.${problem.path}`;
      this.items.push({ ...problem, path: nested });
    }
  }
}
