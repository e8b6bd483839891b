import { ProblemList } from "../core/problem";
import { isProduction } from "../core/project-environment";
import { dmsEngineVersionProblem } from "../dms/engine-version";
import { sqlServerOptionProblems } from "../dms/sql-server/connection-attributes";
import { tableMappingProblems } from "../dms/table-mappings";
import { taskSettingsProblems } from "../dms/task-settings";
import { EnvironmentConfig } from "./schema/environment";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Consistency of the DMS sections: instance, sources, tasks, and what each task needs of its source. */
export function dmsRules(config: EnvironmentConfig, problems: ProblemList): void {
  const { dms, sources = {}, tasks = [] } = config;
  if (!dms) {
    if (Object.keys(sources).length > 0 || tasks.length > 0) {
      problems.add(["dms"], undefined, "sources and tasks need a dms section (account roles, replication instance, target endpoint)");
    }
    return;
  }

  const instance = dms.replicationInstance;
  if ((instance === undefined) === (dms.existingReplicationInstance === undefined)) {
    problems.add(["dms"], undefined, "give exactly one of replicationInstance and existingReplicationInstance");
  }
  if (instance && isProduction(config.environment) && !instance.multiAz) {
    problems.add(["dms", "replicationInstance", "multiAz"], instance.multiAz, "production replication instances must be Multi-AZ; allowed: true");
  }
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
  if (access.cidr?.endsWith("/0")) {
    problems.add(["dms", "secretsManagerAccess", "cidr"], access.cidr, "name the network of the Secrets Manager endpoint, not every address");
  }

  const endpointIds = new Map<string, string>([[dms.targetEndpoint.id, "dms.targetEndpoint.id"]]);
  for (const [name, source] of Object.entries(sources)) {
    const path = ["sources", name];
    const earlier = endpointIds.get(source.endpointId);
    if (earlier) problems.add([...path, "endpointId"], source.endpointId, `already used by ${earlier}; endpoint ids are unique`);
    endpointIds.set(source.endpointId, `sources.${name}.endpointId`);
    for (const message of sqlServerOptionProblems(source)) problems.add(path, undefined, message);
    if ((source.username === undefined) === (source.usernameParameter === undefined)) {
      problems.add(path, undefined, "give exactly one of username and usernameParameter");
    }
    if (source.allowedCidr === undefined && !IPV4.test(source.server)) {
      problems.add([...path, "allowedCidr"], undefined, `required when server ("${source.server}") is a host name, to limit where DMS may connect`);
    }
    if (source.allowedCidr?.endsWith("/0")) {
      problems.add([...path, "allowedCidr"], source.allowedCidr, "name the source's network, not every address");
    }
  }

  const taskIds = new Set<string>();
  tasks.forEach((task, index) => {
    const path = ["tasks", index];
    if (taskIds.has(task.id)) problems.add([...path, "id"], task.id, "task ids are unique");
    taskIds.add(task.id);
    const source = sources[task.source];
    if (!source) {
      problems.add([...path, "source"], task.source, `no such source; allowed: ${Object.keys(sources).join(", ") || "(none defined)"}`);
    } else if (task.migrationType !== "full-load" && source.captureMode === "none") {
      problems.add([...path, "migrationType"], task.migrationType,
        `source "${task.source}" has captureMode "none" (full loads only); allowed: "full-load", or give the source a capture mode`);
    }
    if (task.cdcStartTime !== undefined && task.cdcStartPosition !== undefined) {
      problems.add(path, undefined, "give cdcStartTime or cdcStartPosition, not both");
    }
    if (task.migrationType === "full-load" && (task.cdcStartTime ?? task.cdcStartPosition) !== undefined) {
      problems.add([...path, "migrationType"], task.migrationType, "cdcStartTime and cdcStartPosition only apply to cdc and full-load-and-cdc tasks");
    }
    problems.addAll([...path, "tableMappings"], tableMappingProblems(task.tableMappings));
    if (task.settings) problems.addAll([...path, "settings"], taskSettingsProblems(task.settings));
  });
}
