import { readFileSync } from "fs";

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) that this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

type Frame = CpuProfile["nodes"][number]["callFrame"];

export interface ProfileLine {
  label: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by who runs it; each sample counted once, so these add up to the total. */
  owners: ProfileLine[];
  /** Time spent inside well-known frames (inclusive); these overlap. */
  phases: ProfileLine[];
}

function packageOf(url: string): string | undefined {
  const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  return name === ".cache" ? undefined : name;
}

const isCdktf = (frame: Frame, file: string, name?: string) =>
  frame.url.includes(`node_modules/cdktf/lib/${file}`) && (name === undefined || frame.functionName === name);

/** Who a sample's time belongs to, from its whole stack (leaf first). */
function ownerOf(stack: Frame[]): string {
  if (stack.some((frame) => frame.functionName === "spawnSync" || frame.functionName === "execSync")) return "child processes (spawnSync)";
  if (stack.some((frame) => isCdktf(frame, "tokens/private/stack-trace.js", "captureStackTrace"))) return "stack traces of cdktf tokens";
  const leaf = stack[0];
  if (leaf.functionName === "(garbage collector)") return "garbage collection";
  if (!leaf.url) return leaf.functionName === "(program)" || leaf.functionName === "(idle)" ? "V8 and idle" : "native code";
  if (leaf.url.startsWith("node:internal/modules")) return "module loading (Node)";
  if (leaf.url.startsWith("node:")) return "other Node internals";
  const pkg = packageOf(leaf.url);
  if (pkg) return pkg;
  return "project code";
}

const PHASES: { label: string; matches: (frame: Frame) => boolean }[] = [
  { label: "cdktf `App.synth()` (all of synthesis)", matches: (f) => isCdktf(f, "app.js", "synth") },
  { label: "cdktf validations (`runAllValidations`)", matches: (f) => isCdktf(f, "terraform-stack.js", "runAllValidations") },
  { label: "`terraform version` per `DataResource` (spawnSync)", matches: (f) => f.functionName === "spawnSync" },
  { label: "stack traces captured by cdktf tokens", matches: (f) => isCdktf(f, "tokens/private/stack-trace.js", "captureStackTrace") },
  { label: "cdktf token resolution (`resolve`)", matches: (f) => isCdktf(f, "tokens/private/resolve.js", "resolve") },
  { label: "JSON text (json-stable-stringify)", matches: (f) => f.url.includes("node_modules/json-stable-stringify/") },
  { label: "writing files", matches: (f) => f.functionName === "writeFileSync" },
  { label: "environment validation (zod)", matches: (f) => f.url.includes("node_modules/zod/") },
  { label: "evaluating packages' modules (first `require`)", matches: (f) => f.functionName === "" && f.lineNumber === 0 && packageOf(f.url) !== undefined },
  { label: "compiling JavaScript (`wrapSafe`)", matches: (f) => f.functionName === "wrapSafe" },
];

export function summarizeProfile(path: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const owners = new Map<string, number>();
  const phases = new Array<number>(PHASES.length).fill(0);
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const stack: Frame[] = [];
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) stack.push(frames.get(node)!);
    total += micros;
    const owner = ownerOf(stack);
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
    PHASES.forEach((phase, i) => {
      if (stack.some(phase.matches)) phases[i] += micros;
    });
  }
  const line = (label: string, micros: number): ProfileLine => ({ label, ms: micros / 1000, share: total > 0 ? micros / total : 0 });
  return {
    totalMs: total / 1000,
    owners: [...owners].sort((a, b) => b[1] - a[1]).map(([label, micros]) => line(label, micros)),
    phases: PHASES.map((phase, i) => line(phase.label, phases[i])),
  };
}
