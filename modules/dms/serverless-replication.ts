import { Construct } from "constructs";
import { DmsCapacityUnits, SERVERLESS_CAPACITY_RULES, SERVERLESS_REPLICATION_DEFAULTS, SERVERLESS_REPLICATION_GUARD_RULES } from "./guard-rules";
import { DmsReplicationConfig } from "@cdktf/provider-aws/lib/dms-replication-config";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { Connections, IConnectable } from "../network/connections";
import { DmsAccountRoles } from "./account-roles";
import { ISourceEndpoint, ITargetEndpoint } from "./endpoints/endpoint";
import { identifierRule } from "./endpoints/endpoint-rules";
import { MigrationType, sourceCapturesChangesRule } from "./migration-type";
import { checkedSecurityGroupIds, replicationNetwork } from "./replication-network";
import { TableMappings } from "./table-mappings";
import { startsAndKeepsRunning } from "./task-run-state";
import { TaskSettings, taskSettingsProblemsFor } from "./task-settings";
import { claimAwsName } from "../core/unique-names";
import { useProvider } from "../core/provider-scope";
import { Rule, checkRules, nestProblems, validateWith } from "../core/rules";
import { tagMapProblems } from "./endpoints/endpoint-tags";
import { endpointAsObjectMappingTarget, objectMappingTargetProblems } from "./table-mappings/object-mapping";

export { DMS_CAPACITY_UNITS, SERVERLESS_REPLICATION_DEFAULTS, type DmsCapacityUnits } from "./guard-rules";

/** What a `ServerlessReplication` refuses of its endpoints and mappings (the file check has its own, per entry). */
const SERVERLESS_REPLICATION_RULES: readonly Rule<ServerlessReplicationProps>[] = [
  identifierRule("replicationConfigId"),
  sourceCapturesChangesRule<ServerlessReplicationProps>(),
  {
    // DMS Serverless does not migrate views (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Serverless.Limitations.html).
    path: ["tableMappings"],
    when: (props) => props.tableMappings.rules.some((rule) => "tableType" in rule && rule.tableType !== undefined && rule.tableType !== "table"),
    message: "DMS Serverless does not migrate views; remove `tableType: \"view\"` and `\"all\"` from its table mappings, or use a ReplicationTask",
  },
];


export interface ServerlessReplicationProps extends ProjectEnvironment {
  /** Unique name of the replication. */
  readonly replicationConfigId: string;
  readonly migrationType: MigrationType;
  readonly source: ISourceEndpoint;
  readonly target: ITargetEndpoint;
  readonly tableMappings: TableMappings;
  /** @default TaskSettings.defaults() */
  readonly settings?: TaskSettings;
  /** Largest capacity DMS may scale to. */
  readonly maxCapacityUnits: DmsCapacityUnits;
  /** @default 1 */
  readonly minCapacityUnits?: DmsCapacityUnits;
  readonly vpcId: string;
  /** Private subnets in at least two availability zones. */
  readonly subnetIds: string[];
  /** The account's DMS roles; the subnet group waits for them. */
  readonly accountRoles: DmsAccountRoles;
  /** @default false (production requires true) */
  readonly multiAz?: boolean;
  /** @default - the AWS managed key */
  readonly kmsKeyArn?: string;
  /** @default - chosen by AWS */
  readonly preferredMaintenanceWindow?: string;
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
  /** Start replicating when created, and resume after each change. @default true for `cdc` and `full-load-and-cdc`; false for `full-load` */
  readonly startReplication?: boolean;
  /** Keep the replication stopped on purpose: Terraform stops it if it runs and never starts it. @default false */
  readonly keepStopped?: boolean;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * A DMS Serverless replication (`aws_dms_replication_config`): the same endpoints, table mappings and
 * settings as a {@link ReplicationTask}, without a replication instance; DMS provisions capacity between
 * the minimum and maximum capacity units. It runs in its own private subnet group and security group,
 * opened to each endpoint like an instance.
 */
export class ServerlessReplication extends Construct implements IConnectable {
  readonly replicationConfigArn: string;
  readonly replicationConfigId: string;
  readonly connections: Connections;
  readonly config: DmsReplicationConfig;

  constructor(scope: Construct, id: string, props: ServerlessReplicationProps) {
    super(scope, id);
    useProvider(this, props.provider);
    const minimum = props.minCapacityUnits ?? SERVERLESS_REPLICATION_DEFAULTS.minCapacityUnits;
    const settingsValues = (props.settings ?? TaskSettings.defaults()).values;
    // Every problem of the props at once: its own rules, capacity, guard rails, tags, settings and mappings.
    validateWith(this, props, [
      ...checkRules(SERVERLESS_REPLICATION_RULES, props),
      ...checkRules(SERVERLESS_CAPACITY_RULES, props),
      ...checkRules(SERVERLESS_REPLICATION_GUARD_RULES, props),
      ...tagMapProblems("additionalTags", props.additionalTags ?? {}),
      ...checkRules(props.target.refusesTaskSettings ?? [], settingsValues),
      ...taskSettingsProblemsFor(settingsValues, { migrationType: props.migrationType }),
      ...nestProblems(["tableMappings"], objectMappingTargetProblems(props.tableMappings.rules, endpointAsObjectMappingTarget(props.target))),
    ]);
    claimAwsName(this, "DMS replication config", props.replicationConfigId);

    const { securityGroup, subnetGroup } = replicationNetwork(this, {
      ...props,
      name: props.replicationConfigId,
      purpose: `DMS Serverless replication ${props.replicationConfigId}`,
    });
    this.connections = new Connections(this, { securityGroupId: securityGroup.id });
    this.config = new DmsReplicationConfig(this, "Config", {
      replicationConfigIdentifier: props.replicationConfigId,
      replicationType: props.migrationType,
      sourceEndpointArn: props.source.endpointArn,
      targetEndpointArn: props.target.endpointArn,
      tableMappings: props.tableMappings.toTerraformArgument(),
      replicationSettings: (props.settings ?? TaskSettings.defaults()).toJson(),
      startReplication: startsAndKeepsRunning(this, { migrationType: props.migrationType, start: props.startReplication, keepStopped: props.keepStopped }),
      computeConfig: {
        replicationSubnetGroupId: subnetGroup.replicationSubnetGroupId,
        vpcSecurityGroupIds: [securityGroup.id, ...checkedSecurityGroupIds(this, props.additionalSecurityGroupIds)],
        minCapacityUnits: minimum,
        maxCapacityUnits: props.maxCapacityUnits,
        multiAz: props.multiAz ?? false,
        kmsKeyId: props.kmsKeyArn,
        preferredMaintenanceWindow: props.preferredMaintenanceWindow,
      },
      tags: projectTags(props, props.replicationConfigId, props.additionalTags),
    });
    props.source.allowConnectionsFrom(this);
    props.target.allowConnectionsFrom(this);
    props.source.addReader({ replicationTaskId: props.replicationConfigId, migrationType: props.migrationType, selections: props.tableMappings.selections() });

    this.replicationConfigArn = this.config.arn;
    this.replicationConfigId = props.replicationConfigId;
  }
}
