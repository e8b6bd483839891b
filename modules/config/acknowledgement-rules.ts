import { ProblemList } from "../core/problem";
import { EnvironmentConfig } from "./schema/environment";

/** The ids of the replication objects an environment file declares (what `acknowledgeReplacement` may name). */
export function declaredReplicationIds(config: EnvironmentConfig): Set<string> {
  const ids = new Set<string>();
  const { dms } = config;
  if (dms?.replicationInstance) ids.add(dms.replicationInstance.replicationInstanceId);
  if (dms?.targetEndpoint) ids.add(dms.targetEndpoint.endpointId);
  for (const source of Object.values(config.sources ?? {})) ids.add(source.endpointId);
  for (const target of Object.values(config.targets ?? {})) ids.add(target.endpointId);
  for (const task of config.tasks ?? []) ids.add(task.replicationTaskId);
  return ids;
}

/** An acknowledgement must name something this file declares: a typo would otherwise protect nothing and say nothing. */
export function acknowledgementRules(config: EnvironmentConfig, problems: ProblemList): void {
  const declared = declaredReplicationIds(config);
  config.acknowledgeReplacement.forEach((entry, index) => {
    if (!declared.has(entry.id)) {
      problems.add(["acknowledgeReplacement", index, "id"], entry.id, `names no task, endpoint or replication instance of this file; allowed: ${[...declared].sort().join(", ")}`);
    }
  });
}
