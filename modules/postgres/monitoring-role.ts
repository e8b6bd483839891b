import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsAccount } from "../core/aws-account";

/** The role RDS Enhanced Monitoring uses to publish OS metrics to CloudWatch Logs. */
export class RdsMonitoringRole extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: { readonly tags?: Readonly<Record<string, string>> } = {}) {
    super(scope, id);
    const role = new IamRole(this, "Resource", {
      namePrefix: "rds-monitoring-",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      tags: props.tags,
    });
    new IamRolePolicyAttachment(this, "Policy", {
      role: role.name,
      policyArn: `arn:${AwsAccount.of(this).partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });
    this.arn = role.arn;
  }
}
