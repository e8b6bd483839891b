import { readFileSync, readdirSync, statSync } from "fs";
import { builtinModules } from "module";
import { dirname, join, relative, resolve, sep } from "path";

/**
 * What the package ships (modules/ and cli/, compiled to dist/) runs in another team's app, where only
 * `dependencies` and `peerDependencies` are installed: every package it imports must be one of them, or
 * `npx dms-migration` fails there with "Cannot find module" (devDependencies exist only in this repository). For the
 * same reason a relative import must stay inside modules/ and cli/: the tarball holds nothing from scripts/.
 */

const REPO = join(__dirname, "..", "..", "..");
const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
const installedForUsers = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** The npm package an import specifier names (`@scope/name/deep` → `@scope/name`), or undefined for a relative or node: import. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const NODE_BUILTINS = new Set(builtinModules);
const SHIPPED_DIRS = ["modules", "cli"].map((dir) => join(REPO, dir));
const shippedFiles = () => SHIPPED_DIRS.flatMap(sourceFiles);
const IMPORT = /(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s+["']([^"']+)["']|require\(["']([^"']+)["']\)|import\(["']([^"']+)["']\)/g;

test("every package that modules/ and cli/ import is a dependency or a peer, never only a devDependency", () => {
  const missing: string[] = [];
  for (const file of shippedFiles()) {
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const name = packageOf(match[1] ?? match[2] ?? match[3]);
      if (name && !NODE_BUILTINS.has(name) && !installedForUsers.has(name)) missing.push(`${relative(REPO, file)}: ${name}`);
    }
  }
  expect(missing).toEqual([]);
});

test("modules/ and cli/ import nothing from outside themselves (scripts/ and __tests__/ are not in the package)", () => {
  const outside: string[] = [];
  for (const file of shippedFiles()) {
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier);
      if (!SHIPPED_DIRS.some((dir) => target.startsWith(dir + sep))) outside.push(`${relative(REPO, file)}: ${specifier}`);
    }
  }
  expect(outside).toEqual([]);
});
