import { PathSegment, Problem, formatPath } from "../core/problem";
import { endpointCredentialReason } from "../monitoring/alarm-subscriber";

/** Keys that would hold a secret if given a literal value. */
const SECRET_KEY = /pass(word|wd|phrase)?$|pwd|secret(?!s?Manager)|token|credential|private_?key|access_?key|api_?key|connection_?string/i;
/** Keys that name where a secret lives, which is what a file should hold. */
const REFERENCE_KEY = /(ParameterName|Parameter|Arn|Version)$/;

const SECRET_VALUES: ReadonlyArray<[RegExp, string]> = [
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, "an AWS access key id"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i, "a connection URL with a password in it"],
];

const ADVICE =
  "an environment file must never hold a password, secret or key; keep it in SSM Parameter Store as a SecureString and give the parameter's name instead";

/**
 * Finds literal secrets anywhere in a parsed environment file, before any schema check, so a file holding
 * a password is refused with that reason and the value is never echoed back.
 */
export function findLiteralSecrets(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, path: PathSegment[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
    } else if (typeof value === "string" || typeof value === "number") {
      const key = [...path].reverse().find((segment): segment is string => typeof segment === "string") ?? "";
      const text = String(value);
      const byKey = SECRET_KEY.test(key) && !REFERENCE_KEY.test(key) && text.length > 0;
      // A webhook URL with its token in it (a Slack or Teams URL, say) is a credential too.
      const byValue = SECRET_VALUES.find(([pattern]) => pattern.test(text))?.[1] ?? (text.startsWith("https://") ? endpointCredentialReason(text) : undefined);
      if (byKey || byValue) {
        problems.push({
          path: formatPath(path),
          value: `(not shown: ${byValue ?? `a ${text.length}-character value`})`,
          message: ADVICE,
        });
      }
    }
  };
  visit(raw, []);
  return problems;
}
