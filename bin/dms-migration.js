#!/usr/bin/env node
"use strict";
/**
 * The `dms-migration` command (package.json `bin`): runs the compiled CLI (dist/cli/main.js) when the package is
 * built, otherwise the TypeScript through scripts/ts-run.js, as in this repository.
 */
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const compiled = path.join(root, "dist", "cli", "main.js");
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED || "true";
const { main } = fs.existsSync(compiled) ? require(compiled) : (require(path.join(root, "scripts", "ts-run.js")), require(path.join(root, "cli", "main.ts")));
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
