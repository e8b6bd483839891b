import { DmsAccountRoles } from "../../../modules/dms/account-roles";
import { ReplicationInstance, ReplicationInstanceProps } from "../../../modules/dms/replication-instance";
import { blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

function instanceProps(overrides: Partial<ReplicationInstanceProps> = {}, roles?: DmsAccountRoles): ReplicationInstanceProps {
  return {
    projectName: "mosaic",
    environment: "staging",
    replicationInstanceId: "staging-dms-instance",
    instanceClass: "dms.t3.medium",
    engineVersion: "3.6.1",
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    accountRoles: roles ?? new DmsAccountRoles(newStack("roles"), "Roles", { mode: "existing" }),
    ...overrides,
  };
}

function buildError(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the construct to refuse its props");
}

describe("DmsAccountRoles", () => {
  test("creates dms-vpc-role and dms-cloudwatch-logs-role with their managed policies, trusting DMS for the stack's account only", () => {
    const stack = newStack();
    new DmsAccountRoles(stack, "Roles", { mode: "create" });
    const json = synth(stack);
    const roles = blocks(json, "aws_iam_role");
    expect(roles.map((role) => role.name).sort()).toEqual(["dms-cloudwatch-logs-role", "dms-vpc-role"]);
    const account = `\${data.aws_caller_identity.${logicalId(json, "aws_caller_identity", "data")}.account_id}`;
    for (const role of roles) {
      // No aws:SourceArn: a source ARN pattern on these roles was reported to hide task logs (terraform-aws-dms#84).
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        { Effect: "Allow", Principal: { Service: ["dms.amazonaws.com"] }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } },
      ]);
    }
    expect(blocks(json, "aws_iam_role_policy_attachment").map((a) => a.policy_arn.split("/").pop()).sort()).toEqual([
      "AmazonDMSCloudWatchLogsRole",
      "AmazonDMSVPCManagementRole",
    ]);
  });

  test("adds dms-access-for-endpoint, trusting DMS and Redshift, only when asked", () => {
    const stack = newStack();
    new DmsAccountRoles(stack, "Roles", { mode: "create", endpointAccessRole: true });
    const role = blocks(synth(stack), "aws_iam_role").find((r) => r.name === "dms-access-for-endpoint")!;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal.Service).toEqual(["dms.amazonaws.com", "redshift.amazonaws.com"]);
  });

  test("creates nothing, and nothing to wait for, when the roles already exist", () => {
    const stack = newStack();
    const roles = new DmsAccountRoles(stack, "Roles", { mode: "existing" });
    expect(roles.dependables).toEqual([]);
    expect(synth(stack).resource).toBeUndefined();
  });
});

describe("ReplicationInstance", () => {
  test("is private, pinned, without automatic minor upgrades, in its own subnet group and security group", () => {
    const stack = newStack();
    new ReplicationInstance(stack, "Dms", instanceProps());
    const json = synth(stack);
    const instance = only(json, "aws_dms_replication_instance");
    expect(instance).toMatchObject({
      replication_instance_id: "staging-dms-instance",
      replication_instance_class: "dms.t3.medium",
      engine_version: "3.6.1",
      auto_minor_version_upgrade: false,
      publicly_accessible: false,
      multi_az: false,
      allocated_storage: 50,
      replication_subnet_group_id: `\${aws_dms_replication_subnet_group.${logicalId(json, "aws_dms_replication_subnet_group")}.replication_subnet_group_id}`,
      vpc_security_group_ids: [`\${aws_security_group.${logicalId(json, "aws_security_group")}.id}`],
      tags: { Name: "staging-dms-instance", Environment: "staging", project_name: "mosaic", "terraform-managed": "true" },
    });
  });

  test("takes automatic minor upgrades on request (Security Hub DMS.6), then ignores the engine version AWS moves to", () => {
    const stack = newStack();
    new ReplicationInstance(stack, "Dms", instanceProps({ autoMinorVersionUpgrade: true }));
    const instance = only(synth(stack), "aws_dms_replication_instance");
    expect(instance.auto_minor_version_upgrade).toBe(true);
    expect(instance.lifecycle).toEqual({ ignore_changes: ["engine_version"] });
  });

  test("keeps Hackney's subnet group names and places it in the private subnets", () => {
    const stack = newStack();
    new ReplicationInstance(stack, "Dms", instanceProps());
    expect(only(synth(stack), "aws_dms_replication_subnet_group")).toMatchObject({
      replication_subnet_group_id: "dms-replication-subnet-group-staging-dms-instance",
      replication_subnet_group_description: "Replication subnet group for mosaic",
      subnet_ids: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    });
  });

  test("its security group has no rules of its own (no self-ingress, no open egress)", () => {
    const stack = newStack();
    new ReplicationInstance(stack, "Dms", instanceProps());
    const json = synth(stack);
    const group = only(json, "aws_security_group");
    expect(group.name_prefix).toBe("dms-instance-staging-");
    expect(group.tags.Name).toBe("dms-instance-staging-sg");
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(blocks(json, "aws_vpc_security_group_egress_rule")).toHaveLength(0);
  });

  test("waits for the account roles' policy attachments, so a first apply does not race IAM", () => {
    const stack = newStack();
    const roles = new DmsAccountRoles(stack, "Roles", { mode: "create" });
    new ReplicationInstance(stack, "Dms", instanceProps({}, roles));
    const json = synth(stack);
    const attachments = Object.keys(json.resource.aws_iam_role_policy_attachment).map((id) => `aws_iam_role_policy_attachment.${id}`).sort();
    expect([...only(json, "aws_dms_replication_subnet_group").depends_on].sort()).toEqual(attachments);
    expect([...only(json, "aws_dms_replication_instance").depends_on].sort()).toEqual(attachments);
  });

  test("passes class, storage, Multi-AZ, KMS key, window and upgrade settings through", () => {
    const stack = newStack();
    const key = "arn:aws:kms:eu-west-2:111122223333:key/abcd";
    new ReplicationInstance(
      stack,
      "Dms",
      instanceProps({ allocatedStorage: 200, multiAz: true, kmsKeyArn: key, preferredMaintenanceWindow: "sun:07:00-sun:07:30", allowMajorVersionUpgrade: true, applyImmediately: true }),
    );
    expect(only(synth(stack), "aws_dms_replication_instance")).toMatchObject({
      allocated_storage: 200,
      multi_az: true,
      kms_key_arn: key,
      preferred_maintenance_window: "sun:07:00-sun:07:30",
      allow_major_version_upgrade: true,
      apply_immediately: true,
    });
  });

  test("refuses a single-AZ instance in production", () => {
    expect(buildError(() => new ReplicationInstance(newStack(), "Dms", instanceProps({ environment: "production" })))).toMatch(
      /test\/Dms: `multiAz` = \(missing\): production replication instances must be Multi-AZ; allowed: true/,
    );
  });

  test.each(["3.5.3", "3.6.0", "3.4.7"])("refuses engine %s, past its end of life", (engineVersion) => {
    expect(buildError(() => new ReplicationInstance(newStack(), "Dms", instanceProps({ engineVersion })))).toMatch(
      new RegExp(`DMS engine ${engineVersion.replace(/\./g, "\\.")} is past its end of life`),
    );
  });

  test("refuses a version that is not a version, and an unusable id", () => {
    expect(buildError(() => new ReplicationInstance(newStack(), "Dms", instanceProps({ engineVersion: "latest" })))).toMatch(/"latest" is not a DMS engine version/);
    expect(buildError(() => new ReplicationInstance(newStack(), "Dms", instanceProps({ replicationInstanceId: "dms--x" })))).toMatch(/`replicationInstanceId` = "dms--x"/);
  });

  test("refuses fewer than two subnets and storage outside 5-6144 GiB", () => {
    expect(buildError(() => new ReplicationInstance(newStack(), "Dms", instanceProps({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] })))).toMatch(/at least two private subnets/);
    // The replication network reports its subnets, subnet group name and description at once (one rule, PRIVATE_SUBNET_RULES, for databases and the file too).
    const all = buildError(() =>
      new ReplicationInstance(newStack(), "Dms", instanceProps({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"], subnetGroupName: "default", subnetGroupDescription: "d".repeat(256) })),
    );
    expect(all).toMatch(/`subnetIds` = \["subnet-0aaaaaaaaaaaaaaa1"\]: 1 subnet\(s\); allowed: at least two private subnets/);
    expect(all).toMatch(/`subnetGroupName` = "default": allowed: 1-255 lowercase/);
    expect(all).toMatch(/`subnetGroupDescription` = 256 characters: allowed: 1 to 255 characters/);
    expect(buildError(() => new ReplicationInstance(newStack(), "Dms", instanceProps({ allocatedStorage: 4 })))).toMatch(/`allocatedStorage` = 4: allowed: a whole number of GiB from 5 to 6144/);
  });
});

describe("ReplicationInstance.fromExisting (Hackney dms_setup_existing_instance)", () => {
  test("creates nothing and writes rules to the given security group", () => {
    const stack = newStack();
    const existing = ReplicationInstance.fromExisting(stack, "Shared", {
      replicationInstanceArn: "arn:aws:dms:eu-west-2:111122223333:rep:DNTOW6TGQEGCAOWQMZYHQRTWAA",
      securityGroupId: "sg-0dddddddddddddddd",
      engineVersion: "3.6.1",
    });
    expect(existing.replicationInstanceArn).toBe("arn:aws:dms:eu-west-2:111122223333:rep:DNTOW6TGQEGCAOWQMZYHQRTWAA");
    expect(existing.engineVersion).toBe("3.6.1");
    expect(existing.connections.securityGroupId).toBe("sg-0dddddddddddddddd");
    expect(synth(stack).resource).toBeUndefined();
  });

  test("refuses a known-retired engine version", () => {
    expect(
      buildError(() =>
        ReplicationInstance.fromExisting(newStack(), "Shared", { replicationInstanceArn: "arn", securityGroupId: "sg-0d", engineVersion: "3.5.2" }),
      ),
    ).toMatch(/test\/Shared: `engineVersion`: DMS engine 3\.5\.2 is past its end of life/);
  });
});

describe("ReplicationInstance task logs", () => {
  test("keeps task logs 30 days in the log group DMS writes to", () => {
    const stack = newStack();
    new ReplicationInstance(stack, "Dms", instanceProps());
    expect(only(synth(stack), "aws_cloudwatch_log_group")).toMatchObject({ name: "dms-tasks-staging-dms-instance", retention_in_days: 30 });
  });

  test("takes another retention period and a KMS key, and refuses a period CloudWatch Logs does not offer", () => {
    const stack = newStack();
    new ReplicationInstance(stack, "Dms", instanceProps({ taskLogRetentionDays: 365, taskLogKmsKeyArn: "arn:aws:kms:eu-west-2:111122223333:key/abcd" }));
    expect(only(synth(stack), "aws_cloudwatch_log_group")).toMatchObject({ retention_in_days: 365, kms_key_id: "arn:aws:kms:eu-west-2:111122223333:key/abcd" });
    expect(buildError(() => new ReplicationInstance(newStack(), "Dms", instanceProps({ taskLogRetentionDays: 10 })))).toMatch(/`taskLogRetentionDays` = 10: allowed: 1, 3, 5, 7, 14, 30/);
  });
});

describe("ReplicationInstance runs the file check's rule tables", () => {
  test("a class typo, a short maintenance window and an unreleased engine are one error", () => {
    const message = buildError(() => new ReplicationInstance(newStack(), "Instance", instanceProps({
      instanceClass: "dms.t3.smal",
      preferredMaintenanceWindow: "sun:07:00-sun:07:20",
      engineVersion: "3.7.0",
    })));
    expect(message.split("\n")).toEqual([
      expect.stringMatching(/^test\/Instance: `engineVersion` = "3\.7\.0": .*allowed: 3\.5\.4, 3\.6\.1/),
      expect.stringMatching(/^test\/Instance: `instanceClass` = "dms\.t3\.smal": .*did you mean "dms\.t3\.small"/),
      expect.stringMatching(/^test\/Instance: `preferredMaintenanceWindow` = "sun:07:00-sun:07:20": .*lasts 20 minutes; allowed: at least 30 minutes/),
    ]);
  });
});
