import { Construct } from "constructs";
import { ssmParameterArn } from "../../core/aws-account";
import { ValidationError } from "../../core/errors";
import { EndpointSecret } from "../../secrets/endpoint-secret";
import { SsmParameterValue } from "../../secrets/ephemeral-values";
import { SsmPassword } from "../../secrets/ssm-password";

/** Where an endpoint's login comes from: SSM parameter names, never values. */
export interface EndpointCredentials {
  /** The login name. Give this or `usernameParameterName`. */
  readonly username?: string;
  /** An SSM parameter holding the login name (the Hackney convention, e.g. `/mosaic/live-server/username`). */
  readonly usernameParameterName?: string;
  /** The SSM SecureString holding the password. */
  readonly passwordParameterName: string;
  /** Raise it after changing the password in SSM, to rewrite the endpoint's secret. @default 1 */
  readonly passwordVersion?: number;
}

export interface CredentialsSecretProps {
  readonly name: string;
  readonly credentials: EndpointCredentials;
  readonly host: string;
  readonly port: number;
  readonly kmsKeyArn?: string;
  readonly recoveryWindowInDays?: number;
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * SSM SecureStrings whose values DMS expects after the password, each after a comma (an Oracle source on
   * ASM: the ASM user's password). Read like the password, with its version.
   * @default - none
   */
  readonly additionalPasswordParameterNames?: readonly string[];
}

/** The secret an endpoint reads, filled from SSM parameters that already exist. */
export function credentialsSecret(scope: Construct, props: CredentialsSecretProps): EndpointSecret {
  const { credentials } = props;
  if ((credentials.username === undefined) === (credentials.usernameParameterName === undefined)) {
    throw new ValidationError(scope, "`credentials` needs exactly one of `username` and `usernameParameterName`");
  }
  const password = new SsmPassword(scope, "Password", {
    parameterName: credentials.passwordParameterName,
    generate: false,
    version: credentials.passwordVersion,
  });
  const username =
    credentials.username ??
    new SsmParameterValue(scope, "Username", { parameterArn: ssmParameterArn(scope, credentials.usernameParameterName as string) }).value;
  const additionalPasswords = (props.additionalPasswordParameterNames ?? []).map(
    (parameterName, index) =>
      new SsmPassword(scope, `AdditionalPassword${index + 1}`, { parameterName, generate: false, version: credentials.passwordVersion }),
  );
  return new EndpointSecret(scope, "Credentials", {
    name: props.name,
    username,
    password,
    additionalPasswords,
    host: props.host,
    port: props.port,
    kmsKeyArn: props.kmsKeyArn,
    recoveryWindowInDays: props.recoveryWindowInDays,
    tags: props.tags,
  });
}
