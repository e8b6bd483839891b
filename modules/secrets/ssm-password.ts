import { validateProps } from "../core/rules";
import { Construct } from "constructs";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { ssmParameterArn } from "../core/aws-account";
import { ValidationError } from "../core/errors";
import { RandomPassword, SsmParameterValue } from "./ephemeral-values";
import { claimAwsName } from "../core/unique-names";

export interface SsmPasswordProps {
  /** Name of the SSM parameter that holds the password, for example `/mosaic/staging/postgres-password`. */
  readonly parameterName: string;
  /**
   * Generate the password at apply time and write it to the parameter (a SecureString created here).
   * When false, the parameter must already exist and is only read.
   * @default true
   */
  readonly generate?: boolean;
  /**
   * Version of the write-only value. Write-only arguments are sent only when their version changes, so
   * increase it to rotate a generated password, or to push a changed existing parameter to its consumers.
   * @default 1
   */
  readonly version?: number;
  /** KMS key for the SecureString. @default - the AWS managed key `alias/aws/ssm` */
  readonly kmsKeyId?: string;
  /** @default - a description naming the parameter's purpose */
  readonly description?: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A password kept in SSM Parameter Store as a SecureString and handled only as an ephemeral value, so it
 * never appears in synthesized JSON, plan or state. Consumers pass {@link value} to write-only arguments
 * (`password_wo`, `secret_string_wo`) together with {@link version}.
 */
export class SsmPassword extends Construct {
  readonly parameterName: string;
  readonly parameterArn: string;
  readonly version: number;
  /** The stored password as an ephemeral value; it is read back from the parameter, the single source of truth. */
  readonly value: string;

  constructor(scope: Construct, id: string, props: SsmPasswordProps) {
    super(scope, id);
    validateProps(this, props);
    const version = props.version ?? 1;
    if (!Number.isInteger(version) || version < 1) {
      throw new ValidationError(this, `\`version\` must be a whole number of at least 1, got ${version}`);
    }
    this.parameterName = props.parameterName;
    this.version = version;

    if (props.generate ?? true) {
      claimAwsName(this, "SSM parameter", props.parameterName);
      const generated = new RandomPassword(this, "Generated");
      const parameter = new SsmParameter(this, "Parameter", {
        name: props.parameterName,
        type: "SecureString",
        description: props.description ?? "Password managed by Terraform with a write-only value; rotate by raising its version",
        keyId: props.kmsKeyId,
        valueWo: generated.value,
        valueWoVersion: version,
        tags: props.tags,
      });
      this.parameterArn = parameter.arn;
    } else {
      this.parameterArn = ssmParameterArn(this, props.parameterName);
    }
    // Reading through the ARN orders the read after the parameter is written, in the same apply.
    this.value = new SsmParameterValue(this, "Value", { parameterArn: this.parameterArn }).value;
  }
}
