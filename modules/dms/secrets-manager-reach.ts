import { Annotations } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { IConnectable } from "../network/connections";

// DMS reads an endpoint's credentials from Secrets Manager from inside the replication instance's (or serverless
// replication's) subnets, over HTTPS (https://docs.aws.amazon.com/dms/latest/userguide/security_iam_secretsmanager.html).
// The security group this library creates has no egress of its own, so without a 443 rule the task fails at start,
// long after apply. Endpoints with a credentials secret register here; synth reports what is missing.

const endpointsByRunner = new WeakMap<IConstruct, string[]>();

/** Whether the construct's own security-group rules include HTTPS egress to something other than a prefix list (S3's). */
function hasHttpsEgress(runner: IConstruct): boolean {
  return runner.node.children.some(
    (child) => child instanceof VpcSecurityGroupEgressRule && child.toPortInput === 443 && child.prefixListIdInput === undefined,
  );
}

/** Whether the construct created the DMS resource (an instance or a serverless config), rather than referring to one. */
function createdHere(runner: IConstruct): boolean {
  return runner.node.children.some((child) => {
    const type = (child as { terraformResourceType?: string }).terraformResourceType;
    return type === "aws_dms_replication_instance" || type === "aws_dms_replication_config";
  });
}

/**
 * Records that `runner` reads the credentials of endpoint `endpointId` from Secrets Manager. At synth, a runner created
 * here without an HTTPS egress rule fails naming what to add; an existing instance (whose group may already allow
 * it) gets a warning.
 */
export function requireSecretsManagerReach(runner: IConnectable, endpointId: string): void {
  if (!Construct.isConstruct(runner)) return;
  let endpoints = endpointsByRunner.get(runner);
  if (!endpoints) {
    const created: string[] = [];
    endpoints = created;
    endpointsByRunner.set(runner, created);
    runner.node.addValidation({
      validate: () => {
        if (hasHttpsEgress(runner)) return [];
        const message =
          `endpoint${created.length > 1 ? "s" : ""} ${created.join(", ")} keep${created.length > 1 ? "" : "s"} credentials in Secrets Manager, ` +
          `but ${runner.node.path} has no HTTPS egress to reach it: add ` +
          `\`connections.allowTo(Peer.securityGroup("<Secrets Manager VPC endpoint group>", "secrets-manager-endpoint"), 443, "Secrets Manager")\` ` +
          `(or Peer.ipv4 with the endpoint's subnets)`;
        if (createdHere(runner)) return [message];
        Annotations.of(runner).addWarning(message);
        return [];
      },
    });
  }
  if (!endpoints.includes(endpointId)) endpoints.push(endpointId);
}
