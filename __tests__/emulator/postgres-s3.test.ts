import { DescribeReplicationConfigsCommand, DescribeReplicationsCommand } from "@aws-sdk/client-database-migration-service";
import { cliFor } from "../helpers/cli-session";
import { emulatorSuite } from "../helpers/emulator";
import { expectNothingLeft, expectParquetTarget, soundDeploymentTests } from "../helpers/emulator-checks";

/**
 * postgres-s3 (the stack's own RDS PostgreSQL as a source, into S3 as Parquet on DMS Serverless, with the
 * account's DMS roles already there) applied to the local emulator and destroyed.
 */
describe("postgres-s3 on the local AWS emulator", () => {
  const session = emulatorSuite("postgres-s3");

  soundDeploymentTests(session);

  test("the serverless replication runs the synthesized table mappings between the stack's endpoints within its capacity", async () => {
    const [config] = (await session().clients.dms.send(new DescribeReplicationConfigsCommand({}))).ReplicationConfigs!;
    const outputs = session().deployment.outputs() as Record<string, Record<string, string>>;
    const synthesized = Object.values(session().stackJson().resource.aws_dms_replication_config)[0];
    expect(config).toMatchObject({
      ReplicationConfigIdentifier: "addresses-to-lake",
      ReplicationType: "full-load-and-cdc",
      SourceEndpointArn: outputs.dms_source_endpoint_arns["source-addresses-postgres"],
      TargetEndpointArn: outputs.dms_s3_target_endpoint_arns["target-addresses-lake"],
      ComputeConfig: expect.objectContaining({ MinCapacityUnits: 1, MaxCapacityUnits: 4 }),
    });
    expect(JSON.parse(config.TableMappings!)).toEqual(JSON.parse(synthesized.table_mappings as string));
  });

  describe("operated with the dms-migration CLI (--local): a serverless replication is a task like the others", () => {
    const REPLICATION = "addresses-to-lake";
    const replication = async () =>
      (await session().clients.dms.send(new DescribeReplicationsCommand({ Filters: [{ Name: "replication-config-id", Values: [REPLICATION] }] }))).Replications![0];

    test("status reads it with DescribeReplications and its table statistics; --watch refreshes until --count", async () => {
      const cli = cliFor(session());
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
      const cli = cliFor(session());
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

  test("the lake S3 target writes Parquet by commit date into the encrypted, TLS-only bucket", () => expectParquetTarget(session(), "lake"));

  test("destroy removes everything the stack created", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
  });
});
