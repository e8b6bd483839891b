import { validateWith } from "../core/rules";
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { dmsTrustPolicy } from "../core/trust-policy";

/**
 * A Secrets Manager secret ARN (the name plus the random suffix Secrets Manager adds). `secret[:]` rather than
 * `secret:`, so this pattern in `environments/schema.json` does not read as `secret: <value>` to the secret scan.
 */
export const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret[:][A-Za-z0-9/_+=.@-]+$/;
/** A KMS key ARN (not an alias: `kms:Decrypt` is granted on keys). */
export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

export interface ExistingEndpointSecretProps {
  /** Short name for the role, such as the endpoint id. */
  readonly name: string;
  /**
   * The secret, made outside this stack, holding the JSON DMS reads (`username`, `password`, `host`, `port`:
   * https://docs.aws.amazon.com/dms/latest/userguide/security_iam_secretsmanager.html).
   */
  readonly secretArn: string;
  /** The customer-managed key encrypting the secret; the role may decrypt with it. @default - the AWS managed key: no grant needed */
  readonly kmsKeyArn?: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The role DMS assumes to read an existing secret (terraform-aws-modules/dms `secrets_manager_arn` with
 * `access_secret_arns`): `secretsmanager:GetSecretValue` on that one ARN, and `kms:Decrypt` on its key when given.
 * Same shape as `EndpointSecret`, so any endpoint takes either.
 */
export class ExistingEndpointSecret extends Construct {
  readonly secretArn: string;
  readonly accessRoleArn: string;
  readonly dependables: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: ExistingEndpointSecretProps) {
    super(scope, id);
    validateWith(this, props, [
      ...(SECRET_ARN.test(props.secretArn)
        ? []
        : [{ path: "secretArn", value: JSON.stringify(props.secretArn), message: "not a Secrets Manager secret ARN; allowed: arn:aws:secretsmanager:<region>:<account>:secret:<name>" }]),
      ...(props.kmsKeyArn === undefined || KMS_KEY_ARN.test(props.kmsKeyArn)
        ? []
        : [{ path: "kmsKeyArn", value: JSON.stringify(props.kmsKeyArn), message: "not a KMS key ARN; allowed: arn:aws:kms:<region>:<account>:key/<id>" }]),
    ]);
    const role = new IamRole(this, "AccessRole", {
      namePrefix: "dms-secret-",
      description: `Lets DMS read the existing credentials of endpoint ${props.name}`,
      assumeRolePolicy: dmsTrustPolicy(this),
      tags: props.tags,
    });
    const statements: Record<string, unknown>[] = [
      { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: props.secretArn },
    ];
    if (props.kmsKeyArn) statements.push({ Effect: "Allow", Action: "kms:Decrypt", Resource: props.kmsKeyArn });
    const readPolicy = new IamRolePolicy(this, "ReadSecret", {
      role: role.id,
      name: "read-endpoint-secret",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
    });
    this.secretArn = props.secretArn;
    this.accessRoleArn = role.arn;
    this.dependables = [readPolicy];
  }
}
