import { AwsAccount } from "../../../modules/core/aws-account";
import { serviceTrustPolicy } from "../../../modules/core/trust-policy";
import { synthAllBundled } from "../../helpers/bundled-stacks";
import { TerraformJson, newStack } from "../../helpers/synth";

const ACCOUNT = "${data.aws_caller_identity.AwsAccount_Identity_E18432DC.account_id}";
const ARN_PREFIX = (service: string) =>
  `arn:\${data.aws_partition.AwsAccount_Partition_778E3A84.partition}:${service}:\${data.aws_region.AwsAccount_Region_A66FEA8D.name}:${ACCOUNT}:`;

interface Role {
  id: string;
  name?: string;
  trust: { Statement: Array<{ Principal: { Service: string | string[] }; Condition?: Record<string, Record<string, string | string[]>> }> };
}

function roles(json: TerraformJson): Role[] {
  return Object.entries<any>(json.resource?.aws_iam_role ?? {}).map(([id, role]) => ({ id, name: role.name, trust: JSON.parse(role.assume_role_policy) }));
}

const services = (role: Role) => role.trust.Statement.flatMap((s) => [s.Principal.Service].flat());
const sourceArns = (role: Role) => role.trust.Statement.flatMap((s) => [s.Condition?.ArnLike?.["aws:SourceArn"] ?? []].flat());

describe("confused-deputy conditions on every role a service assumes, in every bundled environment", () => {
  const stacks = synthAllBundled();

  test("the bundled environments create service roles at all (the checks below are not vacuous)", () => {
    expect(stacks.flatMap(([, json]) => roles(json)).length).toBeGreaterThanOrEqual(15);
  });

  describe.each(stacks.map(([name, json]) => [name, json] as const))("%s", (_name, json) => {
    test.each(roles(json).map((role) => [role.id, role] as const))("%s trusts its service only for the stack's own account", (_id, role) => {
      expect(role.trust.Statement.length).toBeGreaterThan(0);
      for (const statement of role.trust.Statement) {
        expect(statement.Condition?.StringEquals?.["aws:SourceAccount"]).toBe(ACCOUNT);
      }
    });

    test.each(roles(json).map((role) => [role.id, role] as const))("%s names the source resources where they are known", (_id, role) => {
      const arns = sourceArns(role);
      const service = services(role);
      if (role.name === "dms-vpc-role" || role.name === "dms-cloudwatch-logs-role" || role.name === "dms-access-for-endpoint") {
        // Account-wide roles: a source ARN pattern was reported to hide task logs (terraform-aws-dms#84).
        expect(arns).toEqual([]);
      } else if (service.includes("monitoring.rds.amazonaws.com")) {
        expect(arns).toEqual([`${ARN_PREFIX("rds")}db:*`]);
      } else if (service.some((principal) => principal.startsWith("redshift."))) {
        // A Redshift target's role: DMS stages the files, Redshift's COPY reads them.
        expect(arns).toEqual([`${ARN_PREFIX("dms")}*`, `${ARN_PREFIX("redshift")}*`]);
      } else if (service.some((principal) => principal.startsWith("rds."))) {
        // A Neptune target's role: DMS stages the files, the cluster's bulk loader reads them.
        expect(arns).toEqual([`${ARN_PREFIX("dms")}*`, `${ARN_PREFIX("rds")}cluster:*`]);
      } else if (service.includes("scheduler.amazonaws.com")) {
        expect(arns).toEqual([`${ARN_PREFIX("scheduler")}schedule-group/default`, expect.stringMatching(/:schedule\/default\/[a-z0-9-]+-reload$/)]);
      } else {
        expect(service.every((principal) => principal.startsWith("dms."))).toBe(true);
        expect(arns).toEqual([`${ARN_PREFIX("dms")}*`]);
      }
    });
  });
});

describe("serviceTrustPolicy", () => {
  test("always holds the account condition, and a source ARN condition when given", () => {
    const stack = newStack();
    const plain = JSON.parse(serviceTrustPolicy(stack, "example.amazonaws.com"));
    const scoped = JSON.parse(serviceTrustPolicy(stack, ["a.amazonaws.com", "b.amazonaws.com"], { sourceArns: ["arn:aws:x:r:1:y/*", "arn:aws:x:r:1:z"] }));
    const account = AwsAccount.of(stack).accountId;
    expect(plain.Statement[0].Condition).toEqual({ StringEquals: { "aws:SourceAccount": account } });
    expect(scoped.Statement[0]).toMatchObject({
      Principal: { Service: ["a.amazonaws.com", "b.amazonaws.com"] },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": ["arn:aws:x:r:1:y/*", "arn:aws:x:r:1:z"] } },
    });
  });
});
