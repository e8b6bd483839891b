import { Construct } from "constructs";
import { Token } from "cdktf";
import { DmsReplicationSubnetGroup } from "@cdktf/provider-aws/lib/dms-replication-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { ValidationError } from "../core/errors";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { DmsAccountRoles } from "./account-roles";
import { claimAwsName } from "../core/unique-names";

export interface ReplicationNetworkProps extends ProjectEnvironment {
  /** Names the subnet group, `dms-replication-subnet-group-<name>` (Hackney's pattern). */
  readonly name: string;
  /** What the security group's description says it is for. */
  readonly purpose: string;
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly accountRoles: DmsAccountRoles;
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * Creates, in `scope`, the private networking DMS runs in: a replication subnet group (two or more private
 * subnets) waiting for the account roles, and a security group with no rules of its own.
 */
export function replicationNetwork(scope: Construct, props: ReplicationNetworkProps): { securityGroup: SecurityGroup; subnetGroup: DmsReplicationSubnetGroup } {
  if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length < 2) {
    throw new ValidationError(scope, `\`subnetIds\` needs at least two private subnets in two availability zones, got ${props.subnetIds.length}`);
  }
  const tags = (name?: string) => projectTags(props, name, props.additionalTags);
  claimAwsName(scope, "DMS replication subnet group", `dms-replication-subnet-group-${props.name}`.toLowerCase());
  const securityGroup = new SecurityGroup(scope, "SecurityGroup", {
    namePrefix: `dms-instance-${props.environment}-`,
    description: `${props.purpose}: egress only to its endpoints`,
    vpcId: props.vpcId,
    tags: tags(`dms-instance-${props.environment}-sg`),
    lifecycle: { createBeforeDestroy: true },
  });
  const subnetGroup = new DmsReplicationSubnetGroup(scope, "SubnetGroup", {
    replicationSubnetGroupId: `dms-replication-subnet-group-${props.name}`.toLowerCase(),
    replicationSubnetGroupDescription: `Replication subnet group for ${props.projectName}`,
    subnetIds: props.subnetIds,
    tags: tags(),
    // DMS manages the subnet group through dms-vpc-role; without it the first apply fails.
    dependsOn: props.accountRoles.dependables,
  });
  return { securityGroup, subnetGroup };
}
