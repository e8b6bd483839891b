import { undeclaredDestroyProblem, undeclaredDestroys } from "../../../scripts/local/destroy-guard";

const change = (address: string, actions: string[], action_reason?: string) => ({ address, action_reason, change: { actions } });

describe("a deploy whose plan destroys objects the environment does not declare is refused", () => {
  const plan = {
    resource_changes: [
      change("module.postgres_db_staging.aws_db_instance.lbh-db", ["delete"], "delete_because_no_module"),
      change("aws_iam_role.dms-vpc-role", ["delete"], "delete_because_no_resource_config"),
      change("aws_dms_replication_task.Task", ["delete", "create"], "replace_because_cannot_update"),
      change("aws_db_instance.TargetDatabase_Instance", ["update"]),
      change("aws_ssm_parameter.Imported", ["no-op"]),
    ],
  };

  test("objects of another configuration's state are named; replacements and updates are not", () => {
    expect(undeclaredDestroys(plan)).toEqual(["module.postgres_db_staging.aws_db_instance.lbh-db", "aws_iam_role.dms-vpc-role"]);
    expect(undeclaredDestroyProblem(plan, "staging")).toMatch(/refusing to apply staging: the plan would destroy 2 object\(s\)[\s\S]*removed/);
  });

  test("a plan that destroys nothing undeclared passes", () => {
    expect(undeclaredDestroyProblem({ resource_changes: plan.resource_changes.slice(2) }, "staging")).toBeUndefined();
    expect(undeclaredDestroyProblem({}, "staging")).toBeUndefined();
  });
});
