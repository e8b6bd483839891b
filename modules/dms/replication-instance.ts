import { Construct } from "constructs";
import { REPLICATION_INSTANCE_GUARD_RULES, REPLICATION_INSTANCE_SIZING_RULES } from "./guard-rules";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DmsReplicationInstance } from "@cdktf/provider-aws/lib/dms-replication-instance";
import { ValidationError } from "../core/errors";
import { REPLICATION_INSTANCE_FACT_RULES } from "../core/aws-facts/fact-rules";
import { renderValue } from "../core/problem";
import { checkRules, validateWith } from "../core/rules";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { Connections, IConnectable } from "../network/connections";
import { DmsAccountRoles } from "./account-roles";
import { dmsEngineVersionProblem } from "./engine-version";
import { checkedSecurityGroupIds, replicationNetwork } from "./replication-network";
import { claimAwsName } from "../core/unique-names";
import { useProvider } from "../core/provider-scope";
import { tagMapProblems } from "./endpoints/endpoint-tags";

/** A replication instance tasks run on: one created here, or an existing one. */
export interface IReplicationInstance extends IConnectable {
  readonly replicationInstanceArn: string;
  /** The instance's name, such as `staging-dms-instance`: the `ReplicationInstanceIdentifier` of its metrics, when known. */
  readonly replicationInstanceId?: string;
  /** The engine version, when known; tasks check it against what their endpoints need. */
  readonly engineVersion?: string;
  /** GiB, when known; storage alarms are a share of it. */
  readonly allocatedStorage?: number;
  /** Such as `dms.t3.medium`, when known; memory alarms are a share of its RAM. */
  readonly instanceClass?: string;
}

export interface ExistingReplicationInstanceAttributes {
  /** ARN of the instance (Hackney callers built it as `arn:aws:dms:<region>:<account>:rep:<id>`). */
  readonly replicationInstanceArn: string;
  /**
   * A security group of the instance. It belongs to the instance's owner: this stack writes on it only rules naming
   * its own groups (to its database, say); egress to address ranges (sources, Secrets Manager) must already be
   * allowed by the owner (see `connections.rulesRequiredOfOwner`), so stacks sharing the instance never write the
   * same rule.
   */
  readonly securityGroupId: string;
  /** The instance's name (not in its ARN), for alarms on its metrics. @default - unknown: no instance alarms */
  readonly replicationInstanceId?: string;
  /** @default - unknown: engine-version checks are skipped */
  readonly engineVersion?: string;
  /** GiB. @default - unknown: no storage alarm */
  readonly allocatedStorage?: number;
  /** @default - unknown: no memory alarm */
  readonly instanceClass?: string;
}

export interface ReplicationInstanceProps extends ProjectEnvironment {
  /** Hackney `replication_instance_identifier`, such as `staging-dms-instance`. */
  readonly replicationInstanceId: string;
  /** For example `dms.t3.medium` or `dms.r6i.large`. */
  readonly instanceClass: string;
  /** Pinned, such as `3.6.1`; automatic minor upgrades are off so plans do not flap. */
  readonly engineVersion: string;
  readonly vpcId: string;
  /** Private subnets in at least two availability zones. */
  readonly subnetIds: string[];
  /** The account's DMS roles; the subnet group and instance wait for them. */
  readonly accountRoles: DmsAccountRoles;
  /** GiB, for task logs, cached changes and swap. @default 50 */
  readonly allocatedStorage?: number;
  /** @default false (production requires true) */
  readonly multiAz?: boolean;
  /** Encrypts storage and connection parameters. @default - the AWS managed key */
  readonly kmsKeyArn?: string;
  /** `ddd:hh24:mi-ddd:hh24:mi`, UTC, at least 30 minutes. @default - chosen by AWS */
  readonly preferredMaintenanceWindow?: string;
  /**
   * Let AWS apply minor engine versions in the maintenance window (Security Hub DMS.6). Off by default: the
   * engine version is pinned, and tasks are checked against it, so an upgrade made outside Terraform would
   * leave the file describing another engine. When on, Terraform ignores the engine version AWS moved to.
   * @default false
   */
  readonly autoMinorVersionUpgrade?: boolean;
  /** Needed to move to a new major engine version. @default false */
  readonly allowMajorVersionUpgrade?: boolean;
  /** @default false */
  readonly applyImmediately?: boolean;
  /**
   * Security groups added to the one this construct makes (terraform-aws-modules/dms `vpc_security_group_ids`), such
   * as one that opens the team's own endpoints. Rules on them are their owner's; this construct writes none.
   * @default []
   */
  readonly additionalSecurityGroupIds?: readonly string[];
  /** @default `dms-replication-subnet-group-<id>` */
  readonly subnetGroupName?: string;
  /** @default `Replication subnet group for <projectName>` */
  readonly subnetGroupDescription?: string;
  /** Days task logs are kept in CloudWatch Logs. @default 30 */
  readonly taskLogRetentionDays?: number;
  /** KMS key encrypting task logs (its policy must let CloudWatch Logs use it). @default - CloudWatch Logs' own encryption */
  readonly taskLogKmsKeyArn?: string;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/** The defaults of `ReplicationInstanceProps`, declared once: the construct applies them, and the adoption plan compares with them. */
export const REPLICATION_INSTANCE_DEFAULTS = {
  allocatedStorage: 50,
  multiAz: false,
  autoMinorVersionUpgrade: false,
  allowMajorVersionUpgrade: false,
  applyImmediately: false,
  taskLogRetentionDays: 30,
} as const;

const INSTANCE_ID = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/;

/**
 * A DMS replication instance in private subnets, with its replication subnet group and its own security
 * group, reproducing Hackney's `dms_full_setup` instance. It is never publicly accessible; its security
 * group has no rules until endpoints are connected to it (one port to each database).
 */
export class ReplicationInstance extends Construct implements IReplicationInstance {
  /** An existing instance (Hackney's `dms_setup_existing_instance`), to run tasks on. */
  static fromExisting(scope: Construct, id: string, attributes: ExistingReplicationInstanceAttributes): IReplicationInstance {
    class Existing extends Construct implements IReplicationInstance {
      readonly replicationInstanceArn = attributes.replicationInstanceArn;
      readonly replicationInstanceId = attributes.replicationInstanceId;
      readonly engineVersion = attributes.engineVersion;
      readonly allocatedStorage = attributes.allocatedStorage;
      readonly instanceClass = attributes.instanceClass;
      readonly connections = new Connections(this, { securityGroupId: attributes.securityGroupId, shared: true });
    }
    const existing = new Existing(scope, id);
    if (attributes.engineVersion !== undefined) {
      const problem = dmsEngineVersionProblem(attributes.engineVersion);
      if (problem) throw new ValidationError(existing, `\`engineVersion\`: ${problem}`);
    }
    return existing;
  }

  readonly replicationInstanceArn: string;
  readonly replicationInstanceId: string;
  readonly engineVersion: string;
  readonly allocatedStorage: number;
  readonly instanceClass: string;
  readonly securityGroupId: string;
  readonly connections: Connections;
  readonly instance: DmsReplicationInstance;

  constructor(scope: Construct, id: string, props: ReplicationInstanceProps) {
    super(scope, id);
    useProvider(this, props.provider);
    const versionProblem = dmsEngineVersionProblem(props.engineVersion);
    // Every problem of the props at once.
    validateWith(this, props, [
      ...(INSTANCE_ID.test(props.replicationInstanceId)
        ? []
        : [{ path: "replicationInstanceId", value: renderValue(props.replicationInstanceId), message: "allowed: 1-63 letters, digits or single hyphens, starting with a letter" }]),
      ...(versionProblem ? [{ path: "engineVersion", value: renderValue(props.engineVersion), message: versionProblem }] : []),
      ...checkRules(REPLICATION_INSTANCE_FACT_RULES, { instanceClass: props.instanceClass, maintenanceWindow: props.preferredMaintenanceWindow })
        .map((problem) => (problem.path === "maintenanceWindow" ? { ...problem, path: "preferredMaintenanceWindow" } : problem)),
      ...tagMapProblems("additionalTags", props.additionalTags ?? {}),
      ...checkRules(REPLICATION_INSTANCE_GUARD_RULES, props),
      ...checkRules(REPLICATION_INSTANCE_SIZING_RULES, props),
    ]);
    const allocatedStorage = props.allocatedStorage ?? REPLICATION_INSTANCE_DEFAULTS.allocatedStorage;
    const taskLogRetentionDays = props.taskLogRetentionDays ?? REPLICATION_INSTANCE_DEFAULTS.taskLogRetentionDays;
    const tags = (name?: string) => projectTags(props, name, props.additionalTags);
    claimAwsName(this, "DMS replication instance", props.replicationInstanceId);

    const { securityGroup, subnetGroup } = replicationNetwork(this, {
      ...props,
      name: props.replicationInstanceId,
      purpose: `DMS replication instance ${props.replicationInstanceId}`,
    });
    this.instance = new DmsReplicationInstance(this, "Instance", {
      replicationInstanceId: props.replicationInstanceId,
      replicationInstanceClass: props.instanceClass,
      engineVersion: props.engineVersion,
      autoMinorVersionUpgrade: props.autoMinorVersionUpgrade ?? REPLICATION_INSTANCE_DEFAULTS.autoMinorVersionUpgrade,
      allowMajorVersionUpgrade: props.allowMajorVersionUpgrade ?? REPLICATION_INSTANCE_DEFAULTS.allowMajorVersionUpgrade,
      applyImmediately: props.applyImmediately ?? REPLICATION_INSTANCE_DEFAULTS.applyImmediately,
      allocatedStorage,
      multiAz: props.multiAz ?? REPLICATION_INSTANCE_DEFAULTS.multiAz,
      publiclyAccessible: false,
      kmsKeyArn: props.kmsKeyArn,
      preferredMaintenanceWindow: props.preferredMaintenanceWindow,
      replicationSubnetGroupId: subnetGroup.replicationSubnetGroupId,
      vpcSecurityGroupIds: [securityGroup.id, ...checkedSecurityGroupIds(this, props.additionalSecurityGroupIds)],
      tags: tags(props.replicationInstanceId),
      dependsOn: props.accountRoles.dependables,
      lifecycle: props.autoMinorVersionUpgrade ? { ignoreChanges: ["engine_version"] } : undefined,
    });
    // DMS writes task logs to `dms-tasks-<instance name>` (the name Hackney's callers templated); created here,
    // it has a retention period instead of keeping logs forever. An existing group must be imported first.
    new CloudwatchLogGroup(this, "TaskLogs", {
      name: `dms-tasks-${props.replicationInstanceId}`,
      retentionInDays: taskLogRetentionDays,
      kmsKeyId: props.taskLogKmsKeyArn,
      tags: tags(`dms-tasks-${props.replicationInstanceId}`),
    });

    this.replicationInstanceArn = this.instance.replicationInstanceArn;
    this.replicationInstanceId = props.replicationInstanceId;
    this.engineVersion = props.engineVersion;
    this.allocatedStorage = allocatedStorage;
    this.instanceClass = props.instanceClass;
    this.securityGroupId = securityGroup.id;
    this.connections = new Connections(this, { securityGroupId: securityGroup.id });
  }
}
