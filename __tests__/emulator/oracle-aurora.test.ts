import { DescribeDBClusterParametersCommand, DescribeDBClustersCommand } from "@aws-sdk/client-rds";
import { emulatorSuite } from "../helpers/emulator";
import { expectNothingLeft, expectParquetTarget, soundDeploymentTests } from "../helpers/emulator-checks";

/**
 * oracle-aurora (Oracle into Aurora PostgreSQL, then Aurora as a PostgreSQL source into S3 as Parquet)
 * applied to the local emulator and destroyed.
 */
describe("oracle-aurora on the local AWS emulator", () => {
  const session = emulatorSuite("oracle-aurora");

  soundDeploymentTests(session);

  test("the Aurora cluster is encrypted, has a writer and a reader, and has logical replication on for the S3 task", async () => {
    const { rds } = session().clients;
    const [cluster] = (await rds.send(new DescribeDBClustersCommand({}))).DBClusters!;
    expect(cluster).toMatchObject({ Engine: "aurora-postgresql", StorageEncrypted: true });
    expect(cluster.DBClusterMembers?.map((m) => m.IsClusterWriter).sort()).toEqual([false, true]);
    const parameters = (await rds.send(new DescribeDBClusterParametersCommand({ DBClusterParameterGroupName: cluster.DBClusterParameterGroup, Source: "user" }))).Parameters ?? [];
    expect(parameters).toContainEqual(expect.objectContaining({ ParameterName: "rds.logical_replication", ParameterValue: "1" }));
  });

  test("the raw S3 target writes Parquet by commit date into the encrypted, TLS-only bucket", () => expectParquetTarget(session(), "raw"));

  test("destroy removes everything the stack created", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
  });
});
