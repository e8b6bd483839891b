// What a text holds that must never be written into an environment file, a construct's props or cdk.tf.json: one
// classifier, used by the environment-file scan (config/secret-scan.ts) and by every construct's validateProps.

/** Keys that would hold a secret if given a literal value. */
export const SECRET_KEY = /pass(word|wd|phrase)?$|pwd|secret(?!s?Manager)|token|credential|private_?key|access_?key|api_?key|connection_?string/i;
/** Keys that name where a secret lives, which is what a file should hold. */
export const REFERENCE_KEY = /(ParameterName|Parameter|Arn|Version)$/;
/** What a reference key holds: an SSM name or ARN, a version number; anything else there is a secret pasted into it. */
export const REFERENCE = /^(\/|arn:|\d+$)/;

/*
 * Every pattern below runs in time linear in the text: no unbounded quantifier is followed by something
 * that can fail after it (which would make a backtracking engine retry from every position), and texts are
 * split into runs by single-class global expressions, which never backtrack.
 */

/** AWS access key ids: long-term (AKIA) and temporary (ASIA). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
/** PEM private keys (PKCS#1 `RSA`, `EC`, `DSA`, `OPENSSH`, PKCS#8 `ENCRYPTED` or none, PGP `... BLOCK`). */
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY/;
/** `password=...`, `api_key: ...`, `"client_secret": "..."`: a secret-like word (with an optional prefix), then `=` or `:`, then a value. */
const KEY_VALUE =
  /(?:^|[^A-Za-z0-9])(["']?)((?:[A-Za-z0-9]{0,40}[_-]?)?(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?))\1[ \t]{0,8}([=:])([ \t]{0,8})["']?([^\s"'&;,)]+)/gi;
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:/;
/** SQL giving a password literal: `... PASSWORD 'x'` (PostgreSQL, SQL Server) or Oracle's `IDENTIFIED BY x`. */
const SQL_PASSWORD = /\bpassword\s{1,8}(?:=\s{0,8})?'[^']|\bidentified\s{1,8}by\s{1,8}(?!values\b|externally\b|globally\b)["A-Za-z0-9]/i;
/** What follows `://` up to the path, query, fragment or a space: `user:password@host:port`. */
const AUTHORITY = /:\/\/([^\s/?#]*)/g;
/** A URL query parameter named like a credential: `?token=`, `&X-Amz-Signature=`, `&client_secret=`, ... */
const QUERY_PARAMETER = /[?&;]([A-Za-z0-9_.-]{1,64})=([^&#\s]*)/g;
const CREDENTIAL_PARAMETER = /^(?:.*[_.-])?(?:token|secret|password|passwd|pwd|pass|apikey|api[_-]?key|key|sig|signature|credential|auth|code)$/i;
/** Words after which a random-looking value is a secret. */
const SECRET_WORD = /password|passwd|pwd|secret|token|bearer|api[_-]?key|apikey|credential|private[_-]?key|auth/gi;
/** Runs of characters a token or key is made of. */
const TOKEN_RUN = /[A-Za-z0-9+/=_.-]+/g;
/** How far before a value a secret-like word counts as naming it. */
const NEAR = 32;

/** A value written in place of a secret, not a secret: `${VAR}`, `{{resolve:...}}`, `<password>`, `%s`, `****`. */
const PLACEHOLDER = /^(?:[$<{%?:]|[*xX.]+$)/;

/**
 * Why a text holds a secret, or undefined. The reason describes the kind of secret and never repeats any
 * of the text, so it can be printed. Linear in the length of the text.
 */
export function secretInText(text: string): string | undefined {
  if (ACCESS_KEY_ID.test(text)) return "an AWS access key id";
  if (PRIVATE_KEY.test(text)) return "a private key";
  const url = urlCredentialReason(text);
  if (url) return url;
  const keyValue = keyValueSecret(text);
  if (keyValue) return keyValue;
  if (SQL_PASSWORD.test(text)) return "a password literal in SQL";
  return randomValueReason(text);
}

/** A URL whose user information holds a password (`scheme://user:pass@host`) or whose query holds a credential. */
function urlCredentialReason(text: string): string | undefined {
  if (!text.includes("://")) return queryOrWebhookReason(text);
  // The authority ends at the first `/`, `?`, `#` or space: each character is looked at once over all URLs.
  AUTHORITY.lastIndex = 0;
  for (let match = AUTHORITY.exec(text); match; match = AUTHORITY.exec(text)) {
    const authority = match[1];
    // The next `://` may begin inside this authority (`a://b://...`); authorities end where the next begins, so
    // no character is read more than twice.
    AUTHORITY.lastIndex = match.index + 3;
    const userInfoEnd = authority.lastIndexOf("@");
    if (userInfoEnd > 0) {
      const colon = authority.indexOf(":");
      if (colon >= 0 && colon < userInfoEnd - 1 && !PLACEHOLDER.test(authority.slice(colon + 1, userInfoEnd))) {
        return "a connection URL with a password in it";
      }
    }
  }
  return queryOrWebhookReason(text);
}

function queryOrWebhookReason(text: string): string | undefined {
  if (text.includes("?") || text.includes("&")) {
    QUERY_PARAMETER.lastIndex = 0;
    for (let match = QUERY_PARAMETER.exec(text); match; match = QUERY_PARAMETER.exec(text)) {
      const [, name, value] = match;
      if (value !== "" && CREDENTIAL_PARAMETER.test(name) && !PLACEHOLDER.test(value)) return `a "${name}" URL query parameter, which carries a credential`;
    }
  }
  // Webhook services whose URL is itself the credential (Slack, Teams, ...), as for alarm subscribers.
  return text.startsWith("https://") && !/\s/.test(text) ? endpointCredentialReason(text) : undefined;
}

function keyValueSecret(text: string): string | undefined {
  // An ARN names a secret (`...:secret:name`); it is not one.
  if (ARN.test(text)) return undefined;
  KEY_VALUE.lastIndex = 0;
  for (let match = KEY_VALUE.exec(text); match; match = KEY_VALUE.exec(text)) {
    const [, quote, key, separator, space, value] = match;
    // `Password: rotated monthly` is prose; `password:x`, `"password": "x"` and `password = x` are not.
    if (separator === ":" && quote === "" && space !== "") continue;
    if (PLACEHOLDER.test(value)) continue;
    return `a value given to "${key}"`;
  }
  return undefined;
}

/**
 * AWS secret access keys (40 characters of base64, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html)
 * standing alone or after a secret-like word, and any random-looking value of 20 or more characters after
 * a secret-like word (`Bearer eyJ...`, `token ghp_...`).
 */
function randomValueReason(text: string): string | undefined {
  const words: number[] = [];
  SECRET_WORD.lastIndex = 0;
  for (let match = SECRET_WORD.exec(text); match; match = SECRET_WORD.exec(text)) words.push(match.index + match[0].length);
  const trimmed = text.trim();
  let word = 0;
  TOKEN_RUN.lastIndex = 0;
  for (let match = TOKEN_RUN.exec(text); match; match = TOKEN_RUN.exec(text)) {
    const run = match[0];
    if (run.length < 20) continue;
    while (word < words.length && words[word] < match.index - NEAR) word++;
    const named = word < words.length && words[word] <= match.index;
    const secretKey = run.length === 40 && /^[A-Za-z0-9+/]{40}$/.test(run) && looksRandom(run);
    if (secretKey && (named || run === trimmed)) return "an AWS secret access key";
    if (named && looksRandom(run)) return "a random-looking value after a secret-like word";
  }
  return undefined;
}

/**
 * Whether a run of 20 or more characters looks generated: upper and lower case letters and digits, and a
 * Shannon entropy of at least 3.5 bits per character (names and paths have fewer character kinds or
 * repeat letters; a git commit id has no capitals).
 */
export function looksRandom(run: string): boolean {
  if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/[0-9]/.test(run)) return false;
  return shannonEntropy(run) >= 3.5;
}

/** Bits per character of a text's character distribution. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/** Webhook services whose URL is itself the credential. */
const CREDENTIAL_URLS: ReadonlyArray<[RegExp, string]> = [
  [/^https:\/\/hooks\.slack\.com\//i, "a Slack incoming webhook, whose path is its token"],
  [/^https:\/\/[^/]*\.webhook\.office\.com\//i, "a Microsoft Teams webhook, whose path is its token"],
  [/^https:\/\/outlook\.office(365)?\.com\/webhook/i, "a Microsoft Teams webhook, whose path is its token"],
  [/^https:\/\/(discord|discordapp)\.com\/api\/webhooks\//i, "a Discord webhook, whose path is its token"],
  [/^https:\/\/events\.pagerduty\.com\//i, "a PagerDuty integration URL, whose path holds the integration key"],
];
/** Query parameters that carry credentials (`?token=`, `?api_key=`, `?sig=`, ...). */
const CREDENTIAL_QUERY = /token|key|secret|sig|pass|pwd|auth|code|credential/i;
/** A path segment that looks generated rather than named: 20+ letters and digits with no separators. */
const TOKEN_SEGMENT = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_]{20,}$/;

/**
 * Why an HTTPS endpoint holds a credential, or undefined when it does not. The reason never repeats the
 * URL, so it can be printed.
 */
export function endpointCredentialReason(endpoint: string): string | undefined {
  const known = CREDENTIAL_URLS.find(([pattern]) => pattern.test(endpoint));
  if (known) return known[1];
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  if (url.username !== "" || url.password !== "") return "a user name or password in the URL";
  const queryKey = [...url.searchParams.keys()].find((key) => CREDENTIAL_QUERY.test(key));
  if (queryKey !== undefined) return `a "${queryKey}" query parameter`;
  if (url.pathname.split("/").some((segment) => TOKEN_SEGMENT.test(segment))) return "a path segment that looks like a token";
  return undefined;
}
