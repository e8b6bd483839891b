import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { environmentFile } from "../../helpers/environments";
import { TerraformJson, blocks } from "../../helpers/synth";

function synthStaging(change: (file: Record<string, any>) => void = () => undefined): TerraformJson {
  const file = environmentFile("staging");
  change(file);
  const check = checkEnvironment(JSON.stringify(file), "staging");
  if (!check.config) throw new Error(check.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return JSON.parse(Testing.synth(new MigrationStack(Testing.app(), "staging", { config: check.config })));
}

const SHARED_GROUP = environmentFile("staging").dms.existingReplicationInstance.securityGroupId as string;
const rulesOnSharedGroup = (json: TerraformJson) =>
  [...blocks(json, "aws_vpc_security_group_egress_rule"), ...blocks(json, "aws_vpc_security_group_ingress_rule")].filter((rule) => rule.security_group_id === SHARED_GROUP);

describe("a replication instance shared by several stacks", () => {
  const first = synthStaging();
  // Another project on the same instance, reading the same source server.
  const second = synthStaging((file) => {
    file.projectName = "housing-finance";
    file.database.identifier = "housing-finance";
    file.dms.targetEndpoint.endpointId = "target-hf-endpoint-staging";
    file.sources.uht.endpointId = "source-hf-uht-endpoint-staging";
    file.tasks[0].replicationTaskId = "uht-to-hf-mirror";
  });

  test("a stack writes on the shared group only rules that name its own groups", () => {
    const rules = rulesOnSharedGroup(first);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.cidr_ipv4).toBeUndefined();
      expect(rule.prefix_list_id).toBeUndefined();
      expect(rule.referenced_security_group_id).toMatch(/^\$\{aws_security_group\./);
    }
  });

  test("two stacks never write the same rule on it (AWS would refuse the second; the first destroy would remove both)", () => {
    const identity = (rule: Record<string, unknown>) => JSON.stringify([rule.cidr_ipv4, rule.referenced_security_group_id, rule.prefix_list_id, rule.from_port]);
    const firstRules = rulesOnSharedGroup(first).map(identity);
    const literalInBoth = rulesOnSharedGroup(second).map(identity).filter((rule) => firstRules.includes(rule) && !rule.includes("${"));
    expect(literalInBoth).toEqual([]);
  });

  test("what the owner must allow (Secrets Manager, the sources) is named in an output instead of written", () => {
    const required = Object.values(first.output.dms_shared_instance_rules_required_of_owner.value as Record<string, string>);
    expect(required).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^egress tcp\/443 to sg-0c3d4e5f60718293a \(Secrets Manager/),
        expect.stringMatching(/^egress tcp\/1433 to 10\.80\.2\.21\/32 /),
      ]),
    );
  });
});
