import { Construct } from "constructs";
import { DmsReplicationTask } from "@cdktf/provider-aws/lib/dms-replication-task";
import { replaceTrigger } from "../core/replace-trigger";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { compareVersions } from "../postgres/engine-version";
import { ISourceEndpoint, ITargetEndpoint } from "./endpoints/endpoint";
import { identifierRule } from "./endpoints/endpoint-rules";
import { MigrationType, sourceCapturesChangesRule } from "./migration-type";
import { IReplicationInstance } from "./replication-instance";
import { TableMappings } from "./table-mappings";
import { startsAndKeepsRunning } from "./task-run-state";
import { TaskSettings, taskSettingsProblemsFor } from "./task-settings";
import { claimAwsName } from "../core/unique-names";
import { useProvider } from "../core/provider-scope";
import { Rule, checkRules, nestProblems, validateWith } from "../core/rules";
import { tagMapProblems } from "./endpoints/endpoint-tags";
import { endpointAsObjectMappingTarget, objectMappingTargetProblems } from "./table-mappings/object-mapping";

export interface ReplicationTaskProps extends ProjectEnvironment {
  /** Hackney `replication_task_indentifier` (sic). */
  readonly replicationTaskId: string;
  readonly migrationType: MigrationType;
  readonly replicationInstance: IReplicationInstance;
  readonly source: ISourceEndpoint;
  readonly target: ITargetEndpoint;
  readonly tableMappings: TableMappings;
  /** @default TaskSettings.defaults() */
  readonly settings?: TaskSettings;
  /**
   * Start the task when it is created, and resume it (from its checkpoint) after each change Terraform makes.
   * @default true for `cdc` and `full-load-and-cdc`; false for `full-load`
   */
  readonly startReplicationTask?: boolean;
  /** Keep the task stopped on purpose (a cutover): Terraform stops it if it runs and never starts it. @default false */
  readonly keepStopped?: boolean;
  /** Where change capture starts: RFC 3339 time or Unix seconds; `cdc` and `full-load-and-cdc` only. @default - when the task starts */
  readonly cdcStartTime?: string;
  /** Where change capture starts: a native position (LSN, SCN, checkpoint); `cdc` and `full-load-and-cdc` only. @default - when the task starts */
  readonly cdcStartPosition?: string;
  /** Compare source and target row by row as the task runs (needs a primary or unique key on both sides). @default false */
  readonly validation?: boolean;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

const RFC3339_OR_SECONDS = /^(\d+|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))$/;

/**
 * A DMS replication task between two endpoints on a replication instance. It opens the network path from
 * the instance to both databases, refuses change capture from a source that cannot capture changes, and
 * is replaced (not failed at apply) when its migration type changes, since DMS cannot modify that.
 */
export class ReplicationTask extends Construct {
  readonly replicationTaskArn: string;
  readonly replicationTaskId: string;
  readonly migrationType: MigrationType;
  readonly tableMappings: TableMappings;
  readonly settings: TaskSettings;
  readonly replicationInstance: IReplicationInstance;
  readonly source: ISourceEndpoint;
  readonly target: ITargetEndpoint;
  readonly task: DmsReplicationTask;

  constructor(scope: Construct, id: string, props: ReplicationTaskProps) {
    super(scope, id);
    useProvider(this, props.provider);
    const settings = withValidation(props.settings ?? TaskSettings.defaults(), props.validation ?? false);
    // Every problem of the props at once: its own rules, tags, settings and mappings.
    validateWith(this, props, [
      ...checkRules(REPLICATION_TASK_RULES, props),
      ...tagMapProblems("additionalTags", props.additionalTags ?? {}),
      ...checkRules(props.target.refusesTaskSettings ?? [], settings.values),
      ...taskSettingsProblemsFor(settings.values, { migrationType: props.migrationType, engineVersion: props.replicationInstance.engineVersion }),
      ...nestProblems(["tableMappings"], objectMappingTargetProblems(props.tableMappings.rules, endpointAsObjectMappingTarget(props.target))),
    ]);
    claimAwsName(this, "DMS replication task", props.replicationTaskId);

    // DMS cannot change a task's migration type; replace the task instead of failing at apply
    // (https://github.com/hashicorp/terraform-provider-aws/issues/7898,
    // https://github.com/hashicorp/terraform-provider-aws/issues/18450).
    const migrationTypeTrigger = replaceTrigger(this, "MigrationType", { migration_type: props.migrationType });
    this.task = new DmsReplicationTask(this, "Task", {
      replicationTaskId: props.replicationTaskId,
      migrationType: props.migrationType,
      replicationInstanceArn: props.replicationInstance.replicationInstanceArn,
      sourceEndpointArn: props.source.endpointArn,
      targetEndpointArn: props.target.endpointArn,
      tableMappings: props.tableMappings.toTerraformArgument(),
      replicationTaskSettings: settings.toJson(),
      // Running stays running: see task-run-state.ts for what the provider does with this flag.
      startReplicationTask: startsAndKeepsRunning(this, { migrationType: props.migrationType, start: props.startReplicationTask, keepStopped: props.keepStopped }),
      cdcStartTime: props.cdcStartTime,
      cdcStartPosition: props.cdcStartPosition,
      tags: projectTags(props, props.replicationTaskId, props.additionalTags),
      lifecycle: { replaceTriggeredBy: [migrationTypeTrigger] },
    });
    props.source.allowConnectionsFrom(props.replicationInstance);
    props.target.allowConnectionsFrom(props.replicationInstance);
    props.source.addReader({ replicationTaskId: props.replicationTaskId, migrationType: props.migrationType, selections: props.tableMappings.selections() });

    this.replicationTaskArn = this.task.replicationTaskArn;
    this.replicationTaskId = props.replicationTaskId;
    this.migrationType = props.migrationType;
    this.tableMappings = props.tableMappings;
    this.settings = settings;
    this.replicationInstance = props.replicationInstance;
    this.source = props.source;
    this.target = props.target;
  }

}

const engineOlderThan = (props: ReplicationTaskProps, needed: string | undefined) => {
  const engine = props.replicationInstance.engineVersion;
  return engine !== undefined && needed !== undefined && compareVersions(engine, needed) < 0;
};

/** What a `ReplicationTask` refuses of its own props and of the endpoints and instance it joins. */
const REPLICATION_TASK_RULES: readonly Rule<ReplicationTaskProps>[] = [
  identifierRule("replicationTaskId"),
  sourceCapturesChangesRule<ReplicationTaskProps>(),
  {
    path: ["cdcStartPosition"],
    when: (props) => props.cdcStartTime !== undefined && props.cdcStartPosition !== undefined,
    message: "give `cdcStartTime` or `cdcStartPosition`, not both",
  },
  {
    path: ["migrationType"],
    when: (props) => props.migrationType === "full-load" && (props.cdcStartTime !== undefined || props.cdcStartPosition !== undefined),
    message: "`cdcStartTime` and `cdcStartPosition` only apply to `cdc` and `full-load-and-cdc` tasks",
  },
  {
    path: ["cdcStartTime"],
    when: (props) => props.cdcStartTime !== undefined && !RFC3339_OR_SECONDS.test(props.cdcStartTime),
    message: "allowed: an RFC 3339 time such as 2026-01-31T02:00:00Z, or Unix seconds",
  },
  // About the task as a whole (the instance, the target and the mappings are constructs, not values to show).
  {
    path: [],
    hideValue: true,
    when: (props) => engineOlderThan(props, props.tableMappings.minimumDmsEngineVersion),
    message: (props) => `the replication instance runs DMS ${props.replicationInstance.engineVersion}, but data-masking rules need DMS ${props.tableMappings.minimumDmsEngineVersion} or later`,
  },
  {
    path: [],
    hideValue: true,
    when: (props) => engineOlderThan(props, props.target.minimumDmsEngineVersion),
    message: (props) =>
      `the replication instance runs DMS ${props.replicationInstance.engineVersion}, but target ${props.target.endpointId} needs DMS ${props.target.minimumDmsEngineVersion} or later`,
  },
];

/** Turns data validation on, with the validator's log component when the task logs. */
function withValidation(settings: TaskSettings, validation: boolean): TaskSettings {
  if (!validation) return settings;
  const components = settings.values.Logging?.LogComponents ?? [];
  const logValidator = settings.loggingEnabled && !components.some((component) => component.Id === "VALIDATOR_EXT");
  return settings.with({
    ValidationSettings: { EnableValidation: true },
    ...(logValidator ? { Logging: { LogComponents: [...components, { Id: "VALIDATOR_EXT", Severity: "LOGGER_SEVERITY_DEFAULT" }] } } : {}),
  });
}
