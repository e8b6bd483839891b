import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { AccessLogBucket } from "../../../modules/storage/access-log-bucket";
import { DmsTargetBucket } from "../../../modules/storage/dms-target-bucket";
import { environmentFile } from "../../helpers/environments";
import { evaluate } from "../../helpers/fsbp/checker";
import { blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

const CONTEXT = { projectName: "mosaic", environment: "development" };

function synthWithLogs() {
  const stack = newStack();
  const logs = new AccessLogBucket(stack, "AccessLogs", CONTEXT);
  new DmsTargetBucket(stack, "Target", { ...CONTEXT, accessLogs: { bucketName: logs.bucketName } });
  return synth(stack);
}

describe("S3 server access logging (Security Hub S3.9)", () => {
  test("a target bucket given a log bucket logs to it, under a prefix of its own", () => {
    const json = synthWithLogs();
    const logBucket = Object.entries<any>(json.resource.aws_s3_bucket).find(([, bucket]) => String(bucket.bucket_prefix).includes("access-logs"))!;
    const target = Object.keys(json.resource.aws_s3_bucket).find((id) => id !== logBucket[0])!;
    expect(only(json, "aws_s3_bucket_logging")).toMatchObject({
      bucket: `\${aws_s3_bucket.${target}.id}`,
      target_bucket: `\${aws_s3_bucket.${logBucket[0]}.bucket}`,
      target_prefix: "mosaic-development-dms-/",
    });
    const failedS39 = evaluate(json).filter((finding) => finding.control === "S3.9" && !finding.passed).map((finding) => finding.resource);
    // Only the log bucket itself, which does not log its own deliveries.
    expect(failedS39).toEqual([`aws_s3_bucket.${logBucket[0]}`]);
  });

  test("the log bucket uses SSE-S3, blocks public access, and lets only S3 logging of this account write, over TLS", () => {
    const json = synthWithLogs();
    const logBucketId = Object.entries<any>(json.resource.aws_s3_bucket).find(([, bucket]) => String(bucket.bucket_prefix).includes("access-logs"))![0];
    const forLogBucket = (type: string) => blocks(json, type).filter((block) => block.bucket === `\${aws_s3_bucket.${logBucketId}.id}`);
    expect(forLogBucket("aws_s3_bucket_server_side_encryption_configuration")[0].rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(forLogBucket("aws_s3_bucket_public_access_block")[0]).toMatchObject({ block_public_acls: true, restrict_public_buckets: true });
    const statements = JSON.parse(forLogBucket("aws_s3_bucket_policy")[0].policy).Statement;
    expect(statements.map((s: any) => [s.Effect, s.Principal])).toEqual([["Deny", "*"], ["Allow", { Service: "logging.s3.amazonaws.com" }]]);
    expect(statements[1].Condition.StringEquals["aws:SourceAccount"]).toContain(logicalId(json, "aws_caller_identity", "data"));
  });

  test("without a log bucket, no logging is configured", () => {
    const stack = newStack();
    new DmsTargetBucket(stack, "Target", CONTEXT);
    expect(blocks(synth(stack), "aws_s3_bucket_logging")).toEqual([]);
  });

  test("a log bucket name that is not one is refused", () => {
    expect(() => new DmsTargetBucket(newStack(), "Target", { ...CONTEXT, accessLogs: { bucketName: "Not_A_Bucket" } })).toThrow(/is not an S3 bucket name/);
  });
});

describe("S3 server access logging from an environment file", () => {
  function synthFile(edit: (file: Record<string, any>) => void) {
    const file = environmentFile("postgres-s3");
    edit(file);
    const check = checkEnvironment(JSON.stringify(file), "postgres-s3");
    if (!check.config) throw new Error(check.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
    return JSON.parse(Testing.synth(new MigrationStack(Testing.app(), "postgres-s3", { config: check.config })));
  }

  test("targets.<name>.bucket.accessLogBucketName turns on logging to that bucket, and S3.9 passes", () => {
    const json = synthFile((file) => (file.targets.lake.bucket.accessLogBucketName = "addresses-access-logs"));
    expect(only(json, "aws_s3_bucket_logging")).toMatchObject({ target_bucket: "addresses-access-logs" });
    const lake = evaluate(json).filter((finding) => finding.control === "S3.9" && finding.resource.includes("Bucket-lake"));
    expect(lake.length).toBeGreaterThan(0);
    expect(lake.every((finding) => finding.passed)).toBe(true);
  });

  test("is refused for an existing bucket, whose logging this stack does not own", () => {
    const file = environmentFile("postgres-s3");
    file.targets.lake.bucket = { existingBucketName: "addresses-lake", accessLogBucketName: "addresses-access-logs" };
    expect(checkEnvironment(JSON.stringify(file), "postgres-s3").problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "targets.lake.bucket.accessLogBucketName: only applies to a bucket created here; remove it, or remove existingBucketName",
    ]);
  });
});
