import { Token } from "cdktf";
import { PathSegment, Problem, formatPath } from "./problem";
import { REFERENCE_KEY, SECRET_KEY, looksRandom, secretInText } from "./secret-text";

/** What an SSM parameter name or an ARN can be made of; a value outside it given where one belongs is not a name. */
const PARAMETER_NAME_OR_ARN = /^(?:arn:\S+|[A-Za-z0-9_.\-/]{1,2048})$/;

export const PROP_SECRET_ADVICE =
  "a construct's props are written into cdk.tf.json and the state in plain text; keep the secret in SSM Parameter Store (SecureString) or Secrets Manager and give its name or ARN";

/**
 * Literal secrets in a construct's props: every plain string, however deep in plain objects and arrays (tags,
 * descriptions, scripts, URLs), classified by the same secretInText as the environment files; and a prop that names
 * where a secret lives (`passwordParameterName`, `secretArn`) holding something that cannot be such a name. Tokens
 * (values known at apply time) and constructs are skipped. Problems never repeat the value. Linear in the props' size.
 */
export function propSecretProblems(props: unknown): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<object>();
  const pending: Array<{ readonly value: unknown; readonly path: readonly PathSegment[] }> = [{ value: props, path: [] }];
  // Depth-first in the props' own order: children are pushed in reverse.
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === "string") {
      const reason = Token.isUnresolved(value) ? undefined : secretReason(value, path[path.length - 1]);
      if (reason) problems.push({ path: formatPath(path), value: `(not shown: looks like ${reason})`, message: PROP_SECRET_ADVICE });
    } else if (Array.isArray(value) || isPlainObject(value)) {
      if (seen.has(value)) continue;
      seen.add(value);
      const entries: Array<[PathSegment, unknown]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index--) pending.push({ value: entries[index][1], path: [...path, entries[index][0]] });
    }
  }
  return problems;
}

function secretReason(text: string, key: PathSegment | undefined): string | undefined {
  const byText = secretInText(text);
  if (byText) return byText;
  if (typeof key !== "string" || text === "" || !REFERENCE_KEY.test(key) || !SECRET_KEY.test(key.replace(REFERENCE_KEY, ""))) return undefined;
  // A library user may name a parameter without the leading slash, so only what no name or ARN can be is refused.
  if (!PARAMETER_NAME_OR_ARN.test(text) || (!text.includes("/") && !text.startsWith("arn:") && looksRandom(text))) {
    return "a secret given where the name or ARN of the place it is kept belongs";
  }
  return undefined;
}

/** Objects written as literals (`{ ... }`), not constructs, providers, tokens or other class instances. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
