import { App, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DmsAccountRoles } from "../../../modules/dms/account-roles";
import { ConnectionParameters } from "../../../modules/postgres/connection-parameters";
import { ReplicationInstance } from "../../../modules/dms/replication-instance";

function stackIn(app: App, id: string, provider: { region: string; accountId?: string }): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, "aws", { region: provider.region, allowedAccountIds: provider.accountId ? [provider.accountId] : undefined });
  return stack;
}

function synthErrors(app: App): string {
  try {
    app.synth();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

const parameters = { prefix: "/mosaic/staging", username: "app", hostname: "db.internal", port: 5432, databaseName: "mosaic" };

describe("AWS names claimed twice in one app", () => {
  test("are all reported at synth, each naming both construct paths", () => {
    const app = Testing.app();
    const stack = stackIn(app, "mirror", { region: "eu-west-2" });
    new DmsAccountRoles(stack, "RolesA", { mode: "create" });
    new DmsAccountRoles(stack, "RolesB", { mode: "create" });
    new ConnectionParameters(stack, "ParamsA", parameters);
    new ConnectionParameters(stack, "ParamsB", parameters);
    const message = synthErrors(app);
    expect(message).toContain('IAM role "dms-vpc-role" is created by mirror/RolesA and mirror/RolesB');
    expect(message).toContain('IAM role "dms-cloudwatch-logs-role" is created by mirror/RolesA and mirror/RolesB');
    for (const key of ["username", "hostname", "port", "database"]) {
      expect(message).toContain(`SSM parameter "/mosaic/staging/postgres-${key}" is created by mirror/ParamsA and mirror/ParamsB`);
    }
  });

  test("a replication instance id used twice names the instance and its subnet group", () => {
    const app = Testing.app();
    const stack = stackIn(app, "mirror", { region: "eu-west-2" });
    const accountRoles = new DmsAccountRoles(stack, "Roles", { mode: "existing" });
    const props = {
      projectName: "mosaic", environment: "staging", replicationInstanceId: "staging-dms-instance", instanceClass: "dms.t3.medium",
      engineVersion: "3.6.1", vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2"], accountRoles,
    };
    new ReplicationInstance(stack, "First", props);
    new ReplicationInstance(stack, "Second", props);
    const message = synthErrors(app);
    expect(message).toContain('DMS replication instance "staging-dms-instance" is created by mirror/First and mirror/Second');
    expect(message).toContain('DMS replication subnet group "dms-replication-subnet-group-staging-dms-instance" is created by mirror/First and mirror/Second');
  });

  test("clash across stacks that pin the same account; IAM roles clash across regions, SSM parameters do not", () => {
    const app = Testing.app();
    const london = stackIn(app, "london", { region: "eu-west-2", accountId: "111111111111" });
    const ireland = stackIn(app, "ireland", { region: "eu-west-1", accountId: "111111111111" });
    new DmsAccountRoles(london, "Roles", { mode: "create" });
    new DmsAccountRoles(ireland, "Roles", { mode: "create" });
    new ConnectionParameters(london, "Params", parameters);
    new ConnectionParameters(ireland, "Params", parameters);
    const message = synthErrors(app);
    expect(message).toContain('IAM role "dms-vpc-role" is created by london/Roles and ireland/Roles (in account 111111111111)');
    expect(message).not.toContain("SSM parameter");
  });

  test("do not clash in stacks pinned to different accounts, nor when one side uses existing roles", () => {
    const app = Testing.app();
    const staging = stackIn(app, "staging", { region: "eu-west-2", accountId: "111111111111" });
    const production = stackIn(app, "production", { region: "eu-west-2", accountId: "222222222222" });
    new DmsAccountRoles(staging, "Roles", { mode: "create" });
    new DmsAccountRoles(production, "Roles", { mode: "create" });
    new DmsAccountRoles(production, "Shared", { mode: "existing" });
    new ConnectionParameters(staging, "Params", parameters);
    new ConnectionParameters(production, "Params", parameters);
    expect(synthErrors(app)).toBe("");
  });
});
