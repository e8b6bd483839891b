/**
 * How long the environment-file check takes on bad or extreme inputs: each is written as a file and read
 * with loadEnvironments, as synth reads it, in this process (the check alone, without Node's start).
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { join } from "path";
import { performance } from "perf_hooks";
import { loadEnvironments } from "../../modules/config/load-environments";
import { EnvironmentConfigError } from "../../modules/config/problem";
import { MAX_JSON_BYTES } from "../../modules/config/json-reader";
import { median } from "./measure";
import { LimitRow } from "./report";


/** The inputs: a description and the text of `development.json` as changed. */
function inputs(repo: string): [string, string][] {
  const base = readFileSync(join(repo, "environments", "development.json"), "utf8");
  const file = () => JSON.parse(base) as { tags?: Record<string, string> };
  const withNote = (note: string) => {
    const changed = file();
    changed.tags = { ...changed.tags, Note: note };
    return JSON.stringify(changed);
  };
  type Sections = { database: { allowedIngress?: unknown[] }; dms: { targetEndpoint: { settings?: { afterConnectScript?: string } } } };
  const manyRanges = file() as unknown as Sections;
  manyRanges.database.allowedIngress = Array.from({ length: 10_000 }, (_, i) => ({ cidr: `10.${(i >> 8) & 255}.${i & 255}.0/24`, description: `Team ${i}` }));
  const longScript = file() as unknown as Sections;
  longScript.dms.targetEndpoint.settings = { ...longScript.dms.targetEndpoint.settings, afterConnectScript: "SET search_path TO uh_mirror; ".repeat(30_000) };
  const manyValues = file();
  manyValues.tags = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, `value ${i}`]));
  return [
    ["the bundled file", base],
    ["a 5 MB file", withNote("x".repeat(5_000_000))],
    ["a 100 KB string (17 s before the linear scan)", withNote("a".repeat(100_000))],
    ["a string just under the 1 MiB cap", withNote("a".repeat(MAX_JSON_BYTES - 20_000))],
    ["20,000 tags", JSON.stringify(manyValues)],
    ["an array nested 10,000 deep", base.replace('"tags": {', `"deep": ${"[".repeat(10_000)}${"]".repeat(10_000)}, "tags": {`)],
    ["10,000 ingress ranges (the network rule and the ARN scan)", JSON.stringify(manyRanges)],
    ["a 900 KB afterConnectScript (the secret scan over one value)", JSON.stringify(longScript)],
    ["a key given twice", base.replace('"region":', '"region": "eu-west-2", "region":')],
  ];
}

export function measureInputLimits(repo: string, work: string, runs: number): LimitRow[] {
  const rows: LimitRow[] = [];
  for (const [input, text] of inputs(repo)) {
    const dir = join(work, "limits");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "development.json"), text);
    const times: number[] = [];
    let outcome = "accepted";
    for (let run = 0; run < runs + 1; run++) {
      const start = performance.now();
      try {
        loadEnvironments(dir);
        outcome = "accepted";
      } catch (error) {
        if (!(error instanceof EnvironmentConfigError)) throw error;
        const [first] = error.problems;
        const path = first.path.length > 24 ? `${first.path.slice(0, 21)}...` : first.path;
        outcome = `${error.problems.length} problem(s); ${path === "" ? "" : `${path}: `}${first.message}`;
      }
      // The first run warms up the code paths.
      if (run > 0) times.push(performance.now() - start);
    }
    rows.push({
      input,
      bytes: statSync(join(dir, "development.json")).size,
      medianMs: median(times),
      maxMs: Math.max(...times),
      outcome: outcome.length > 110 ? `${outcome.slice(0, 107)}...` : outcome,
    });
  }
  return rows;
}
