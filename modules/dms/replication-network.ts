import { Construct } from "constructs";
import { Token } from "cdktf";
import { DmsReplicationSubnetGroup } from "@cdktf/provider-aws/lib/dms-replication-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { ValidationError } from "../core/errors";
import { Problem } from "../core/problem";
import { checkRules } from "../core/rules";
import { PRIVATE_SUBNET_RULES } from "../network/private-subnets";
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
  /**
   * The replication subnet group's name (terraform-aws-modules/dms `repl_subnet_group_name`): lowercase letters,
   * digits, hyphens, periods, underscores and spaces, up to 255, not `default`.
   * @default `dms-replication-subnet-group-<name>`
   */
  readonly subnetGroupName?: string;
  /** @default `Replication subnet group for <projectName>` */
  readonly subnetGroupDescription?: string;
}

/**
 * Subnet group names DMS accepts (CreateReplicationSubnetGroup,
 * https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationSubnetGroup.html): lowercase (DMS stores
 * them lowercase, so mixed case would plan a change forever), at most 255 characters, not `default`.
 */
const SUBNET_GROUP_NAME = /^[a-z0-9._ -]{1,255}$/;

/**
 * Creates, in `scope`, the private networking DMS runs in: a replication subnet group (two or more private
 * subnets) waiting for the account roles, and a security group with no rules of its own.
 */
export function replicationNetwork(scope: Construct, props: ReplicationNetworkProps): { securityGroup: SecurityGroup; subnetGroup: DmsReplicationSubnetGroup } {
  const subnetGroupName = props.subnetGroupName ?? `dms-replication-subnet-group-${props.name}`.toLowerCase();
  const subnetGroupDescription = props.subnetGroupDescription ?? `Replication subnet group for ${props.projectName}`;
  // Every problem at once, as the rule tables report them.
  const problems: Problem[] = checkRules(PRIVATE_SUBNET_RULES, props);
  if (!Token.isUnresolved(subnetGroupName) && (!SUBNET_GROUP_NAME.test(subnetGroupName) || subnetGroupName === "default")) {
    problems.push({
      path: "subnetGroupName",
      value: JSON.stringify(subnetGroupName),
      message: "allowed: 1-255 lowercase letters, digits, spaces, hyphens, periods and underscores, not \"default\"",
    });
  }
  if (!Token.isUnresolved(subnetGroupDescription) && (subnetGroupDescription.length === 0 || subnetGroupDescription.length > 255)) {
    problems.push({ path: "subnetGroupDescription", value: `${subnetGroupDescription.length} characters`, message: "allowed: 1 to 255 characters" });
  }
  if (problems.length > 0) throw new ValidationError(scope, problems);
  const tags = (name?: string) => projectTags(props, name, props.additionalTags);
  claimAwsName(scope, "DMS replication subnet group", subnetGroupName);
  const securityGroup = new SecurityGroup(scope, "SecurityGroup", {
    namePrefix: `dms-instance-${props.environment}-`,
    description: `${props.purpose}: egress only to its endpoints`,
    vpcId: props.vpcId,
    tags: tags(`dms-instance-${props.environment}-sg`),
    lifecycle: { createBeforeDestroy: true },
  });
  const subnetGroup = new DmsReplicationSubnetGroup(scope, "SubnetGroup", {
    replicationSubnetGroupId: subnetGroupName,
    replicationSubnetGroupDescription: subnetGroupDescription,
    subnetIds: props.subnetIds,
    tags: tags(),
    // DMS manages the subnet group through dms-vpc-role; without it the first apply fails.
    dependsOn: props.accountRoles.dependables,
  });
  return { securityGroup, subnetGroup };
}

const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,17}$/;
/** Security groups per network interface, by default (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html). */
const MAX_SECURITY_GROUPS_PER_INTERFACE = 5;

/** Security groups added to the one a replication network makes: ids, each once, within the interface quota with it. */
export function checkedSecurityGroupIds(scope: Construct, ids: readonly string[] | undefined): string[] {
  const list = [...(ids ?? [])];
  const problems = list.flatMap((id, index) =>
    Token.isUnresolved(id) || SECURITY_GROUP_ID.test(id)
      ? list.indexOf(id) === index
        ? []
        : [{ path: `additionalSecurityGroupIds[${index}]`, value: JSON.stringify(id), message: "listed twice; each group once" }]
      : [{ path: `additionalSecurityGroupIds[${index}]`, value: JSON.stringify(id), message: "not a security group id; allowed: sg- and 8 to 17 hex digits" }],
  );
  if (list.length > MAX_SECURITY_GROUPS_PER_INTERFACE - 1) {
    problems.push({
      path: "additionalSecurityGroupIds",
      value: `${list.length} groups`,
      message: `allowed: at most ${MAX_SECURITY_GROUPS_PER_INTERFACE - 1} besides the construct's own (${MAX_SECURITY_GROUPS_PER_INTERFACE} per network interface)`,
    });
  }
  if (problems.length > 0) throw new ValidationError(scope, problems);
  return list;
}
