import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { checkEnvironment, loadEnvironments } from "../../../modules/config/load-environments";
import { EnvironmentConfigError, FileProblem, formatProblem } from "../../../modules/config/problem";
import { BAD_FILE_CASES, BadFileCase, Kind } from "../../helpers/bad-files";
import { environmentFile } from "../../helpers/environments";

/**
 * Every bad file of the corpus (__tests__/helpers/bad-files.ts), checked in this process by the loader synth runs
 * first (main.ts exits 1 on its EnvironmentConfigError, before an App exists, so no stack is written; the spawned
 * app is tested on a few of these in __tests__/validate/app.test.ts).
 */
const dir = mkdtempSync(join(tmpdir(), "bad-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * What the app would do with the file: its exit code and error lines, and how long the check took in CPU time (the
 * process's own work: wall time on a machine running the emulator suites beside it measures their load, not the check).
 */
function check(badCase: BadFileCase): { exitCode: number; problems: readonly FileProblem[]; output: string; ms: number } {
  const path = join(dir, `${badCase.environment}.json`);
  writeFileSync(path, badCase.text);
  const start = process.cpuUsage();
  const elapsed = () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  try {
    loadEnvironments(dir, [badCase.environment]);
    return { exitCode: 0, problems: [], output: "", ms: elapsed() };
  } catch (error) {
    if (!(error instanceof EnvironmentConfigError)) throw error;
    return { exitCode: 1, problems: error.problems, output: error.message, ms: elapsed() };
  } finally {
    rmSync(path);
  }
}

const timings: { name: string; ms: number }[] = [];

test("the corpus holds at least 100 bad files, of every kind", () => {
  const byKind = new Map<Kind, number>();
  for (const badCase of BAD_FILE_CASES) byKind.set(badCase.kind, (byKind.get(badCase.kind) ?? 0) + 1);
  expect(BAD_FILE_CASES.length).toBeGreaterThanOrEqual(100);
  expect([...byKind.keys()].sort()).toEqual(
    ["arn", "cross-field", "engine version", "instance class", "json", "network range", "production tier", "region", "schedule", "schema", "secret", "size and nesting", "subnets", "tags", "window"].sort(),
  );
  expect(new Set(BAD_FILE_CASES.map((badCase) => badCase.name)).size).toBe(BAD_FILE_CASES.length);
});

describe.each(BAD_FILE_CASES.map((badCase) => [`${badCase.kind}: ${badCase.name}`, badCase] as const))("%s", (_, badCase) => {
  test("is refused with its file, field and what is allowed, within a second", () => {
    const result = check(badCase);
    timings.push({ name: badCase.name, ms: result.ms });
    expect(result.exitCode).toBe(1);
    const found = result.problems.filter((problem) => problem.path === badCase.field);
    expect(found.map(formatProblem)).toEqual(expect.arrayContaining([expect.stringContaining(badCase.allowed)]));
    for (const problem of found) expect(problem.file).toBe(join(dir, `${badCase.environment}.json`));
    expect(result.output.split("\n").every((line) => line.startsWith(dir))).toBe(true);
    if (badCase.secret !== undefined) expect(result.output).not.toContain(badCase.secret);
    expect(result.ms).toBeLessThan(1000);
  });
});

test("the bundled files pass the same check", () => {
  expect(() => loadEnvironments(join(__dirname, "..", "..", "..", "environments"))).not.toThrow();
});

describe("what the rules let through (each rule's edge, so none refuses more than it should)", () => {
  const accepts = (environment: string, change: (file: Record<string, any>) => void) => {
    const file = environmentFile(environment);
    change(file);
    return checkEnvironment(JSON.stringify(file), environment).problems;
  };

  test("a public range acknowledged with a reason, where the stack passes it on", () => {
    expect(accepts("development", (f) => {
      f.database.allowedIngress = [{ cidr: "203.0.113.0/24", description: "Partner" }];
      f.acknowledgePublicRanges = [{ cidr: "203.0.113.0/24", reason: "Partner's published egress range" }];
    })).toEqual([]);
  });

  test("but not for a source, whose endpoint takes private ranges only", () => {
    expect(accepts("production", (f) => {
      f.sources.uhw.allowedCidr = "203.0.113.0/24";
      f.acknowledgePublicRanges = [{ cidr: "203.0.113.0/24", reason: "Partner's published egress range" }];
    }).map((problem) => problem.path)).toEqual(["sources.uhw.allowedCidr"]);
  });

  test("RFC 6598 shared space and a /32 host", () => {
    expect(accepts("development", (f) => (f.database.allowedIngress = [
      { cidr: "100.64.0.0/16", description: "VPN" },
      { cidr: "10.1.2.3/32", description: "One host" },
    ]))).toEqual([]);
  });

  test("ARNs in the environment's region and account, and an IAM ARN (no region)", () => {
    expect(accepts("production", (f) => {
      f.accountId = "123456789012";
      f.database.kmsKeyArn = "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      f.tags.Owner = "arn:aws:iam::123456789012:role/data-team";
    })).toEqual([]);
  });

  test("50 tags on a resource, counting the stack's own four", () => {
    expect(accepts("development", (f) => (f.tags = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`Team${i}`, "data"]))))).toEqual([]);
  });

  test("sslMode none when the database does not force SSL", () => {
    expect(accepts("development", (f) => {
      f.dms.targetEndpoint.sslMode = "none";
      f.database.forceSsl = false;
    })).toEqual([]);
  });

  test("two tasks into one target with different tables, and the same table into different targets", () => {
    expect(accepts("production", (f) => (f.tasks[1].tableMappings = [{ action: "include", schema: "dbo", table: "membership" }]))).toEqual([]);
    expect(accepts("addresses", () => undefined)).toEqual([]);
  });

  test("windows that touch without overlapping, and cron with names and steps", () => {
    expect(accepts("production", (f) => {
      f.database.maintenanceWindow = "tue:10:00-tue:10:30";
      f.database.backupWindow = "10:30-11:00";
      f.tasks[1].schedule = { expression: "cron(0/15 2 ? JAN-DEC MON-FRI *)", timeZone: "Europe/London" };
    })).toEqual([]);
  });
});
