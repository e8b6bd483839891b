import { PathSegment, Problem, formatPath } from "../core/problem";
import { REFERENCE, REFERENCE_KEY, SECRET_KEY, secretInText } from "../core/secret-text";

export { looksRandom, secretInText, shannonEntropy } from "../core/secret-text";

const ADVICE =
  "an environment file must never hold a password, secret or key; keep it in SSM Parameter Store as a SecureString and give the parameter's name instead";

/**
 * Finds literal secrets anywhere in a parsed environment file, before any schema check, so a file holding
 * a password is refused with that reason and the value is never echoed back: a value under a key named
 * like a secret, and any string that holds one (secretInText). Walks the value without recursion, in time
 * linear in its size.
 */
export function findLiteralSecrets(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  // Depth-first, in document order: children are pushed in reverse. Each node points at its parent, so a path
  // is built only for a value that is reported (copying it per node would be quadratic in the depth).
  const pending: Visit[] = [{ value: raw, key: "" }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const { value, key } = visit;
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) pending.push({ value: value[index], key, segment: index, parent: visit });
    } else if (value !== null && typeof value === "object") {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [childKey, child] = entries[index];
        pending.push({ value: child, key: childKey, segment: childKey, parent: visit });
      }
    } else if (typeof value === "string" || typeof value === "number") {
      const text = String(value);
      // `passwordParameterName: "hunter2-..."`: a reference key of a secret holding something that is not a reference.
      const reference = REFERENCE_KEY.test(key);
      const byKey = text.length > 0 && (reference ? SECRET_KEY.test(key.replace(REFERENCE_KEY, "")) && !REFERENCE.test(text) : SECRET_KEY.test(key));
      const byValue = typeof value === "string" ? secretInText(text) : undefined;
      if (byKey || byValue) {
        problems.push({
          path: formatPath(pathOf(visit)),
          value: `(not shown: ${byValue ?? `a ${text.length}-character value`})`,
          message: ADVICE,
        });
      }
    }
  }
  return problems;
}

/** One value on the way through the document: the key it sits under (an array's items keep their array's key). */
interface Visit {
  readonly value: unknown;
  readonly key: string;
  readonly segment?: PathSegment;
  readonly parent?: Visit;
}

function pathOf(visit: Visit): PathSegment[] {
  const path: PathSegment[] = [];
  for (let node: Visit | undefined = visit; node?.segment !== undefined; node = node.parent) path.push(node.segment);
  return path.reverse();
}
