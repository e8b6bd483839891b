import { Construct } from "constructs";
import { ssmParameterArn } from "../../core/aws-account";
import { ValidationError } from "../../core/errors";
import { EndpointSecret } from "../../secrets/endpoint-secret";
import { ExistingEndpointSecret } from "../../secrets/existing-endpoint-secret";
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

/**
 * An endpoint's login in a Secrets Manager secret made outside this stack (terraform-aws-modules/dms
 * `secrets_manager_arn`): DMS reads it through a role limited to this ARN.
 */
export interface ExistingSecretCredentials {
  /** The secret, holding `username`, `password`, `host` and `port` as DMS reads them. */
  readonly secretArn: string;
  /** The customer-managed key of the secret, which the role may decrypt with. @default - the AWS managed key */
  readonly secretKmsKeyArn?: string;
  // The SSM fields cannot be given with a secret (it holds the login); declared so either kind reads them as absent.
  /** Not with `secretArn`. @default - none: the login name is in the secret */
  readonly username?: undefined;
  /** Not with `secretArn`. @default - none */
  readonly usernameParameterName?: undefined;
  /** Not with `secretArn`. @default - none: the password is in the secret */
  readonly passwordParameterName?: undefined;
}

/** An endpoint's login: SSM parameters the stack writes the endpoint's secret from, or an existing secret by ARN. */
export type EndpointLogin = EndpointCredentials | ExistingSecretCredentials;

/** Whether credentials name an existing secret rather than SSM parameters. */
export function isExistingSecret(credentials: EndpointLogin): credentials is ExistingSecretCredentials {
  return (credentials as ExistingSecretCredentials).secretArn !== undefined;
}

/** Whether credentials that are SSM parameters name the login twice or not at all (an existing secret holds its own). */
export function loginNameMissingOrTwice(credentials: EndpointLogin): boolean {
  return !isExistingSecret(credentials) && (credentials.username === undefined) === (credentials.usernameParameterName === undefined);
}

/** Where a DBA script reads the DMS login's password: its SSM SecureString, or the existing secret's `password`. */
export function scriptPasswordSource(credentials: EndpointLogin): { passwordParameterName?: string; passwordSecretArn?: string } {
  return isExistingSecret(credentials) ? { passwordSecretArn: credentials.secretArn } : { passwordParameterName: credentials.passwordParameterName };
}

/** The SSM parameters a login is read from, which must exist before a deployment; none for an existing secret. */
export function loginParameterNames(credentials: EndpointLogin, additionalPasswordParameterNames: readonly string[] = []) {
  return isExistingSecret(credentials)
    ? { usernameParameterName: undefined, passwordParameterNames: [] }
    : { usernameParameterName: credentials.usernameParameterName, passwordParameterNames: [credentials.passwordParameterName, ...additionalPasswordParameterNames] };
}

export interface CredentialsSecretProps {
  readonly name: string;
  /** SSM parameters the stack writes a new secret from, or an existing secret. */
  readonly credentials: EndpointLogin;
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

/**
 * The secret an endpoint reads: one filled from SSM parameters that already exist, or an existing secret with a
 * role that may read only it.
 */
export function credentialsSecret(scope: Construct, props: CredentialsSecretProps): EndpointSecret | ExistingEndpointSecret {
  const { credentials } = props;
  if (isExistingSecret(credentials)) {
    // A library user's object may carry both kinds; the secret would win silently, so name what does not belong.
    const mixed = (["username", "usernameParameterName", "passwordParameterName", "passwordVersion"] as const).filter(
      (field) => (credentials as unknown as Record<string, unknown>)[field] !== undefined,
    );
    if (mixed.length > 0) {
      throw new ValidationError(
        scope,
        mixed.map((field) => ({
          path: `credentials.${field}`,
          value: JSON.stringify((credentials as unknown as Record<string, unknown>)[field]),
          message: "not with `secretArn` (the existing secret holds the login); allowed: SSM parameter names or secretArn, not both",
        })),
      );
    }
    return new ExistingEndpointSecret(scope, "Credentials", { name: props.name, secretArn: credentials.secretArn, kmsKeyArn: credentials.secretKmsKeyArn, tags: props.tags });
  }
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
