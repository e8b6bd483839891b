import { checkEnvironment } from "../../../modules/config";
import { formatFieldProblem } from "../../../modules/config/problem";
import { kafkaTarget } from "../../../modules/dms/targets/kafka";
import { KafkaTargetEndpoint, KafkaTargetEndpointProps } from "../../../modules/dms/targets/kafka/endpoint";
import { kafkaTargetSchema } from "../../../modules/dms/targets/kafka/schema";
import { kinesisTarget } from "../../../modules/dms/targets/kinesis";
import { KinesisTargetEndpoint, KinesisTargetEndpointProps } from "../../../modules/dms/targets/kinesis/endpoint";
import { kinesisTargetSchema } from "../../../modules/dms/targets/kinesis/schema";
import { KinesisStream, KinesisStreamProps } from "../../../modules/dms/targets/kinesis/stream";
import { targetEngineOf, targetSchema } from "../../../modules/dms/targets/registry";
import { TaskSettings } from "../../../modules/dms/task-settings";
import { Peer } from "../../../modules/network/peer";
import { dmsFixture } from "../../helpers/fixtures";
import { environmentFile } from "../../helpers/environments";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";
import { TerraformStack } from "cdktf";

const KEY = "arn:aws:kms:eu-west-2:123456789012:key/11111111-2222-3333-4444-555555555555";
const STREAM_ARN = "arn:aws:kinesis:eu-west-2:123456789012:stream/orders-events";
const MSK_ARN = "arn:aws:kafka:eu-west-2:123456789012:cluster/orders/a1b2c3d4-1111-2222-3333-444455556666-2";
const context = { projectName: "orders", environment: "development" };
const API_PEER = Peer.ipv4("10.50.0.0/16");

function streamProps(overrides: Partial<KinesisStreamProps> = {}): KinesisStreamProps {
  return { ...context, streamName: "orders-events", kmsKeyArn: KEY, ...overrides };
}

function kinesisProps(stack: TerraformStack, overrides: Partial<KinesisTargetEndpointProps> = {}): KinesisTargetEndpointProps {
  const stream = overrides.stream ?? new KinesisStream(stack, "Stream", streamProps());
  return { ...context, endpointId: "target-orders-events", stream, apiPeer: API_PEER, ...overrides };
}

const egressRules = (json: TerraformJson) => blocks(json, "aws_vpc_security_group_egress_rule").map((rule) => `${rule.from_port} ${rule.cidr_ipv4 ?? rule.referenced_security_group_id ?? rule.prefix_list_id}`);

describe("KinesisStream", () => {
  test("is encrypted with the environment's key, on demand, keeping records 24 hours", () => {
    const stack = newStack();
    new KinesisStream(stack, "Stream", streamProps());
    expect(only(synth(stack), "aws_kinesis_stream")).toMatchObject({
      name: "orders-events",
      encryption_type: "KMS",
      kms_key_id: KEY,
      stream_mode_details: { stream_mode: "ON_DEMAND" },
      retention_period: 24,
    });
  });

  test("a shard count makes it provisioned; without the environment's key it uses the AWS managed key, never none", () => {
    const stack = newStack();
    new KinesisStream(stack, "Stream", streamProps({ shardCount: 2, retentionHours: 168, kmsKeyArn: undefined }));
    const stream = only(synth(stack), "aws_kinesis_stream");
    expect(stream).toMatchObject({ shard_count: 2, stream_mode_details: { stream_mode: "PROVISIONED" }, retention_period: 168, encryption_type: "KMS", kms_key_id: "alias/aws/kinesis" });
  });

  test.each<[string, Partial<KinesisStreamProps>, RegExp]>([
    ["a name with a slash", { streamName: "orders/events" }, /streamName/],
    ["no shards", { shardCount: 0 }, /shardCount/],
    ["a fractional shard count", { shardCount: 1.5 }, /shardCount/],
    ["less than a day of retention", { retentionHours: 12 }, /retentionHours/],
    ["more than a year of retention", { retentionHours: 9000 }, /retentionHours/],
  ])("refuses %s", (_what, overrides, message) => {
    expect(() => new KinesisStream(newStack(), "Stream", streamProps(overrides))).toThrow(message);
  });
});

describe("KinesisTargetEndpoint", () => {
  let json: TerraformJson;
  beforeAll(() => {
    const stack = newStack();
    new KinesisTargetEndpoint(stack, "Events", kinesisProps(stack));
    json = synth(stack);
  });

  test("kinesis_settings with the defaults, the stream and the role", () => {
    const endpoint = only(json, "aws_dms_endpoint");
    expect(endpoint).toMatchObject({ endpoint_type: "target", engine_name: "kinesis", endpoint_id: "target-orders-events" });
    expect(endpoint.kinesis_settings).toEqual({
      stream_arn: `\${aws_kinesis_stream.${logicalId(json, "aws_kinesis_stream")}.arn}`,
      service_access_role_arn: `\${aws_iam_role.${logicalId(json, "aws_iam_role")}.arn}`,
      message_format: "json",
      include_control_details: false,
      include_null_and_empty: false,
      include_partition_value: false,
      include_table_alter_operations: false,
      include_transaction_details: false,
      partition_include_schema_table: false,
      use_large_integer_value: false,
    });
  });

  test("the role is trusted by DMS in this account only, may put records on that stream and generate data keys with its key, nothing else", () => {
    const trust = JSON.parse(only(json, "aws_iam_role").assume_role_policy);
    expect(trust.Statement[0].Principal.Service).toEqual(expect.arrayContaining([expect.stringMatching(/^dms\./)]));
    expect(trust.Statement[0].Condition.StringEquals).toHaveProperty(["aws:SourceAccount"]);
    const policy = JSON.parse(only(json, "aws_iam_role_policy").policy);
    expect(policy.Statement).toEqual([
      { Sid: "PutRecords", Effect: "Allow", Action: ["kinesis:DescribeStream", "kinesis:PutRecord", "kinesis:PutRecords"], Resource: `\${aws_kinesis_stream.${logicalId(json, "aws_kinesis_stream")}.arn}` },
      { Sid: "EncryptRecords", Effect: "Allow", Action: "kms:GenerateDataKey", Resource: KEY },
    ]);
  });

  test("an existing stream without a customer-managed key: the role may put records on it only", () => {
    const stack = newStack();
    new KinesisTargetEndpoint(stack, "Events", kinesisProps(stack, { stream: KinesisStream.fromArn(stack, "Existing", { streamArn: STREAM_ARN }) }));
    const out = synth(stack);
    expect(blocks(out, "aws_kinesis_stream")).toEqual([]);
    expect(JSON.parse(only(out, "aws_iam_role_policy").policy).Statement).toEqual([
      expect.objectContaining({ Action: ["kinesis:DescribeStream", "kinesis:PutRecord", "kinesis:PutRecords"], Resource: STREAM_ARN }),
    ]);
  });

  test("every option reaches kinesis_settings; large integers need DMS 3.5.4", () => {
    const stack = newStack();
    const endpoint = new KinesisTargetEndpoint(stack, "Events", kinesisProps(stack, {
      messageFormat: "json-unformatted",
      includeControlDetails: true,
      includeNullAndEmpty: true,
      includePartitionValue: true,
      includeTableAlterOperations: true,
      includeTransactionDetails: true,
      useLargeIntegerValue: true,
    }));
    expect(only(synth(stack), "aws_dms_endpoint").kinesis_settings).toMatchObject({
      message_format: "json-unformatted",
      include_control_details: true,
      include_null_and_empty: true,
      include_partition_value: true,
      include_table_alter_operations: true,
      include_transaction_details: true,
      partition_include_schema_table: false,
      use_large_integer_value: true,
    });
    expect(endpoint.minimumDmsEngineVersion).toBe("3.5.4");
    expect(new KinesisTargetEndpoint(newStack(), "Other", kinesisProps(newStack())).minimumDmsEngineVersion).toBeUndefined();
  });

  test.each<[string, Partial<KinesisTargetEndpointProps>, RegExp]>([
    ["a bad endpoint id", { endpointId: "target--events" }, /endpointId/],
    ["the partition value with schema-table partitions", { includePartitionValue: true, partitionIncludeSchemaTable: true }, /includePartitionValue/],
  ])("refuses %s", (_what, overrides, message) => {
    const stack = newStack();
    expect(() => new KinesisTargetEndpoint(stack, "Events", kinesisProps(stack, overrides))).toThrow(message);
  });

  test("a task's replication instance may reach the Kinesis API on 443 only, at the given peer", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    new KinesisTargetEndpoint(stack, "Events", kinesisProps(stack)).allowConnectionsFrom(instance);
    const rules = egressRules(synth(stack));
    expect(rules).toContain("443 10.50.0.0/16");
    expect(rules.filter((rule) => rule.includes("10.50.0.0/16"))).toEqual(["443 10.50.0.0/16"]);
  });
});

describe("the kinesis entry of an environment file", () => {
  const created = { engine: "kinesis", endpointId: "target-orders-events", stream: { name: "orders-events" }, apiAccess: { cidr: "10.50.0.0/16" } };

  test("is a target engine of the registry that takes object mapping", () => {
    expect(targetEngineOf(targetSchema.parse(created))).toBe(kinesisTarget);
    expect(kinesisTarget.takesObjectMapping).toBe(true);
  });

  test.each<[string, object, string]>([
    ["no stream name and no existing stream", { stream: {} }, "stream.name"],
    ["created-stream keys on an existing stream", { stream: { existingStreamArn: STREAM_ARN, shardCount: 2 } }, "stream.shardCount"],
    ["a key for a created stream (it takes the environment's)", { stream: { name: "orders-events", kmsKeyArn: KEY } }, "stream.kmsKeyArn"],
    ["a stream ARN of another service", { stream: { existingStreamArn: "arn:aws:sqs:eu-west-2:123456789012:orders" } }, "stream.existingStreamArn"],
    ["both a security group and a network for the API", { apiAccess: { cidr: "10.50.0.0/16", securityGroupId: "sg-0123456789abcdef0" } }, "apiAccess.securityGroupId"],
    ["no API access", { apiAccess: {} }, "apiAccess.securityGroupId"],
    ["an unknown message format", { messageFormat: "avro" }, "messageFormat"],
  ])("its schema refuses %s", (_what, overrides, path) => {
    const result = kinesisTargetSchema.safeParse({ ...created, ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  test("its problems are the construct's and the stream's rules, at the file's fields", () => {
    const problems = kinesisTarget.problems(kinesisTargetSchema.parse({ ...created, includePartitionValue: true, partitionIncludeSchemaTable: true, stream: { name: "bad/name", retentionHours: 1 } }));
    expect(problems.map((problem) => problem.path)).toEqual(["includePartitionValue", "stream.name", "stream.retentionHours"]);
  });

  test("tasks writing to it are refused validation and more than 32 load threads; the defaults pass", () => {
    const rules = kinesisTarget.refusesTaskSettings ?? [];
    expect(rules.filter((rule) => rule.when(TaskSettings.defaults().values))).toEqual([]);
    const bad = TaskSettings.defaults().with({ ValidationSettings: { EnableValidation: true }, TargetMetadata: { ParallelLoadThreads: 33 } });
    expect(rules.filter((rule) => rule.when(bad.values)).map((rule) => rule.path.join("."))).toEqual(["ValidationSettings.EnableValidation", "TargetMetadata.ParallelLoadThreads"]);
  });
});

function kafkaProps(overrides: Partial<KafkaTargetEndpointProps> = {}): KafkaTargetEndpointProps {
  return {
    ...context,
    endpointId: "target-orders-kafka",
    brokers: ["b-1.orders.kafka.eu-west-2.amazonaws.com:9094", "b-2.orders.kafka.eu-west-2.amazonaws.com:9094", "10.50.40.7:9096"],
    brokerPeer: Peer.ipv4("10.50.32.0/20"),
    ...overrides,
  };
}

describe("KafkaTargetEndpoint", () => {
  test("kafka_settings: TLS by default, DMS's topic, every option at its default, no SASL field and no key password", () => {
    const stack = newStack();
    new KafkaTargetEndpoint(stack, "Kafka", kafkaProps());
    const endpoint = only(synth(stack), "aws_dms_endpoint");
    expect(endpoint).toMatchObject({ endpoint_type: "target", engine_name: "kafka" });
    expect(endpoint.kafka_settings).toEqual({
      broker: "b-1.orders.kafka.eu-west-2.amazonaws.com:9094,b-2.orders.kafka.eu-west-2.amazonaws.com:9094,10.50.40.7:9096",
      topic: "kafka-default-topic",
      security_protocol: "ssl-encryption",
      message_format: "json",
      message_max_bytes: 1000000,
      no_hex_prefix: false,
      include_control_details: false,
      include_null_and_empty: false,
      include_partition_value: false,
      include_table_alter_operations: false,
      include_transaction_details: false,
      partition_include_schema_table: false,
    });
    expect(endpoint).not.toHaveProperty("password");
  });

  test("mutual TLS with client certificates from DMS, and every other option", () => {
    const stack = newStack();
    const cert = (id: string) => `arn:aws:dms:eu-west-2:123456789012:cert:${id}`;
    new KafkaTargetEndpoint(stack, "Kafka", kafkaProps({
      securityProtocol: "ssl-authentication",
      sslCaCertificateArn: cert("CA"),
      sslClientCertificateArn: cert("CLIENT"),
      sslClientKeyArn: cert("KEY"),
      topic: "orders.cdc",
      messageFormat: "json-unformatted",
      messageMaxBytes: 2000000,
      noHexPrefix: true,
      includeControlDetails: true,
      includeNullAndEmpty: true,
      includeTableAlterOperations: true,
      includeTransactionDetails: true,
      partitionIncludeSchemaTable: true,
    }));
    const settings = only(synth(stack), "aws_dms_endpoint").kafka_settings;
    expect(settings).toMatchObject({
      security_protocol: "ssl-authentication",
      ssl_ca_certificate_arn: cert("CA"),
      ssl_client_certificate_arn: cert("CLIENT"),
      ssl_client_key_arn: cert("KEY"),
      topic: "orders.cdc",
      message_format: "json-unformatted",
      message_max_bytes: 2000000,
      no_hex_prefix: true,
      partition_include_schema_table: true,
    });
    expect(settings).not.toHaveProperty("ssl_client_key_password");
    expect(settings).not.toHaveProperty("sasl_password");
  });

  test("the replication instance may reach the brokers' network on the brokers' ports only", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    const kafka = new KafkaTargetEndpoint(stack, "Kafka", kafkaProps());
    kafka.allowConnectionsFrom(instance);
    expect(kafka.brokerPorts).toEqual([9094, 9096]);
    expect(egressRules(synth(stack)).filter((rule) => rule.includes("10.50.32.0/20")).sort()).toEqual(["9094 10.50.32.0/20", "9096 10.50.32.0/20"]);
  });

  test("an MSK cluster by ARN: its TLS bootstrap brokers, read by data source, and its TLS port", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    const kafka = new KafkaTargetEndpoint(stack, "Kafka", kafkaProps({ brokers: undefined, mskClusterArn: MSK_ARN, brokerPeer: Peer.securityGroup("sg-0123456789abcdef0", "msk") }));
    kafka.allowConnectionsFrom(instance);
    const json = synth(stack);
    expect(only(json, "aws_msk_bootstrap_brokers", "data").cluster_arn).toBe(MSK_ARN);
    expect(blocks(json, "aws_dms_endpoint").find((endpoint) => endpoint.engine_name === "kafka")?.kafka_settings.broker).toBe(`\${data.aws_msk_bootstrap_brokers.${logicalId(json, "aws_msk_bootstrap_brokers", "data")}.bootstrap_brokers_tls}`);
    expect(egressRules(json).filter((rule) => rule.includes("sg-0123456789abcdef0"))).toEqual(["9094 sg-0123456789abcdef0"]);
  });

  test("plaintext, acknowledged, outside production: the plaintext listener", () => {
    const stack = newStack();
    new KafkaTargetEndpoint(stack, "Kafka", kafkaProps({ brokers: ["10.50.40.7:9092"], securityProtocol: "plaintext", acknowledgePlaintext: true }));
    expect(only(synth(stack), "aws_dms_endpoint").kafka_settings.security_protocol).toBe("plaintext");
  });

  test.each<[string, Partial<KafkaTargetEndpointProps>, RegExp]>([
    ["sasl-ssl, whose password would be in state", { securityProtocol: "sasl-ssl" }, /securityProtocol.*stores in Terraform state.*ssl-authentication/s],
    ["plaintext without acknowledgement", { securityProtocol: "plaintext" }, /securityProtocol.*unencrypted/],
    ["plaintext in production, even acknowledged", { securityProtocol: "plaintext", acknowledgePlaintext: true, environment: "production" }, /production sends rows to Kafka over TLS only/],
    ["an acknowledgement without plaintext", { acknowledgePlaintext: true }, /acknowledgePlaintext/],
    ["ssl-authentication without a client certificate", { securityProtocol: "ssl-authentication" }, /needs sslClientCertificateArn and sslClientKeyArn/],
    ["a client certificate without ssl-authentication", { sslClientCertificateArn: "arn:aws:dms:eu-west-2:123456789012:cert:C", sslClientKeyArn: "arn:aws:dms:eu-west-2:123456789012:cert:K" }, /only used with securityProtocol "ssl-authentication"/],
    ["a CA certificate over plaintext", { securityProtocol: "plaintext", acknowledgePlaintext: true, sslCaCertificateArn: "arn:aws:dms:eu-west-2:123456789012:cert:CA" }, /sslCaCertificateArn/],
    ["a broker without a port", { brokers: ["b-1.orders.kafka.eu-west-2.amazonaws.com"] }, /brokers/],
    ["a broker port over 65535", { brokers: ["10.50.40.7:70000"] }, /brokers/],
    ["no brokers", { brokers: [] }, /brokers/],
    ["both brokers and an MSK cluster", { mskClusterArn: MSK_ARN }, /exactly one of `brokers`/],
    ["neither brokers nor an MSK cluster", { brokers: undefined }, /exactly one of `brokers`/],
    ["an MSK ARN of another service", { brokers: undefined, mskClusterArn: "arn:aws:kinesis:eu-west-2:123456789012:stream/x" }, /mskClusterArn/],
    ["a topic with a space", { topic: "orders cdc" }, /topic/],
    ["no message bytes", { messageMaxBytes: 0 }, /messageMaxBytes/],
    ["the partition value with schema-table partitions", { includePartitionValue: true, partitionIncludeSchemaTable: true }, /includePartitionValue/],
  ])("refuses %s", (_what, overrides, message) => {
    expect(() => new KafkaTargetEndpoint(newStack(), "Kafka", kafkaProps(overrides))).toThrow(message);
  });

  test("reports the brokers-or-cluster choice, the cluster ARN and the other rules at once", () => {
    expect(() => new KafkaTargetEndpoint(newStack(), "Kafka", kafkaProps({ mskClusterArn: "arn:aws:kinesis:eu-west-2:123456789012:stream/x", topic: "orders cdc" }))).toThrow(
      /`brokers`[^\n]*give exactly one of `brokers`[\s\S]*`mskClusterArn` = "arn:aws:kinesis[^\n]*allowed: an MSK cluster ARN[\s\S]*`topic`/,
    );
  });
});

describe("the kafka entry of an environment file", () => {
  const entry = { engine: "kafka", endpointId: "target-orders-kafka", brokers: ["10.50.40.7:9094"], brokerAccess: { cidr: "10.50.32.0/20" } };

  test("is a target engine of the registry that takes object mapping", () => {
    expect(targetEngineOf(targetSchema.parse(entry))).toBe(kafkaTarget);
    expect(kafkaTarget.takesObjectMapping).toBe(true);
  });

  test.each<[string, object, string]>([
    ["no broker access", { brokerAccess: {} }, "brokerAccess.securityGroupId"],
    ["a SASL password (no such key: secrets are never in the file)", { saslPassword: "x" }, ""],
    ["an unknown protocol", { securityProtocol: "ssl" }, "securityProtocol"],
    ["a client certificate that is not a DMS certificate", { sslClientCertificateArn: "arn:aws:acm:eu-west-2:123456789012:certificate/x" }, "sslClientCertificateArn"],
  ])("its schema refuses %s", (_what, overrides, path) => {
    const result = kafkaTargetSchema.safeParse({ ...entry, ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  test("its problems (the endpoint's own rule table) refuse both brokers and an MSK cluster, neither, and a cluster ARN of another service", () => {
    const paths = (overrides: object) => kafkaTarget.problems(kafkaTargetSchema.parse({ ...entry, ...overrides })).map((problem) => problem.path);
    expect(paths({ mskClusterArn: MSK_ARN })).toEqual(["brokers"]);
    expect(paths({ brokers: undefined })).toEqual(["brokers"]);
    expect(paths({ brokers: undefined, mskClusterArn: "arn:aws:kinesis:eu-west-2:123456789012:stream/x" })).toEqual(["mskClusterArn"]);
    expect(paths({ brokers: undefined, mskClusterArn: MSK_ARN })).toEqual([]);
  });

  test("its problems know the environment's tier: plaintext is refused in production even when acknowledged", () => {
    const plaintext = kafkaTargetSchema.parse({ ...entry, brokers: ["10.50.40.7:9092"], securityProtocol: "plaintext", acknowledgePlaintext: true });
    expect(kafkaTarget.problems(plaintext, { projectName: "orders", environment: "development" })).toEqual([]);
    expect(kafkaTarget.problems(plaintext, { projectName: "orders", environment: "live", production: true }).map((problem) => problem.path)).toEqual(["securityProtocol"]);
    expect(kafkaTarget.problems(kafkaTargetSchema.parse({ ...entry, securityProtocol: "sasl-ssl" })).map((problem) => problem.message)).toEqual([
      expect.stringContaining("provider 5.100.0 stores in Terraform state"),
    ]);
  });
});

describe("environments/streams.json at file-check time", () => {
  function problemsWith(edit: (file: Record<string, any>) => void): string[] {
    const file = environmentFile("streams");
    edit(file);
    return checkEnvironment(JSON.stringify(file), "streams").problems.map(formatFieldProblem);
  }

  test("passes as bundled", () => {
    expect(problemsWith(() => undefined)).toEqual([]);
  });

  test("refuses sasl-ssl, and plaintext in production, at the target's field", () => {
    expect(problemsWith((file) => (file.targets.kafka.securityProtocol = "sasl-ssl"))).toEqual([expect.stringMatching(/^targets\.kafka\.securityProtocol = "sasl-ssl": sasl-ssl needs a SASL password/)]);
    expect(
      problemsWith((file) => {
        file.production = true;
        file.targets.kafka.securityProtocol = "plaintext";
        file.targets.kafka.acknowledgePlaintext = true;
      }),
    ).toContainEqual(expect.stringMatching(/^targets\.kafka\.securityProtocol = "plaintext": production sends rows to Kafka over TLS only/));
  });

  test("refuses a stream task's DynamoDB-only mapping parameters, and validation on a stream", () => {
    expect(
      problemsWith((file) => {
        file.tasks[0].tableMappings[1].sortKeyName = "Region";
        file.tasks[1].tableMappings[1].action = "map-record-to-document";
        file.tasks[0].validation = true;
      }),
    ).toEqual([
      'tasks[0].tableMappings[1].sortKeyName = "Region": DynamoDB only; a Kinesis record has a partition key only',
      "tasks[0].settings.ValidationSettings.EnableValidation = true: DMS does not validate data written to a stream; allowed: false (and no `validation: true` on the task)",
      'tasks[1].tableMappings[1].action = "map-record-to-document": a Kafka target takes map-record-to-record rules only',
    ]);
  });
});
