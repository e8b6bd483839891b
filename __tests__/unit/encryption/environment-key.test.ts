import { EnvironmentKey } from "../../../modules/encryption/environment-key";
import { blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

const context = { projectName: "mosaic", environment: "staging" };

describe("EnvironmentKey", () => {
  test("creates a rotating key with an alias named after the project and environment", () => {
    const stack = newStack();
    new EnvironmentKey(stack, "Key", context);
    const json = synth(stack);
    expect(only(json, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(only(json, "aws_kms_alias")).toEqual({ name: "alias/mosaic-staging", target_key_id: `\${aws_kms_key.${logicalId(json, "aws_kms_key")}.key_id}` });
  });

  test("lets the account delegate to IAM, and the alarm, event and log services use it from this account only", () => {
    const stack = newStack();
    new EnvironmentKey(stack, "Key", context);
    const statements = JSON.parse(only(synth(stack), "aws_kms_key").policy).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(["AccountAdministersAndDelegatesToIam", "AlarmsAndDmsEventsPublishToEncryptedTopics", "CloudWatchLogsEncryptsTaskLogs"]);
    expect(statements[0].Principal.AWS).toMatch(/^arn:\$\{data\.aws_partition\.\S+\}:iam::\$\{data\.aws_caller_identity\.\S+\.account_id\}:root$/);
    expect(statements[1].Principal.Service).toEqual(["cloudwatch.amazonaws.com", "dms.amazonaws.com"]);
    expect(statements[1].Action).toEqual(["kms:GenerateDataKey*", "kms:Decrypt"]);
    expect(Object.keys(statements[1].Condition.StringEquals)).toEqual(["aws:SourceAccount"]);
    expect(statements[2].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toMatch(/:log-group:\*$/);
  });

  test("uses an existing key, creating nothing", () => {
    const stack = newStack();
    const arn = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(new EnvironmentKey(stack, "Key", { ...context, existingKeyArn: arn }).keyArn).toBe(arn);
    expect(blocks(synth(stack), "aws_kms_key")).toHaveLength(0);
  });

  test("refuses an alias where a key ARN is needed", () => {
    expect(() => new EnvironmentKey(newStack(), "Key", { ...context, existingKeyArn: "arn:aws:kms:eu-west-2:111122223333:alias/x" })).toThrow(
      /test\/Key: `existingKeyArn` .* must be a KMS key ARN .*not an alias/,
    );
  });
});
