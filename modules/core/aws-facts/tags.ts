/**
 * Tag limits of AWS resources. Source:
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html#id_tags_naming_best_practices
 * ("Tag naming limits and requirements"), checked 2026-12: at most 50 user tags per resource, keys of 1 to
 * 128 characters, values of 0 to 256, letters, digits, spaces and `_ . : / = + - @`, and no key starting
 * with `aws:`, which AWS reserves.
 */
export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

const CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALLOWED = "letters, digits, spaces and _ . : / = + - @";

export interface TagProblem {
  /** The tag key at fault, or undefined for the whole set (too many). */
  readonly key?: string;
  /** Whether the problem is with the value rather than the key. */
  readonly inValue: boolean;
  readonly message: string;
}

/**
 * Every problem of a set of tags on one resource. `alreadyApplied` counts tags that reach the same
 * resource another way (provider default tags), which count against the same 50.
 */
export function tagProblems(tags: Readonly<Record<string, string>>, alreadyApplied = 0): TagProblem[] {
  const problems: TagProblem[] = [];
  const keys = Object.keys(tags);
  if (keys.length + alreadyApplied > MAX_TAGS_PER_RESOURCE) {
    problems.push({
      inValue: false,
      message: `${keys.length + alreadyApplied} tags${alreadyApplied > 0 ? ` (${alreadyApplied} applied by default)` : ""}; allowed: at most ${MAX_TAGS_PER_RESOURCE} per resource`,
    });
  }
  for (const key of keys) {
    const value = tags[key];
    const length = [...key].length;
    if (length === 0 || length > MAX_TAG_KEY_LENGTH) {
      problems.push({ key, inValue: false, message: `the key is ${length} characters long; allowed: 1 to ${MAX_TAG_KEY_LENGTH}` });
    }
    if (key.toLowerCase().startsWith("aws:")) {
      problems.push({ key, inValue: false, message: "keys starting with aws: are reserved by AWS; allowed: any other prefix" });
    }
    if (!CHARACTERS.test(key)) problems.push({ key, inValue: false, message: `the key has characters AWS refuses; allowed: ${ALLOWED}` });
    if ([...value].length > MAX_TAG_VALUE_LENGTH) {
      problems.push({ key, inValue: true, message: `the value is ${[...value].length} characters long; allowed: at most ${MAX_TAG_VALUE_LENGTH}` });
    }
    if (!CHARACTERS.test(value)) problems.push({ key, inValue: true, message: `the value has characters AWS refuses; allowed: ${ALLOWED}` });
  }
  return problems;
}
