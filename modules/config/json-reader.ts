import { readFileSync, statSync } from "fs";
import { PathSegment, Problem, formatPath } from "../core/problem";

/**
 * The largest environment file read: 1 MiB. A file of 500 replication tasks, each with its own source, is
 * about 545 KB, and DMS allows 600 replication tasks per account and region by default
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Limits.html), so a real file stays well under it,
 * while every later check (secrets, schema, rules) has a bound on its input and so on its time.
 */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * The deepest nesting of arrays and objects read: 32. The bundled files nest 6 deep (table-mapping
 * rules inside tasks); the limit keeps every recursive walk of the parsed value (zod, the rules) far from
 * the engine's stack limit, which an array nested 10,000 deep would otherwise exhaust.
 */
export const MAX_JSON_DEPTH = 32;

/** What reading a JSON text gave: the value (undefined when it cannot be used at all) and every problem found. */
export interface JsonRead {
  readonly value?: unknown;
  readonly problems: Problem[];
}

const BOM = "\uFEFF";

/**
 * Reads a JSON file, checking its size before reading it and, from its bytes, a UTF-16 byte-order mark
 * (which a UTF-8 read would turn into replacement characters).
 */
export function readJsonFile(path: string): JsonRead {
  const size = statSync(path).size;
  if (size > MAX_JSON_BYTES) return { problems: [sizeProblem(size)] };
  const bytes = readFileSync(path);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problems: [{ path: "", value: "(UTF-16 byte-order mark)", message: "the file is saved as UTF-16; allowed: UTF-8 without a byte-order mark" }] };
  }
  return readJsonText(bytes.toString("utf8"));
}

/**
 * Parses the text of a JSON file in time linear in its length. Before anything else it refuses a text over
 * MAX_JSON_BYTES and a UTF-8 byte-order mark; then, in one pass without recursion, nesting deeper than
 * MAX_JSON_DEPTH (refused: no value) and keys given twice in one object (reported: JSON.parse would keep
 * the last silently; the value is still returned so that other checks can run). Syntax errors are
 * JSON.parse's, with their line and column.
 */
export function readJsonText(text: string): JsonRead {
  // A UTF-8 byte count is at most three times the UTF-16 length: the exact count is only needed near the cap.
  if (text.length > MAX_JSON_BYTES || (text.length * 3 > MAX_JSON_BYTES && Buffer.byteLength(text, "utf8") > MAX_JSON_BYTES)) {
    return { problems: [sizeProblem(Buffer.byteLength(text, "utf8"))] };
  }
  if (text.startsWith(BOM)) {
    return {
      problems: [{ path: "", value: "(byte-order mark)", message: "starts with a UTF-8 byte-order mark (U+FEFF); save the file without it" }],
    };
  }
  const structure = scanStructure(text);
  if (structure.tooDeep) return { problems: [structure.tooDeep] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [{ path: "", value: "(not JSON)", message: jsonErrorMessage(text, error as Error) }] };
  }
  return { value, problems: structure.duplicates };
}

function sizeProblem(bytes: number): Problem {
  return {
    path: "",
    value: `(${bytes.toLocaleString("en-GB")} bytes)`,
    message: `the file is too large to be an environment file; allowed: at most ${MAX_JSON_BYTES.toLocaleString("en-GB")} bytes (1 MiB)`,
  };
}

interface Container {
  readonly kind: "object" | "array";
  readonly path: PathSegment[];
  /** Objects: where each key was first given (offset of its opening quote). */
  readonly keys: Map<string, number>;
  /** Arrays: the index of the element being read. */
  index: number;
  /** Objects: the key whose value is being read. */
  key?: string;
}

/**
 * One pass over the text tracking only strings and brackets: the depth of nesting, each object's keys,
 * and the path to each of them. Malformed text is left to JSON.parse to describe.
 */
function scanStructure(text: string): { tooDeep?: Problem; duplicates: Problem[] } {
  const duplicates: Problem[] = [];
  const stack: Container[] = [];
  const lines = lineStarts(text);
  const childPath = (): PathSegment[] => {
    const parent = stack[stack.length - 1];
    if (!parent) return [];
    return [...parent.path, parent.kind === "array" ? parent.index : (parent.key ?? "")];
  };
  let i = 0;
  while (i < text.length) {
    // Jump to the next character that matters; everything between (numbers, literals, spaces) is JSON.parse's.
    STRUCTURAL.lastIndex = i;
    const next = STRUCTURAL.exec(text);
    if (!next) break;
    i = next.index;
    const char = text[i];
    if (char === '"') {
      const end = stringEnd(text, i);
      if (end < 0) break;
      const top = stack[stack.length - 1];
      if (top?.kind === "object" && nextSignificant(text, end + 1) === ":") {
        let key = text.slice(i + 1, end);
        if (key.includes("\\")) {
          try {
            key = JSON.parse(text.slice(i, end + 1)) as string;
          } catch {
            break;
          }
        }
        const first = top.keys.get(key);
        if (first === undefined) {
          top.keys.set(key, i);
        } else {
          duplicates.push({
            path: formatPath([...top.path, key]),
            value: "(given twice)",
            message:
              `the key "${key}" is given at ${where(lines, first)} and again at ${where(lines, i)}; JSON would keep only the last` +
              "; allowed: each key once in an object",
          });
        }
        top.key = key;
      }
      i = end + 1;
    } else if (char === "{" || char === "[") {
      const path = childPath();
      if (stack.length >= MAX_JSON_DEPTH) {
        return {
          duplicates,
          tooDeep: {
            path: formatPath(path),
            value: `(nested deeper than ${MAX_JSON_DEPTH})`,
            message: `arrays and objects are nested more than ${MAX_JSON_DEPTH} deep at ${where(lines, i)}; allowed: at most ${MAX_JSON_DEPTH} levels`,
          },
        };
      }
      stack.push({ kind: char === "{" ? "object" : "array", path, keys: new Map(), index: 0 });
      i++;
    } else if (char === "}" || char === "]") {
      stack.pop();
      i++;
    } else if (char === ",") {
      const top = stack[stack.length - 1];
      if (top?.kind === "array") top.index++;
      i++;
    } else {
      i++;
    }
  }
  return { duplicates };
}

const STRUCTURAL = /["{}[\],]/g;

/** The index of the quote closing the string opened at `start`, or -1 when it is not closed. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let j = quote - 1; j > start && text[j] === "\\"; j--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    i = quote + 1;
  }
  return -1;
}

function nextSignificant(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char !== " " && char !== "\n" && char !== "\r" && char !== "\t") return char;
  }
  return undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** `line L, column C` (both from 1) of an offset. */
function where(lines: readonly number[], offset: number): string {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lines[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return `line ${low + 1}, column ${offset - lines[low] + 1}`;
}

function jsonErrorMessage(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return `not valid JSON: ${error.message}`;
  return `not valid JSON at ${where(lineStarts(text), Number(position[1]))}: ${error.message}`;
}
