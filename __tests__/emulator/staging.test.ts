import { DescribeReplicationInstancesCommand } from "@aws-sdk/client-database-migration-service";
import { DescribeSecurityGroupRulesCommand } from "@aws-sdk/client-ec2";
import { emulatorSuite } from "../helpers/emulator";
import { expectNothingLeft, soundDeploymentTests } from "../helpers/emulator-checks";

/**
 * staging (SQL Server MS-CDC source on a replication instance another stack owns, with the account's DMS
 * roles already there) applied to the local emulator and destroyed; the shared instance must survive.
 */
describe("staging on the local AWS emulator", () => {
  let rulesBefore: string[];
  const session = emulatorSuite("staging", {
    prepare: async () => {
      rulesBefore = await sharedGroupRules();
    },
  });
  const shared = () => session().config.dms!.existingReplicationInstance!;
  const sharedGroupRules = async () =>
    ((await session().clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [shared().securityGroupId] }] }))).SecurityGroupRules ?? [])
      .map((rule) => rule.SecurityGroupRuleId!)
      .sort();

  soundDeploymentTests(session);

  test("the shared instance's group gains only the stack's rules, and the stack creates no instance of its own", async () => {
    expect(session().deployment.resources().filter((address) => address.startsWith("aws_dms_replication_instance."))).toEqual([]);
    const added = (await sharedGroupRules()).filter((rule) => !rulesBefore.includes(rule));
    expect(added.length).toBe(session().deployment.resources().filter((address) => /^aws_vpc_security_group_egress_rule\.Dms_/.test(address)).length);
  });

  test("destroy removes everything the stack created and leaves the shared instance and its group as they were", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
    const instances = (await session().clients.dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances ?? [];
    expect(instances.map((i) => [i.ReplicationInstanceArn, i.ReplicationInstanceStatus])).toEqual([[shared().arn, "available"]]);
    expect(await sharedGroupRules()).toEqual(rulesBefore);
  });
});
