import { PremigrationAssessment } from "../../../modules/dms/premigration-assessment";
import { blocks, newStack, only, synth } from "../../helpers/synth";

const KEY = "arn:aws:kms:eu-west-2:123456789012:key/11111111-2222-3333-4444-555555555555";

describe("PremigrationAssessment", () => {
  const json = (() => {
    const stack = newStack();
    new PremigrationAssessment(stack, "PremigrationAssessment", { projectName: "addresses", environment: "staging", kmsKeyArn: KEY });
    return synth(stack);
  })();

  test("the bucket is named for the CLI to find, encrypted with the environment's key, TLS only, never public", () => {
    expect(only(json, "aws_s3_bucket").bucket).toMatch(/^addresses-staging-dms-assessment-\$\{data\.aws_caller_identity\.[^.]+\.account_id\}$/);
    expect(only(json, "aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY }, bucket_key_enabled: true },
    ]);
    expect(only(json, "aws_s3_bucket_public_access_block")).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const policy = JSON.parse(only(json, "aws_s3_bucket_policy").policy);
    expect(policy.Statement).toContainEqual(expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }));
    expect(blocks(json, "aws_kms_key")).toHaveLength(0);
  });

  test("the role trusts DMS for this account only and may only use this bucket and key", () => {
    const role = only(json, "aws_iam_role");
    expect(role.name).toBe("addresses-staging-dms-assessment");
    const [trust] = JSON.parse(role.assume_role_policy).Statement;
    expect(trust.Principal.Service).toEqual([expect.stringMatching(/^dms\.\$\{data\.aws_region/), expect.stringMatching(/^dms\./)]);
    expect(trust.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": expect.stringMatching(/aws_caller_identity/) },
      ArnLike: { "aws:SourceArn": expect.stringMatching(/:dms:.*:\*$/) },
    });
    const statements = JSON.parse(only(json, "aws_iam_role_policy").policy).Statement;
    const resources = statements.flatMap((s: { Resource: string }) => [s.Resource]);
    expect(resources).toEqual([expect.stringMatching(/^\$\{aws_s3_bucket\.[^}]+\.arn\}\/\*$/), expect.stringMatching(/^\$\{aws_s3_bucket\.[^}]+\.arn\}$/), KEY]);
    expect(statements.flatMap((s: { Action: string[] }) => s.Action)).not.toContain("s3:*");
  });

  test("a name that leaves no room for the account id in 63 characters is refused", () => {
    const stack = newStack();
    expect(() => new PremigrationAssessment(stack, "A", { projectName: "a-very-long-project-name-for-assessments", environment: "production" })).toThrow(/longer than 63 characters/);
  });
});
