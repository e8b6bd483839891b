import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { EnvironmentConfigError, checkEnvironment, loadEnvironments } from "../../../modules/config";
import { MAX_JSON_BYTES, MAX_JSON_DEPTH, readJsonFile, readJsonText } from "../../../modules/config/json-reader";
import { findLiteralSecrets } from "../../../modules/config/secret-scan";
import { environmentFile } from "../../helpers/environments";

/** Milliseconds `run` takes: the least of `runs` runs, since a busy machine only ever adds time. */
function timed(run: () => void, runs = 1): number {
  let least = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    least = Math.min(least, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return least;
}

/** A development file whose `tags.Note` is `note`, as text. */
function withNote(note: string): string {
  const file = environmentFile("development");
  file.tags = { ...file.tags, Note: note };
  return JSON.stringify(file);
}

describe("limits checked before anything else", () => {
  test("a file over 1 MiB is refused for its size alone", () => {
    const { value, problems } = readJsonText(withNote("a".repeat(MAX_JSON_BYTES)));
    expect(value).toBeUndefined();
    expect(problems).toEqual([
      { path: "", value: expect.stringMatching(/^\([\d,]+ bytes\)$/), message: "the file is too large to be an environment file; allowed: at most 1,048,576 bytes (1 MiB)" },
    ]);
  });

  test("the size is counted in UTF-8 bytes, not characters", () => {
    const note = "é".repeat(MAX_JSON_BYTES / 2);
    expect(note.length).toBeLessThan(MAX_JSON_BYTES);
    expect(readJsonText(withNote(note)).problems[0].message).toMatch(/too large/);
  });

  test("a file of 5 MB is refused from its size on disk, in well under a second", () => {
    const dir = mkdtempSync(join(tmpdir(), "json-reader-"));
    writeFileSync(join(dir, "development.json"), withNote("x".repeat(5_000_000)));
    let error: EnvironmentConfigError | undefined;
    const ms = timed(() => {
      try {
        loadEnvironments(dir);
      } catch (caught) {
        error = caught as EnvironmentConfigError;
      }
    });
    expect(error?.message).toMatch(/development\.json = \(5,00\d,\d{3} bytes\): the file is too large to be an environment file; allowed: at most 1,048,576 bytes \(1 MiB\)$/);
    expect(ms).toBeLessThan(1000);
  });

  test("a UTF-8 byte-order mark is named as such", () => {
    const check = checkEnvironment(`\uFEFF${JSON.stringify(environmentFile("development"))}`, "development");
    expect(check.problems).toEqual([{ path: "", value: "(byte-order mark)", message: "starts with a UTF-8 byte-order mark (U+FEFF); save the file without it" }]);
  });

  test("a UTF-16 file is named as such", () => {
    const dir = mkdtempSync(join(tmpdir(), "json-reader-"));
    const path = join(dir, "development.json");
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("{}", "utf16le")]));
    expect(readJsonFile(path).problems).toEqual([
      { path: "", value: "(UTF-16 byte-order mark)", message: "the file is saved as UTF-16; allowed: UTF-8 without a byte-order mark" },
    ]);
  });

  test("an array nested 10,000 deep is a problem, not a RangeError", () => {
    const text = `{"tags": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    const check = checkEnvironment(text, "development");
    expect(check.problems).toEqual([
      {
        path: `tags${"[0]".repeat(MAX_JSON_DEPTH - 1)}`,
        value: "(nested deeper than 32)",
        message: "arrays and objects are nested more than 32 deep at line 1, column 41; allowed: at most 32 levels",
      },
    ]);
  });

  test("32 levels are read; the 33rd is refused", () => {
    expect(readJsonText(`${"[".repeat(32)}${"]".repeat(32)}`)).toEqual({ value: expect.any(Array), problems: [] });
    expect(readJsonText(`${"[".repeat(33)}${"]".repeat(33)}`).problems[0].value).toBe("(nested deeper than 32)");
  });

  test("brackets inside strings do not count as nesting", () => {
    expect(readJsonText(JSON.stringify({ a: "[".repeat(100), b: '{\\"[' })).problems).toEqual([]);
  });
});

describe("keys given twice", () => {
  test("each is a problem naming its path and both places", () => {
    const text = '{\n  "database": {\n    "port": 5432,\n    "port": 5433\n  },\n  "tasks": [{ "id": "a" }, { "id": "b", "id": "c" }]\n}';
    expect(readJsonText(text).problems).toEqual([
      {
        path: "database.port",
        value: "(given twice)",
        message: 'the key "port" is given at line 3, column 5 and again at line 4, column 5; JSON would keep only the last; allowed: each key once in an object',
      },
      {
        path: "tasks[1].id",
        value: "(given twice)",
        message: 'the key "id" is given at line 6, column 30 and again at line 6, column 41; JSON would keep only the last; allowed: each key once in an object',
      },
    ]);
  });

  test("the same key in different objects, escaped quotes and values equal to keys are not duplicates", () => {
    expect(readJsonText('{"a": {"x": 1}, "b": {"x": "a"}, "c\\"": "\\"c\\"", "c": 1}').problems).toEqual([]);
  });

  test("keys written differently but equal once decoded are duplicates", () => {
    expect(readJsonText('{"port": 1, "p\\u006frt": 2}').problems.map((problem) => problem.path)).toEqual(["port"]);
  });

  test("refuse the file even when the last value is valid", () => {
    const text = JSON.stringify(environmentFile("development")).replace('"region":', '"region": "eu-west-2", "region":');
    expect(checkEnvironment(text, "development").problems.map((problem) => `${problem.path} = ${problem.value}`)).toEqual(["region = (given twice)"]);
  });
});

test("a syntax error names its line and column", () => {
  expect(readJsonText('{\n  "a": 1,\n}').problems).toEqual([
    { path: "", value: "(not JSON)", message: expect.stringMatching(/^not valid JSON at line 3, column 1: /) },
  ]);
});

describe("linear time: the reader and the secret scan on inputs just under the limits", () => {
  // Only this code is timed (the schema is another's), the least of three runs: it takes tens of milliseconds on
  // these, so the bounds leave room for a busy machine; a quadratic step takes minutes on them (a 100 KB string
  // took 17 s before).
  const readAndScan = (text: string) => {
    const read = readJsonText(text);
    expect(read.problems).toEqual([]);
    findLiteralSecrets(read.value);
  };
  const underLimit = MAX_JSON_BYTES - 20_000;
  test.each<[string, string]>([
    ["one long string", "a".repeat(underLimit)],
    ["URL-like text", "a://b".repeat(underLimit / 5)],
    ["words with = signs", " password".repeat(underLimit / 9)],
    ["secret-like words", "token ".repeat(underLimit / 6)],
    ["query-like text", "?a=&".repeat(underLimit / 4)],
    ["base64-like text", "AbC1".repeat(underLimit / 4)],
    ["backslashes and quotes", '\\"'.repeat(underLimit / 4)],
  ])("%s", (_, note) => {
    const text = withNote(note);
    expect(text.length).toBeLessThan(MAX_JSON_BYTES);
    expect(timed(() => readAndScan(text), 3)).toBeLessThan(3000);
  });

  test("30,000 small values", () => {
    const file = environmentFile("development");
    file.tags = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, `value ${i} password`]));
    const text = JSON.stringify(file);
    // About 0.1 s on an idle machine; quadratic in 30,000 values would take minutes.
    expect(timed(() => readAndScan(text), 3)).toBeLessThan(5000);
  });

  test("the whole check of the largest string refuses it quickly", () => {
    const text = withNote("a".repeat(underLimit));
    let problems: string[] = [];
    const ms = timed(() => (problems = checkEnvironment(text, "development").problems.map((problem) => problem.path)), 3);
    expect(problems).toEqual(["tags.Note"]);
    // About 30 ms on an idle machine (npm run bench reports it); the bound leaves room for a busy one.
    expect(ms).toBeLessThan(2000);
  });
});
