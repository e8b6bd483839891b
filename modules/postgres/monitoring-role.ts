import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsAccount } from "../core/aws-account";
import { serviceTrustPolicy, stackArn } from "../core/trust-policy";

/** The role RDS Enhanced Monitoring uses to publish OS metrics to CloudWatch Logs. */
export class RdsMonitoringRole extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: { readonly tags?: Readonly<Record<string, string>> } = {}) {
    super(scope, id);
    const role = new IamRole(this, "Resource", {
      namePrefix: "rds-monitoring-",
      // RDS sends the DB instance as the source (Aurora cluster members are DB instances too):
      // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html
      assumeRolePolicy: serviceTrustPolicy(this, "monitoring.rds.amazonaws.com", { sourceArns: [stackArn(this, "rds", "db:*")] }),
      tags: props.tags,
    });
    new IamRolePolicyAttachment(this, "Policy", {
      role: role.name,
      policyArn: `arn:${AwsAccount.of(this).partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });
    this.arn = role.arn;
  }
}
