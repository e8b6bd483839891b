import { App, TerraformDataSource, TerraformResource, TerraformStack, Testing } from "cdktf";
import { EphemeralResource } from "../../../modules/core/ephemeral-resource";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DmsAccountRoles } from "../../../modules/dms/account-roles";
import { ReplicationInstance } from "../../../modules/dms/replication-instance";
import { PostgresDatabase } from "../../../modules/postgres/postgres-database";
import { postgresProps } from "../../helpers/fixtures";

function twoRegions() {
  const app = Testing.app();
  const stack = new TerraformStack(app, "multi");
  new AwsProvider(stack, "aws", { region: "eu-west-2" });
  const ireland = new AwsProvider(stack, "ireland", { region: "eu-west-1", alias: "ireland" });
  const accountRoles = new DmsAccountRoles(stack, "Roles", { mode: "existing" });
  const instanceProps = {
    projectName: "mosaic", environment: "staging", replicationInstanceId: "staging-dms-instance", instanceClass: "dms.t3.medium",
    engineVersion: "3.6.1", vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2"], accountRoles,
  };
  return { app, stack, ireland, instanceProps };
}

function synthErrors(app: App): string {
  try {
    app.synth();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("a construct given a provider", () => {
  test("creates every resource, data source and ephemeral block with it; others keep the default", () => {
    const { stack, ireland, instanceProps } = twoRegions();
    new ReplicationInstance(stack, "Ireland", { ...instanceProps, provider: ireland });
    new PostgresDatabase(stack, "Db", postgresProps({ provider: ireland }));
    new ReplicationInstance(stack, "London", { ...instanceProps, replicationInstanceId: "london-dms-instance" });
    const json = JSON.parse(Testing.synth(stack));
    const blocks = stack.node
      .findAll()
      .filter((node): node is TerraformResource | TerraformDataSource | EphemeralResource =>
        node instanceof TerraformResource || node instanceof TerraformDataSource || node instanceof EphemeralResource,
      );
    const underIreland = blocks.filter((block) => /^multi\/(Ireland|Db)\//.test(block.node.path));
    expect(underIreland.map((block) => block.terraformResourceType)).toEqual(
      expect.arrayContaining(["aws_dms_replication_instance", "aws_db_instance", "aws_secretsmanager_random_password", "aws_ssm_parameter"]),
    );
    expect(underIreland.filter((block) => block.provider !== ireland).map((block) => block.node.path)).toEqual([]);
    expect(blocks.filter((block) => block.node.path.startsWith("multi/London/")).filter((block) => block.provider !== undefined)).toEqual([]);
    // and in the JSON Terraform reads, ephemeral blocks included
    expect(Object.values<any>(json.resource.aws_db_instance)[0].provider).toBe("aws.ireland");
    expect(Object.values<any>(json.ephemeral.aws_secretsmanager_random_password).map((block) => block.provider)).toEqual(["aws.ireland"]);
  });

  test("claims its names in that provider's region: the same id in two regions is no clash, twice in one region is", () => {
    const apart = twoRegions();
    new ReplicationInstance(apart.stack, "Ireland", { ...apart.instanceProps, provider: apart.ireland });
    new ReplicationInstance(apart.stack, "London", apart.instanceProps);
    expect(synthErrors(apart.app)).toBe("");

    const together = twoRegions();
    new ReplicationInstance(together.stack, "First", { ...together.instanceProps, provider: together.ireland });
    new ReplicationInstance(together.stack, "Second", { ...together.instanceProps, provider: together.ireland });
    expect(synthErrors(together.app)).toContain(
      'DMS replication instance "staging-dms-instance" is created by multi/First and multi/Second (in the account of multi/ireland, region eu-west-1)',
    );
  });
});
