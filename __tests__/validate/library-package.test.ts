import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { REPO } from "../helpers/app";

/** The README's code block that follows the `<!-- example: <name> -->` marker. */
function readmeExample(name: string): string {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`README.md has no example "${name}"`);
  return match[1];
}

/** A consumer project whose node_modules link to this package (as installed) and its peers. */
function consumerProject(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "consumer-"));
  const link = (name: string, target: string) => {
    mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(target, join(dir, "node_modules", name), "dir");
  };
  link("dms-migration-constructs", REPO);
  for (const peer of ["cdktf", "constructs", "@cdktf/provider-aws"]) link(peer, join(REPO, "node_modules", peer));
  writeFileSync(join(dir, "main.ts"), source);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", esModuleInterop: true, skipLibCheck: true, outDir: "out", types: [] }, files: ["main.ts"] }),
  );
  return dir;
}

describe("the library, imported by another stack", () => {
  beforeAll(() => {
    execFileSync("npm", ["run", "-s", "build"], { cwd: REPO, stdio: "pipe" });
  });

  test("the build publishes type declarations for the public API", () => {
    const declarations = readFileSync(join(REPO, "dist", "modules", "index.d.ts"), "utf8");
    expect(declarations).toContain('export * from "./postgres/postgres-database"');
    expect(readFileSync(join(REPO, "dist", "modules", "postgres", "postgres-database.d.ts"), "utf8")).toContain("export declare class PostgresDatabase");
  });

  /** Compiles a README example against the package, runs it, and returns the stack it synthesized. */
  function runExample(name: string, stackName: string): { stack: any; outdir: string } {
    const dir = consumerProject(readmeExample(name));
    execFileSync(process.execPath, [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { stdio: "pipe" });
    const outdir = join(dir, "cdktf.out");
    execFileSync(process.execPath, [join(dir, "out", "main.js")], { cwd: dir, env: { ...process.env, CDKTF_OUTDIR: outdir }, stdio: "pipe" });
    return { stack: JSON.parse(readFileSync(join(outdir, "stacks", stackName, "cdk.tf.json"), "utf8")), outdir };
  }

  test("the README's PostgresDatabase example type-checks against the package and synthesizes", () => {
    const { stack } = runExample("library", "reporting");
    expect(Object.values<any>(stack.resource.aws_db_instance)[0].identifier).toBe("mosaic-mirror-db-staging");
    expect(Object.values<any>(stack.resource.aws_vpc_security_group_ingress_rule)[0]).toMatchObject({ cidr_ipv4: "10.20.0.0/16", from_port: 5432 });
  });

  test("the README's DMS example type-checks, synthesizes, and writes its DBA script", () => {
    const { stack, outdir } = runExample("dms", "mirror");
    const task = Object.values<any>(stack.resource.aws_dms_replication_task)[0];
    expect(task).toMatchObject({ replication_task_id: "mosaic-people", migration_type: "full-load-and-cdc" });
    expect(JSON.parse(task.replication_task_settings).FullLoadSettings.TargetTablePrepMode).toBe("TRUNCATE_BEFORE_LOAD");
    expect(readFileSync(join(outdir, "stacks", "mirror", "dba", "source-mosaic-endpoint.sql"), "utf8")).toContain("sp_get_distributor");
  });
});
