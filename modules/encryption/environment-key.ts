import { validateProps } from "../core/rules";
import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsAccount } from "../core/aws-account";
import { ValidationError } from "../core/errors";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { useProvider } from "../core/provider-scope";

export interface EnvironmentKeyProps extends ProjectEnvironment {
  /** A customer-managed key to use instead of creating one (its policy must allow the services below). @default - a key is created */
  readonly existingKeyArn?: string;
  /** Days before a deleted key is gone. @default 30 */
  readonly deletionWindowInDays?: number;
}

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/**
 * The customer-managed KMS key of one environment, used for the database, the replication instance, the
 * endpoint secrets, the S3 target, the alarm topic and the task logs when the environment asks for
 * customer-managed keys. RDS, DMS, Secrets Manager, SSM and S3 use it on behalf of the account's principals
 * (the account statement); CloudWatch alarms, DMS event notifications and CloudWatch Logs act as services,
 * so the policy names them, limited to this account.
 */
export class EnvironmentKey extends Construct {
  readonly keyArn: string;

  constructor(scope: Construct, id: string, props: EnvironmentKeyProps) {
    super(scope, id);
    useProvider(this, props.provider);
    validateProps(this, props);
    if (props.existingKeyArn !== undefined) {
      if (!KEY_ARN.test(props.existingKeyArn)) {
        throw new ValidationError(this, `\`existingKeyArn\` "${props.existingKeyArn}" must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias`);
      }
      this.keyArn = props.existingKeyArn;
      return;
    }
    const account = AwsAccount.of(this);
    const root = `arn:${account.partition}:iam::${account.accountId}:root`;
    const sameAccount = { StringEquals: { "aws:SourceAccount": account.accountId } };
    const key = new KmsKey(this, "Key", {
      description: `${props.projectName} ${props.environment}: database, DMS, secrets, S3 target, alarms and logs`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "AccountAdministersAndDelegatesToIam", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" },
          {
            Sid: "AlarmsAndDmsEventsPublishToEncryptedTopics",
            Effect: "Allow",
            Principal: { Service: ["cloudwatch.amazonaws.com", "dms.amazonaws.com"] },
            Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
            Resource: "*",
            Condition: sameAccount,
          },
          {
            Sid: "CloudWatchLogsEncryptsTaskLogs",
            Effect: "Allow",
            Principal: { Service: `logs.${account.region}.${account.dnsSuffix}` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: {
              ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${account.partition}:logs:${account.region}:${account.accountId}:log-group:*` },
            },
          },
        ],
      }),
      tags: projectTags(props, `${props.projectName}-${props.environment}`),
    });
    new KmsAlias(this, "Alias", { name: `alias/${props.projectName}-${props.environment}`, targetKeyId: key.keyId });
    this.keyArn = key.arn;
  }
}
