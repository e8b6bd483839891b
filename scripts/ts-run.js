#!/usr/bin/env node
"use strict";
/**
 * Runs a TypeScript entry point: `node scripts/ts-run.js main.ts [args]`.
 *
 * Each .ts file is transpiled on its own by TypeScript's `transpileModule` with the options of tsconfig.json,
 * exactly as `ts-node --transpile-only` did, but the JavaScript is kept in node_modules/.cache/ts-run/, named by
 * a hash of the file's path and text, the tsconfig.json text, the TypeScript version and this file's version. A
 * run in which no file changed therefore loads neither TypeScript nor a source-map hook (about 2 s of the old
 * `npm run synth`); a changed file is transpiled again, and nothing stale can run because a file's output
 * depends only on its own text (`isolatedModules`). Types are checked by `npm run typecheck`, as before.
 *
 * Written in plain JavaScript because it is what makes TypeScript runnable. `TS_RUN_CACHE` moves the cache
 * (tests do). Stack traces give the line of the generated JavaScript; `NODE_OPTIONS=--enable-source-maps`
 * maps them to the TypeScript (the cached files carry inline source maps), at some cost in speed.
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const Module = require("module");

/** Raise it whenever the output of `transpile` changes for the same input. */
const VERSION = "1";
const ROOT = path.resolve(__dirname, "..");
const CACHE = process.env.TS_RUN_CACHE || path.join(ROOT, "node_modules", ".cache", "ts-run");
const TSCONFIG = path.join(ROOT, "tsconfig.json");

const typescriptVersion = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json", { paths: [ROOT] }), "utf8")).version;
const salt = [VERSION, typescriptVersion, fs.readFileSync(TSCONFIG, "utf8")].join("\0");

let ts; // loaded on the first cache miss only
let compilerOptions;

function javascriptFor(filename) {
  const source = fs.readFileSync(filename, "utf8");
  const key = crypto.createHash("sha256").update(salt).update("\0").update(filename).update("\0").update(source).digest("hex");
  const cached = path.join(CACHE, `${key.slice(0, 2)}`, `${key.slice(2)}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  const javascript = transpile(source, filename);
  // Written under a unique name then renamed, so concurrent runs never read a half-written file.
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const temporary = `${cached}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, javascript);
  fs.renameSync(temporary, cached);
  return javascript;
}

function transpile(source, filename) {
  ts = ts || require(require.resolve("typescript", { paths: [ROOT] }));
  compilerOptions = compilerOptions || readCompilerOptions();
  const output = ts.transpileModule(source, { fileName: filename, compilerOptions, reportDiagnostics: true });
  if (output.diagnostics && output.diagnostics.length > 0) {
    const host = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };
    throw new SyntaxError(ts.formatDiagnostics(output.diagnostics, host));
  }
  return output.outputText;
}

function readCompilerOptions() {
  const host = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(TSCONFIG, {}, host);
  return {
    ...parsed.options,
    module: ts.ModuleKind.CommonJS,
    noEmit: false,
    declaration: false,
    composite: false,
    incremental: false,
    sourceMap: false,
    inlineSourceMap: true,
  };
}

require.extensions[".ts"] = function loadTypeScript(module, filename) {
  module._compile(javascriptFor(filename), filename);
};

if (require.main === module) {
  const entry = process.argv[2];
  if (!entry) {
    console.error("usage: node scripts/ts-run.js <entry.ts> [arguments]");
    process.exit(2);
  }
  // The entry point sees the argv it would see when run directly: [node, entry, ...arguments].
  process.argv.splice(1, 2, path.resolve(entry));
  // Started once this file has finished loading, so the entry point's stack is as deep as under plain `node`:
  // cdktf records a full stack trace for every token it creates, and their cost grows with the depth.
  setImmediate(() => Module.runMain());
}
