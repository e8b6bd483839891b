import { ProfileSummary } from "./profile";
import { Summary, median } from "./measure";

export interface SynthRow {
  label: string;
  command: string;
  summary: Summary;
  /** Median of paired ratios to the floor; undefined for the floor itself. */
  ratio?: number;
}

export interface ScalingRow {
  tasks: number;
  resources: number;
  jsonKiB: number;
  synth: Summary;
  floor: Summary;
  ratio: number;
}

export interface Fit {
  smallest: number;
  largest: number;
  /** Second-largest size: the last interval is from it to the largest. */
  previous: number;
  /** Median time per task added, from the smallest size to the largest. */
  perTaskMs: number;
  /** The same between the two largest sizes. */
  lastPerTaskMs: number;
  /** Fixed cost: the smallest size's median less its tasks' share. */
  fixedMs: number;
  perTaskMiB: number;
}

export interface ProfileReport {
  title: string;
  command: string;
  summary: ProfileSummary;
  wallMs: number;
  file: string;
}

export interface TierRow {
  tier: string;
  command: string;
  summary: Summary;
  /** Jest tiers: each test file's duration in the last run, slowest first. */
  files?: { file: string; ms: number }[];
}

export interface LimitRow {
  input: string;
  bytes: number;
  medianMs: number;
  maxMs: number;
  /** "accepted", or how many problems and the first one's path and message. */
  outcome: string;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | undefined;
}

export interface Report {
  date: string;
  machine: string[];
  commit: string;
  runs: number;
  warmup: number;
  synth: SynthRow[];
  bundledStacks: string;
  scaling: ScalingRow[];
  fit?: Fit;
  tiers: TierRow[];
  tierRuns: number;
  tierWarmup: number;
  /** Whether every tier of `npm test` was measured, so that their sum is its time. */
  allTiers: boolean;
  profiles: ProfileReport[];
  /** The environment-file check on bad and extreme inputs (input-limits.ts). */
  limits: LimitRow[];
  targets: Target[];
  reproduce: string;
}

const seconds = (ms: number) => (ms >= 100_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const range = (summary: Summary) => `${seconds(summary.minMs)} – ${seconds(summary.maxMs)}`;
const spread = (summary: Summary) => `±${(summary.spread * 100).toFixed(0)} %`;
const mib = (value: number) => `${value.toFixed(0)} MiB`;
const ratio = (value: number | undefined) => (value === undefined ? "1 (floor)" : `${value.toFixed(2)}×`);
const percent = (share: number) => `${(share * 100).toFixed(0)} %`;

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

export function synthTable(report: Report): string {
  return table(
    ["", "median", "min – max", "spread (MAD)", "× floor", "peak RSS", "CPU"],
    report.synth.map((row) => [
      `${row.label}: \`${row.command}\``,
      seconds(row.summary.medianMs),
      range(row.summary),
      spread(row.summary),
      ratio(row.ratio),
      mib(row.summary.peakRssMiB),
      seconds(row.summary.cpuMs),
    ]),
  );
}

export function scalingTable(report: Report): string {
  return table(
    ["tasks", "blocks", "cdk.tf.json", "`npm run synth` median", "min – max", "peak RSS", "floor median", "floor RSS", "× floor"],
    report.scaling.map((row) => [
      String(row.tasks),
      String(row.resources),
      `${row.jsonKiB.toFixed(0)} KiB`,
      seconds(row.synth.medianMs),
      range(row.synth),
      mib(row.synth.peakRssMiB),
      seconds(row.floor.medianMs),
      mib(row.floor.peakRssMiB),
      ratio(row.ratio),
    ]),
  );
}

export function fitLine(fit: Fit): string {
  return (
    `From ${fit.smallest} to ${fit.largest} tasks synth grows ${fit.perTaskMs.toFixed(1)} ms per task (about ${seconds(fit.fixedMs)} fixed); ` +
    `from ${fit.previous} to ${fit.largest}, ${fit.lastPerTaskMs.toFixed(1)} ms per task (${(fit.lastPerTaskMs / fit.perTaskMs).toFixed(2)}× that: ` +
    `1 is linear, more is worse than linear). Peak memory grows ${fit.perTaskMiB.toFixed(2)} MiB per task.`
  );
}

export function tierTable(report: Report): string {
  const rows = report.tiers.map((row) => [
    row.summary.failures > 0 ? `${row.tier} (**${row.summary.failures} of ${row.summary.runs} runs failed**)` : row.tier,
    `\`${row.command}\``,
    String(row.summary.runs),
    seconds(row.summary.medianMs),
    range(row.summary),
    mib(row.summary.peakRssMiB),
  ]);
  if (report.tiers.length > 1 && report.allTiers) {
    const total = report.tiers.reduce((sum, row) => sum + row.summary.medianMs, 0);
    rows.push(["**`npm test`**", "the tiers above, one after the other (at most: Jest runs its projects side by side)", "", `**${seconds(total)}**`, "", ""]);
  }
  return table(["tier", "command", "runs", "median", "min – max", "peak RSS"], rows);
}

/** Where a Jest tier's time goes: how many files, what a file costs, the slowest ones. */
export function tierFiles(report: Report): string {
  const lines: string[] = [];
  for (const row of report.tiers) {
    if (!row.files || row.files.length === 0) continue;
    const durations = row.files.map((file) => file.ms);
    const total = durations.reduce((sum, ms) => sum + ms, 0);
    lines.push(
      `- **${row.tier}**: ${row.files.length} test files, ${seconds(total)} in all (median ${seconds(median(durations))} a file, ` +
        `fastest ${seconds(Math.min(...durations))}); slowest: ` +
        row.files.slice(0, 5).map((file) => `${file.file} ${seconds(file.ms)}`).join(", ") +
        ".",
    );
  }
  return lines.join("\n");
}

export function limitsTable(report: Report): string {
  return table(
    ["input", "bytes", "check median", "slowest", "outcome"],
    report.limits.map((row) => [row.input, row.bytes.toLocaleString("en-GB"), `${row.medianMs.toFixed(1)} ms`, `${row.maxMs.toFixed(1)} ms`, row.outcome.replace(/\|/g, "\\|")]),
  );
}

export function targetTable(report: Report): string {
  return table(
    ["target", "measured", "met"],
    report.targets.map((target) => [target.target, target.measured, target.met === undefined ? "not measured" : target.met ? "yes" : "**no**"]),
  );
}

export function profileTables(profile: ProfileReport): string {
  const { summary } = profile;
  return [
    table(
      ["self time, by who runs it", "ms", "share"],
      summary.owners.filter((line) => line.share >= 0.005).map((line) => [line.label, line.ms.toFixed(0), percent(line.share)]),
    ),
    "",
    table(["time inside (inclusive; these overlap)", "ms", "share"], summary.phases.map((line) => [line.label, line.ms.toFixed(0), percent(line.share)])),
  ].join("\n");
}

/** The console version: the same tables, without the prose. */
export function consoleReport(report: Report): string {
  const parts = [`Synth of the bundled environments (${report.bundledStacks}), ${report.runs} runs after ${report.warmup} warm-up:`, synthTable(report)];
  if (report.scaling.length > 0) {
    parts.push("", "One environment with N replication tasks:", scalingTable(report));
    if (report.fit) parts.push(fitLine(report.fit));
  }
  if (report.tiers.length > 0) parts.push("", `Test tiers, ${report.tierRuns} run(s) after ${report.tierWarmup} warm-up:`, tierTable(report), tierFiles(report));
  if (report.limits.length > 0) parts.push("", `The environment-file check on bad and extreme inputs, ${report.runs} runs after 1 warm-up:`, limitsTable(report));
  for (const profile of report.profiles) {
    parts.push("", `Profile of ${profile.title} (${seconds(profile.summary.totalMs)} sampled):`, profileTables(profile));
  }
  parts.push("", "Targets:", targetTable(report));
  return parts.join("\n");
}

function profileSection(profile: ProfileReport): string {
  return `### ${profile.title}

\`${profile.command}\` (${seconds(profile.wallMs)} wall, ${seconds(profile.summary.totalMs)} sampled; the profiler slows it
down). The profile is node_modules/.cache/bench/${profile.file} (Chrome DevTools, Performance tab, opens it).

${profileTables(profile)}
`;
}

export function markdownReport(report: Report, findings: string): string {
  return `# Benchmarks

Written by \`npm run bench\` (scripts/bench/); do not edit by hand, run it again. ${report.date}, commit \`${report.commit}\`.

**Machine:** ${report.machine.join("; ")}.

Timings are wall-clock medians of ${report.runs} runs after ${report.warmup} warm-up run(s), taken side by side with the
floor (A B C, then B C A, ...): "× floor" is the median of the ratios of runs taken together, so a machine that is
busy for part of the benchmark misleads less. Spread is the median absolute deviation. Peak RSS is the largest
resident set of any Node process of the command (npm itself, the app, test workers); CPU is their user + system time.

## Targets

${targetTable(report)}

## Synth of every bundled environment (${report.bundledStacks})

${synthTable(report)}

The floor does the same work with none of the project's code: a Node process that loads cdktf and exactly the
provider modules the environments use (deep paths) and writes byte-identical files (see "How the floor is built").
\`npm run synth\` includes npm's own start (about 0.2 s here; the row without npm shows the rest).

${
  report.scaling.length > 0
    ? `## How synth grows with the work

One environment (\`development.json\` with its DMS part) with N replication tasks, each reading its own SQL Server
source endpoint (so each task adds its endpoint, credentials secret and IAM policy, security-group rules, DBA script
and \`terraform_data\` trigger), generated by scripts/bench/scaling-environment.ts.

${scalingTable(report)}

${report.fit ? fitLine(report.fit) : ""}
`
    : ""
}
${
  report.tiers.length > 0
    ? `## Test tiers

${report.tierRuns} run(s) after ${report.tierWarmup} warm-up run(s) each, except the emulator tier: one run, since each takes minutes
of Terraform's fixed waits. \`npm test\` runs typecheck, lint, then every Jest project in one run.

${tierTable(report)}

Per file, in the last run (Jest gives every test file its own module registry, so each file that builds a stack
loads cdktf, the provider modules and zod again):

${tierFiles(report)}
`
    : ""
}
${
  report.limits.length > 0
    ? `## Bad and extreme environment files

The check synth runs first (\`loadEnvironments\`: size and nesting caps, duplicate keys, the secret scan, the
schema and the rules) on one changed \`development.json\`, timed in one process without Node's start, ${report.runs} runs
after a warm-up (scripts/bench/input-limits.ts). Every step is linear in the input; the caps bound the input.

${limitsTable(report)}
`
    : ""
}
${report.profiles.length > 0 ? `## Where the time goes\n\n${report.profiles.map(profileSection).join("\n")}` : ""}
${findings}

## How the floor is built

scripts/bench/floor.ts, compiled ahead of time to plain JavaScript and run with \`node\`. It reads the output of a
real synth of the same environments (the reference) and builds it again: one \`TerraformStack\` per stack, and for
every block an instance of the provider class that writes it, loaded from its deep path
(\`@cdktf/provider-aws/lib/<resource>\`; only the modules whose blocks appear), at the same construct path and
logical id, returning the reference's attributes as they are. \`terraform_data\` (no provider class) is a plain
\`TerraformResource\`, \`ephemeral\` blocks (no class in cdktf 0.21) a \`TerraformElement\`, the S3 backend an
\`S3Backend\`, outputs \`TerraformOutput\`s; warnings the app attached to constructs are attached again at the same
paths, and the DBA scripts are copied. So it pays for cdktf, the provider modules, the construct tree, token
resolution, JSON and file writes, and nothing else: no environment validation, no references between resources, no
table mappings or task settings, no T-SQL. After every run, of the floor and of synth alike, the benchmark checks
that every file written is byte-identical to the reference (manifest.json up to the stack traces of warnings, which
name the code that added them).

## How to reproduce

\`\`\`sh
npm ci
${report.reproduce}
\`\`\`

Options: \`--runs N\` (default 5), \`--warmup N\` (1), \`--sizes 1,10,100,500\`, \`--tier-runs N\` (5),
\`--tiers unit,validate\` (default: typecheck, lint and every Jest project), \`--no-tests\`, \`--no-scaling\`,
\`--no-profile\`, \`--no-limits\`, \`--no-previous\` (skip the ts-node comparison), \`--output FILE\`. Close other work first: the tables
say how busy the machine was.
`;
}
