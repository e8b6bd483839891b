import { DescribeEndpointsCommand, DescribeReplicationInstancesCommand, Endpoint } from "@aws-sdk/client-database-migration-service";
import { DescribeSecurityGroupRulesCommand } from "@aws-sdk/client-ec2";
import { GetRolePolicyCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { EmulatorSession } from "../helpers/emulator";
import { ENVIRONMENTS_DIR } from "../helpers/environments";
import { expectNothingLeft, soundDeploymentTests } from "../helpers/emulator-checks";

/**
 * addresses (the project's PostgreSQL into the OpenSearch target) applied to the local emulator, checked through the
 * AWS APIs, re-planned clean and destroyed.
 *
 * It runs from a copy whose search domain is referenced by ARN: provider 5.100.0 sleeps a fixed 10 minutes after
 * CreateDomain before it first looks at a new domain (`tfresource.WithDelay(10*time.Minute)` in
 * internal/service/opensearch/wait.go, https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/opensearch/wait.go),
 * whatever the API answers, which no emulator can shorten. The created domain is covered by the unit and validate tests.
 */
const EXISTING_DOMAIN = {
  existingDomainArn: "arn:aws:es:eu-west-2:123456789012:domain/addresses-search",
  endpoint: "vpc-addresses-search-emulator.eu-west-2.es.amazonaws.com",
  cidr: "10.40.8.0/24",
};

/** addresses.json with its search domain referenced by ARN instead of created. */
function addressesWithExistingDomain(directory: string): void {
  const file = JSON.parse(readFileSync(join(ENVIRONMENTS_DIR, "addresses.json"), "utf8"));
  file.targets.search.domain = EXISTING_DOMAIN;
  writeFileSync(join(directory, "addresses.json"), JSON.stringify(file, null, 2));
}

async function endpointNamed(session: EmulatorSession, endpointId: string): Promise<Endpoint> {
  const { Endpoints } = await session.clients.dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: "endpoint-id", Values: [endpointId] }] }));
  expect(Endpoints).toHaveLength(1);
  return Endpoints![0];
}

async function inlinePolicies(session: EmulatorSession, roleArn: string): Promise<{ Statement: Record<string, unknown>[] }[]> {
  const RoleName = roleArn.split("/").pop()!;
  const { PolicyNames } = await session.clients.iam.send(new ListRolePoliciesCommand({ RoleName }));
  const policies = [];
  for (const PolicyName of PolicyNames ?? []) {
    const { PolicyDocument } = await session.clients.iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }));
    policies.push(JSON.parse(decodeURIComponent(PolicyDocument!)));
  }
  return policies;
}

async function instanceEgress(session: EmulatorSession) {
  const [instance] = (await session.clients.dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances!;
  const groupId = instance.VpcSecurityGroups![0].VpcSecurityGroupId!;
  const { SecurityGroupRules } = await session.clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [groupId] }] }));
  return (SecurityGroupRules ?? []).filter((rule) => rule.IsEgress);
}

describe("addresses (PostgreSQL into OpenSearch) on the local AWS emulator", () => {
  let addresses: EmulatorSession | undefined;
  let copies: string | undefined;

  beforeAll(async () => {
    copies = mkdtempSync(join(tmpdir(), "engines-environments-"));
    addressesWithExistingDomain(copies);
    addresses = await EmulatorSession.start("addresses", copies);
    await addresses.deployment.apply();
  });
  afterAll(async () => {
    await addresses?.stop();
    if (copies) rmSync(copies, { recursive: true, force: true });
  });

  const session = () => addresses!;
  soundDeploymentTests(session);

  test("the OpenSearch endpoint writes to the domain's HTTPS endpoint with the file's settings, through its own role", async () => {
    const endpoint = await endpointNamed(session(), "target-addresses-search");
    // AWS answers TARGET, moto target.
    expect({ type: endpoint.EndpointType?.toUpperCase(), engine: endpoint.EngineName }).toEqual({ type: "TARGET", engine: "opensearch" });
    expect(endpoint.ElasticsearchSettings).toMatchObject({
      EndpointUri: `https://${EXISTING_DOMAIN.endpoint}`,
      FullLoadErrorPercentage: 5,
      ErrorRetryDuration: 300,
      ServiceAccessRoleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\//),
    });
  });

  test("its role may call only the domain's HTTP API, on that domain's paths", async () => {
    const endpoint = await endpointNamed(session(), "target-addresses-search");
    const statements = (await inlinePolicies(session(), endpoint.ElasticsearchSettings!.ServiceAccessRoleArn!)).flatMap((policy) => policy.Statement);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Effect).toBe("Allow");
      expect([statement.Action].flat().every((action) => /^es:ESHttp(Delete|Get|Head|Post|Put)$/.test(action as string))).toBe(true);
      expect([statement.Resource].flat().every((resource) => resource === `${EXISTING_DOMAIN.existingDomainArn}/*` || resource === EXISTING_DOMAIN.existingDomainArn)).toBe(true);
    }
  });

  test("the replication instance may reach the domain's network on 443 only", async () => {
    const toDomain = (await instanceEgress(session())).filter((rule) => rule.CidrIpv4 === EXISTING_DOMAIN.cidr);
    expect(toDomain.map(({ IpProtocol, FromPort, ToPort }) => ({ IpProtocol, FromPort, ToPort }))).toEqual([{ IpProtocol: "tcp", FromPort: 443, ToPort: 443 }]);
  });

  test("destroy removes everything the stack created", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
  });
});
