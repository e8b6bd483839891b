import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";

const ID = "AwsAccount";

/**
 * Account id, partition and region of the stack's AWS provider, looked up once per stack. Needed to
 * build ARNs (for example of an SSM parameter read through an ephemeral block) and service principals.
 */
export class AwsAccount extends Construct {
  static of(scope: Construct): AwsAccount {
    const stack = TerraformStack.of(scope);
    return (stack.node.tryFindChild(ID) as AwsAccount | undefined) ?? new AwsAccount(stack, ID);
  }

  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  /** `amazonaws.com`, or the partition's equivalent. */
  readonly dnsSuffix: string;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const partition = new DataAwsPartition(this, "Partition");
    this.accountId = new DataAwsCallerIdentity(this, "Identity").accountId;
    this.partition = partition.partition;
    this.dnsSuffix = partition.dnsSuffix;
    this.region = new DataAwsRegion(this, "Region").name;
  }

  /**
   * What a role assumed by DMS trusts: the regional DMS principal, against which Secrets Manager access is
   * checked (https://github.com/hashicorp/terraform-provider-aws/issues/35019), and the global one.
   */
  get dmsServicePrincipals(): string[] {
    return [`dms.${this.region}.${this.dnsSuffix}`, `dms.${this.dnsSuffix}`];
  }
}

/**
 * ARN of an SSM parameter in the stack's account and region; a name that is already an ARN is returned as
 * is, without looking the account up.
 */
export function ssmParameterArn(scope: Construct, parameterName: string): string {
  if (parameterName.startsWith("arn:")) return parameterName;
  const { partition, region, accountId } = AwsAccount.of(scope);
  const path = parameterName.startsWith("/") ? parameterName : `/${parameterName}`;
  return `arn:${partition}:ssm:${region}:${accountId}:parameter${path}`;
}
