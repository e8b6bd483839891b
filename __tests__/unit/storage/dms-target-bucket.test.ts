import { TerraformOutput, TerraformStack } from "cdktf";
import { DmsTargetBucket, DmsTargetBucketProps, dmsTargetBucketPolicy } from "../../../modules/storage/dms-target-bucket";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

const CONTEXT = { projectName: "mosaic", environment: "development" };
const KEY_ARN = "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function synthBucket(props: Partial<DmsTargetBucketProps> = {}): TerraformJson {
  const stack = newStack();
  new DmsTargetBucket(stack, "Lake", { ...CONTEXT, ...props });
  return synth(stack);
}

function bucketError(props: Partial<DmsTargetBucketProps>): string {
  try {
    new DmsTargetBucket(newStack(), "Lake", { ...CONTEXT, ...props });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the bucket to refuse its props");
}

/** What a value synthesizes to, read back through an output. */
function resolved(stack: TerraformStack, values: Record<string, string | undefined>): Record<string, string> {
  for (const [name, value] of Object.entries(values)) new TerraformOutput(stack, name, { value });
  const json = synth(stack);
  return Object.fromEntries(Object.keys(values).map((name) => [name, json.output[name].value]));
}

const ref = (json: TerraformJson, type: string, attribute: string) => `\${${type}.${logicalId(json, type)}.${attribute}}`;

describe("DmsTargetBucket: a bucket created here", () => {
  const json = synthBucket();
  const bucketId = ref(json, "aws_s3_bucket", "id");

  test("has a unique name from project and environment, is not force-destroyed, and carries the project tags", () => {
    expect(only(json, "aws_s3_bucket")).toEqual({
      bucket_prefix: "mosaic-development-dms-",
      force_destroy: false,
      tags: { Name: "mosaic-development-dms", Environment: "development", project_name: "mosaic", "terraform-managed": "true" },
    });
  });

  test("is versioned", () => {
    expect(only(json, "aws_s3_bucket_versioning")).toEqual({ bucket: bucketId, versioning_configuration: { status: "Enabled" } });
  });

  test("encrypts with SSE-KMS under a key created here, with the S3 bucket key", () => {
    expect(only(json, "aws_s3_bucket_server_side_encryption_configuration")).toEqual({
      bucket: bucketId,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: ref(json, "aws_kms_key", "arn") }, bucket_key_enabled: true }],
    });
  });

  test("the key is rotated, kept 30 days after deletion, tagged, and has an alias", () => {
    expect(only(json, "aws_kms_key")).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      tags: { Environment: "development", project_name: "mosaic" },
    });
    expect(only(json, "aws_kms_key").policy).toBeUndefined();
    expect(only(json, "aws_kms_alias")).toEqual({ name_prefix: "alias/dms-target/mosaic-development-dms-", target_key_id: ref(json, "aws_kms_key", "key_id") });
  });

  test("blocks every kind of public access", () => {
    expect(only(json, "aws_s3_bucket_public_access_block")).toEqual({
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("disables ACLs: the bucket owner owns every object", () => {
    expect(only(json, "aws_s3_bucket_ownership_controls")).toEqual({ bucket: bucketId, rule: { object_ownership: "BucketOwnerEnforced" } });
  });

  test("its policy refuses requests without TLS on the bucket and its objects, and uploads asking for non-KMS encryption", () => {
    const arn = ref(json, "aws_s3_bucket", "arn");
    const policy = only(json, "aws_s3_bucket_policy");
    expect(policy.bucket).toBe(bucketId);
    expect(JSON.parse(policy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [arn, `${arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Sid: "DenyEncryptionOtherThanKms",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: `${arn}/*`,
          Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption": "false" } },
        },
      ],
    });
  });

  test("the policy is applied after the public access block, since S3 refuses concurrent bucket changes", () => {
    expect(only(json, "aws_s3_bucket_policy").depends_on).toEqual([`aws_s3_bucket_public_access_block.${logicalId(json, "aws_s3_bucket_public_access_block")}`]);
  });

  test("old versions expire after 30 days, with expired delete markers and abandoned uploads cleaned up", () => {
    const lifecycle = only(json, "aws_s3_bucket_lifecycle_configuration");
    expect(lifecycle).toEqual({
      bucket: bucketId,
      rule: [
        {
          id: "expire-old-versions",
          status: "Enabled",
          filter: [{}],
          noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          expiration: [{ expired_object_delete_marker: true }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        },
      ],
      depends_on: [`aws_s3_bucket_versioning.${logicalId(json, "aws_s3_bucket_versioning")}`],
    });
  });

  test("exposes the bucket's name and ARN, the key's ARN and the stack's account as owner", () => {
    const stack = newStack();
    const bucket = new DmsTargetBucket(stack, "Lake", CONTEXT);
    const values = resolved(stack, { name: bucket.bucketName, arn: bucket.bucketArn, key: bucket.kmsKeyArn, owner: bucket.ownerAccountId });
    const out = synth(stack);
    expect(values).toEqual({
      name: ref(out, "aws_s3_bucket", "bucket"),
      arn: ref(out, "aws_s3_bucket", "arn"),
      key: ref(out, "aws_kms_key", "arn"),
      owner: `\${data.aws_caller_identity.${logicalId(out, "aws_caller_identity", "data")}.account_id}`,
    });
  });

  test("lists its encryption, public access block and policy as what writers must wait for", () => {
    const stack = newStack();
    const bucket = new DmsTargetBucket(stack, "Lake", CONTEXT);
    expect(bucket.dependables.map((d) => (d as unknown as { terraformResourceType: string }).terraformResourceType)).toEqual([
      "aws_s3_bucket_server_side_encryption_configuration",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_policy",
    ]);
  });
});

describe("DmsTargetBucket: options", () => {
  test("a given name is used as is, and names the key's alias", () => {
    const json = synthBucket({ bucketName: "mosaic.dev-lake" });
    expect(only(json, "aws_s3_bucket")).toMatchObject({ bucket: "mosaic.dev-lake", tags: { Name: "mosaic.dev-lake" } });
    expect(only(json, "aws_s3_bucket").bucket_prefix).toBeUndefined();
    expect(only(json, "aws_kms_alias").name).toBe("alias/dms-target/mosaic-dev-lake");
  });

  test("a given key is used and no key is created", () => {
    const stack = newStack();
    const bucket = new DmsTargetBucket(stack, "Lake", { ...CONTEXT, kmsKeyArn: KEY_ARN });
    const json = synth(stack);
    expect(blocks(json, "aws_kms_key")).toHaveLength(0);
    expect(blocks(json, "aws_kms_alias")).toHaveLength(0);
    expect(only(json, "aws_s3_bucket_server_side_encryption_configuration").rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe(KEY_ARN);
    expect(bucket.kmsKeyArn).toBe(KEY_ARN);
  });

  test("forceDestroy and the version expiry can be set", () => {
    const json = synthBucket({ forceDestroy: true, noncurrentVersionExpirationDays: 7 });
    expect(only(json, "aws_s3_bucket").force_destroy).toBe(true);
    expect(only(json, "aws_s3_bucket_lifecycle_configuration").rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 7 }]);
  });

  test("a long project name is shortened to the 37 characters bucket_prefix allows", () => {
    const json = synthBucket({ projectName: "resident-information-and-housing-benefits", environment: "production" });
    const prefix = only(json, "aws_s3_bucket").bucket_prefix;
    expect(prefix).toBe("resident-information-and-housing-dms-");
    expect(prefix.length).toBeLessThanOrEqual(37);
  });

  test("additional tags are added to the bucket and the key", () => {
    const json = synthBucket({ additionalTags: { BackupPolicy: "Dev" } });
    expect(only(json, "aws_s3_bucket").tags.BackupPolicy).toBe("Dev");
    expect(only(json, "aws_kms_key").tags.BackupPolicy).toBe("Dev");
  });

  test("dmsTargetBucketPolicy is the same policy for any bucket ARN", () => {
    expect(dmsTargetBucketPolicy("arn:aws:s3:::lake").Statement).toHaveLength(2);
    expect(JSON.stringify(dmsTargetBucketPolicy("arn:aws:s3:::lake"))).toContain('"Resource":["arn:aws:s3:::lake","arn:aws:s3:::lake/*"]');
  });
});

describe("DmsTargetBucket: invalid props stop synth", () => {
  test("a name S3 does not allow", () => {
    expect(bucketError({ bucketName: "Mosaic_Lake" })).toMatch(/^test\/Lake: `bucketName` "Mosaic_Lake" is not an S3 bucket name: 3-63 lowercase letters/);
  });

  test("an IP address as a name", () => {
    expect(bucketError({ bucketName: "192.168.1.10" })).toMatch(/`bucketName` "192\.168\.1\.10" is not an S3 bucket name/);
  });

  test("a name with a prefix or suffix S3 reserves", () => {
    expect(bucketError({ bucketName: "lake-s3alias" })).toMatch(/`bucketName` "lake-s3alias" uses a prefix or suffix S3 reserves/);
  });

  test("a key alias instead of a key ARN", () => {
    expect(bucketError({ kmsKeyArn: "arn:aws:kms:eu-west-2:123456789012:alias/lake" })).toMatch(
      /`kmsKeyArn` "arn:aws:kms:eu-west-2:123456789012:alias\/lake" must be a KMS key ARN .*an alias cannot be granted in IAM policies/,
    );
  });

  test("a version expiry below one day", () => {
    expect(bucketError({ noncurrentVersionExpirationDays: 0 })).toMatch(/`noncurrentVersionExpirationDays` 0 must be a whole number of days, at least 1/);
  });
});

describe("DmsTargetBucket.fromExisting", () => {
  function existing(attributes: Parameters<typeof DmsTargetBucket.fromExisting>[2]) {
    const stack: TerraformStack = newStack();
    const bucket = DmsTargetBucket.fromExisting(stack, "Legacy", attributes);
    return { stack, bucket };
  }

  test("creates nothing, not even a lookup until its ARN is asked for", () => {
    const { stack } = existing({ bucketName: "legacy-dms-output", kmsKeyArn: KEY_ARN });
    const json = synth(stack);
    expect(json.resource).toBeUndefined();
    expect(json.data).toBeUndefined();
  });

  test("exposes the name, the key and an ARN in the stack's partition", () => {
    const { stack, bucket } = existing({ bucketName: "legacy-dms-output", kmsKeyArn: KEY_ARN, ownerAccountId: "123456789012" });
    expect(bucket.bucketName).toBe("legacy-dms-output");
    expect(bucket.kmsKeyArn).toBe(KEY_ARN);
    expect(bucket.ownerAccountId).toBe("123456789012");
    expect(bucket.dependables).toEqual([]);
    const { arn } = resolved(stack, { arn: bucket.bucketArn });
    const json = synth(stack);
    expect(arn).toBe(`arn:\${data.aws_partition.${logicalId(json, "aws_partition", "data")}.partition}:s3:::legacy-dms-output`);
  });

  test("without a key, the bucket is taken to use SSE-S3", () => {
    expect(existing({ bucketName: "legacy-dms-output" }).bucket.kmsKeyArn).toBeUndefined();
  });

  test("refuses a bad name, an alias and a bad owner account", () => {
    expect(() => existing({ bucketName: "Legacy" })).toThrow(/^test\/Legacy: `bucketName` "Legacy" is not an S3 bucket name/);
    expect(() => existing({ bucketName: "legacy", kmsKeyArn: "alias/legacy" })).toThrow(/`kmsKeyArn` "alias\/legacy" must be a KMS key ARN/);
    expect(() => existing({ bucketName: "legacy", ownerAccountId: "12345" })).toThrow(/`ownerAccountId` "12345" is not a 12-digit AWS account id/);
  });
});
