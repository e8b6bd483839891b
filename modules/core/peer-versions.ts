import { readFileSync } from "fs";

// The versions of cdktf, constructs and @cdktf/provider-aws this library is built and tested against. An app on
// other versions gets a second, nested copy of them (or none, with --legacy-peer-deps) and type errors such as
// "Types have separate declarations of a private property" that do not say what to install; checking once when the
// library loads turns that into one message naming the supported ranges.

/**
 * The peer dependencies and the ranges `package.json` declares for them (a test keeps the two equal). Provider
 * bindings 20.1.x are hashicorp/aws 5.100.0 (compiled, synthesized and `terraform validate`d); 21.22.x are
 * hashicorp/aws 6.25.0 (compiled and synthesized only: no 6.x provider binary is available to validate against).
 */
export const SUPPORTED_PEER_VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  cdktf: "^0.21.0",
  constructs: "^10.4.2",
  "@cdktf/provider-aws": "^20.1.0 || ^21.22.1",
});

type Version = readonly [number, number, number];

function parseVersion(text: string): Version | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `version` satisfies a range of caret alternatives (`^1.2.3 || ^2.0.1`), the only form used above. */
export function satisfiesCaretRange(version: string, range: string): boolean {
  const installed = parseVersion(version);
  if (!installed || version.includes("-")) return false;
  return range.split("||").some((alternative) => {
    const floor = parseVersion(alternative.trim().replace(/^\^/, ""));
    if (!floor) throw new Error(`unsupported range "${range}"`);
    // Caret: same left-most non-zero component, and not below the floor.
    const sameLine = floor[0] > 0 ? installed[0] === floor[0] : installed[0] === 0 && installed[1] === floor[1];
    return sameLine && compare(installed, floor) >= 0;
  });
}

/**
 * The one message for installed peers outside the supported ranges, or undefined when all fit. `installed` maps a
 * package name to its version, or to undefined when it is not installed.
 */
export function peerVersionProblem(installed: Readonly<Record<string, string | undefined>>): string | undefined {
  const wrong = Object.entries(SUPPORTED_PEER_VERSIONS).filter(([name, range]) => {
    const version = installed[name];
    return version === undefined || !satisfiesCaretRange(version, range);
  });
  if (wrong.length === 0) return undefined;
  const found = wrong.map(([name]) => `${name} ${installed[name] ?? "(not installed)"}`).join(", ");
  const supported = Object.entries(SUPPORTED_PEER_VERSIONS)
    .map(([name, range]) => `${name}@"${range}"`)
    .join(", ");
  return (
    `dms-migration-constructs supports ${supported}; this app has ${found}. ` +
    `Install versions in those ranges as direct dependencies of the app (they are peer dependencies of this library).`
  );
}

/** The version of a package as this library resolves it (the consumer's copy when installed), or undefined. */
function installedVersion(name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Throws one Error naming the supported ranges when the resolved cdktf, constructs or provider bindings are outside them. */
export function assertSupportedPeerVersions(): void {
  const problem = peerVersionProblem(Object.fromEntries(Object.keys(SUPPORTED_PEER_VERSIONS).map((name) => [name, installedVersion(name)])));
  if (problem) throw new Error(problem);
}
