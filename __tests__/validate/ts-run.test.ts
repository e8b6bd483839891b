import { spawn, spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/**
 * scripts/ts-run.js runs `npm run synth` and the cdktf.json app: TypeScript with a transpile cache.
 * Each case starts Node (and TypeScript on a cache miss), a few seconds in all, so they live in this tier
 * with the other tests that run the app, and share runs where they can.
 */

const RUNNER = join(__dirname, "..", "..", "scripts", "ts-run.js");

function project(files: Record<string, string>): { dir: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), "ts-run-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, cache: join(dir, ".cache") };
}

function run({ dir, cache }: { dir: string; cache: string }, entry: string, args: string[] = []) {
  return spawnSync(process.execPath, [RUNNER, join(dir, entry), ...args], { cwd: dir, env: { ...process.env, TS_RUN_CACHE: cache }, encoding: "utf8" });
}

const entry = `
import { greeting } from "./greeting";
if (process.argv[2] === "exit") process.exit(3);
if (process.argv[2] === "throw") throw new Error("boom from the app");
const typescriptLoaded = Object.keys(require.cache).some((file) => file.includes("node_modules/typescript/"));
console.log(JSON.stringify({ greeting: greeting("world"), dirname: __dirname, filename: __filename, argv: process.argv.slice(1), typescriptLoaded }));
`;
const greeting = (word: string) => `export const greeting = (name: string): string => \`${word} \${name}\`;\n`;

test("runs the entry point as Node would, then from the cache without TypeScript, and never runs a changed file stale", () => {
  const app = project({ "main.ts": entry, "greeting.ts": greeting("hello") });
  const first = run(app, "main.ts", ["--flag", "value"]);
  expect(first.stderr).toBe("");
  expect(JSON.parse(first.stdout)).toEqual({
    greeting: "hello world",
    dirname: app.dir,
    filename: join(app.dir, "main.ts"),
    argv: [join(app.dir, "main.ts"), "--flag", "value"],
    typescriptLoaded: true,
  });

  expect(JSON.parse(run(app, "main.ts").stdout)).toMatchObject({ greeting: "hello world", typescriptLoaded: false });

  writeFileSync(join(app.dir, "greeting.ts"), greeting("goodbye"));
  expect(JSON.parse(run(app, "main.ts").stdout).greeting).toBe("goodbye world");
});

test("the app's exit status and uncaught errors are its own; a syntax error stops the run and names the file", () => {
  const app = project({ "main.ts": entry, "greeting.ts": greeting("hello"), "broken.ts": "const x: number = ;\n" });
  expect(run(app, "main.ts", ["exit"]).status).toBe(3);
  const thrown = run(app, "main.ts", ["throw"]);
  expect(thrown.status).toBe(1);
  expect(thrown.stderr).toContain("boom from the app");
  const broken = run(app, "broken.ts");
  expect(broken.status).not.toBe(0);
  expect(broken.stderr).toContain("broken.ts");
  expect(broken.stderr).toContain("Expression expected");
});

test("runs started together with an empty cache all succeed", async () => {
  const app = project({ "main.ts": entry, "greeting.ts": greeting("hi") });
  const once = () =>
    new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [RUNNER, join(app.dir, "main.ts")], { cwd: app.dir, env: { ...process.env, TS_RUN_CACHE: app.cache } });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.on("close", (status) => resolve({ status, stdout }));
    });
  for (const result of await Promise.all([once(), once(), once()])) {
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).greeting).toBe("hi world");
  }
});
