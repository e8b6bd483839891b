import { Construct } from "constructs";
import { Fn, ITerraformDependable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { dmsTrustPolicy } from "../core/trust-policy";
import { SsmPassword } from "./ssm-password";

export interface EndpointSecretProps {
  /** Short name for the secret and its role, such as the endpoint id. */
  readonly name: string;
  /** Login name; may be an ephemeral value read from SSM. */
  readonly username: string;
  /** The SSM-stored password; its version decides when the secret is rewritten. */
  readonly password: SsmPassword;
  /**
   * Further SSM-stored passwords DMS expects after the password, each after a comma (an Oracle source on
   * ASM: `<oracle password>,<asm password>`). The secret is rewritten when `password`'s version changes.
   * @default - none
   */
  readonly additionalPasswords?: readonly SsmPassword[];
  readonly host: string;
  readonly port: number;
  /** KMS key encrypting the secret. @default - the AWS managed key `aws/secretsmanager` */
  readonly kmsKeyArn?: string;
  /** Days a deleted secret can be restored; 0 deletes at once. @default 7 */
  readonly recoveryWindowInDays?: number;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The credentials a DMS endpoint reads: a Secrets Manager secret holding username, password, host and port,
 * written through the write-only `secret_string_wo` so the password never reaches state, and a role DMS
 * assumes to read it. DMS endpoints have no write-only password argument; this is the way around it.
 */
export class EndpointSecret extends Construct {
  readonly secretArn: string;
  readonly accessRoleArn: string;
  /** The secret's value and the role's policy: an endpoint depends on them so it never starts without credentials. */
  readonly dependables: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: EndpointSecretProps) {
    super(scope, id);
    const secret = new SecretsmanagerSecret(this, "Secret", {
      namePrefix: `dms-endpoint-${props.name}-`,
      description: `Credentials the DMS endpoint ${props.name} connects with`,
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: props.recoveryWindowInDays ?? 7,
      tags: props.tags,
    });
    const value = new SecretsmanagerSecretVersion(this, "Value", {
      secretId: secret.id,
      secretStringWo: Fn.jsonencode({
        username: props.username,
        password: [props.password, ...(props.additionalPasswords ?? [])].map((password) => password.value).join(","),
        host: props.host,
        port: props.port,
      }),
      secretStringWoVersion: props.password.version,
    });

    const role = new IamRole(this, "AccessRole", {
      namePrefix: "dms-secret-",
      description: `Lets DMS read the credentials of endpoint ${props.name}`,
      assumeRolePolicy: dmsTrustPolicy(this),
      tags: props.tags,
    });
    const statements: Record<string, unknown>[] = [
      { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: secret.arn },
    ];
    if (props.kmsKeyArn) statements.push({ Effect: "Allow", Action: "kms:Decrypt", Resource: props.kmsKeyArn });
    const readPolicy = new IamRolePolicy(this, "ReadSecret", {
      role: role.id,
      name: "read-endpoint-secret",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
    });

    this.secretArn = secret.arn;
    this.accessRoleArn = role.arn;
    this.dependables = [value, readPolicy];
  }
}
