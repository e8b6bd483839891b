import { spawnSync } from "child_process";
import { join } from "path";

/**
 * The package root of @cdktf/provider-aws loads all ~2,100 resource modules: several seconds and hundreds of
 * MiB on every synth. ESLint refuses it (eslint.config.mjs, `no-restricted-imports`), so a root import fails
 * `npm test`; these tests make sure that rule cannot disappear or be switched off for part of the tree.
 */

const REPO = join(__dirname, "..", "..", "..");

interface Probe {
  /** Where the file would be, relative to the repository. */
  file: string;
  code: string;
}

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

/**
 * Lints in-memory files with ESLint's Node API and the project's own configuration. It runs in a child
 * process because ESLint loads eslint.config.mjs with a dynamic import, which Jest's sandbox refuses.
 */
function lint(probes: Probe[]): LintMessage[][] {
  const script = `
    const { ESLint } = require("eslint");
    const path = require("path");
    const probes = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const eslint = new ESLint({ cwd: process.cwd() });
    Promise.all(probes.map((probe) => eslint.lintText(probe.code, { filePath: path.join(process.cwd(), probe.file) })))
      .then((results) => process.stdout.write(JSON.stringify(results.map(([result]) => result.messages))))
      .catch((error) => { console.error(error); process.exit(1); });
  `;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: REPO, input: JSON.stringify(probes), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`ESLint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintMessage[][];
}

const refusals = (messages: LintMessage[]) => messages.filter((message) => message.ruleId === "no-restricted-imports" && message.severity === 2);

const rootImports: Probe[] = [
  { file: "modules/dms/probe.ts", code: 'import { DmsEndpoint } from "@cdktf/provider-aws";\nexport const probe = DmsEndpoint;\n' },
  { file: "modules/probe.ts", code: 'import * as aws from "@cdktf/provider-aws";\nexport const probe = aws;\n' },
  { file: "modules/probe.ts", code: 'export { DmsEndpoint } from "@cdktf/provider-aws";\n' },
  { file: "main-probe.ts", code: 'import { provider } from "@cdktf/provider-aws";\nexport const probe = provider;\n' },
  { file: "scripts/probe.ts", code: 'import { dmsEndpoint } from "@cdktf/provider-aws";\nexport const probe = dmsEndpoint;\n' },
  { file: "__tests__/unit/probe.test.ts", code: 'import { DmsEndpoint } from "@cdktf/provider-aws";\nexport const probe = DmsEndpoint;\n' },
];

const deepImport: Probe = {
  file: "modules/dms/probe.ts",
  code: 'import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";\nexport const probe = DmsEndpoint;\n',
};

let results: LintMessage[][];
beforeAll(() => {
  results = lint([...rootImports, deepImport]);
});

describe("ESLint refuses a root import of @cdktf/provider-aws", () => {
  test.each(rootImports.map((probe, index) => [probe.file, probe.code.split("\n")[0], index] as const))("in %s: %s", (_file, _line, index) => {
    const refused = refusals(results[index]);
    expect(refused).toHaveLength(1);
    expect(refused[0].message).toContain("@cdktf/provider-aws/lib/<resource>");
  });
});

test("a deep import of one resource passes", () => {
  expect(results[rootImports.length]).toEqual([]);
});
