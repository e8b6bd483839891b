import { z } from "zod";
import { checkedTagMap, ssmParameterName } from "../../core/identifiers";
import { KMS_KEY_ARN, SECRET_ARN } from "../../secrets/existing-endpoint-secret";
import { EndpointLogin } from "./endpoint-credentials";

/** `credentials` naming an existing Secrets Manager secret instead of SSM parameters. */
export const existingSecretCredentialsSchema = z
  .strictObject({
    secretArn: z
      .string()
      .regex(SECRET_ARN, "a Secrets Manager secret ARN")
      .describe("The secret holding username, password, host and port (terraform-aws-modules secrets_manager_arn)"),
    secretKmsKeyArn: z
      .string()
      .regex(KMS_KEY_ARN, "a KMS key ARN")
      .optional()
      .describe("Its customer-managed key; the read role may decrypt with it"),
  })
  .describe("An existing secret the endpoint reads through a role limited to its ARN");

const SSM_FIELDS = ["username", "usernameParameterName", "passwordParameterName", "passwordVersion"] as const;

/**
 * `credentials` of an endpoint entry in the environment file: SSM parameter names (never values) the stack writes
 * the endpoint's secret from, or an existing secret by ARN. One object with a check rather than a union, so a
 * mix of the two is reported at the field that does not belong. Typed as the union the check lets through, so entries
 * compare equal to their construct's `credentials` (`EndpointLogin`).
 */
export const endpointCredentialsSchema = z
  .strictObject({
    username: z.string().min(1).optional().describe("The login name; or usernameParameterName"),
    usernameParameterName: ssmParameterName.optional().describe("SSM parameter holding the login name"),
    passwordParameterName: ssmParameterName.optional().describe("SSM SecureString holding the password; required unless secretArn is given"),
    passwordVersion: z.number().int().min(1).optional().describe("Raise it after changing the password in SSM; default 1"),
    ...existingSecretCredentialsSchema.partial().shape,
  })
  .superRefine((credentials, context) => {
    if (credentials.secretArn !== undefined) {
      for (const field of SSM_FIELDS) {
        if (credentials[field] === undefined) continue;
        context.addIssue({ code: "custom", path: [field], message: "not with `secretArn` (the existing secret holds the login); allowed: SSM parameter names or secretArn, not both" });
      }
      return;
    }
    if (credentials.passwordParameterName === undefined) {
      context.addIssue({ code: "custom", path: ["passwordParameterName"], message: "required; allowed: an SSM parameter name (or `secretArn`, an existing secret)" });
    }
    if (credentials.secretKmsKeyArn !== undefined) {
      context.addIssue({ code: "custom", path: ["secretKmsKeyArn"], message: "only with `secretArn` (a secret the stack writes uses the environment's key); allowed: secretArn with it, or neither" });
    }
  })
  .describe(
    "Where the endpoint's login comes from: SSM parameters (exactly one of username and usernameParameterName, and passwordParameterName), or an existing Secrets Manager secret (secretArn, secretKmsKeyArn)",
  ) as unknown as z.ZodType<EndpointLogin, EndpointLogin>;

/** Whether two types are the same; entries use it to fail compilation when they drift from their construct's props. */
export type Same<A, B> = [Frozen<A>] extends [Frozen<B>] ? ([Frozen<B>] extends [Frozen<A>] ? SameKeys<A, B> : false) : false;
// Props take read-only arrays and zod parses mutable ones: a difference in read-only-ness alone is no drift.
type Frozen<T> = T extends readonly (infer U)[] ? readonly Frozen<U>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;
// Mutual assignability alone lets optional props drift: `{ a?: T }` and `{ b?: T }` are each assignable to the other.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

/** Props that an environment-file entry does not carry: the stack's context and the wiring it adds. */
export type ContextProps = "projectName" | "environment" | "production" | "provider" | "secretRecoveryWindowInDays" | "additionalTags";

/**
 * Keys of an entry renamed since an earlier release, as `old key: new path` (`"server": "serverName"`,
 * `"passwordParameter": "credentials.passwordParameterName"`; `"options": "."` lifts the object's keys into the entry).
 * Old names are accepted for one release, with a warning saying what to write instead.
 */
export type RenamedKeys = Readonly<Record<string, string | RenamedKey>>;

/** A key whose value changed form too, such as `"fromDatabase": true` becoming `"database": "environment"`. */
export interface RenamedKey {
  readonly to: string;
  /** The new value for the old one. */
  readonly value: (old: unknown) => unknown;
  /** What to write instead, for the warning. */
  readonly write: string;
}

/**
 * Fields every endpoint entry takes besides its engine's own, added to each engine's entry by `engineUnion`: the
 * endpoint's own tags, and the typed escape hatch of extra connection attributes (checked by the rule table in
 * `extra-connection-attributes.ts`; the stack adds them to the endpoint the engine builds).
 */
export const ENDPOINT_ENTRY_FIELDS = {
  tags: checkedTagMap.optional().describe("Tags of this endpoint (and its secret), besides the environment's"),
  extraConnectionAttributes: z
    .record(z.string().min(1), z.string())
    .optional()
    .describe(
      "Extra connection attributes the typed options do not cover, such as secretsManagerEndpointOverride; attributes this library types, and credentials, are refused",
    ),
};

export type EndpointEntryFields = { [K in keyof typeof ENDPOINT_ENTRY_FIELDS]?: z.output<(typeof ENDPOINT_ENTRY_FIELDS)[K]> };
