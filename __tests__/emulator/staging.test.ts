import { DescribeReplicationInstancesCommand, DescribeReplicationTasksCommand } from "@aws-sdk/client-database-migration-service";
import { DescribeSecurityGroupRulesCommand } from "@aws-sdk/client-ec2";
import { DeleteParametersCommand, PutParameterCommand } from "@aws-sdk/client-ssm";
import { emulatorSuite } from "../helpers/emulator";
import { expectNoChanges, expectNothingLeft, soundDeploymentTests } from "../helpers/emulator-checks";
import { changedEnvironment } from "../helpers/replication-changes";

const STAGING_TASK = "uht-to-uh-mirror-staging";
const OTHER_TASK = "ledger-to-finance-mirror-staging";
const OTHER_PASSWORD_SENTINEL = "sentinel-ledger-password-4b1d";
const OTHER_PARAMETERS = ["/finance-api/test-server/ledger-username", "/finance-api/test-server/ledger-password"] as const;

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

  // Hackney's staging-dms-instance carries the tasks of several projects, each from its own stack and state. A second
  // project's stack (its own file, state key, database, endpoints and task) on the same instance, beside this one.
  describe("a second project's stack on the same shared instance", () => {
    const tasksOnShared = async () =>
      ((await session().clients.dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: "replication-instance-arn", Values: [shared().replicationInstanceArn] }] }))).ReplicationTasks ?? [])
        .map((task) => `${task.ReplicationTaskIdentifier} ${task.Status} ${task.ReplicationTaskArn}`)
        .sort();
    let stagingRules: string[];
    let stagingTasks: string[];
    let other: ReturnType<ReturnType<typeof session>["deploymentFrom"]>;

    test("both stacks apply and re-plan clean; each writes only its own rules on the shared group", async () => {
      stagingRules = await sharedGroupRules();
      stagingTasks = await tasksOnShared();
      expect(stagingTasks).toEqual([expect.stringMatching(new RegExp(`^${STAGING_TASK} running `))]);
      const dir = changedEnvironment(session(), "other-project", (file) => {
        file.projectName = "housing-finance";
        file.database = { ...file.database, identifier: "housing-finance", name: "finance_mirror", port: 5303 };
        file.dms.targetEndpoint.endpointId = "target-finance-mirror-staging";
        const credentials = { usernameParameterName: OTHER_PARAMETERS[0], passwordParameterName: OTHER_PARAMETERS[1] };
        file.sources = { ledger: { ...file.sources.uht, endpointId: "source-finance-ledger-staging", serverName: "10.80.2.31", databaseName: "ledgertest", credentials } };
        file.tasks = [{ ...file.tasks[0], replicationTaskId: OTHER_TASK, source: "ledger", tableMappings: [{ action: "include", schema: "dbo", table: "ledger" }] }];
      });
      const ssm = session().clients.ssm;
      await ssm.send(new PutParameterCommand({ Name: OTHER_PARAMETERS[0], Value: "dms_reader", Type: "String" }));
      await ssm.send(new PutParameterCommand({ Name: OTHER_PARAMETERS[1], Value: OTHER_PASSWORD_SENTINEL, Type: "SecureString" }));
      other = session().deploymentFrom(dir, "other-project");
      other.synth();
      other.init();
      await other.apply();

      const otherRules = (await sharedGroupRules()).filter((rule) => !stagingRules.includes(rule));
      expect(otherRules.length).toBe(other.resources().filter((address) => /^aws_vpc_security_group_egress_rule\.Dms_/.test(address)).length);
      expect(otherRules.length).toBeGreaterThan(0);
      const both = await tasksOnShared();
      expect(both.filter((task) => !stagingTasks.includes(task))).toEqual([expect.stringMatching(new RegExp(`^${OTHER_TASK} running `))]);
      expect(both).toEqual(expect.arrayContaining(stagingTasks));
      expect(other.state()).not.toContain(OTHER_PASSWORD_SENTINEL);
      expect(other.plan()).toMatchObject({ status: 0 });
      expectNoChanges(session());
    });

    test("destroying the second stack leaves this one planning clean, with every rule and task it had", async () => {
      expect(other).toBeDefined();
      await other.destroy();
      expect(other.resources()).toEqual([]);
      // Its credentials were the other project's to create, as staging's own were seeded: gone with it.
      await session().clients.ssm.send(new DeleteParametersCommand({ Names: [...OTHER_PARAMETERS] }));
      expect(await sharedGroupRules()).toEqual(stagingRules);
      expect(await tasksOnShared()).toEqual(stagingTasks);
      expectNoChanges(session());
    });
  });

  test("destroy removes everything the stack created and leaves the shared instance and its group as they were", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
    const instances = (await session().clients.dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances ?? [];
    expect(instances.map((i) => [i.ReplicationInstanceArn, i.ReplicationInstanceStatus])).toEqual([[shared().replicationInstanceArn, "available"]]);
    expect(await sharedGroupRules()).toEqual(rulesBefore);
  });
});
