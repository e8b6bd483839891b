import { GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { OperatedEnvironment } from "../../../cli/environment";
import { stackModelFrom } from "../../../cli/stack-model";
import { stopCost } from "../../../cli/task-actions";

const stack = (engine: string, withSlotAlarm: boolean) => ({
  resource: {
    aws_dms_endpoint: { Source: { endpoint_id: "source-addresses", endpoint_type: "source", engine_name: engine } },
    aws_dms_replication_task: {
      Task: { replication_task_id: "addresses-to-lake", migration_type: "full-load-and-cdc", source_endpoint_arn: "${aws_dms_endpoint.Source.endpoint_arn}", target_endpoint_arn: "x", replication_instance_arn: "arn:aws:dms:eu-west-2:123456789012:rep:SHARED" },
    },
    ...(withSlotAlarm ? { aws_cloudwatch_metric_alarm: { Slot: { alarm_name: "slot", metric_name: "ReplicationSlotDiskUsage", dimensions: { DBInstanceIdentifier: "addresses-db" } } } } : {}),
  },
});

/** An environment whose CloudWatch answers from a table, recording what was asked. */
function fakeEnvironment(json: object, bytes: Record<string, number>) {
  const asked: GetMetricStatisticsCommand["input"][] = [];
  const environment = {
    model: stackModelFrom(json, "staging"),
    cloudwatch: {
      send: async (command: GetMetricStatisticsCommand) => {
        asked.push(command.input);
        const value = bytes[command.input.MetricName!];
        return { Datapoints: value === undefined ? [] : [{ Timestamp: new Date(), Maximum: value }] };
      },
    },
  } as unknown as OperatedEnvironment;
  return { environment, asked };
}

describe("what stopping a change-capturing task costs", () => {
  test("a PostgreSQL source: the replication slot keeps WAL, read from the source instance's RDS metrics", async () => {
    const { environment, asked } = fakeEnvironment(stack("postgres", true), { OldestReplicationSlotLag: 3 * 1024 * 1024 * 1024 });
    const lines = await stopCost(environment, environment.model.tasks[0]);
    expect(lines).toEqual([
      expect.stringContaining("warning: addresses-to-lake captures changes"),
      expect.stringContaining("replication slot keeps every WAL segment"),
      "  addresses-db OldestReplicationSlotLag: 3072.0 MiB now",
      "  addresses-db TransactionLogsDiskUsage: no data in the last 15 min",
    ]);
    expect(asked.map((a) => [a.Namespace, a.Dimensions])).toEqual([
      ["AWS/RDS", [{ Name: "DBInstanceIdentifier", Value: "addresses-db" }]],
      ["AWS/RDS", [{ Name: "DBInstanceIdentifier", Value: "addresses-db" }]],
    ]);
  });

  test("a PostgreSQL source the stack does not name: says which metrics to watch; other engines: their log retention", async () => {
    const unnamed = fakeEnvironment(stack("aurora-postgresql", false), {});
    expect((await stopCost(unnamed.environment, unnamed.environment.model.tasks[0])).at(-1)).toContain("watch its OldestReplicationSlotLag and TransactionLogsDiskUsage");
    expect(unnamed.asked).toEqual([]);
    const sqlServer = fakeEnvironment(stack("sqlserver", false), {});
    expect((await stopCost(sqlServer.environment, sqlServer.environment.model.tasks[0]))[1]).toContain("SQL Server: the distribution/CDC retention");
  });
});
