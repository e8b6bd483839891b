import { Construct } from "constructs";
import { AwsAccount } from "./aws-account";

export interface ServiceTrustOptions {
  /**
   * ARNs, or `ArnLike` patterns, of the resources on whose behalf the service may assume the role
   * (`aws:SourceArn`). Leave it unset only where the service sends no source ARN the role can rely on.
   * @default - `aws:SourceAccount` alone
   */
  readonly sourceArns?: readonly string[];
}

/**
 * The trust policy of an IAM role that AWS services assume. Every such role carries `aws:SourceAccount`
 * (the stack's own account) and, where the resource is known, `aws:SourceArn`, so another account cannot
 * make the service act with it: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export function serviceTrustPolicy(scope: Construct, service: string | readonly string[], options: ServiceTrustOptions = {}): string {
  const sourceArns = options.sourceArns ?? [];
  const condition: Record<string, Record<string, unknown>> = { StringEquals: { "aws:SourceAccount": AwsAccount.of(scope).accountId } };
  if (sourceArns.length > 0) condition.ArnLike = { "aws:SourceArn": sourceArns.length === 1 ? sourceArns[0] : [...sourceArns] };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: condition }],
  });
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the stack's account and region; `resource` may hold `*`. */
export function stackArn(scope: Construct, service: string, resource: string): string {
  const { partition, region, accountId } = AwsAccount.of(scope);
  return `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
}

/**
 * The trust policy of a role DMS assumes for one endpoint (its secret, its bucket): both DMS principals,
 * the stack's account, and any DMS resource of the account and region as the source.
 */
export function dmsTrustPolicy(scope: Construct): string {
  return serviceTrustPolicy(scope, AwsAccount.of(scope).dmsServicePrincipals, { sourceArns: [stackArn(scope, "dms", "*")] });
}
