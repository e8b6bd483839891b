import { StackModel, TaskNode } from "./stack-model";

/**
 * A Mermaid flowchart of one environment: sources → tasks → targets, the instance (or serverless capacity)
 * each task runs on, its schedules, the S3 buckets S3 targets write to and the alarms that watch each object.
 * Node ids are derived from Terraform addresses, so they are stable between runs.
 */
export function environmentDiagram(model: StackModel): string {
  const lines = ["flowchart LR"];
  const names = new Map<string, string>([
    ...model.endpoints.map((e): [string, string] => [e.ref, `endpoint_${e.id}`]),
    ...model.tasks.map((t): [string, string] => [t.ref, `task_${t.id}`]),
    ...model.instances.map((i): [string, string] => [i.ref, `instance_${i.id}`]),
  ]);
  const node = (ref: string) => (names.get(ref) ?? ref).replace(/[^A-Za-z0-9]+/g, "_");
  const label = (...parts: (string | undefined)[]) => `"${parts.filter(Boolean).map(escape).join("<br/>")}"`;
  const used = new Set<string>();
  const define = (id: string, shape: string) => {
    if (used.has(id)) return;
    used.add(id);
    lines.push(`  ${id}${shape}`);
  };
  const endpointShape = (ref: string) => {
    const endpoint = model.endpoints.find((e) => e.ref === ref);
    if (!endpoint) return `[${label(ref.split(":").pop())}]`;
    return `[(${label(endpoint.id, endpoint.databaseName ? `${endpoint.engine} · ${endpoint.databaseName}` : endpoint.engine)})]`;
  };

  const sources = [...new Set(model.tasks.map((t) => t.sourceRef))];
  const targets = [...new Set(model.tasks.map((t) => t.targetRef))];
  lines.push(`  subgraph sources["Sources"]`);
  for (const ref of sources) define(node(ref), endpointShape(ref));
  lines.push("  end");
  lines.push(`  subgraph targets["Targets"]`);
  for (const ref of targets) define(node(ref), endpointShape(ref));
  lines.push("  end");

  for (const instance of model.instances) {
    define(node(instance.ref), `[${label(`replication instance ${instance.id}`, instance.instanceClass, instance.owned ? undefined : "shared, not owned by this stack")}]`);
  }
  for (const task of model.tasks) {
    define(node(task.ref), `{{${label(task.id, task.migrationType, task.kind === "serverless" ? "serverless" : undefined, task.validation ? "validation on" : undefined)}}}`);
    lines.push(`  ${node(task.sourceRef)} --> ${node(task.ref)}`);
    lines.push(`  ${node(task.ref)} --> ${node(task.targetRef)}`);
    runsOn(task);
    for (const schedule of task.schedules) {
      const id = node(`schedule ${schedule.name}`);
      define(id, `([${label(`schedule ${schedule.name}`, schedule.expression, schedule.timeZone, schedule.startType)}])`);
      lines.push(`  ${id} -. starts .-> ${node(task.ref)}`);
    }
  }
  for (const endpoint of model.endpoints) {
    if (!endpoint.bucketRef || !targets.includes(endpoint.ref)) continue;
    const bucket = model.buckets.find((b) => b.ref === endpoint.bucketRef);
    const id = `bucket_${node(bucket?.name ?? endpoint.bucketRef)}`;
    define(id, `[(${label(`S3 ${bucket?.name ?? endpoint.bucketRef}`, endpoint.bucketFolder ? `folder ${endpoint.bucketFolder}` : undefined)})]`);
    lines.push(`  ${node(endpoint.ref)} -- writes --> ${id}`);
  }
  const watched = new Map<string, string[]>();
  for (const alarm of model.alarms) {
    const key = alarm.watches ?? (alarm.dbInstanceId ? `db:${alarm.dbInstanceId}` : "other");
    watched.set(key, [...(watched.get(key) ?? []), alarm.metric]);
  }
  for (const [key, metrics] of watched) {
    const id = `alarms_${node(key)}`;
    const unique = [...new Set(metrics)].sort();
    define(id, `>${label(`${metrics.length} alarm${metrics.length === 1 ? "" : "s"}`, unique.join(", "))}]`);
    if (key.startsWith("db:")) {
      const dbId = node(`database ${key.slice(3)}`);
      define(dbId, `[(${label(`database ${key.slice(3)}`)})]`);
      lines.push(`  ${id} -. watches .-> ${dbId}`);
    } else if (used.has(node(key))) {
      lines.push(`  ${id} -. watches .-> ${node(key)}`);
    }
  }
  return `${lines.join("\n")}\n`;

  function runsOn(task: TaskNode): void {
    if (task.instanceRef) {
      define(node(task.instanceRef), `[${label(`replication instance ${task.instanceRef.split(":").pop()}`)}]`);
      lines.push(`  ${node(task.ref)} -. runs on .-> ${node(task.instanceRef)}`);
    } else if (task.capacity) {
      const id = `capacity_${node(task.ref)}`;
      define(id, `[${label("DMS Serverless", `${task.capacity.min ?? "?"}-${task.capacity.max ?? "?"} DCU`)}]`);
      lines.push(`  ${node(task.ref)} -. runs on .-> ${id}`);
    }
  }
}

/** Mermaid labels are quoted; a quote, `<`, `>` and `#` in the text would end or change them. */
function escape(text: string | undefined): string {
  return String(text).replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
