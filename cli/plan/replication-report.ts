/**
 * What a saved Terraform plan does to live replication, read from `terraform show -json <planfile>` (not guessed from
 * the environment file): per replication task, endpoint, serverless replication and replication instance. Pure: JSON
 * in, text out; `cli/commands/plan.ts` runs Terraform.
 *
 * What the provider (hashicorp/aws 5.100.0) does, which the wording below relies on:
 * - a task change stops a running task, modifies it and starts it again only with `start_replication_task = true`,
 *   then with `resume-processing` (its checkpoint), since it is no longer `ready`
 *   (https://github.com/hashicorp/terraform-provider-aws/pull/24047, internal/service/dms/replication_task.go);
 * - `aws_dms_endpoint.pause_replication_tasks` stops and resumes the running tasks of a changed endpoint
 *   (https://github.com/hashicorp/terraform-provider-aws/pull/34316); `aws_dms_s3_endpoint` cannot, and DMS refuses
 *   some endpoint changes while tasks run (https://github.com/hashicorp/terraform-provider-aws/issues/27661);
 * - `postgres_settings` changes are never sent on update in 5.x
 *   (https://github.com/hashicorp/terraform-provider-aws/issues/35834), so this project replaces the endpoint instead;
 * - a replaced task is a new task: it starts from scratch (a full load, prepared by `TargetTablePrepMode`,
 *   https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.FullLoad.html), and its
 *   CDC position is lost unless the new task is given `cdcStartPosition`
 *   (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Task.CDC.html).
 */

/** The parts of `terraform show -json` this report reads. */
export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
}

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode?: string;
  readonly action_reason?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: Readonly<Record<string, unknown>> | null;
    readonly after?: Readonly<Record<string, unknown>> | null;
    readonly after_unknown?: Readonly<Record<string, unknown>> | null;
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
}

export type ObjectKind = "task" | "endpoint" | "serverless" | "instance";
export type Outcome = "unchanged" | "created" | "modified" | "replaced" | "destroyed";

/** What the plan does to one replication object. */
export interface ObjectReport {
  readonly kind: ObjectKind;
  /** Its id in the environment file (task id, endpoint id, ...). */
  readonly id: string;
  readonly address: string;
  readonly outcome: Outcome;
  /** For `replaced`: the attributes that force it (from `replace_paths`, or the replace trigger that changed). */
  readonly forcedBy: readonly string[];
  /** One line each: what happens to replication. */
  readonly effects: readonly string[];
  /** Production refused this replacement or destruction (prevent_destroy) because it is not acknowledged. */
  readonly refused: boolean;
}

export interface ReplicationReport {
  readonly objects: readonly ObjectReport[];
  /** Addresses the plan destroys that are not in the configuration (the environment file does not declare them). */
  readonly undeclaredDestroyed: readonly string[];
}

export interface ReportOptions {
  /**
   * Addresses production protects (prevent_destroy in the guarded stack): any of them the plan replaces or destroys
   * is refused. Terraform names only the first it meets; the others would be refused next. @default []
   */
  readonly refusedAddresses?: readonly string[];
}

const KIND_OF: Readonly<Record<string, ObjectKind>> = {
  aws_dms_replication_task: "task",
  aws_dms_endpoint: "endpoint",
  aws_dms_s3_endpoint: "endpoint",
  aws_dms_replication_config: "serverless",
  aws_dms_replication_instance: "instance",
};

const ID_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_dms_replication_task: "replication_task_id",
  aws_dms_endpoint: "endpoint_id",
  aws_dms_s3_endpoint: "endpoint_id",
  aws_dms_replication_config: "replication_config_identifier",
  aws_dms_replication_instance: "replication_instance_id",
};

/** Instance changes that reboot it (tasks pause), per https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.Modifying.html */
const INSTANCE_RESTARTS: Readonly<Record<string, string>> = {
  replication_instance_class: "a new instance class reboots the instance: its tasks are interrupted and resume",
  engine_version: "an engine upgrade reboots the instance: its tasks are interrupted and resume",
  multi_az: "turning Multi-AZ on or off changes the standby; DMS may fail over, interrupting its tasks",
  allocated_storage: "more storage is added online; no restart",
};

const PREP_MODE_EFFECT: Readonly<Record<string, string>> = {
  DROP_AND_CREATE: "target tables are DROPPED and re-created, then fully reloaded (TargetTablePrepMode DROP_AND_CREATE)",
  TRUNCATE_BEFORE_LOAD: "target tables are TRUNCATED (rows deleted, definitions kept), then fully reloaded (TargetTablePrepMode TRUNCATE_BEFORE_LOAD)",
  DO_NOTHING: "target tables are kept and loaded again: duplicate rows unless keys refuse them (TargetTablePrepMode DO_NOTHING)",
};

const isReplace = (actions: readonly string[]) => actions.includes("delete") && actions.includes("create");

function outcomeOf(actions: readonly string[]): Outcome {
  if (isReplace(actions)) return "replaced";
  if (actions.includes("delete")) return "destroyed";
  if (actions.includes("create")) return "created";
  if (actions.includes("update")) return "modified";
  return "unchanged";
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The construct path a cdktf logical id encodes, without its construct id and hash: `Dms_Task-x_Task_ABCD1234` -> `Dms_Task-x`. */
function constructPrefix(name: string): string {
  return name.split("_").slice(0, -2).join("_");
}

/** Keys of a `terraform_data.triggers_replace` object whose value changed. */
function changedTriggerKeys(change: ResourceChange): string[] {
  const before = (change.change.before?.triggers_replace ?? {}) as Record<string, unknown>;
  const after = (change.change.after?.triggers_replace ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

/** Top-level attributes whose planned value differs (or becomes unknown). */
function changedAttributes(change: ResourceChange): string[] {
  const before = change.change.before ?? {};
  const after = change.change.after ?? {};
  const unknown = change.change.after_unknown ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => !["tags_all", "status"].includes(key))
    .filter((key) => unknown[key] === true || JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
    .sort();
}

function prepMode(settingsJson: unknown): string {
  try {
    const settings = JSON.parse(str(settingsJson) ?? "{}") as { FullLoadSettings?: { TargetTablePrepMode?: string } };
    // DMS's own default when the settings do not say.
    return settings.FullLoadSettings?.TargetTablePrepMode ?? "DROP_AND_CREATE";
  } catch {
    return "DROP_AND_CREATE";
  }
}

/** Reads the plan: one entry per replication object, and what it destroys that the configuration no longer declares. */
export function analysePlan(plan: PlanJson, options: ReportOptions = {}): ReplicationReport {
  const changes = (plan.resource_changes ?? []).filter((change) => (change.mode ?? "managed") === "managed");
  const refused = new Set(options.refusedAddresses ?? []);
  const triggers = new Map<string, string[]>();
  for (const change of changes) {
    if (change.type === "terraform_data" && isReplace(change.change.actions)) {
      const prefix = constructPrefix(change.name);
      triggers.set(prefix, [...(triggers.get(prefix) ?? []), ...changedTriggerKeys(change)]);
    }
  }
  const endpointIdByArn = new Map<string, string>();
  const replacedEndpointArns = new Set<string>();
  for (const change of changes) {
    if (KIND_OF[change.type] !== "endpoint") continue;
    const arn = str(change.change.before?.endpoint_arn);
    const id = str(change.change.before?.endpoint_id) ?? str(change.change.after?.endpoint_id);
    if (arn && id) endpointIdByArn.set(arn, id);
    if (arn && isReplace(change.change.actions)) replacedEndpointArns.add(arn);
  }
  const tasksUsing = (endpointArn: string | undefined): string[] =>
    changes
      .filter((change) => change.type === "aws_dms_replication_task" || change.type === "aws_dms_replication_config")
      .filter((change) => endpointArn !== undefined && [change.change.before?.source_endpoint_arn, change.change.before?.target_endpoint_arn].includes(endpointArn))
      .map((change) => str(change.change.before?.replication_task_id) ?? str(change.change.before?.replication_config_identifier) ?? change.address);

  const objects: ObjectReport[] = [];
  for (const change of changes) {
    const kind = KIND_OF[change.type];
    if (!kind) continue;
    const values = change.change.after ?? change.change.before ?? {};
    const id = str(values[ID_ATTRIBUTE[change.type]]) ?? str(change.change.before?.[ID_ATTRIBUTE[change.type]]) ?? change.address;
    const outcome = outcomeOf(change.change.actions);
    const forcedBy = outcome === "replaced" ? forcingAttributes(change, triggers, endpointIdByArn, replacedEndpointArns) : [];
    objects.push({
      kind,
      id,
      address: change.address,
      outcome,
      forcedBy,
      effects: effectsOf(kind, outcome, change, tasksUsing),
      refused: refused.has(change.address) && (outcome === "replaced" || outcome === "destroyed"),
    });
  }
  const undeclaredDestroyed = changes.filter((change) => outcomeOf(change.change.actions) === "destroyed").map((change) => change.address);
  return { objects, undeclaredDestroyed };
}

function forcingAttributes(change: ResourceChange, triggers: Map<string, string[]>, endpointIdByArn: Map<string, string>, replacedEndpoints: Set<string>): string[] {
  const forced: string[] = [];
  for (const path of change.change.replace_paths ?? []) {
    const attribute = path.join(".");
    const previous = str(change.change.before?.[String(path[0])]);
    if (previous && replacedEndpoints.has(previous)) forced.push(`${attribute} (endpoint ${endpointIdByArn.get(previous)} is replaced)`);
    else forced.push(attribute);
  }
  if (change.action_reason === "replace_by_triggers") {
    // The trigger is a sibling construct: the longest trigger path that prefixes this resource's logical id.
    const prefix = [...triggers.keys()].filter((path) => change.name.startsWith(`${path}_`)).sort((a, b) => b.length - a.length)[0];
    const keys = prefix === undefined ? [] : (triggers.get(prefix) ?? []);
    forced.push(...(keys.length > 0 ? keys.map((key) => `${key} (cannot be changed in place; replace_triggered_by)`) : ["replace_triggered_by"]));
  }
  if (change.action_reason === "replace_because_tainted") forced.push("tainted");
  return forced.length > 0 ? forced : ["(Terraform gave no attribute)"];
}

function effectsOf(kind: ObjectKind, outcome: Outcome, change: ResourceChange, tasksUsing: (arn: string | undefined) => string[]): string[] {
  const before = change.change.before ?? {};
  const after = change.change.after ?? {};
  const status = str(before.status);
  const migrationType = str(after.migration_type ?? after.replication_type ?? before.migration_type);
  const startFlag = kind === "serverless" ? after.start_replication : after.start_replication_task;
  switch (outcome) {
    case "unchanged":
      return [];
    case "created":
      if (kind === "task" || kind === "serverless") return [startFlag === true ? "created and started (start-replication)" : "created, not started"];
      return ["created"];
    case "destroyed":
      if (kind === "task" || kind === "serverless") return [`${status === "running" ? "stopped and " : ""}deleted: replication ends and its CDC position is lost`];
      if (kind === "endpoint") return [`deleted${tasksUsing(str(before.endpoint_arn)).length ? `; used by ${tasksUsing(str(before.endpoint_arn)).join(", ")}` : ""}`];
      return ["deleted: every task on it stops"];
    case "modified":
      return modifiedEffects(kind, change, status, startFlag, tasksUsing);
    case "replaced":
      return replacedEffects(kind, change, migrationType, tasksUsing);
  }
}

function modifiedEffects(kind: ObjectKind, change: ResourceChange, status: string | undefined, startFlag: unknown, tasksUsing: (arn: string | undefined) => string[]): string[] {
  const before = change.change.before ?? {};
  const attributes = changedAttributes(change);
  const only = (names: string[]) => attributes.every((attribute) => names.includes(attribute));
  const changed = `changes ${attributes.join(", ") || "tags"}`;
  if (kind === "task" || kind === "serverless") {
    if (only(["tags"])) return [`${changed}; replication is not interrupted`];
    const flag = kind === "serverless" ? "start_replication" : "start_replication_task";
    if (attributes.length === 1 && attributes[0] === flag) return [startFlag === true ? "started (resume-processing if it ran before)" : "STOPPED by Terraform and kept stopped (keepStopped)"];
    if (status === "running") {
      return [
        changed,
        startFlag === true ? "stopped, modified and resumed from its checkpoint (resume-processing)" : "STOPPED to be modified and LEFT STOPPED (start_replication_task is false): replication stops",
      ];
    }
    return [changed, startFlag === true ? `modified, then started (${status === "ready" ? "start-replication" : "resume-processing"}); it is ${status ?? "not running"} now` : `modified; stays ${status ?? "stopped"}`];
  }
  if (kind === "endpoint") {
    const users = tasksUsing(str(before.endpoint_arn));
    const pause = change.type === "aws_dms_endpoint" && (change.change.after?.pause_replication_tasks === true);
    const usersText = users.length > 0 ? users.join(", ") : "no task of this plan";
    if (only(["tags"])) return [`${changed}; replication is not interrupted`];
    return [
      changed,
      pause
        ? `running tasks using it (${usersText}) are paused and resumed (resume-processing)`
        : `running tasks using it (${usersText}) are NOT paused: aws_dms_s3_endpoint cannot pause them in provider 5.100.0; stop them first if DMS refuses the change (InvalidResourceStateFault)`,
    ];
  }
  const effects = [changed];
  for (const attribute of attributes) if (INSTANCE_RESTARTS[attribute]) effects.push(INSTANCE_RESTARTS[attribute]);
  if (change.change.after?.apply_immediately !== true && attributes.some((attribute) => INSTANCE_RESTARTS[attribute])) {
    effects.push("applied in the next maintenance window (apply_immediately is false)");
  }
  return effects;
}

function replacedEffects(kind: ObjectKind, change: ResourceChange, migrationType: string | undefined, tasksUsing: (arn: string | undefined) => string[]): string[] {
  const before = change.change.before ?? {};
  const after = change.change.after ?? {};
  if (kind === "task" || kind === "serverless") {
    const effects = ["the old task is stopped and deleted; a NEW task starts from scratch: its CDC position is LOST"];
    if (migrationType !== "cdc") effects.push(`full load again: ${PREP_MODE_EFFECT[prepMode(after.replication_task_settings ?? after.replication_settings)] ?? PREP_MODE_EFFECT.DROP_AND_CREATE}`);
    if (migrationType !== "full-load") {
      effects.push(
        `CDC restarts ${after.cdc_start_position || after.cdc_start_time ? "from the cdcStartPosition/cdcStartTime in the file" : "at the time the new task starts"}; to continue without a gap, read the old task's RecoveryCheckpoint (aws dms describe-replication-tasks) before applying and give it as cdcStartPosition`,
      );
    }
    return effects;
  }
  if (kind === "endpoint") {
    const users = tasksUsing(str(before.endpoint_arn));
    return [`a new endpoint (new ARN): every task using it is REPLACED too${users.length > 0 ? ` (${users.join(", ")})` : ""}`];
  }
  return ["a new replication instance: every task on it is replaced and reloads"];
}

const KIND_LABEL: Readonly<Record<ObjectKind, string>> = { task: "tasks", endpoint: "endpoints", serverless: "serverless", instance: "instance" };

/** The report as text: a one-screen summary first, then the details of everything that changes. */
export function formatReport(report: ReplicationReport, title = "Replication"): string {
  const lines: string[] = [`${title}: what this plan does to live replication`, ""];
  for (const kind of ["task", "serverless", "endpoint", "instance"] as const) {
    const ofKind = report.objects.filter((object) => object.kind === kind);
    if (ofKind.length === 0) continue;
    const counts = (["unchanged", "created", "modified", "replaced", "destroyed"] as const)
      .map((outcome) => [outcome, ofKind.filter((object) => object.outcome === outcome).length] as const)
      .filter(([, count]) => count > 0)
      .map(([outcome, count]) => `${count} ${outcome === "replaced" || outcome === "destroyed" ? outcome.toUpperCase() : outcome}`);
    lines.push(`  ${KIND_LABEL[kind].padEnd(11)} ${counts.join(", ")}`);
  }
  const refused = report.objects.filter((object) => object.refused);
  for (const object of refused) {
    lines.push(`  REFUSED     ${object.kind} ${object.id}: ${object.outcome === "replaced" ? `replacement forced by ${object.forcedBy.join(", ")}` : "destroyed"}; production needs it in acknowledgeReplacement with a reason`);
  }
  if (report.undeclaredDestroyed.length > 0) lines.push(`  NOT DECLARED ${report.undeclaredDestroyed.length} destroyed object(s) are not in the environment file (listed below)`);
  const changed = report.objects.filter((object) => object.outcome !== "unchanged");
  if (changed.length === 0 && report.undeclaredDestroyed.length === 0) lines.push("", "  No replication object changes.");
  if (changed.length > 0) lines.push("", "Details:");
  for (const object of changed) {
    lines.push(`  ${object.kind} ${object.id}: ${object.outcome.toUpperCase()}${object.refused ? " (REFUSED in production: not acknowledged)" : ""}`);
    if (object.forcedBy.length > 0) lines.push(`    forced by: ${object.forcedBy.join(", ")}`);
    for (const effect of object.effects) lines.push(`    - ${effect}`);
  }
  if (report.undeclaredDestroyed.length > 0) {
    lines.push("", "Destroyed because the environment file does not declare them (removed from it, or left in this state by another stack):");
    for (const address of report.undeclaredDestroyed) lines.push(`  - ${address}`);
  }
  return lines.join("\n");
}

/** Addresses Terraform refused with "Instance cannot be destroyed" (lifecycle.prevent_destroy), from plan output. */
export function refusedAddresses(planOutput: string): string[] {
  const found = new Set<string>();
  for (const match of planOutput.matchAll(/Resource\s+(\S+)\s+has\s+lifecycle\.prevent_destroy\s+set/g)) found.add(match[1]);
  return [...found];
}

/** The resources a synthesized stack protects with lifecycle.prevent_destroy (production's unacknowledged objects). */
export function protectedAddresses(stack: { resource?: Record<string, Record<string, { lifecycle?: { prevent_destroy?: boolean } }>> }): string[] {
  return Object.entries(stack.resource ?? {}).flatMap(([type, blocks]) =>
    Object.entries(blocks).filter(([, block]) => block.lifecycle?.prevent_destroy === true).map(([name]) => `${type}.${name}`),
  );
}
