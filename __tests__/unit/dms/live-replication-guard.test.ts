import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { environmentFile } from "../../helpers/environments";
import { TerraformJson, blocks } from "../../helpers/synth";

function synthFile(name: string, change: (file: Record<string, any>) => void = () => undefined, unguardedForReport = false): TerraformJson {
  const file = environmentFile(name);
  change(file);
  const check = checkEnvironment(JSON.stringify(file), name);
  if (!check.config) throw new Error(check.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return JSON.parse(Testing.synth(new MigrationStack(Testing.app(), name, { config: check.config, unguardedForReport })));
}

const REPLICATION_TYPES = ["aws_dms_replication_task", "aws_dms_endpoint", "aws_dms_s3_endpoint", "aws_dms_replication_config", "aws_dms_replication_instance"];
const ID_OF: Record<string, string> = {
  aws_dms_replication_task: "replication_task_id",
  aws_dms_endpoint: "endpoint_id",
  aws_dms_s3_endpoint: "endpoint_id",
  aws_dms_replication_config: "replication_config_identifier",
  aws_dms_replication_instance: "replication_instance_id",
};

/** `id -> prevent_destroy` for every replication object of a synthesized stack. */
function protection(json: TerraformJson): Record<string, boolean | undefined> {
  const result: Record<string, boolean | undefined> = {};
  for (const type of REPLICATION_TYPES) for (const block of blocks(json, type)) result[block[ID_OF[type]]] = block.lifecycle?.prevent_destroy;
  return result;
}

describe("LiveReplicationGuard", () => {
  test("every endpoint pauses and resumes its running tasks when it changes, in every environment", () => {
    for (const name of ["development", "production"]) {
      const endpoints = blocks(synthFile(name), "aws_dms_endpoint");
      expect(endpoints.length).toBeGreaterThan(0);
      expect(endpoints.map((endpoint) => endpoint.pause_replication_tasks)).toEqual(endpoints.map(() => true));
    }
  });

  test("production refuses (prevent_destroy) replacing or destroying each task, endpoint and the instance", () => {
    const guarded = protection(synthFile("production"));
    expect(Object.keys(guarded).length).toBeGreaterThanOrEqual(4);
    expect(Object.values(guarded).every((value) => value === true)).toBe(true);
  });

  test("an acknowledgement lifts the refusal for that object only; removing it restores the protection", () => {
    const production = environmentFile("production");
    const task = production.tasks[0].replicationTaskId as string;
    const acknowledged = protection(synthFile("production", (file) => (file.acknowledgeReplacement = [{ id: task, reason: "new migration type agreed with the data team" }])));
    expect(acknowledged[task]).toBe(false);
    expect(Object.entries(acknowledged).filter(([id]) => id !== task).every(([, value]) => value === true)).toBe(true);
    expect(protection(synthFile("production"))[task]).toBe(true);
  });

  test("the task keeps its migration-type replace trigger under the protection", () => {
    const task = blocks(synthFile("production"), "aws_dms_replication_task")[0];
    expect(task.lifecycle).toMatchObject({ prevent_destroy: true, replace_triggered_by: [expect.stringMatching(/^terraform_data\./)] });
  });

  test("other environments are not refused, and the report's what-if plan is never guarded", () => {
    expect(Object.values(protection(synthFile("development"))).every((value) => value === undefined)).toBe(true);
    expect(Object.values(protection(synthFile("production", undefined, true))).every((value) => value === undefined)).toBe(true);
  });

  test("an acknowledgement must name an object of the file and say why", () => {
    const file = environmentFile("production");
    const problems = (acknowledgements: unknown) => {
      file.acknowledgeReplacement = acknowledgements;
      return checkEnvironment(JSON.stringify(file), "production").problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems([{ id: file.tasks[0].replicationTaskId, reason: "ok" }])).toEqual(["acknowledgeReplacement[0].reason: too small; allowed: >= 10 characters"]);
    expect(problems([{ id: "no-such-task", reason: "typo in the id" }])).toEqual([
      expect.stringMatching(/^acknowledgeReplacement\[0\]\.id: names no task, endpoint or replication instance of this file; allowed: .*target-uh-endpoint/),
    ]);
  });
});
