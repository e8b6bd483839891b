/**
 * `npm run bench`: measures synth against its floor, how synth grows with the number of replication tasks,
 * where its time goes, and the test tiers; prints the tables and writes BENCHMARKS.md. See report.ts for
 * what each table means and BENCHMARKS.md for how to read them.
 */
import { execFileSync, spawnSync } from "child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "fs";
import { cpus, loadavg, release, tmpdir, totalmem } from "os";
import { join, relative, resolve } from "path";
import { Command, measureInterleaved, pairedRatio, runOnce, summarize } from "./measure";
import { summarizeProfile } from "./profile";
import { measureInputLimits } from "./input-limits";
import { Fit, ProfileReport, Report, ScalingRow, SynthRow, Target, TierRow, consoleReport, markdownReport } from "./report";
import { writeScalingEnvironment } from "./scaling-environment";

const REPO = join(__dirname, "..", "..");
const CACHE = join(REPO, "node_modules", ".cache", "bench");
const RUNNER = "scripts/ts-run.js";

interface Options {
  runs: number;
  warmup: number;
  sizes: number[];
  tiers?: string[];
  tierRuns: number;
  tierWarmup: number;
  tests: boolean;
  scaling: boolean;
  profile: boolean;
  limits: boolean;
  previous: boolean;
  output: string;
  args: string[];
}

function parseOptions(args: string[]): Options {
  const options: Options = {
    runs: 5,
    warmup: 1,
    sizes: [1, 10, 100, 500],
    tierRuns: 5,
    tierWarmup: 1,
    tests: true,
    scaling: true,
    profile: true,
    limits: true,
    previous: true,
    output: join(REPO, "BENCHMARKS.md"),
    args,
  };
  for (let i = 0; i < args.length; i++) {
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${args[i - 1]} needs a value`);
      return next;
    };
    const count = (minimum: number) => {
      const number = Number(value());
      if (!Number.isInteger(number) || number < minimum) throw new Error(`${args[i - 1]} needs a whole number ≥ ${minimum}`);
      return number;
    };
    switch (args[i]) {
      case "--runs": options.runs = count(1); break;
      case "--warmup": options.warmup = count(0); break;
      case "--tier-runs": options.tierRuns = count(1); break;
      case "--tier-warmup": options.tierWarmup = count(0); break;
      case "--sizes": options.sizes = value().split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0); break;
      case "--tiers": options.tiers = value().split(",").map((tier) => tier.trim()).filter(Boolean); break;
      case "--no-tests": options.tests = false; break;
      case "--no-scaling": options.scaling = false; break;
      case "--no-profile": options.profile = false; break;
      case "--no-limits": options.limits = false; break;
      case "--no-previous": options.previous = false; break;
      case "--output": options.output = resolve(process.cwd(), value()); break;
      default: throw new Error(`unknown option ${args[i]}; see BENCHMARKS.md, "How to reproduce"`);
    }
  }
  return options;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** The environment of a synth run: the caller's, without anything that would change what is synthesized. */
function synthEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ["ENVIRONMENTS", "ENVIRONMENTS_DIR", "CDKTF_OUTDIR", "CDKTF_TARGET_STACK_ID", "SYNTH_HCL_OUTPUT"]) delete env[key];
  return { ...env, ...overrides };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory)
    .flatMap((entry) => (statSync(join(directory, entry)).isDirectory() ? filesUnder(join(directory, entry)).map((file) => join(entry, file)) : [entry]))
    .sort();
}

/**
 * manifest.json without what may differ between two synths that write the same stacks: the stack traces of
 * warnings (they name the files and lines that added them) and so the warnings' order.
 */
function comparableManifest(text: string): string {
  const manifest = JSON.parse(text) as { stacks: Record<string, { annotations?: Record<string, unknown>[] }> };
  for (const stack of Object.values(manifest.stacks)) {
    stack.annotations = (stack.annotations ?? [])
      .map(({ stacktrace: _stacktrace, ...annotation }) => annotation)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return JSON.stringify(manifest);
}

/** Throws unless `actual` holds exactly the files of `expected`, byte for byte (manifest.json: see above). */
function assertSameFiles(expected: string, actual: string, who: string): void {
  const want = filesUnder(expected);
  const got = existsSync(actual) ? filesUnder(actual) : [];
  if (want.join("\n") !== got.join("\n")) {
    throw new Error(`${who} wrote other files than the reference:\n  expected ${want.join(", ")}\n  got ${got.join(", ")}`);
  }
  for (const file of want) {
    const [wanted, written] = [readFileSync(join(expected, file)), readFileSync(join(actual, file))];
    const same = file === "manifest.json" ? comparableManifest(wanted.toString()) === comparableManifest(written.toString()) : wanted.equals(written);
    if (!same) {
      throw new Error(`${who} wrote ${file} differently from the reference (${join(expected, file)} vs ${join(actual, file)})`);
    }
  }
}

/** floor.ts as plain JavaScript next to node_modules, so that the floor runs with nothing but `node`. */
function compileFloor(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiler is only needed here
  const ts = require("typescript") as typeof import("typescript");
  const source = readFileSync(join(__dirname, "floor.ts"), "utf8");
  const output = ts.transpileModule(source, {
    fileName: "floor.ts",
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, "floor.js");
  writeFileSync(path, output.outputText);
  return path;
}

/** Commands that synthesize into `outdir` and must write exactly what `reference` holds. */
function checked(label: string, argv: string[], env: NodeJS.ProcessEnv, outdir: string, reference: string): Command {
  return {
    label,
    argv,
    env: synthEnv({ ...env, CDKTF_OUTDIR: outdir }),
    before: () => rmSync(outdir, { recursive: true, force: true }),
    after: () => assertSameFiles(reference, outdir, label),
  };
}

function floorCommand(floor: string, reference: string, outdir: string): Command {
  return {
    label: "floor",
    argv: ["node", floor, reference, outdir],
    before: () => rmSync(outdir, { recursive: true, force: true }),
    after: () => assertSameFiles(reference, outdir, "the floor"),
  };
}

function stackJsons(outdir: string): Record<string, unknown>[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.values(manifest.stacks).map((stack) => JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8")));
}

function blockCount(json: Record<string, unknown>): number {
  let count = 0;
  for (const kind of ["resource", "data", "ephemeral"]) {
    for (const byId of Object.values((json[kind] ?? {}) as Record<string, object>)) count += Object.keys(byId).length;
  }
  return count;
}

async function bundled(options: Options, floor: string, work: string, progress: (message: string) => void): Promise<{ rows: SynthRow[]; stacks: string }> {
  const reference = join(work, "bundled", "reference");
  mkdirSync(join(work, "bundled"));
  log("bundled environments: reference synth");
  await runOnce({ label: "reference", argv: ["npm", "run", "synth"], env: synthEnv({ CDKTF_OUTDIR: reference }) }, REPO);
  const stacks = Object.keys((JSON.parse(readFileSync(join(reference, "manifest.json"), "utf8")) as { stacks: object }).stacks).join(", ");
  const out = (name: string) => join(work, "bundled", name);
  const commands: { row: Omit<SynthRow, "summary" | "ratio">; command: Command }[] = [
    {
      row: { label: "floor", command: "node floor.js" },
      command: floorCommand(floor, reference, out("floor")),
    },
    {
      row: { label: "synth, as users run it", command: "npm run synth" },
      command: checked("npm run synth", ["npm", "run", "synth"], {}, out("npm"), reference),
    },
    {
      row: { label: "the same without npm", command: `node ${RUNNER} main.ts` },
      command: checked("without npm", ["node", RUNNER, "main.ts"], {}, out("direct"), reference),
    },
  ];
  if (options.previous) {
    commands.push({
      row: { label: "the previous `npm run synth`, without npm", command: "ts-node --transpile-only main.ts" },
      command: checked("ts-node", ["node", join("node_modules", "ts-node", "dist", "bin.js"), "--transpile-only", "main.ts"], {}, out("ts-node"), reference),
    });
  }
  const series = await measureInterleaved(
    commands.map((entry) => entry.command),
    REPO,
    { runs: options.runs, warmup: options.warmup, progress },
  );
  const floorRuns = series[0].runs;
  const rows = commands.map((entry, i) => ({
    ...entry.row,
    summary: summarize(series[i].runs),
    ratio: i === 0 ? undefined : pairedRatio(series[i].runs, floorRuns),
  }));
  return { rows, stacks };
}

async function scaling(options: Options, floor: string, work: string, progress: (message: string) => void): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const tasks of options.sizes) {
    const base = join(work, `tasks-${tasks}`);
    const environments = writeScalingEnvironment(REPO, join(base, "environments"), tasks);
    const reference = join(base, "reference");
    log(`${tasks} tasks: reference synth`);
    await runOnce({ label: "reference", argv: ["npm", "run", "synth"], env: synthEnv({ ENVIRONMENTS_DIR: environments, CDKTF_OUTDIR: reference }) }, REPO);
    const [json] = stackJsons(reference);
    const manifest = JSON.parse(readFileSync(join(reference, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
    const jsonBytes = statSync(join(reference, Object.values(manifest.stacks)[0].synthesizedStackPath)).size;
    const series = await measureInterleaved(
      [
        floorCommand(floor, reference, join(base, "floor")),
        checked("npm run synth", ["npm", "run", "synth"], { ENVIRONMENTS_DIR: environments }, join(base, "synth"), reference),
      ],
      REPO,
      { runs: options.runs, warmup: options.warmup, progress: (message) => progress(`${tasks} tasks: ${message}`) },
    );
    rows.push({
      tasks,
      resources: blockCount(json),
      jsonKiB: jsonBytes / 1024,
      floor: summarize(series[0].runs),
      synth: summarize(series[1].runs),
      ratio: pairedRatio(series[1].runs, series[0].runs),
    });
  }
  return rows;
}

/**
 * How the cost grows: per task over the whole range, and between the two largest sizes. Marginal costs
 * rather than a fitted line, because the small sizes are mostly fixed cost and noise; a cost that grows
 * faster than the number of tasks shows as a last interval dearer than the average.
 */
function fit(rows: ScalingRow[]): Fit | undefined {
  const sorted = [...rows].sort((a, b) => a.tasks - b.tasks);
  if (sorted.length < 3) return undefined;
  const [first, previous, last] = [sorted[0], sorted[sorted.length - 2], sorted[sorted.length - 1]];
  const perTaskMs = (last.synth.medianMs - first.synth.medianMs) / (last.tasks - first.tasks);
  return {
    smallest: first.tasks,
    previous: previous.tasks,
    largest: last.tasks,
    perTaskMs,
    lastPerTaskMs: (last.synth.medianMs - previous.synth.medianMs) / (last.tasks - previous.tasks),
    fixedMs: first.synth.medianMs - perTaskMs * first.tasks,
    perTaskMiB: (last.synth.peakRssMiB - first.synth.peakRssMiB) / (last.tasks - first.tasks),
  };
}

/** A CPU profile of one synth (`tasks` undefined: the bundled environments). */
async function profileSynth(tasks: number | undefined, work: string): Promise<ProfileReport> {
  const name = tasks === undefined ? "bundled" : `tasks-${tasks}`;
  const env: NodeJS.ProcessEnv = { CDKTF_OUTDIR: join(work, `profile-out-${name}`) };
  if (tasks !== undefined) {
    env.ENVIRONMENTS_DIR = join(work, name, "environments");
    if (!existsSync(env.ENVIRONMENTS_DIR)) writeScalingEnvironment(REPO, env.ENVIRONMENTS_DIR, tasks);
  }
  const directory = mkdtempSync(join(work, "profile-"));
  const title = tasks === undefined ? "synth of the bundled environments" : `synth of one environment with ${tasks} tasks`;
  log(`profiling ${title}`);
  const argv = ["node", "--cpu-prof", `--cpu-prof-dir=${directory}`, RUNNER, "main.ts"];
  const run = await runOnce({ label: "profile", argv, env: synthEnv(env) }, REPO);
  const [file] = readdirSync(directory).filter((entry) => entry.endsWith(".cpuprofile"));
  const kept = `synth-${name}.cpuprofile`;
  mkdirSync(CACHE, { recursive: true });
  copyFileSync(join(directory, file), join(CACHE, kept));
  const command = `${tasks === undefined ? "" : `ENVIRONMENTS_DIR=<${tasks} tasks> `}node --cpu-prof ${RUNNER} main.ts`;
  return { title, command, summary: summarizeProfile(join(CACHE, kept)), wallMs: run.wallMs, file: kept };
}

function jestProjects(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.config.js is CommonJS
  const config = require(join(REPO, "jest.config.js")) as { projects?: { displayName?: string }[] };
  return (config.projects ?? []).map((project) => project.displayName).filter((name): name is string => Boolean(name));
}

async function testTiers(options: Options, progress: (message: string) => void): Promise<TierRow[]> {
  const results = join(mkdtempSync(join(tmpdir(), "bench-jest-")), "results.json");
  const all: { tier: string; command: string; argv: string[]; jest?: boolean }[] = [
    { tier: "typecheck", command: "npm run typecheck", argv: ["npm", "run", "typecheck"] },
    { tier: "lint", command: "npm run lint", argv: ["npm", "run", "lint"] },
    ...jestProjects().map((name) => ({
      tier: name,
      command: `npx jest --selectProjects ${name}`,
      // --json writes each file's duration, to say which files take the time.
      argv: ["npx", "jest", "--selectProjects", name, "--json", `--outputFile=${results}`],
      jest: true,
    })),
  ];
  const wanted = options.tiers ?? all.map((tier) => tier.tier);
  const unknown = wanted.filter((name) => !all.some((tier) => tier.tier === name));
  if (unknown.length > 0) throw new Error(`unknown tier ${unknown.join(", ")}; known: ${all.map((tier) => tier.tier).join(", ")}`);
  const rows: TierRow[] = [];
  for (const tier of all.filter((entry) => wanted.includes(entry.tier))) {
    // The emulator tier waits minutes on Terraform's fixed delays, not on this project's code: one run says enough.
    const slow = tier.tier === "emulator";
    const [series] = await measureInterleaved([{ label: tier.tier, argv: tier.argv, env: { CI: "true" }, allowFailure: true }], REPO, {
      runs: slow ? 1 : options.tierRuns,
      warmup: slow ? 0 : options.tierWarmup,
      progress,
    });
    const summary = summarize(series.runs);
    if (summary.failures > 0) log(`${tier.tier}: ${summary.failures} of ${summary.runs} runs failed`);
    rows.push({ tier: tier.tier, command: tier.command, summary, files: tier.jest ? testFiles(results) : undefined });
  }
  return rows;
}

/** Each test file's duration in the last run of a Jest tier, slowest first. */
function testFiles(results: string): TierRow["files"] {
  if (!existsSync(results)) return undefined;
  const json = JSON.parse(readFileSync(results, "utf8")) as { testResults: { name: string; startTime: number; endTime: number }[] };
  rmSync(results);
  return json.testResults
    .map((file) => ({ file: relative(REPO, file.name), ms: file.endTime - file.startTime }))
    .sort((a, b) => b.ms - a.ms);
}

/** Whether the project's ESLint configuration refuses a root import of the provider. */
async function rootImportRefused(): Promise<boolean> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for this check
  const { ESLint } = require("eslint") as typeof import("eslint");
  const eslint = new ESLint({ cwd: REPO });
  const [result] = await eslint.lintText('import { DmsEndpoint } from "@cdktf/provider-aws";\nexport const endpoint = DmsEndpoint;\n', {
    filePath: join(REPO, "modules", "bench-root-import-probe.ts"),
  });
  return result.messages.some((message) => message.ruleId === "no-restricted-imports" && message.severity === 2);
}

function machine(loadAtStart: number[]): string[] {
  const cpu = cpus();
  const npm = spawnSync("npm", ["--version"], { encoding: "utf8" }).stdout.trim();
  return [
    `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores`,
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB memory`,
    `Linux ${release()}`,
    `Node ${process.version}, npm ${npm}`,
    `load average ${loadAtStart[0].toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end (1-minute; ${cpu.length} would mean every core busy)`,
  ];
}

function commit(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    const head = git("rev-parse", "--short", "HEAD");
    return dirty ? `${head}, with uncommitted changes` : head;
  } catch {
    return "unknown";
  }
}

function targets(report: Report, lint: { refused: boolean; test: boolean }): Target[] {
  const synth = report.synth.find((row) => row.command === "npm run synth");
  const largest = report.scaling.find((row) => row.tasks === 500) ?? report.scaling[report.scaling.length - 1];
  const unit = report.tiers.find((row) => row.tier === "unit");
  const allTiers = report.allTiers;
  const total = report.tiers.reduce((sum, row) => sum + row.summary.medianMs, 0);
  const list: Target[] = [
    {
      target: "`npm run synth` of every bundled environment within 2× its floor",
      measured: synth ? `${synth.ratio!.toFixed(2)}× (${(synth.summary.medianMs / 1000).toFixed(2)} s)` : "",
      met: synth ? synth.ratio! <= 2 : undefined,
    },
    {
      target: "synth cost linear in tasks (per task between the two largest sizes within 25 % of the average)",
      measured: report.fit
        ? `${report.fit.perTaskMs.toFixed(1)} ms per task on average, ${report.fit.lastPerTaskMs.toFixed(1)} from ${report.fit.previous} to ${report.fit.largest}`
        : "",
      met: report.fit ? Math.abs(report.fit.lastPerTaskMs / report.fit.perTaskMs - 1) <= 0.25 : undefined,
    },
    {
      target: `${largest?.tasks ?? 500} tasks in under 3 s`,
      measured: largest ? `${(largest.synth.medianMs / 1000).toFixed(2)} s` : "",
      met: largest?.tasks === 500 ? largest.synth.medianMs < 3000 : undefined,
    },
    {
      target: `${largest?.tasks ?? 500} tasks in under 400 MiB`,
      measured: largest ? `${largest.synth.peakRssMiB.toFixed(0)} MiB` : "",
      met: largest?.tasks === 500 ? largest.synth.peakRssMiB < 400 : undefined,
    },
    {
      target: "every bad or extreme environment file checked in under 1 s",
      measured: report.limits.length > 0 ? `slowest ${Math.max(...report.limits.map((row) => row.maxMs)).toFixed(0)} ms` : "",
      met: report.limits.length > 0 ? report.limits.every((row) => row.maxMs < 1000) : undefined,
    },
    { target: "unit tier under 30 s", measured: unit ? `${(unit.summary.medianMs / 1000).toFixed(1)} s` : "", met: unit ? unit.summary.medianMs < 30_000 : undefined },
    {
      target: "the whole `npm test` under 15 minutes",
      measured: allTiers ? `${(total / 60_000).toFixed(1)} min` : "",
      met: allTiers ? total < 15 * 60_000 : undefined,
    },
    {
      target: "a root import of the provider fails `npm test`",
      measured: `ESLint ${lint.refused ? "refuses" : "**accepts**"} one; __tests__/unit/lint/deep-imports.test.ts ${lint.test ? "asserts it" : "**is missing**"}`,
      met: lint.refused && lint.test,
    },
  ];
  return list;
}

/** What the numbers say, from the numbers, so that this text stays true when they change. */
function findings(report: Report): string {
  const lines: string[] = ["## What the numbers say", ""];
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const pct = (share: number) => `${(share * 100).toFixed(0)} %`;
  const phaseOf = (profile: ProfileReport | undefined, label: string) => profile?.summary.phases.find((line) => line.label.startsWith(label));
  const bundledProfile = report.profiles.find((profile) => profile.title.includes("bundled"));
  const largestProfile = report.profiles.find((profile) => !profile.title.includes("bundled"));
  const probes = report.profiles
    .map((profile) => ({ profile, phase: phaseOf(profile, "`terraform version`") }))
    .filter((entry) => entry.phase !== undefined && entry.phase.share >= 0.05);
  if (probes.length > 0) {
    lines.push(
      "- **The largest avoidable cost: `terraform version`, run once per `terraform_data` block.** cdktf's `DataResource`" +
        " adds a validation to each instance that runs `terraform version` in a shell during synth (" +
        probes.map(({ profile, phase }) => `${ms(phase!.ms)}, ${pct(phase!.share)} of ${profile.title}`).join("; ") +
        "). The project makes one per replication task and one per target endpoint (modules/core/replace-trigger.ts)." +
        " Writing the same block with a `TerraformResource` subclass (`terraformResourceType: \"terraform_data\"`," +
        " `synthesizeAttributes` returning `{ triggers_replace: hashMapper(anyToTerraform)(value) }`) gives byte-identical JSON" +
        " without the probes, and synth then no longer fails on a machine without Terraform. The floor does not pay them.",
    );
  } else if (report.profiles.length > 0) {
    lines.push("- No `terraform version` probe runs during synth.");
  }
  const fit = report.fit;
  if (fit && report.scaling.length >= 2) {
    const sorted = [...report.scaling].sort((a, b) => a.tasks - b.tasks);
    const [first, last] = [sorted[0], sorted[sorted.length - 1]];
    const floorPerTask = (last.floor.medianMs - first.floor.medianMs) / (last.tasks - first.tasks);
    lines.push(
      `- Each replication task (with its source endpoint: ${((last.resources - first.resources) / (last.tasks - first.tasks)).toFixed(0)} blocks,` +
        ` ${(((last.jsonKiB - first.jsonKiB) / (last.tasks - first.tasks)) * 1024).toFixed(0)} bytes of JSON) adds ${fit.perTaskMs.toFixed(1)} ms to synth` +
        ` and ${floorPerTask.toFixed(1)} ms to the floor.`,
    );
  }
  const stacks = phaseOf(largestProfile, "stack traces");
  const resolve = phaseOf(largestProfile, "cdktf token resolution");
  if (largestProfile && resolve) {
    const project = largestProfile.summary.owners.find((line) => line.label === "project code");
    const zod = phaseOf(largestProfile, "environment validation");
    const traces =
      stacks && stacks.share >= 0.02
        ? ` Every token cdktf creates records a full stack trace (${ms(stacks.ms)}, ${pct(stacks.share)}).`
        : " The stack trace cdktf records for every token it creates (each reference such as `.arn`, and the nested-block" +
          " objects every provider resource builds) is skipped, by the app and the floor alike" +
          " (modules/core/token-stack-traces.ts: about a fifth of this synth before; `CDKTF_TOKEN_STACK_TRACES=1` keeps them).";
    lines.push(
      `- In ${largestProfile.title}, cdktf's own machinery is the largest part: synth resolves every element's tokens twice,` +
        ` to prepare and to write (${ms(resolve.ms)}, ${pct(resolve.share)}); the floor does too, for fewer tokens (its` +
        " attributes are plain strings, not references)." +
        traces +
        (project ? ` The project's own code is ${ms(project.ms)} (${pct(project.share)})` : "") +
        (zod ? `, environment validation with zod ${ms(zod.ms)} (${pct(zod.share)}).` : "."),
    );
  }
  const synthRow = report.synth.find((row) => row.command === "npm run synth");
  const direct = report.synth.find((row) => row.command.startsWith("node scripts"));
  const floorRow = report.synth.find((row) => row.ratio === undefined);
  if (synthRow && direct && floorRow) {
    const npm = synthRow.summary.medianMs - direct.summary.medianMs;
    const zod = phaseOf(bundledProfile, "environment validation");
    const loading = phaseOf(bundledProfile, "evaluating packages");
    lines.push(
      `- For the bundled environments, \`npm run synth\` takes ${(synthRow.summary.medianMs / 1000).toFixed(2)} s against a floor of` +
        ` ${(floorRow.summary.medianMs / 1000).toFixed(2)} s. npm's own start is about ${(npm / 1000).toFixed(2)} s of it (without npm:` +
        ` ${direct.ratio!.toFixed(2)}× the floor).` +
        (zod && loading
          ? ` In its profile, loading packages takes ${ms(loading.ms)} (${pct(loading.share)}; the floor loads cdktf and the provider` +
            ` modules too) and zod's environment validation ${ms(zod.ms)} (${pct(zod.share)}, including loading zod and building the schema).`
          : ""),
    );
  }
  const unit = report.tiers.find((row) => row.tier === "unit");
  if (unit?.files && unit.files.length > 0) {
    const durations = unit.files.map((file) => file.ms);
    const sorted = [...durations].sort((a, b) => a - b);
    lines.push(
      `- The unit tier is ${unit.files.length} test files at a median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(2)} s each:` +
        " Jest gives every file its own module registry, so each file that builds a stack loads cdktf, the provider modules" +
        " and zod again before its first test. The tier grows with the number of files more than with the number of tests.",
    );
  }
  lines.push(
    "- TypeScript is no longer compiled at run time: `npm run synth` and the `cdktf.json` app run `node scripts/ts-run.js" +
      " main.ts`, which keeps each file's JavaScript in node_modules/.cache/ts-run/ and transpiles only a file whose text changed" +
      " (with TypeScript, as ts-node did, without ts-node's source-map hook). Types are checked by `npm run typecheck` in `npm test`.",
  );
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const loadAtStart = loadavg();
  const work = mkdtempSync(join(tmpdir(), "dms-bench-"));
  const progress = (message: string) => log(message);
  try {
    const floor = compileFloor();
    const bundledResult = await bundled(options, floor, work, progress);
    const scalingRows = options.scaling ? await scaling(options, floor, work, progress) : [];
    const profiles = options.profile ? [await profileSynth(undefined, work)] : [];
    if (options.profile && options.scaling && options.sizes.length > 0) profiles.push(await profileSynth(Math.max(...options.sizes), work));
    if (options.limits) log("bad and extreme environment files");
    const limits = options.limits ? measureInputLimits(REPO, work, options.runs) : [];
    const tiers = options.tests ? await testTiers(options, progress) : [];
    const lint = { refused: await rootImportRefused(), test: existsSync(join(REPO, "__tests__", "unit", "lint", "deep-imports.test.ts")) };
    const defaults = parseOptions([]);
    const report: Report = {
      date: new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC"),
      machine: machine(loadAtStart),
      commit: commit(),
      runs: options.runs,
      warmup: options.warmup,
      synth: bundledResult.rows,
      bundledStacks: bundledResult.stacks,
      scaling: scalingRows,
      fit: fit(scalingRows),
      tiers,
      tierRuns: options.tierRuns,
      tierWarmup: options.tierWarmup,
      allTiers: ["typecheck", "lint", ...jestProjects()].every((tier) => tiers.some((row) => row.tier === tier)),
      profiles,
      limits,
      targets: [],
      reproduce: `npm run bench${options.args.length > 0 && JSON.stringify(options) !== JSON.stringify(defaults) ? ` -- ${options.args.join(" ")}` : ""}`,
    };
    report.targets = targets(report, lint);
    process.stdout.write(`${consoleReport(report)}\n`);
    writeFileSync(options.output, markdownReport(report, findings(report)));
    const shown = relative(process.cwd(), options.output);
    log(`wrote ${shown.startsWith("..") ? options.output : shown}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
