import { spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { terraform } from "../../cli/terraform-cli";
import { SUPPORTED_PEER_VERSIONS } from "../../modules/core/peer-versions";
import { REPO } from "../helpers/app";

// What another team gets: the packed tarball, installed with npm into an empty app next to exact peer versions,
// compiled strictly (no skipLibCheck) and synthesized with the app's own stack, provider and backend. Once against
// the bindings of hashicorp/aws 5.100.0 (also `terraform validate`d: that binary is in the offline mirror) and once
// against those of 6.25.0 (types and synthesis only: no 6.x binary here). npm reads its cache first
// (`--prefer-offline`); the registry is asked only for what the cache lacks.

const PACKAGE = "dms-migration-constructs";
// `typeCheckLibrary`: the library's own sources against these bindings. For 20.1.0, the repository's own
// bindings, that is exactly `npm run typecheck`, which npm test runs first; doing it again here cost a whole tsc run.
const BINDINGS = [
  { providerAws: "20.1.0", terraformProvider: "5.100.0", validate: true, typeCheckLibrary: false },
  { providerAws: "21.22.1", terraformProvider: "6.25.0", validate: false, typeCheckLibrary: true },
] as const;
const EXACT_PEERS = { cdktf: "0.21.0", constructs: "10.4.5" };
const EXAMPLES = ["library", "dms"] as const;

/** The README's code block that follows the `<!-- example: <name> -->` marker, verbatim. */
function readmeExample(name: string): string {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`README.md has no example "${name}"`);
  return match[1];
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

let tarball: string;
let packed: { size: number; unpackedSize: number; files: { path: string }[] };
const scratch = mkdtempSync(join(tmpdir(), "consumer-"));

beforeAll(() => {
  run("npm", ["run", "-s", "build"], REPO);
  // The build just ran; `--ignore-scripts` keeps `prepare` from building a second time.
  const output = run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], REPO);
  packed = JSON.parse(output.slice(output.indexOf("[")))[0];
  tarball = join(scratch, (packed as unknown as { filename: string }).filename);
}, 120000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test("the tarball holds the compiled library, its declarations, the CLI and its bin, the README and package.json, and nothing else", () => {
  const paths = packed.files.map((file) => file.path);
  expect(paths).toEqual(
    expect.arrayContaining(["package.json", "README.md", "dist/modules/index.js", "dist/modules/index.d.ts", "dist/cli/main.js", "bin/dms-migration.js"]),
  );
  const expected = (path: string) =>
    /^dist\/modules\/.+\.(js|d\.ts)$/.test(path) || /^dist\/cli\/.+\.js$/.test(path) || ["package.json", "README.md", "bin/dms-migration.js"].includes(path);
  expect(paths.filter((path) => !expected(path))).toEqual([]);
  // A budget, not a measurement: 27 engines and the CLI pack to about 520 KB (2026-12-03); a jump past this means
  // something that is not compiled library or CLI code got in (source maps, fixtures, a bundled dependency).
  expect(packed.size).toBeLessThan(768 * 1024);
});

test("package.json declares exactly the peer ranges the library checks at load", () => {
  const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
  expect(manifest.peerDependencies).toEqual(SUPPORTED_PEER_VERSIONS);
  expect(manifest.private).toBeUndefined();
  for (const peer of Object.keys(SUPPORTED_PEER_VERSIONS)) expect(manifest.dependencies[peer]).toBeUndefined();
});

describe.each(BINDINGS)("an app on @cdktf/provider-aws $providerAws (hashicorp/aws $terraformProvider)", ({ providerAws, terraformProvider, validate, typeCheckLibrary }) => {
  let app: string;

  beforeAll(() => {
    app = mkdtempSync(join(scratch, `app-${providerAws}-`));
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({
        name: "consumer-app",
        version: "1.0.0",
        private: true,
        dependencies: { [PACKAGE]: `file:${tarball}`, ...EXACT_PEERS, "@cdktf/provider-aws": providerAws },
      }),
    );
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"], app);
    // The README's examples, verbatim, compiled together in one strict tsc run (library declarations checked too).
    for (const name of EXAMPLES) {
      mkdirSync(join(app, name));
      writeFileSync(join(app, name, "main.ts"), readmeExample(name));
    }
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, skipLibCheck: false, target: "ES2022", module: "node16", moduleResolution: "node16", rootDir: ".", outDir: "out", types: [] },
        files: EXAMPLES.map((name) => `${name}/main.ts`),
      }),
    );
    run(process.execPath, [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", app], app);
  }, 240000);

  /** Runs a README example compiled in beforeAll, returns one stack. */
  function runExample(name: string, stackName: string): { stack: any; outdir: string } {
    const dir = join(app, name);
    const outdir = join(dir, "cdktf.out");
    run(process.execPath, [join(app, "out", name, "main.js")], dir, { ...process.env, CDKTF_OUTDIR: outdir });
    return { stack: JSON.parse(readFileSync(join(outdir, "stacks", stackName, "cdk.tf.json"), "utf8")), outdir };
  }

  test("npm installed the peers once, at the app's top level, and nothing nested under the library", () => {
    expect(JSON.parse(readFileSync(join(app, "node_modules", "@cdktf", "provider-aws", "package.json"), "utf8")).version).toBe(providerAws);
    expect(existsSync(join(app, "node_modules", PACKAGE, "node_modules"))).toBe(false);
  });

  test("the README's PostgresDatabase example compiles strictly against the package and synthesizes", () => {
    const { stack } = runExample("library", "reporting");
    expect(stack.terraform.required_providers.aws.version).toBe(terraformProvider);
    expect(stack.terraform.backend.s3).toMatchObject({ bucket: "reporting-terraform-state", key: "reporting/terraform.tfstate" });
    expect(Object.values<any>(stack.resource.aws_db_instance)[0].identifier).toBe("mosaic-mirror-db-staging");
    expect(Object.values<any>(stack.resource.aws_vpc_security_group_ingress_rule)[0]).toMatchObject({ cidr_ipv4: "10.20.0.0/16", from_port: 5432 });
  });

  test("the README's DMS example compiles strictly, synthesizes, writes its DBA script" + (validate ? " and passes terraform validate" : ""), () => {
    const { stack, outdir } = runExample("dms", "mirror");
    expect(stack.terraform.required_providers.aws.version).toBe(terraformProvider);
    expect(stack.terraform.required_version).toBe(">= 1.11");
    const task = Object.values<any>(stack.resource.aws_dms_replication_task)[0];
    expect(task).toMatchObject({ replication_task_id: "mosaic-people", migration_type: "full-load-and-cdc" });
    expect(JSON.parse(task.replication_task_settings).FullLoadSettings.TargetTablePrepMode).toBe("TRUNCATE_BEFORE_LOAD");
    expect(Object.values<any>(stack.resource.aws_vpc_security_group_egress_rule)).toEqual(
      expect.arrayContaining([expect.objectContaining({ from_port: 443, referenced_security_group_id: "sg-0secretsmanager0001" })]),
    );
    expect(readFileSync(join(outdir, "stacks", "mirror", "dba", "source-mosaic-endpoint.sql"), "utf8")).toContain("sp_get_distributor");
    if (validate) {
      const dir = join(outdir, "stacks", "mirror");
      terraform(dir, ["init", "-backend=false", "-input=false", "-no-color"]);
      expect(terraform(dir, ["validate", "-no-color"])).toContain("Success! The configuration is valid.");
    }
  });

  if (typeCheckLibrary) test("the library's own sources type-check against these bindings (what synthesis cannot see: an argument the provider dropped)", () => {
    const bindings = join(app, "node_modules", "@cdktf", "provider-aws");
    writeFileSync(
      join(app, "tsconfig.library.json"),
      JSON.stringify({
        extends: join(REPO, "tsconfig.build.json"),
        compilerOptions: { noEmit: true, declaration: false, baseUrl: REPO, typeRoots: [join(REPO, "node_modules", "@types")], paths: { "@cdktf/provider-aws/*": [`${bindings}/*`] } },
        include: [join(REPO, "modules", "**", "*.ts")],
      }),
    );
    const files = run(process.execPath, [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", join(app, "tsconfig.library.json"), "--listFiles"], app);
    expect(files).toContain(join(bindings, "lib", "dms-replication-instance", "index.d.ts"));
  });

  test("the installed dms-migration command runs: every AWS SDK client its commands load was installed with the package", () => {
    const result = spawnSync(join(app, "node_modules", ".bin", "dms-migration"), ["--help"], { cwd: app, encoding: "utf8" });
    expect(result.stderr).not.toContain("Cannot find module");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\s+status\s/m);
    expect(result.stdout).toMatch(/^\s+cutover-check\s/m);
  });

  test("only the package root is importable: deep paths into dist are closed", () => {
    const probe = `try { require("${PACKAGE}/dist/modules/core/errors"); console.log("open"); } catch (e) { console.log(e.code); }`;
    expect(run(process.execPath, ["-e", probe], app).trim()).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  test("with cdktf outside the supported range, loading the library fails with one message naming the supported ranges", () => {
    const manifestPath = join(app, "node_modules", "cdktf", "package.json");
    const original = readFileSync(manifestPath, "utf8");
    try {
      writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(original), version: "0.20.11" }));
      const result = spawnSync(process.execPath, ["-e", `require("${PACKAGE}")`], { cwd: app, encoding: "utf8" });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(
        `dms-migration-constructs supports cdktf@"^0.21.0", constructs@"^10.4.2", @cdktf/provider-aws@"^20.1.0 || ^21.22.1"; this app has cdktf 0.20.11.`,
      );
    } finally {
      writeFileSync(manifestPath, original);
    }
  });
});
