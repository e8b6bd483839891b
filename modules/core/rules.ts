import { IConstruct } from "constructs";
import { ValidationError } from "./errors";
import { PathSegment, Problem, formatPath, renderValue, valueAt } from "./problem";
import { PROJECT_ENVIRONMENT_RULES, hasProjectEnvironment } from "./project-environment";
import { propSecretProblems } from "./prop-secrets";

/**
 * One rule as data, after aws-rds's `ValidationRule` tables
 * (https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-rds/lib/validate-database-cluster-props.ts):
 * when `when(props)` holds, the props break it. Constructs run their tables on their props, and the environment
 * loader runs the same tables on the props it is about to build, so a rule is written once.
 */
export interface Rule<T> {
  /** The prop the problem is about, such as `["sslMode"]`; `[]` for the props as a whole. */
  readonly path: readonly PathSegment[];
  readonly when: (props: T) => boolean;
  /** What is wrong and what is allowed. */
  readonly message: string | ((props: T) => string);
  /** Set for values that must never be echoed (secrets). @default false */
  readonly hideValue?: boolean;
}

/** Every rule of `rules` that `props` break. */
export function checkRules<T>(rules: readonly Rule<T>[], props: T): Problem[] {
  return rules
    .filter((rule) => rule.when(props))
    .map((rule) => ({
      path: formatPath(rule.path),
      value: rule.hideValue ? "(not shown)" : renderValue(valueAt(props, rule.path)),
      message: typeof rule.message === "function" ? rule.message(props) : rule.message,
    }));
}

/**
 * Runs rule tables on a construct's props and throws one `ValidationError` with every problem found. Every
 * construct's props also get the rules every construct shares: the project and environment names (when the props
 * have them) and no literal secret in any string (propSecretProblems), each prop reported once.
 */
export function validateProps<T>(scope: IConstruct, props: T, ...tables: readonly (readonly Rule<T>[])[]): void {
  validateWith(scope, props, tables.flatMap((rules) => checkRules(rules, props)));
}

/**
 * validateProps for a construct whose own checks are more than rule tables: `problems` (what its checks found) and
 * the rules every construct shares, thrown together in one `ValidationError`.
 */
export function validateWith(scope: IConstruct, props: unknown, problems: readonly Problem[]): void {
  const all = [...problems, ...(hasProjectEnvironment(props) ? checkRules(PROJECT_ENVIRONMENT_RULES, props) : [])];
  throwIfProblems(scope, withSecretsHidden(all, propSecretProblems(props)));
}

/** `problems` plus `secrets`, each prop once: a rule's problem about a prop holding a secret keeps its message, not the value. */
export function withSecretsHidden(problems: readonly Problem[], secrets: readonly Problem[]): Problem[] {
  const hidden = new Map(secrets.map((secret) => [secret.path, secret.value]));
  const reported = new Set(problems.map((problem) => problem.path));
  return [
    ...problems.map((problem) => (hidden.has(problem.path) ? { ...problem, value: hidden.get(problem.path) as string } : problem)),
    ...secrets.filter((secret) => !reported.has(secret.path)),
  ];
}

/** Throws one `ValidationError` listing `problems`, unless there are none. */
export function throwIfProblems(scope: IConstruct, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ValidationError(scope, problems);
}

/** Problems found under `prefix`, such as a nested builder's, renamed to their place in the outer props. */
export function nestProblems(prefix: readonly PathSegment[], problems: readonly Problem[]): Problem[] {
  const head = formatPath(prefix);
  return problems.map((problem) => ({
    ...problem,
    path: problem.path === "" ? head : problem.path.startsWith("[") ? `${head}${problem.path}` : head === "" ? problem.path : `${head}.${problem.path}`,
  }));
}

/**
 * A rule table run on the props an environment-file entry builds, with each problem reported at the entry's own
 * field: `filePaths` names the props whose file key differs (`{ serverName: "server" }`; `""` for the entry itself).
 */
export function fileProblems<T>(rules: readonly Rule<T>[], props: T, filePaths: Readonly<Record<string, string>> = {}): Problem[] {
  return checkRules(rules, props).map((problem) => {
    const mapped = Object.keys(filePaths)
      .sort((a, b) => b.length - a.length)
      .find((prop) => problem.path === prop || problem.path.startsWith(`${prop}.`));
    if (mapped === undefined) return problem;
    const rest = problem.path.slice(mapped.length).replace(/^\./, "");
    const head = filePaths[mapped];
    return { ...problem, path: [head, rest].filter(Boolean).join(".") };
  });
}
