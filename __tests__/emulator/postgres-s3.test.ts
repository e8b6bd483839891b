import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DescribeReplicationConfigsCommand, DescribeReplicationsCommand } from "@aws-sdk/client-database-migration-service";
import { isRunning } from "../../cli/local-emulator";
import { stopEmulator } from "../../scripts/local/emulator-process";
import { REPO } from "../helpers/app";
import { cliFor } from "../helpers/cli-session";
import { EmulatorSession } from "../helpers/emulator";
import { expectParquetTarget, soundDeploymentTests } from "../helpers/emulator-checks";

/**
 * postgres-s3 (the stack's own RDS PostgreSQL as a source, into S3 as Parquet on DMS Serverless, with the account's
 * DMS roles already there), deployed with the README's main command, `npm run deploy:local`, checked like every
 * other deployment, operated, planned, and taken down with `npm run destroy:local`. One deployment serves all of it.
 */
describe("postgres-s3 deployed by npm run deploy:local", () => {
  const ENVIRONMENT = "postgres-s3";
  const dir = mkdtempSync(join(tmpdir(), "deploy-local-"));
  const workdir = join(dir, ENVIRONMENT);
  const record = join(workdir, "emulator.json");
  const npm = (script: string) =>
    spawnSync("npm", ["run", "-s", script, "--", ENVIRONMENT], { cwd: REPO, encoding: "utf8", env: { ...process.env, DEPLOY_LOCAL_DIR: dir } });
  let deployed: ReturnType<typeof npm>;
  let session: EmulatorSession;

  beforeAll(async () => {
    deployed = npm("deploy:local");
    if (deployed.status !== 0) throw new Error(`deploy:local failed:\n${deployed.stdout}${deployed.stderr}`);
    session = await EmulatorSession.attach(workdir);
  });
  afterAll(async () => {
    // Whatever failed below, no emulator outlives the test.
    if (existsSync(record)) await stopEmulator(JSON.parse(readFileSync(record, "utf8")));
    rmSync(dir, { recursive: true, force: true });
  });

  test("deploy:local started an emulator, applied the environment and reported what DMS now has, with nothing on stderr", () => {
    expect(deployed.stderr.replace(/npm warn .*\n/g, "")).toBe("");
    expect(deployed.stdout).toMatch(/Deployed postgres-s3 to the local AWS emulator at http:\/\/127\.0\.0\.1:\d+: \d+ resources\./);
    expect(deployed.stdout).toMatch(/source\s+source-addresses-postgres\s+\(postgres; credentials from Secrets Manager\)/);
    expect(deployed.stdout).toMatch(/target\s+target-addresses-lake\s+\(s3; writes through role /);
    expect(deployed.stdout).toContain("npm run destroy:local -- postgres-s3");
    expect(isRunning(session.emulator.pid)).toBe(true);
  });

  soundDeploymentTests(() => session);

  test("no seeded or generated password is in what deploy:local printed", async () => {
    const secrets = await session.secretValues();
    expect(secrets.filter((secret) => `${deployed.stdout}${deployed.stderr}`.includes(secret))).toEqual([]);
  });

  test("the serverless replication runs the synthesized table mappings between the stack's endpoints within its capacity", async () => {
    const [config] = (await session.clients.dms.send(new DescribeReplicationConfigsCommand({}))).ReplicationConfigs!;
    const outputs = session.deployment.outputs() as Record<string, Record<string, string>>;
    const synthesized = Object.values(session.stackJson().resource.aws_dms_replication_config)[0];
    expect(config).toMatchObject({
      ReplicationConfigIdentifier: "addresses-to-lake",
      ReplicationType: "full-load-and-cdc",
      SourceEndpointArn: outputs.dms_source_endpoint_arns["source-addresses-postgres"],
      TargetEndpointArn: outputs.dms_s3_target_endpoint_arns["target-addresses-lake"],
      ComputeConfig: expect.objectContaining({ MinCapacityUnits: 1, MaxCapacityUnits: 4 }),
    });
    expect(JSON.parse(config.TableMappings!)).toEqual(JSON.parse(synthesized.table_mappings as string));
  });

  test("the lake S3 target writes Parquet by commit date into the encrypted, TLS-only bucket", () => expectParquetTarget(session, "lake"));

  describe("operated with the dms-migration CLI (--local): a serverless replication is a task like the others", () => {
    const REPLICATION = "addresses-to-lake";
    const replication = async () =>
      (await session.clients.dms.send(new DescribeReplicationsCommand({ Filters: [{ Name: "replication-config-id", Values: [REPLICATION] }] }))).Replications![0];

    test("status reads it with DescribeReplications and its table statistics; --watch refreshes until --count", async () => {
      const cli = cliFor(session);
      const status = JSON.parse((await cli("status", "--json")).stdout);
      expect(status.tasks).toEqual([expect.objectContaining({ id: REPLICATION, kind: "serverless", status: "running", hasRun: true, tablesLoaded: expect.any(Number) })]);
      expect(status.tasks[0].tables.length).toBeGreaterThan(0);
      expect(status.tasks[0].tables.every((t: { state: string }) => t.state === "Table completed")).toBe(true);
      const watched = await cli("status", "--watch", "--interval", "1", "--count", "2");
      expect(watched.code).toBe(0);
      expect(watched.stdout.split(`${REPLICATION}  running  full-load-and-cdc  (serverless)`)).toHaveLength(3);
      expect(watched.stdout.match(/\u001b\[2J/g)).toHaveLength(2);
    });

    test("stop warns what it costs and stops it; start resumes it from its checkpoint (StartReplication resume-processing)", async () => {
      const cli = cliFor(session);
      const stopped = await cli("stop", "--wait");
      expect(stopped.code).toBe(0);
      expect(stopped.stderr).toContain(`warning: ${REPLICATION} captures changes.`);
      expect(stopped.stdout).toContain(`${REPLICATION}: stopped`);
      expect(await replication()).toMatchObject({ Status: "stopped", StopReason: "Stop Reason NORMAL" });
      const started = await cli("start", "--wait");
      expect(started.stdout).toContain(`${REPLICATION}: resume-processing → running`);
      expect(await replication()).toMatchObject({ Status: "running", StartReplicationType: "resume-processing" });
      const cutover = await cli("cutover-check");
      expect(cutover.stdout).toContain(`NO-GO  ${REPLICATION}: CDC latency under 60 s — not read for a serverless replication`);
      expect(cutover.stdout).toContain(`GO     ${REPLICATION}: task healthy — DescribeReplications: status running`);
    });
  });

  test("npm run plan against the running local deployment prints the replication report (nothing changes) and saves no changes", () => {
    const run = npm("plan");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/==> Planning postgres-s3 against the local emulator at http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toMatch(/Replication plan for postgres-s3: what this plan does to live replication\n\n {2}serverless {2}1 unchanged\n {2}endpoints {3}2 unchanged\n\n {2}No replication object changes\./);
    expect(run.stdout).toContain("No changes.");
  });

  test("a second deploy:local of the same environment is refused while its emulator runs", () => {
    const run = npm("deploy:local");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("postgres-s3 is already deployed locally");
  });

  test("destroy:local destroys every resource in state, stops the emulator and removes the deployment's folder", () => {
    // The emulator held exactly what state holds (checked above), so destroying all of state leaves nothing.
    const inState = session.deployment.resources().filter((address) => !address.startsWith("data."));
    const run = npm("destroy:local");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Destroy complete! Resources: ${inState.length} destroyed.`);
    expect(run.stdout).toContain("postgres-s3 is gone from the local emulator.");
    expect(isRunning(session.emulator.pid)).toBe(false);
    expect(existsSync(workdir)).toBe(false);
  });
});
