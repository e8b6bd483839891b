#!/usr/bin/env node
"use strict";
/**
 * The `dms-migration` command (package.json `bin`). In this repository it runs the TypeScript of cli/ through
 * scripts/ts-run.js, so an edit is never shadowed by an older build; an installed package ships no TypeScript and
 * runs the compiled CLI, dist/cli/main.js.
 */
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const source = path.join(root, "cli", "main.ts");
const runner = path.join(root, "scripts", "ts-run.js");
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED || "true";
if (fs.existsSync(source) && fs.existsSync(runner)) require(runner);
const { main } = require(fs.existsSync(source) && fs.existsSync(runner) ? source : path.join(root, "dist", "cli", "main.js"));
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
