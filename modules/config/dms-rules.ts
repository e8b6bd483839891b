import { ProblemList } from "../core/problem";
import { projectContext } from "../core/project-environment";
import { dmsEngineVersionProblem } from "../dms/engine-version";
import { REPLICATION_INSTANCE_GUARD_RULES, REPLICATION_INSTANCE_SIZING_RULES, SERVERLESS_CAPACITY_RULES, SERVERLESS_REPLICATION_GUARD_RULES } from "../dms/guard-rules";
import { SourceConfig, readsEnvironmentDatabase, sourceEngineOf } from "../dms/sources/registry";
import { isAwsTableMappings, minimumDmsEngineVersionOf, objectMappingTargetProblems, rulesFromAws, tableMappingProblems } from "../dms/table-mappings";
import { compareVersions } from "../postgres/engine-version";
import { TaskSettings, taskSettingsProblems, taskSettingsProblemsFor } from "../dms/task-settings";
import type { SourceFileContext } from "../dms/sources/source-engine";
import { checkRules } from "../core/rules";
import { Problem } from "../core/problem";
import { TargetConfig, targetEngineOf } from "../dms/targets/registry";
import { EnvironmentConfig } from "./schema/environment";
import { parityRules } from "./parity-rules";

/** The target of a task that is this environment's database. */
export const DATABASE_TARGET = "database";

/** Whether a source is prepared to capture changes: each engine says "full loads only" its own way. */
export function sourceCapturesChanges(source: SourceConfig): boolean {
  return sourceEngineOf(source).capturesChanges(source);
}

/** Consistency of the DMS sections: instance, sources, targets, tasks, and what each task needs of them. */
export function dmsRules(config: EnvironmentConfig, problems: ProblemList): void {
  const { dms, sources = {}, targets = {}, tasks = [] } = config;
  if (!dms) {
    if (Object.keys(sources).length > 0 || Object.keys(targets).length > 0 || tasks.length > 0) {
      problems.add(["dms"], undefined, "sources, targets and tasks need a dms section (account roles, replication instance, target endpoint)");
    }
    return;
  }
  instanceRules(config, dms, problems);
  const endpointIds = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]) => {
    const earlier = endpointIds.get(id);
    if (earlier) problems.add(path, id, `already used by ${earlier}; endpoint ids are unique`);
    else endpointIds.set(id, path.join("."));
  };
  if (dms.targetEndpoint) claim(dms.targetEndpoint.endpointId, ["dms", "targetEndpoint", "endpointId"]);
  for (const [name, source] of Object.entries(sources)) {
    claim(source.endpointId, ["sources", name, "endpointId"]);
    sourceRules(name, source, { environmentKey: config.encryption?.customerManagedKeys === true }, problems);
  }
  for (const [name, target] of Object.entries(targets)) {
    claim(target.endpointId, ["targets", name, "endpointId"]);
    problems.addAll(["targets", name], targetEngineOf(target).problems(target, config));
  }
  taskRules(config, problems);
  parityRules(config, problems);
}

function instanceRules(config: EnvironmentConfig, dms: NonNullable<EnvironmentConfig["dms"]>, problems: ProblemList): void {
  const instance = dms.replicationInstance;
  const onInstance = (config.tasks ?? []).filter((task) => task.serverless === undefined);
  if (instance !== undefined && dms.existingReplicationInstance !== undefined) {
    problems.add(["dms"], undefined, "give replicationInstance or existingReplicationInstance, not both");
  } else if (instance === undefined && dms.existingReplicationInstance === undefined && onInstance.length > 0) {
    problems.add(["dms"], undefined, `tasks not on DMS Serverless (${onInstance.map((task) => task.replicationTaskId).join(", ")}) need replicationInstance or existingReplicationInstance`);
  }
  if (instance) problems.addAll(["dms", "replicationInstance"], checkRules(REPLICATION_INSTANCE_GUARD_RULES, { ...instance, ...projectContext(config) }));
  if (instance) problems.addAll(["dms", "replicationInstance"], checkRules(REPLICATION_INSTANCE_SIZING_RULES, { allocatedStorage: instance.allocatedStorage }));
  problems.addAll(["dms"], checkRules(REPLICATION_INSTANCE_SIZING_RULES, { taskLogRetentionDays: dms.taskLogRetentionDays }));
  // Whether the engine can write to the database's PostgreSQL version is checked by ReplicationTask.
  const engineVersion = instance?.engineVersion ?? dms.existingReplicationInstance?.engineVersion;
  const versionProblem = engineVersion && dmsEngineVersionProblem(engineVersion);
  if (versionProblem) {
    problems.add(["dms", instance ? "replicationInstance" : "existingReplicationInstance", "engineVersion"], engineVersion, versionProblem);
  }
  const access = dms.secretsManagerAccess;
  if ((access.cidr === undefined) === (access.securityGroupId === undefined)) {
    problems.add(["dms", "secretsManagerAccess"], access, "give exactly one of securityGroupId and cidr");
  }
}

/** Rules of one source: its engine's rules, run on the props the entry builds. */
function sourceRules(name: string, source: SourceConfig, environment: SourceFileContext, problems: ProblemList): void {
  problems.addAll(["sources", name], sourceEngineOf(source).problems(source, environment));
}

function taskRules(config: EnvironmentConfig, problems: ProblemList): void {
  const { sources = {}, targets = {}, tasks = [] } = config;
  const taskIds = new Set<string>();
  tasks.forEach((task, index) => {
    const path = ["tasks", index];
    if (taskIds.has(task.replicationTaskId)) problems.add([...path, "replicationTaskId"], task.replicationTaskId, "task ids are unique");
    taskIds.add(task.replicationTaskId);

    const source = sources[task.source];
    if (!source) {
      problems.add([...path, "source"], task.source, `no such source; allowed: ${Object.keys(sources).join(", ") || "(none defined)"}`);
    } else if (task.migrationType !== "full-load" && !sourceCapturesChanges(source)) {
      problems.add([...path, "migrationType"], task.migrationType,
        `source "${task.source}" is set up for full loads only; allowed: "full-load", or prepare the source for change capture`);
    }
    if (task.target === DATABASE_TARGET) {
      if (!config.dms?.targetEndpoint) problems.add([...path, "target"], task.target, "the database needs dms.targetEndpoint to be a target");
    } else if (!targets[task.target]) {
      problems.add([...path, "target"], task.target, `no such target; allowed: ${[DATABASE_TARGET, ...Object.keys(targets)].join(", ")}`);
    }
    if (source !== undefined && readsEnvironmentDatabase(source) && task.target === DATABASE_TARGET) {
      problems.add([...path, "target"], task.target, "a task cannot read the database and write to it too");
    }

    if (task.cdcStartTime !== undefined && task.cdcStartPosition !== undefined) {
      problems.add(path, undefined, "give cdcStartTime or cdcStartPosition, not both");
    }
    if (task.migrationType === "full-load" && (task.cdcStartTime ?? task.cdcStartPosition) !== undefined) {
      problems.add([...path, "migrationType"], task.migrationType, "cdcStartTime and cdcStartPosition only apply to cdc and full-load-and-cdc tasks");
    }
    if (task.schedule && task.migrationType !== "full-load") {
      problems.add([...path, "schedule"], task.schedule, `only full-load tasks run on a schedule; this task is ${task.migrationType}, which runs continuously once started`);
    }
    if (task.serverless) {
      problems.addAll([...path, "serverless"], checkRules(SERVERLESS_CAPACITY_RULES, task.serverless));
      problems.addAll([...path, "serverless"], checkRules(SERVERLESS_REPLICATION_GUARD_RULES, { ...task.serverless, ...projectContext(config) }));
      if ((task.cdcStartTime ?? task.cdcStartPosition) !== undefined) {
        problems.add([...path, "serverless"], task.serverless, "DMS Serverless does not take a custom CDC start point");
      }
      if (task.schedule) problems.add([...path, "schedule"], task.schedule, "schedules start replication tasks; a serverless replication cannot be scheduled here");
    }
    // AWS's own {"rules": [...]} is checked in its own terms, then as the rules it converts to.
    const aws = isAwsTableMappings(task.tableMappings) ? rulesFromAws(task.tableMappings) : undefined;
    if (aws) problems.addAll([...path, "tableMappings", "rules"], aws.problems);
    else problems.addAll([...path, "tableMappings"], tableMappingProblems(task.tableMappings as unknown[]));
    const rules = aws ? aws.rules : (task.tableMappings as Exclude<typeof task.tableMappings, { rules: unknown }>);
    problems.addAll([...path, "tableMappings", ...(aws ? ["rules"] : [])], targetObjectMappingProblems(task.target, targets[task.target], rules));
    const instanceEngine = task.serverless ? undefined : (config.dms?.replicationInstance?.engineVersion ?? config.dms?.existingReplicationInstance?.engineVersion);
    const maskingEngine = minimumDmsEngineVersionOf(rules);
    if (instanceEngine !== undefined && maskingEngine !== undefined && compareVersions(instanceEngine, maskingEngine) < 0) {
      const first = rules.findIndex((rule) => rule.action.startsWith("data-masking-"));
      problems.add([...path, "tableMappings", ...(aws ? ["rules"] : []), first, aws ? "rule-action" : "action"], rules[first].action,
        `data masking needs DMS ${maskingEngine} or later; the replication instance runs ${instanceEngine}; allowed: a newer engineVersion, or no data-masking rule`);
    }
    const base = taskSettingsBase(task);
    const settingsProblems = taskSettingsProblems(task.settings ?? {}, base);
    problems.addAll([...path, "settings"], settingsProblems);
    if (settingsProblems.length === 0) {
      // `validation: true` turns EnableValidation on, as ReplicationTask does.
      const settings = base.with(task.settings ?? {}).with(task.validation ? { ValidationSettings: { EnableValidation: true } } : {});
      const refused = targetRefusedSettings(settings, targets[task.target]);
      problems.addAll([...path, "settings"], refused);
      // A target engine's own refusal says it better than the general rule on the same key.
      const told = new Set(refused.map((problem) => problem.path));
      problems.addAll([...path, "settings"], taskSettingsProblemsFor(settings.values, {
        migrationType: task.migrationType,
        sourceEngine: source?.engine,
        targetEngine: task.target === DATABASE_TARGET ? "postgres" : targets[task.target]?.engine ?? undefined,
        engineVersion: instanceEngine,
      }).filter((problem) => !told.has(problem.path)));
    }
  });
}

/** What a task's `settings` are merged over: the library's defaults, or nothing with `settingsAsWritten`. */
export function taskSettingsBase(task: { readonly settingsAsWritten?: boolean }): TaskSettings {
  return task.settingsAsWritten ? TaskSettings.asWritten({}) : TaskSettings.defaults();
}

/** The object-mapping rules the task's target refuses (all of them, unless its engine takes object mapping). */
function targetObjectMappingProblems(name: string, target: TargetConfig | undefined, rules: readonly unknown[]): Problem[] {
  if (name !== DATABASE_TARGET && target === undefined) return [];
  // Only rules that passed their own checks are looked at; the others are reported by tableMappingProblems.
  if (!Array.isArray(rules) || tableMappingProblems(rules).some((problem) => problem.index !== undefined)) return [];
  const engine = target === undefined ? undefined : targetEngineOf(target);
  return objectMappingTargetProblems(rules as { action: string }[], {
    description: target === undefined ? "the environment's database" : `the ${engine?.engine} target "${name}"`,
    takesObjectMapping: engine?.takesObjectMapping,
    objectMappingProblems: target && engine?.objectMappingProblems ? (mapped, indexes) => engine.objectMappingProblems?.(target, mapped, indexes) ?? [] : undefined,
  });
}

/** The task settings the task's target refuses (its engine's `refusesTaskSettings`), on the settings the task will have. */
function targetRefusedSettings(settings: TaskSettings, target: TargetConfig | undefined): Problem[] {
  const rules = target === undefined ? undefined : targetEngineOf(target).refusesTaskSettings;
  return rules === undefined ? [] : checkRules(rules, settings.values);
}
