import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsAccount } from "../core/aws-account";
import { serviceTrustPolicy } from "../core/trust-policy";
import { claimAwsName } from "../core/unique-names";
import { ProviderScopeProps, useProvider } from "../core/provider-scope";
import { validateProps } from "../core/rules";

/**
 * `create`: this stack owns the roles (one stack per account should); `existing`: another stack or the
 * console created them, so nothing is created and nothing waits for them.
 */
export type DmsAccountRolesMode = "create" | "existing";

export interface DmsAccountRolesProps extends ProviderScopeProps {
  /** Whether this stack creates the account's DMS roles; there is no default because only one stack per account may. */
  readonly mode: DmsAccountRolesMode;
  /** Also create `dms-access-for-endpoint`, which Redshift targets need. @default false */
  readonly endpointAccessRole?: boolean;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The roles DMS looks up by exact name in the account, with their AWS managed policies
 * (https://docs.aws.amazon.com/dms/latest/userguide/security-iam.html#CHAP_Security.APIRole).
 */
const ROLES = {
  vpc: { name: "dms-vpc-role", policy: "AmazonDMSVPCManagementRole", principals: ["dms.amazonaws.com"] },
  logs: { name: "dms-cloudwatch-logs-role", policy: "AmazonDMSCloudWatchLogsRole", principals: ["dms.amazonaws.com"] },
  endpoint: {
    name: "dms-access-for-endpoint",
    policy: "AmazonDMSRedshiftS3Role",
    principals: ["dms.amazonaws.com", "redshift.amazonaws.com"],
  },
} as const;

/**
 * The account-wide IAM roles DMS requires (`dms-vpc-role`, `dms-cloudwatch-logs-role`, optionally
 * `dms-access-for-endpoint`). DMS finds them by name, so they exist once per account: create them in one
 * stack, and declare them `existing` everywhere else. Their trust policies hold `aws:SourceAccount`, the
 * condition AWS documents for DMS 3.4.7 and later
 * (https://docs.aws.amazon.com/dms/latest/userguide/cross-service-confused-deputy-prevention.html), but no
 * `aws:SourceArn`: the policy reported to hide task logs carried an `aws:SourceArn` pattern and
 * `sts:TagSession` (https://github.com/terraform-aws-modules/terraform-aws-dms/issues/84), and DMS uses these
 * roles account-wide, for no one resource.
 */
export class DmsAccountRoles extends Construct {
  static readonly VPC_ROLE_NAME = ROLES.vpc.name;
  static readonly CLOUDWATCH_LOGS_ROLE_NAME = ROLES.logs.name;

  readonly mode: DmsAccountRolesMode;
  /**
   * The policy attachments; subnet groups and replication instances depend on them, so a first apply in a
   * new account does not race IAM. Empty when the roles already exist.
   */
  readonly dependables: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: DmsAccountRolesProps) {
    super(scope, id);
    useProvider(this, props.provider);
    validateProps(this, props);
    this.mode = props.mode;
    if (props.mode === "existing") return;
    const wanted = props.endpointAccessRole ? [ROLES.vpc, ROLES.logs, ROLES.endpoint] : [ROLES.vpc, ROLES.logs];
    for (const role of wanted) {
      claimAwsName(this, "IAM role", role.name);
      const resource = new IamRole(this, role.name, {
        name: role.name,
        description: `Used by AWS DMS, which looks it up by this exact name`,
        assumeRolePolicy: serviceTrustPolicy(this, role.principals),
        tags: props.tags,
      });
      this.dependables.push(
        new IamRolePolicyAttachment(this, `${role.name}-policy`, {
          role: resource.name,
          policyArn: `arn:${AwsAccount.of(this).partition}:iam::aws:policy/service-role/${role.policy}`,
        }),
      );
    }
  }
}
