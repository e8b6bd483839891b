import { IConstruct } from "constructs";
import { TerraformProvider, TerraformStack, Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { scopedProvider } from "./provider-scope";

// AWS refuses a second resource with the same name, but only at apply. Constructs claim the names they create here;
// one validation on the app reports every clash at synth, naming both construct paths.

/** Kinds of AWS names that must be unique: per account (IAM), globally (S3), or per account and region (the rest). */
export type AwsNameKind =
  | "IAM role"
  | "SSM parameter"
  | "DMS endpoint"
  | "DMS replication task"
  | "DMS replication instance"
  | "DMS replication config"
  | "DMS replication subnet group"
  | "DMS certificate"
  | "RDS DB subnet group"
  | "S3 bucket";

const REGIONLESS: ReadonlySet<AwsNameKind> = new Set<AwsNameKind>(["IAM role", "S3 bucket"]);

interface Claim {
  readonly claimant: IConstruct;
  readonly kind: AwsNameKind;
  readonly name: string;
  readonly provider?: TerraformProvider;
}

const claimsByApp = new WeakMap<IConstruct, Claim[]>();

/**
 * Records that `claimant` creates the AWS resource `kind` named `name`, through `provider` (default: the provider
 * given to its nearest construct, else its stack's AWS provider without an alias). Names known only at apply (tokens) cannot be checked and are skipped.
 */
export function claimAwsName(claimant: IConstruct, kind: AwsNameKind, name: string, provider?: TerraformProvider): void {
  if (Token.isUnresolved(name)) return;
  const app = claimant.node.root;
  let claims = claimsByApp.get(app);
  if (!claims) {
    const created: Claim[] = [];
    claims = created;
    claimsByApp.set(app, created);
    app.node.addValidation({ validate: () => nameClashes(created) });
  }
  claims.push({ claimant, kind, name, provider });
}

/** A literal string, or undefined when it is a token or absent. */
function literal(value: string | undefined): string | undefined {
  return value !== undefined && !Token.isUnresolved(value) ? value : undefined;
}

/**
 * Where a name must be unique. The account is known only when the provider pins exactly one `allowedAccountIds`;
 * otherwise a provider is taken as its own account, so clashes between stacks are reported only when both name
 * the same account.
 */
function uniquenessScope(claim: Claim): string {
  const stack = TerraformStack.of(claim.claimant);
  const provider =
    claim.provider ??
    scopedProvider(claim.claimant) ??
    stack.node.children.find((child): child is AwsProvider => child instanceof AwsProvider && child.alias === undefined);
  const aws = provider instanceof AwsProvider ? provider : undefined;
  const accounts = aws?.allowedAccountIds;
  const account =
    accounts !== undefined && !Token.isUnresolved(accounts) && accounts.length === 1 && literal(accounts[0])
      ? `account ${accounts[0]}`
      : `the account of ${provider?.node.path ?? `${stack.node.path}'s default provider`}`;
  if (claim.kind === "S3 bucket") return "every account";
  if (REGIONLESS.has(claim.kind)) return account;
  return `${account}, region ${literal(aws?.region) ?? "(unknown)"}`;
}

/** One message per name claimed more than once in the same scope. */
function nameClashes(claims: readonly Claim[]): string[] {
  const byKey = new Map<string, Claim[]>();
  const scopes = new Map<string, string>();
  for (const claim of claims) {
    const scope = uniquenessScope(claim);
    const key = `${scope}|${claim.kind}|${claim.name}`;
    scopes.set(key, scope);
    byKey.set(key, [...(byKey.get(key) ?? []), claim]);
  }
  return [...byKey.entries()]
    .filter(([, same]) => same.length > 1)
    .map(([key, same]) => {
      const { kind, name } = same[0];
      const paths = same.map((claim) => claim.claimant.node.path).join(" and ");
      return `${kind} "${name}" is created by ${paths} (in ${scopes.get(key)}); AWS allows one, so the second would fail at apply. Rename one, or use an existing-resource mode for it.`;
    });
}
