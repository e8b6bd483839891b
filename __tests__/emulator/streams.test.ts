import { DescribeEndpointsCommand, DescribeReplicationTasksCommand, Endpoint } from "@aws-sdk/client-database-migration-service";
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeSecurityGroupRulesCommand } from "@aws-sdk/client-ec2";
import { GetRolePolicyCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { DescribeSecretCommand } from "@aws-sdk/client-secrets-manager";
import { emulatorClientConfig } from "../../cli/local-emulator";
import { EmulatorSession, emulatorSuite } from "../helpers/emulator";
import {
  expectDatabasesEncrypted,
  expectEmulatorMatchesState,
  expectNoChanges,
  expectNoSecretsAnywhere,
  expectNothingLeft,
  expectPasswordsAreSecureStrings,
  expectPrivateNetworking,
} from "../helpers/emulator-checks";

/**
 * streams (the stack's RDS PostgreSQL streaming its changes into a created Kinesis stream, a Kafka cluster known by
 * its brokers' addresses, and a created DynamoDB table) applied to the local emulator, checked through the AWS API,
 * planned again and destroyed. The emulator has no MSK, so the bundled file names the brokers; `mskClusterArn` is
 * checked by synth and `terraform validate` only.
 */
describe("streams on the local AWS emulator", () => {
  const session = emulatorSuite("streams");

  const endpoint = async (id: string): Promise<Endpoint> => {
    const found = (await session().clients.dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: "endpoint-id", Values: [id] }] }))).Endpoints ?? [];
    expect(found).toHaveLength(1);
    return found[0];
  };
  const rolePolicy = async (roleArn: string) => {
    const RoleName = roleArn.split("/").pop()!;
    const { iam } = session().clients;
    const [PolicyName] = (await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames!;
    return JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }))).PolicyDocument!));
  };
  const keyArn = () => keyArnFromState(session());

  test("a second plan finds nothing to change", () => expectNoChanges(session()));
  test("each object exists once in the emulator, as many as the state holds", () => expectEmulatorMatchesState(session()));
  test("the replication instance is private; the database admits it on its port only; nothing is open to the internet", () => expectPrivateNetworking(session()));
  test("the database is encrypted and its password parameter is a SecureString", async () => {
    await expectDatabasesEncrypted(session());
    await expectPasswordsAreSecureStrings(session());
  });
  test("no password is in state, Terraform's output, the emulator's log or cdktf.out", () => expectNoSecretsAnywhere(session()));

  test("the source reads its login from Secrets Manager; the three targets take none", async () => {
    const source = await endpoint("source-orders");
    expect(source.Username).toBeUndefined();
    const secretId = source.PostgreSQLSettings?.SecretsManagerSecretId;
    expect((await session().clients.secrets.send(new DescribeSecretCommand({ SecretId: secretId }))).ARN).toBe(secretId);
    for (const id of ["target-orders-events", "target-orders-kafka", "target-orders-items"]) {
      const target = await endpoint(id);
      expect({ id, username: target.Username, password: target.KafkaSettings?.SaslPassword, keyPassword: target.KafkaSettings?.SslClientKeyPassword }).toEqual({ id, username: undefined, password: undefined, keyPassword: undefined });
    }
  });

  test("the Kinesis endpoint writes to the created stream with the file's record options, through its role", async () => {
    const target = await endpoint("target-orders-events");
    const stream = await kinesisStream(session(), "orders-events");
    expect(target.EngineName).toBe("kinesis");
    expect(target.KinesisSettings).toMatchObject({
      StreamArn: stream.StreamARN,
      MessageFormat: "json-unformatted",
      IncludeControlDetails: true,
      IncludeTransactionDetails: true,
      PartitionIncludeSchemaTable: true,
      IncludeNullAndEmpty: false,
    });
    const policy = await rolePolicy(target.KinesisSettings!.ServiceAccessRoleArn!);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Action: ["kinesis:DescribeStream", "kinesis:PutRecord", "kinesis:PutRecords"], Resource: stream.StreamARN }),
      expect.objectContaining({ Action: "kms:GenerateDataKey", Resource: keyArn() }),
    ]);
  });

  test("the stream is encrypted with the environment's key, on demand", async () => {
    const stream = await kinesisStream(session(), "orders-events");
    expect(stream.EncryptionType).toBe("KMS");
    expect(keyArn()).toContain(stream.KeyId);
    expect(stream.StreamModeDetails?.StreamMode).toBe("ON_DEMAND");
  });

  test("the Kafka endpoint writes over TLS to the file's brokers and topic", async () => {
    const target = await endpoint("target-orders-kafka");
    expect(target.EngineName).toBe("kafka");
    expect(target.KafkaSettings).toMatchObject({
      Broker: session().config.targets!.kafka.engine === "kafka" ? (session().config.targets!.kafka as { brokers: string[] }).brokers.join(",") : "",
      Topic: "orders.cdc",
      SecurityProtocol: "ssl-encryption",
      MessageFormat: "json",
      IncludeTableAlterOperations: true,
    });
  });

  test("the DynamoDB endpoint writes through a role limited to its table and DMS's exception tables", async () => {
    const target = await endpoint("target-orders-items");
    expect(target.EngineName).toBe("dynamodb");
    const roleArn = target.DynamoDbSettings?.ServiceAccessRoleArn ?? target.ServiceAccessRoleArn;
    const table = (await dynamodb(session()).send(new DescribeTableCommand({ TableName: "orders-customers" }))).Table!;
    const policy = await rolePolicy(roleArn!);
    expect(policy.Statement[0]).toMatchObject({ Action: ["dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:UpdateItem"], Resource: [table.TableArn] });
    expect(policy.Statement[1].Resource).toEqual([
      table.TableArn!.replace("orders-customers", "awsdms_apply_exceptions"),
      table.TableArn!.replace("orders-customers", "awsdms_full_load_exceptions"),
    ]);
  });

  test("the table has the file's keys, the environment's key and point-in-time recovery", async () => {
    const table = (await dynamodb(session()).send(new DescribeTableCommand({ TableName: "orders-customers" }))).Table!;
    expect(table.KeySchema).toEqual([{ AttributeName: "CustomerId", KeyType: "HASH" }, { AttributeName: "Region", KeyType: "RANGE" }]);
    expect(table.SSEDescription).toMatchObject({ Status: "ENABLED", SSEType: "KMS", KMSMasterKeyArn: keyArn() });
    const backups = await dynamodb(session()).send(new DescribeContinuousBackupsCommand({ TableName: "orders-customers" }));
    expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe("ENABLED");
  });

  test("the replication instance may leave on 443 to the Kinesis API and DynamoDB, on 9094 to the brokers, and nowhere else", async () => {
    const group = session().deployment.outputs().dms_instance_sg as string;
    const rules = ((await session().clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [group] }] }))).SecurityGroupRules ?? [])
      .filter((rule) => rule.IsEgress && !session().seeded.has(rule.SecurityGroupRuleId!));
    const described = rules.map((rule) => `${rule.IpProtocol} ${rule.FromPort}-${rule.ToPort} ${rule.CidrIpv4 ?? rule.PrefixListId ?? rule.ReferencedGroupInfo?.GroupId}`).sort();
    const prefixList = described.filter((rule) => /^tcp 443-443 pl-[0-9a-f]+$/.test(rule));
    expect(prefixList).toHaveLength(1);
    expect(described.filter((rule) => !prefixList.includes(rule))).toEqual(
      ["tcp 443-443 10.50.0.0/16", "tcp 9094-9094 10.50.32.0/20", `tcp ${session().deployment.outputs().database_port}-${session().deployment.outputs().database_port} ${session().deployment.outputs().database_security_group_id}`].sort(),
    );
  });

  test("the tasks run the synthesized object mappings, ${Column} references as DMS reads them", async () => {
    const synthesized = Object.values(session().stackJson().resource.aws_dms_replication_task);
    const tasks = (await session().clients.dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks ?? [];
    expect(tasks.map((task) => task.ReplicationTaskIdentifier).sort()).toEqual(["customers-to-items", "orders-to-events", "orders-to-kafka"]);
    for (const task of tasks) {
      const config = synthesized.find((each) => each.replication_task_id === task.ReplicationTaskIdentifier)!;
      const asTerraformReadsIt = (config.table_mappings as string).replace(/\$\$\{/g, "${");
      expect(JSON.parse(task.TableMappings!)).toEqual(JSON.parse(asTerraformReadsIt));
    }
    const items = tasks.find((task) => task.ReplicationTaskIdentifier === "customers-to-items")!;
    expect(JSON.parse(items.TableMappings!).rules[1]["mapping-parameters"]["attribute-mappings"][0].value).toBe("${id}");
  });

  test("destroy removes everything the stack created", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
    await expect(dynamodb(session()).send(new DescribeTableCommand({ TableName: "orders-customers" }))).rejects.toThrow(/not found|ResourceNotFound/i);
    await expect(kinesisStream(session(), "orders-events")).rejects.toThrow(/ResourceNotFound|not found/i);
  });
});

function dynamodb(session: EmulatorSession): DynamoDBClient {
  return new DynamoDBClient(emulatorClientConfig(session.emulator.endpoint, session.config.region));
}

/** The environment key's ARN, from Terraform's state. */
function keyArnFromState(session: EmulatorSession): string {
  const state = JSON.parse(session.deployment.state());
  const key = state.resources.find((resource: { type: string }) => resource.type === "aws_kms_key");
  return key.instances[0].attributes.arn;
}

interface StreamSummary {
  StreamARN: string;
  EncryptionType?: string;
  KeyId?: string;
  StreamModeDetails?: { StreamMode: string };
}

/**
 * DescribeStreamSummary, sent as the Kinesis JSON protocol (the repository has no Kinesis SDK client; the emulator
 * routes by the credential scope's service and checks no signature).
 */
async function kinesisStream(session: EmulatorSession, StreamName: string): Promise<StreamSummary> {
  const response = await fetch(session.emulator.endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": "Kinesis_20131202.DescribeStreamSummary",
      Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${session.config.region}/kinesis/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify({ StreamName }),
  });
  const body = (await response.json()) as { __type?: string; message?: string; StreamDescriptionSummary: StreamSummary };
  if (!response.ok) throw new Error(`${body.__type ?? response.status}: ${body.message ?? ""}`);
  return body.StreamDescriptionSummary;
}
