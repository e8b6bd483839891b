import { DescribeReplicationConfigsCommand } from "@aws-sdk/client-database-migration-service";
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

  test("the lake S3 target writes Parquet by commit date into the encrypted, TLS-only bucket", () => expectParquetTarget(session(), "lake"));

  test("destroy removes everything the stack created", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
  });
});
