import { Construct } from "constructs";
import { z } from "zod";
import { s3TargetSchema } from "../../../modules/dms/targets/s3/schema";
import { S3TargetEndpoint, S3TargetEndpointProps } from "../../../modules/dms/targets/s3/endpoint";
import { S3_TARGET_RULES } from "../../../modules/dms/targets/s3/rules";
import { s3Target } from "../../../modules/dms/targets/s3";
import { checkRules } from "../../../modules/core/rules";
import { formatFieldProblem } from "../../../modules/config/problem";
import { ITargetEndpoint } from "../../../modules/dms/endpoints/endpoint";
import { IReplicationInstance, ReplicationInstance } from "../../../modules/dms/replication-instance";
import { Connections } from "../../../modules/network/connections";
import { Peer } from "../../../modules/network/peer";
import { DmsTargetBucket, IDmsTargetBucket } from "../../../modules/storage/dms-target-bucket";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

const CONTEXT = { projectName: "mosaic", environment: "development" };
const KEY_ARN = "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

type EndpointOptions = Partial<Omit<S3TargetEndpointProps, "bucket">> & { bucket?: (scope: Construct) => IDmsTargetBucket };

function build(options: EndpointOptions = {}) {
  const stack = newStack();
  const { bucket: makeBucket, ...props } = options;
  const bucket = makeBucket ? makeBucket(stack) : new DmsTargetBucket(stack, "Lake", CONTEXT);
  const endpoint = new S3TargetEndpoint(stack, "Lakehouse", { ...CONTEXT, endpointId: "target-orders-lake", bucket, ...props });
  return { stack, bucket, endpoint };
}

function synthEndpoint(options: EndpointOptions = {}): TerraformJson {
  return synth(build(options).stack);
}

function endpointError(options: EndpointOptions): string {
  try {
    build(options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the endpoint to refuse its props");
}

const existingWithoutKey = (scope: Construct) => DmsTargetBucket.fromExisting(scope, "Legacy", { bucketName: "legacy-dms-output" });
const existingWithKey = (scope: Construct) =>
  DmsTargetBucket.fromExisting(scope, "Legacy", { bucketName: "legacy-dms-output", kmsKeyArn: KEY_ARN, ownerAccountId: "210987654321" });

const dataRef = (json: TerraformJson, type: string, attribute: string) => `\${data.${type}.${logicalId(json, type, "data")}.${attribute}}`;

describe("S3TargetEndpoint: settings", () => {
  test("defaults: a target in Parquet 2.0 with millisecond timestamps, encrypted with the bucket's key, no partitioning", () => {
    const json = synthEndpoint();
    const { tags, depends_on: _dependsOn, lifecycle: _lifecycle, ...settings } = only(json, "aws_dms_s3_endpoint");
    expect(settings).toEqual({
      endpoint_id: "target-orders-lake",
      endpoint_type: "target",
      bucket_name: `\${aws_s3_bucket.${logicalId(json, "aws_s3_bucket")}.bucket}`,
      expected_bucket_owner: dataRef(json, "aws_caller_identity", "account_id"),
      service_access_role_arn: `\${aws_iam_role.${logicalId(json, "aws_iam_role")}.arn}`,
      data_format: "parquet",
      parquet_version: "parquet-2-0",
      parquet_timestamp_in_millisecond: true,
      encryption_mode: "SSE_KMS",
      server_side_encryption_kms_key_id: `\${aws_kms_key.${logicalId(json, "aws_kms_key")}.arn}`,
      date_partition_enabled: false,
      include_op_for_full_load: false,
      cdc_inserts_only: false,
      cdc_inserts_and_updates: false,
      preserve_transactions: false,
    });
    expect(tags).toEqual({ Name: "target-orders-lake", Environment: "development", project_name: "mosaic", "terraform-managed": "true" });
  });

  test("waits for the role's policy and for the bucket's encryption, public access block and policy", () => {
    const json = synthEndpoint();
    expect(only(json, "aws_dms_s3_endpoint").depends_on).toEqual([
      `aws_iam_role_policy.${logicalId(json, "aws_iam_role_policy")}`,
      `aws_s3_bucket_server_side_encryption_configuration.${logicalId(json, "aws_s3_bucket_server_side_encryption_configuration")}`,
      `aws_s3_bucket_public_access_block.${logicalId(json, "aws_s3_bucket_public_access_block")}`,
      `aws_s3_bucket_policy.${logicalId(json, "aws_s3_bucket_policy")}`,
    ]);
  });

  test("is replaced when its encryption mode changes, since DMS cannot move from SSE_S3 to SSE_KMS in place", () => {
    const json = synthEndpoint();
    const trigger = logicalId(json, "terraform_data");
    expect(only(json, "terraform_data")).toEqual({ triggers_replace: { encryption_mode: "SSE_KMS" } });
    expect(only(json, "aws_dms_s3_endpoint").lifecycle).toEqual({ replace_triggered_by: [`terraform_data.${trigger}`] });
    expect(only(synthEndpoint({ bucket: existingWithoutKey }), "terraform_data").triggers_replace).toEqual({ encryption_mode: "SSE_S3" });
  });

  test("folder, change path, timestamp column and change filters are passed through", () => {
    const endpoint = only(
      synthEndpoint({ bucketFolder: "dms/orders", cdcPath: "changes", timestampColumnName: "dms_ts", includeOpForFullLoad: true, cdcInsertsAndUpdates: true }),
      "aws_dms_s3_endpoint",
    );
    expect(endpoint).toMatchObject({
      bucket_folder: "dms/orders",
      cdc_path: "changes",
      timestamp_column_name: "dms_ts",
      include_op_for_full_load: true,
      cdc_inserts_and_updates: true,
      cdc_inserts_only: false,
    });
  });

  test("date partitioning defaults to YYYYMMDD folders separated by slashes, in UTC", () => {
    const endpoint = only(synthEndpoint({ datePartitionEnabled: true }), "aws_dms_s3_endpoint");
    expect(endpoint).toMatchObject({ date_partition_enabled: true, date_partition_sequence: "YYYYMMDD", date_partition_delimiter: "SLASH" });
    expect(endpoint.date_partition_timezone).toBeUndefined();
  });

  test("date partitioning can be set by hour, with another delimiter and a time zone", () => {
    const endpoint = only(
      synthEndpoint({ datePartitionEnabled: true, datePartitionSequence: "YYYYMMDDHH", datePartitionDelimiter: "DASH", datePartitionTimezone: "Europe/London" }),
      "aws_dms_s3_endpoint",
    );
    expect(endpoint).toMatchObject({ date_partition_sequence: "YYYYMMDDHH", date_partition_delimiter: "DASH", date_partition_timezone: "Europe/London" });
  });

  test("transaction-ordered change files under the change path", () => {
    expect(only(synthEndpoint({ cdcPath: "changes", preserveTransactions: true }), "aws_dms_s3_endpoint")).toMatchObject({
      cdc_path: "changes",
      preserve_transactions: true,
    });
  });

  test("Parquet 1.0 with microsecond timestamps can be chosen", () => {
    expect(only(synthEndpoint({ parquetVersion: "parquet-1-0", parquetTimestampInMillisecond: false }), "aws_dms_s3_endpoint")).toMatchObject({
      parquet_version: "parquet-1-0",
      parquet_timestamp_in_millisecond: false,
    });
  });

  test("CSV output sends no Parquet settings", () => {
    const endpoint = only(synthEndpoint({ dataFormat: "csv", cdcInsertsOnly: true }), "aws_dms_s3_endpoint");
    expect(endpoint).toMatchObject({ data_format: "csv", cdc_inserts_only: true });
    expect(endpoint.parquet_version).toBeUndefined();
    expect(endpoint.parquet_timestamp_in_millisecond).toBeUndefined();
  });

  test("an existing bucket is written by name, with its key and the owner it was given", () => {
    const endpoint = only(synthEndpoint({ bucket: existingWithKey }), "aws_dms_s3_endpoint");
    expect(endpoint).toMatchObject({
      bucket_name: "legacy-dms-output",
      encryption_mode: "SSE_KMS",
      server_side_encryption_kms_key_id: KEY_ARN,
      expected_bucket_owner: "210987654321",
    });
    expect(endpoint.depends_on).toHaveLength(1);
  });

  test("an existing bucket without a customer key gets SSE-S3 and no key id", () => {
    const endpoint = only(synthEndpoint({ bucket: existingWithoutKey }), "aws_dms_s3_endpoint");
    expect(endpoint.encryption_mode).toBe("SSE_S3");
    expect(endpoint.server_side_encryption_kms_key_id).toBeUndefined();
    expect(endpoint.expected_bucket_owner).toBeUndefined();
  });

  test("exposes its id, ARN and role", () => {
    const { endpoint } = build();
    expect(endpoint.endpointId).toBe("target-orders-lake");
    expect(endpoint.endpointArn).toMatch(/TfToken/);
    expect(endpoint.serviceAccessRoleArn).toMatch(/TfToken/);
    // Every engine DMS still runs (3.5.4+) writes every option here, so no minimum is claimed.
    const target: ITargetEndpoint = endpoint;
    expect(target.minimumDmsEngineVersion).toBeUndefined();
  });
});

describe("S3TargetEndpoint: the service-access role", () => {
  test("trusts the regional and the global DMS principal, for DMS resources of the stack's account only", () => {
    const json = synthEndpoint();
    const region = logicalId(json, "aws_region", "data");
    const partition = logicalId(json, "aws_partition", "data");
    const role = only(json, "aws_iam_role");
    expect(role.name_prefix).toBe("dms-s3-");
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: {
            Service: [`dms.\${data.aws_region.${region}.name}.\${data.aws_partition.${partition}.dns_suffix}`, `dms.\${data.aws_partition.${partition}.dns_suffix}`],
          },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": `\${data.aws_caller_identity.${logicalId(json, "aws_caller_identity", "data")}.account_id}` },
            ArnLike: { "aws:SourceArn": expect.stringMatching(/^arn:\$\{data\.aws_partition\.[^}]+\}:dms:\$\{data\.aws_region\.[^}]+\}:\$\{data\.aws_caller_identity\.[^}]+\}:\*$/) },
          },
        },
      ],
    });
  });

  test("may write only under the folder, list only the folder and use only the bucket's key through S3", () => {
    const json = synthEndpoint({ bucketFolder: "dms/orders" });
    const arn = `\${aws_s3_bucket.${logicalId(json, "aws_s3_bucket")}.arn}`;
    const policy = only(json, "aws_iam_role_policy");
    expect(policy.role).toBe(`\${aws_iam_role.${logicalId(json, "aws_iam_role")}.id}`);
    expect(JSON.parse(policy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "WriteObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"], Resource: `${arn}/dms/orders/*` },
        { Sid: "ListBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: arn, Condition: { StringLike: { "s3:prefix": ["dms/orders", "dms/orders/*"] } } },
        {
          Sid: "UseBucketKeyThroughS3",
          Effect: "Allow",
          Action: ["kms:GenerateDataKey", "kms:Decrypt"],
          Resource: `\${aws_kms_key.${logicalId(json, "aws_kms_key")}.arn}`,
          Condition: {
            StringEquals: { "kms:ViaService": `s3.${dataRef(json, "aws_region", "name")}.${dataRef(json, "aws_partition", "dns_suffix")}` },
          },
        },
      ],
    });
  });

  test("without a folder, writes anywhere in the bucket and lists it without a prefix condition", () => {
    const json = synthEndpoint();
    const arn = `\${aws_s3_bucket.${logicalId(json, "aws_s3_bucket")}.arn}`;
    const [write, list] = JSON.parse(only(json, "aws_iam_role_policy").policy).Statement;
    expect(write.Resource).toBe(`${arn}/*`);
    expect(list).toEqual({ Sid: "ListBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: arn });
  });

  test("an SSE-S3 bucket grants no KMS permission", () => {
    const statements = JSON.parse(only(synthEndpoint({ bucket: existingWithoutKey }), "aws_iam_role_policy").policy).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(["WriteObjects", "ListBucket"]);
    expect(statements[0].Resource).toBe(`arn:${dataRef(synthEndpoint({ bucket: existingWithoutKey }), "aws_partition", "partition")}:s3:::legacy-dms-output/*`);
  });

  test.each([
    ["a created bucket with a folder", { bucketFolder: "dms/orders" }],
    ["a created bucket", {}],
    ["an existing bucket with a key", { bucket: existingWithKey }],
  ] as [string, EndpointOptions][])("least privilege for %s: no wildcard action, no wildcard resource", (_name, options) => {
    for (const statement of JSON.parse(only(synthEndpoint(options), "aws_iam_role_policy").policy).Statement) {
      expect(statement.Effect).toBe("Allow");
      for (const action of [statement.Action].flat()) expect(action).not.toMatch(/\*/);
      for (const resource of [statement.Resource].flat()) {
        expect(resource).not.toBe("*");
        expect(resource).not.toMatch(/^arn:[^:]*:s3:::\*$/);
      }
    }
  });
});

describe("S3TargetEndpoint.allowConnectionsFrom", () => {
  function wired(options: EndpointOptions = {}, endpoints = 1): TerraformJson {
    const stack = newStack();
    const bucket = new DmsTargetBucket(stack, "Lake", CONTEXT);
    // An instance this stack owns: its group takes every rule (a shared one takes none of these, see below).
    const instance: IReplicationInstance = {
      replicationInstanceArn: "arn:aws:dms:eu-west-2:123456789012:rep:ABCDEFGHIJKLMNOP",
      connections: new Connections(new Construct(stack, "Instance"), { securityGroupId: "sg-0123456789abcdef0" }),
    };
    for (let i = 0; i < endpoints; i++) {
      const { bucket: _ignored, ...props } = options;
      new S3TargetEndpoint(stack, `Lake${i}`, { ...CONTEXT, endpointId: `target-lake-${i}`, bucket, ...props }).allowConnectionsFrom(instance);
    }
    return synth(stack);
  }

  test("adds one HTTPS egress rule from the instance's security group to the region's S3 prefix list", () => {
    const json = wired();
    expect(only(json, "aws_vpc_security_group_egress_rule")).toEqual({
      security_group_id: "sg-0123456789abcdef0",
      description: "HTTPS to Amazon S3 (DMS S3 target)",
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      prefix_list_id: `\${data.aws_prefix_list.${logicalId(json, "aws_prefix_list", "data")}.id}`,
    });
    expect(only(json, "aws_prefix_list", "data")).toEqual({ name: `com.amazonaws.${dataRef(json, "aws_region", "name")}.s3` });
    expect(blocks(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(0);
  });

  test("two S3 endpoints on one instance share one rule and one lookup", () => {
    const json = wired({}, 2);
    expect(blocks(json, "aws_vpc_security_group_egress_rule")).toHaveLength(1);
    expect(blocks(json, "aws_prefix_list", "data")).toHaveLength(1);
  });

  test("with an S3 interface endpoint, the rule goes to its security group instead", () => {
    const json = wired({ s3Peer: Peer.securityGroup("sg-0fedcba9876543210", "s3-interface-endpoint") });
    expect(only(json, "aws_vpc_security_group_egress_rule")).toMatchObject({
      referenced_security_group_id: "sg-0fedcba9876543210",
      from_port: 443,
      to_port: 443,
    });
    expect(blocks(json, "aws_prefix_list", "data")).toHaveLength(0);
  });
});

test("on a replication instance another stack owns, the S3 rule is left to its owner and named as required", () => {
  const stack = newStack();
  const instance = ReplicationInstance.fromExisting(stack, "Shared", {
    replicationInstanceArn: "arn:aws:dms:eu-west-2:123456789012:rep:ABCDEFGHIJKLMNOP",
    securityGroupId: "sg-0123456789abcdef0",
  });
  new S3TargetEndpoint(stack, "Lake0", { ...CONTEXT, endpointId: "target-lake-0", bucket: new DmsTargetBucket(stack, "Lake", CONTEXT) }).allowConnectionsFrom(instance);
  expect(blocks(synth(stack), "aws_vpc_security_group_egress_rule")).toHaveLength(0);
  expect(instance.connections.rulesRequiredOfOwner).toEqual([expect.stringMatching(/^egress tcp\/443 to \$\{.*\} \(HTTPS to Amazon S3 \(DMS S3 target\)\)$/)]);
});

describe("Peer.prefixList", () => {
  test("targets a rule at a prefix list", () => {
    expect(Peer.prefixList("pl-7ca54015", "s3")).toEqual({ uniqueId: "s3", ruleTarget: { prefixListId: "pl-7ca54015" } });
  });

  test("refuses something that is not a prefix list id", () => {
    expect(() => Peer.prefixList("sg-0123456789abcdef0", "s3")).toThrow(/^Peer.prefixList: `prefixListId` = "sg-0123456789abcdef0": is not a prefix list id; allowed: pl- and 8 to 17 hex digits, such as pl-7ca54015/);
  });
});

describe("S3TargetEndpoint: impossible combinations stop synth", () => {
  test("an endpoint id DMS does not allow", () => {
    expect(endpointError({ endpointId: "target--lake" })).toMatch(/^test\/Lakehouse: `endpointId` = "target--lake": must be letters, digits and single hyphens/);
  });

  test("inserts only together with inserts and updates", () => {
    expect(endpointError({ cdcInsertsOnly: true, cdcInsertsAndUpdates: true })).toMatch(
      /^test\/Lakehouse: `cdcInsertsAndUpdates` = true: `cdcInsertsOnly` and `cdcInsertsAndUpdates` are mutually exclusive; set at most one$/,
    );
  });

  test("transaction order without a change path", () => {
    expect(endpointError({ preserveTransactions: true })).toMatch(/`cdcPath` = \(missing\): required by `preserveTransactions`: the folder DMS writes the transaction-ordered change files to/);
  });

  test("transaction order with date partitioning", () => {
    expect(endpointError({ preserveTransactions: true, cdcPath: "changes", datePartitionEnabled: true })).toMatch(
      /`preserveTransactions` = true: cannot be combined with `datePartitionEnabled`/,
    );
  });

  test("partition settings without date partitioning", () => {
    expect(endpointError({ datePartitionSequence: "YYYYMMDDHH", datePartitionTimezone: "Europe/London" })).toMatch(
      /`datePartitionSequence` = "YYYYMMDDHH": only applies with `datePartitionEnabled: true`\n.*`datePartitionTimezone` = "Europe\/London": only applies with `datePartitionEnabled: true`/,
    );
    expect(endpointError({ datePartitionDelimiter: "DASH" })).toMatch(/`datePartitionDelimiter` = "DASH": only applies with `datePartitionEnabled: true`/);
  });

  test("Parquet settings on CSV output", () => {
    expect(endpointError({ dataFormat: "csv", parquetVersion: "parquet-2-0" })).toMatch(/`parquetVersion` = "parquet-2-0": only applies to `dataFormat: "parquet"`, but `dataFormat` is "csv"/);
    expect(endpointError({ dataFormat: "csv", parquetTimestampInMillisecond: true })).toMatch(/`parquetTimestampInMillisecond` = true: only applies to `dataFormat: "parquet"`/);
  });

  test.each(["/dms", "dms/", "dms//orders", "dms/*", "../dms"])("a folder such as %p", (folder) => {
    expect(endpointError({ bucketFolder: folder })).toContain(`\`bucketFolder\` = ${JSON.stringify(folder)}: a relative folder such as "dms/orders"`);
  });

  test("a change path that is not a relative folder", () => {
    expect(endpointError({ cdcPath: "/changes" })).toContain('`cdcPath` = "/changes": a relative folder');
  });

  test("a time zone that is not Area/Location", () => {
    expect(endpointError({ datePartitionEnabled: true, datePartitionTimezone: "Europe/Atlantis" })).toMatch(
      /`datePartitionTimezone` = "Europe\/Atlantis": not a time zone in Area\/Location form, such as "Europe\/London"/,
    );
    expect(endpointError({ datePartitionEnabled: true, datePartitionTimezone: "GMT" })).toMatch(/`datePartitionTimezone` = "GMT": not a time zone/);
  });

  test("a timestamp column that is not a column name", () => {
    expect(endpointError({ timestampColumnName: "dms ts" })).toMatch(/`timestampColumnName` = "dms ts": must be a column name/);
  });

  test("SSE-KMS on a bucket without a customer key", () => {
    expect(endpointError({ bucket: existingWithoutKey, encryptionMode: "SSE_KMS" })).toMatch(
      /`encryptionMode` = "SSE_KMS": needs a bucket with a customer-managed KMS key \(`kmsKeyArn`/,
    );
  });

  test("SSE-S3 on a bucket with a customer key", () => {
    expect(endpointError({ encryptionMode: "SSE_S3" })).toMatch(/`encryptionMode` = "SSE_S3": would bypass the bucket's customer-managed KMS key/);
  });

  test("every problem is reported at once", () => {
    const view = { endpointId: "target-orders-lake", bucketHasKey: true };
    expect(checkRules(S3_TARGET_RULES, { ...view, cdcInsertsOnly: true, cdcInsertsAndUpdates: true, preserveTransactions: true })).toHaveLength(2);
    expect(checkRules(S3_TARGET_RULES, view)).toEqual([]);
  });
});

describe("s3TargetSchema (environment files)", () => {
  const parse = (input: unknown) => s3TargetSchema.safeParse(input);
  const issues = (input: unknown) => {
    const result = parse(input);
    if (result.success) throw new Error("expected the schema to refuse the input");
    return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  };

  test("fills the defaults: a created bucket, Parquet, no partitioning, no change filters", () => {
    expect(s3TargetSchema.parse({ endpointId: "target-orders-lake" })).toEqual({
      endpointId: "target-orders-lake",
      bucket: {},
      dataFormat: "parquet",
      datePartitionEnabled: false,
      includeOpForFullLoad: false,
      cdcInsertsOnly: false,
      cdcInsertsAndUpdates: false,
      preserveTransactions: false,
    });
  });

  test("accepts every option", () => {
    const result = parse({
      endpointId: "target-orders-lake",
      bucket: { name: "mosaic-lake", forceDestroy: true, noncurrentVersionExpirationDays: 14, kmsKeyArn: KEY_ARN },
      bucketFolder: "dms/orders",
      dataFormat: "parquet",
      parquetVersion: "parquet-1-0",
      parquetTimestampInMillisecond: false,
      cdcPath: "changes",
      timestampColumnName: "dms_ts",
      datePartitionEnabled: true,
      datePartitionSequence: "YYYYMMDDHH",
      datePartitionDelimiter: "UNDERSCORE",
      datePartitionTimezone: "Europe/London",
      includeOpForFullLoad: true,
      cdcInsertsAndUpdates: true,
      encryptionMode: "SSE_KMS",
    });
    expect(result.success).toBe(true);
  });

  test("an existing bucket by name and key", () => {
    expect(parse({ endpointId: "t", bucket: { existingBucketName: "legacy-dms-output", kmsKeyArn: KEY_ARN, ownerAccountId: "123456789012" } }).success).toBe(true);
  });

  test("unknown keys are refused", () => {
    expect(issues({ endpointId: "t", folderr: "dms" })).toEqual([{ path: "", message: expect.stringContaining("folderr") }]);
    expect(issues({ endpointId: "t", bucket: { nmae: "x" } })[0]).toMatchObject({ path: "bucket" });
  });

  test("enums are checked", () => {
    expect(issues({ endpointId: "t", dataFormat: "json" })[0].path).toBe("dataFormat");
    expect(issues({ endpointId: "t", datePartitionEnabled: true, datePartitionSequence: "YYYY" })[0].path).toBe("datePartitionSequence");
  });

  test("created-bucket settings with an existing bucket, and an owner for a created one", () => {
    expect(issues({ endpointId: "t", bucket: { existingBucketName: "legacy-dms-output", name: "other", forceDestroy: false } })).toEqual([
      { path: "bucket.name", message: "only applies to a bucket created here; remove it, or remove existingBucketName" },
      { path: "bucket.forceDestroy", message: "only applies to a bucket created here; remove it, or remove existingBucketName" },
    ]);
    expect(issues({ endpointId: "t", bucket: { ownerAccountId: "123456789012" } })).toEqual([
      { path: "bucket.ownerAccountId", message: "only applies with existingBucketName; a created bucket is the stack's account's" },
    ]);
  });

  test("bucket names and key ARNs are checked", () => {
    expect(issues({ endpointId: "t", bucket: { name: "Bad_Name" } })[0]).toMatchObject({ path: "bucket.name", message: expect.stringContaining("is not an S3 bucket name") });
    expect(issues({ endpointId: "t", bucket: { kmsKeyArn: "arn:aws:kms:eu-west-2:123456789012:alias/lake" } })[0].path).toBe("bucket.kmsKeyArn");
  });

  const problems = (input: unknown) => s3Target.problems(s3TargetSchema.parse(input)).map(formatFieldProblem);

  test("impossible combinations are reported at the option they are about, by the props' names", () => {
    expect(problems({ endpointId: "t", bucketFolder: "/dms", preserveTransactions: true, cdcInsertsOnly: true, cdcInsertsAndUpdates: true })).toEqual([
      expect.stringMatching(/^bucketFolder = "\/dms": a relative folder/),
      "cdcInsertsAndUpdates = true: `cdcInsertsOnly` and `cdcInsertsAndUpdates` are mutually exclusive; set at most one",
      "cdcPath = (missing): required by `preserveTransactions`: the folder DMS writes the transaction-ordered change files to",
    ]);
  });

  test("the encryption mode must match the bucket's key", () => {
    expect(problems({ endpointId: "t", encryptionMode: "SSE_S3" })).toEqual([
      'encryptionMode = "SSE_S3": would bypass the bucket\'s customer-managed KMS key; leave `encryptionMode` unset',
    ]);
    expect(problems({ endpointId: "t", bucket: { existingBucketName: "legacy-dms-output" }, encryptionMode: "SSE_KMS" })).toEqual([
      'encryptionMode = "SSE_KMS": needs a bucket with a customer-managed KMS key (`kmsKeyArn`: for an existing bucket, the key it encrypts with)',
    ]);
  });

  test("converts to JSON Schema for editors", () => {
    const schema = z.toJSONSchema(s3TargetSchema, { io: "input", unrepresentable: "throw" }) as Record<string, any>;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["endpointId"]);
    expect(schema.properties.dataFormat).toMatchObject({ enum: ["parquet", "csv"], default: "parquet" });
  });
});
