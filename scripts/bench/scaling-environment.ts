import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";

/** The environment the scaling runs synthesize: named so it can never be mistaken for a real one. */
export const SCALING_ENVIRONMENT = "benchscale";

/**
 * An environment file like the bundled `development.json` (a created replication instance and target),
 * but with `tasks` replication tasks, each reading from its own SQL Server source endpoint, so every task
 * adds a source endpoint, its credentials secret, its security-group rules, its DBA script and the task.
 */
export function scalingEnvironment(base: Record<string, unknown>, tasks: number): Record<string, unknown> {
  const sources: Record<string, unknown> = {};
  const taskList: unknown[] = [];
  for (let i = 1; i <= tasks; i++) {
    const name = `s${i}`;
    sources[name] = {
      engine: "sqlserver",
      endpointId: `source-bench-${i}-endpoint`,
      server: `10.81.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      databaseName: `benchdb${i}`,
      captureMode: "ms-replication",
      usernameParameter: `/bench/source-${i}/username`,
      passwordParameter: `/bench/source-${i}/password`,
    };
    taskList.push({
      id: `bench-task-${i}`,
      source: name,
      migrationType: "full-load-and-cdc",
      tableMappings: [
        { action: "include", schema: "dbo", table: `member_${i}` },
        { action: "include", schema: "dbo", table: `cccontactlink_${i}` },
        { action: "convert-lowercase", target: "table", schema: "%", table: "%" },
        { action: "convert-lowercase", target: "column", schema: "%", table: "%", column: "%" },
      ],
      settings: { FullLoadSettings: { TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD" } },
    });
  }
  const dms = base.dms as Record<string, Record<string, unknown>>;
  return {
    ...base,
    environment: SCALING_ENVIRONMENT,
    backend: { bucket: "terraform-state-benchmark" },
    dms: {
      ...dms,
      replicationInstance: { ...dms.replicationInstance, replicationInstanceId: "benchscale-dms-instance" },
      targetEndpoint: { endpointId: "target-benchscale-endpoint" },
    },
    sources,
    tasks: taskList,
  };
}

/** Writes `<dir>/benchscale.json` with `tasks` tasks, from the bundled development file; returns `dir`. */
export function writeScalingEnvironment(repo: string, dir: string, tasks: number): string {
  const base = JSON.parse(readFileSync(join(repo, "environments", "development.json"), "utf8"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${SCALING_ENVIRONMENT}.json`), `${JSON.stringify(scalingEnvironment(base, tasks), null, 2)}\n`);
  return dir;
}
