import { TerraformStack } from "cdktf";
import { OpensearchDomain, OpensearchDomainProps } from "../../../modules/dms/targets/opensearch/domain";
import { OpensearchTargetEndpoint, OpensearchTargetEndpointProps } from "../../../modules/dms/targets/opensearch/endpoint";
import { opensearchTarget } from "../../../modules/dms/targets/opensearch";
import { opensearchTargetSchema } from "../../../modules/dms/targets/opensearch/schema";
import { targetEngineOf, targetSchema } from "../../../modules/dms/targets/registry";
import { Peer } from "../../../modules/network/peer";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { ServerlessReplication } from "../../../modules/dms/serverless-replication";
import { DmsAccountRoles } from "../../../modules/dms/account-roles";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { TaskSettings } from "../../../modules/dms/task-settings";
import { PostgresSourceEndpoint } from "../../../modules/dms/sources/postgres/endpoint";
import { formatFieldProblem } from "../../../modules/config/problem";
import { checkEnvironment } from "../../../modules/config";
import { dmsFixture } from "../../helpers/fixtures";
import { environmentFile } from "../../helpers/environments";
import { blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

const KEY = "arn:aws:kms:eu-west-2:123456789012:key/11111111-2222-3333-4444-555555555555";
const DOMAIN_ARN = "arn:aws:es:eu-west-2:123456789012:domain/addresses";
const context = { projectName: "addresses", environment: "development" };

function domainProps(overrides: Partial<OpensearchDomainProps> = {}): OpensearchDomainProps {
  return {
    ...context,
    domainName: "addresses-search",
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    kmsKeyArn: KEY,
    ...overrides,
  };
}

function existing(stack: TerraformStack) {
  return OpensearchDomain.fromExisting(stack, "Existing", {
    domainArn: DOMAIN_ARN,
    endpoint: "vpc-addresses-abc.eu-west-2.es.amazonaws.com",
    peer: Peer.securityGroup("sg-0123456789abcdef0", "addresses-domain"),
  });
}

function endpointProps(stack: TerraformStack, overrides: Partial<OpensearchTargetEndpointProps> = {}): OpensearchTargetEndpointProps {
  return { ...context, endpointId: "target-addresses-search", domain: existing(stack), ...overrides };
}

const MAPPINGS = new TableMappings().include({ schema: "public", table: "hackney_address" });
const NO_LOBS = TaskSettings.defaults().with({ TargetMetadata: { SupportLobs: false } });

describe("OpensearchTargetEndpoint", () => {
  test("elasticsearch_settings with the defaults, the domain's HTTPS endpoint, and the role", () => {
    const stack = newStack();
    new OpensearchTargetEndpoint(stack, "Search", endpointProps(stack));
    const json = synth(stack);
    const endpoint = only(json, "aws_dms_endpoint");
    expect(endpoint).toMatchObject({ endpoint_type: "target", engine_name: "opensearch" });
    expect(endpoint.elasticsearch_settings).toEqual({
      endpoint_uri: "https://vpc-addresses-abc.eu-west-2.es.amazonaws.com",
      service_access_role_arn: `\${aws_iam_role.${logicalId(json, "aws_iam_role")}.arn}`,
      full_load_error_percentage: 10,
      error_retry_duration: 300,
      use_new_mapping_type: true,
    });
  });

  test("every option reaches elasticsearch_settings; elasticsearch is the other engine name", () => {
    const stack = newStack();
    new OpensearchTargetEndpoint(stack, "Search", endpointProps(stack, { engineName: "elasticsearch", fullLoadErrorPercentage: 0, errorRetryDuration: 60, useNewMappingType: false }));
    const endpoint = only(synth(stack), "aws_dms_endpoint");
    expect(endpoint.engine_name).toBe("elasticsearch");
    expect(endpoint.elasticsearch_settings).toMatchObject({ full_load_error_percentage: 0, error_retry_duration: 60, use_new_mapping_type: false });
  });

  test("the role is trusted by DMS in this account only and may call only the domain's HTTP API", () => {
    const stack = newStack();
    new OpensearchTargetEndpoint(stack, "Search", endpointProps(stack));
    const json = synth(stack);
    const trust = JSON.parse(only(json, "aws_iam_role").assume_role_policy);
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": expect.stringMatching(/^\$\{data\.aws_caller_identity\.[^.]+\.account_id\}$/) },
      ArnLike: { "aws:SourceArn": expect.stringMatching(/:dms:.*:\*$/) },
    });
    const policy = JSON.parse(only(json, "aws_iam_role_policy").policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "DomainHttpApi",
        Effect: "Allow",
        Action: ["es:ESHttpDelete", "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut"],
        Resource: [DOMAIN_ARN, `${DOMAIN_ARN}/*`],
      },
    ]);
  });

  test.each<[string, Partial<OpensearchTargetEndpointProps>, RegExp]>([
    ["a bad endpoint id", { endpointId: "9target" }, /endpointId/],
    ["an error percentage over 100", { fullLoadErrorPercentage: 101 }, /fullLoadErrorPercentage.*0 to 100/],
    ["a negative retry duration", { errorRetryDuration: -1 }, /errorRetryDuration/],
    ["the old mapping type on OpenSearch", { useNewMappingType: false }, /only the `_doc` document type/],
  ])("refuses %s", (_what, overrides, message) => {
    const stack = newStack();
    expect(() => new OpensearchTargetEndpoint(stack, "Search", endpointProps(stack, overrides))).toThrow(message);
  });

  test("tasks writing here are refused LOB support, validation, more than 32 load threads and TRUNCATE_BEFORE_LOAD", () => {
    const stack = newStack();
    const { instance, database } = dmsFixture(stack);
    const source = new PostgresSourceEndpoint(stack, "Source", { ...context, endpointId: "source-addresses", database, captureChanges: true });
    const target = new OpensearchTargetEndpoint(stack, "Search", endpointProps(stack));
    const task = (id: string, extra: object) =>
      new ReplicationTask(stack, id, { ...context, replicationTaskId: id, migrationType: "full-load", replicationInstance: instance, source, target, tableMappings: MAPPINGS, ...extra });
    expect(() => task("lobs", {})).toThrow(/TargetMetadata\.SupportLobs.*no LOB columns/);
    expect(() => task("validated", { settings: NO_LOBS, validation: true })).toThrow(/EnableValidation.*does not validate/);
    expect(() => task("threads", { settings: NO_LOBS.with({ TargetMetadata: { ParallelLoadThreads: 33 } }) })).toThrow(/at most 32 load threads/);
    expect(() => task("truncated", { settings: NO_LOBS.with({ FullLoadSettings: { TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD" } }) })).toThrow(
      /FullLoadSettings\.TargetTablePrepMode.*cannot be truncated; allowed: DROP_AND_CREATE .* or DO_NOTHING/,
    );
    expect(() => task("kept", { settings: NO_LOBS.with({ FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" } }) })).not.toThrow();
    expect(() => task("recreated", { settings: NO_LOBS.with({ FullLoadSettings: { TargetTablePrepMode: "DROP_AND_CREATE" } }) })).not.toThrow();
    expect(() => task("fine", { settings: NO_LOBS.with({ TargetMetadata: { ParallelLoadThreads: 8 } }) })).not.toThrow();
  });

  test("a serverless replication writing here is refused LOB support too", () => {
    const stack = newStack();
    const { database, network, roles } = dmsFixture(stack);
    const source = new PostgresSourceEndpoint(stack, "Source", { ...context, endpointId: "source-addresses", database, captureChanges: true });
    const target = new OpensearchTargetEndpoint(stack, "Search", endpointProps(stack));
    const serverless = (settings?: TaskSettings) =>
      new ServerlessReplication(stack, `S${settings ? 1 : 0}`, {
        ...context,
        ...network,
        replicationConfigId: `search-${settings ? 1 : 0}`,
        migrationType: "full-load",
        source,
        target,
        tableMappings: MAPPINGS,
        settings,
        minCapacityUnits: 1,
        maxCapacityUnits: 2,
        accountRoles: roles as DmsAccountRoles,
      });
    expect(() => serverless()).toThrow(/SupportLobs/);
    expect(() => serverless(NO_LOBS)).not.toThrow();
  });

  test("the instance reaches an existing domain on 443 only, at its security group", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    new OpensearchTargetEndpoint(stack, "Search", endpointProps(stack)).allowConnectionsFrom(instance);
    expect(blocks(synth(stack), "aws_vpc_security_group_egress_rule")).toEqual([
      expect.objectContaining({ referenced_security_group_id: "sg-0123456789abcdef0", from_port: 443, to_port: 443, ip_protocol: "tcp" }),
    ]);
  });
});

describe("OpensearchDomain", () => {
  test("VPC only, encrypted with the environment's key, node-to-node encryption, HTTPS with TLS 1.2, one node in one subnet", () => {
    const stack = newStack();
    new OpensearchDomain(stack, "Domain", domainProps());
    const domain = only(synth(stack), "aws_opensearch_domain");
    expect(domain).toMatchObject({
      domain_name: "addresses-search",
      engine_version: "OpenSearch_2.19",
      cluster_config: { instance_type: "t3.small.search", instance_count: 1, zone_awareness_enabled: false },
      ebs_options: { ebs_enabled: true, volume_type: "gp3", volume_size: 10 },
      encrypt_at_rest: { enabled: true, kms_key_id: KEY },
      node_to_node_encryption: { enabled: true },
      domain_endpoint_options: { enforce_https: true, tls_security_policy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    });
    expect(domain.vpc_options.subnet_ids).toBe('${slice(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"], 0, 1)}');
    expect(domain.access_policies).toBeUndefined();
  });

  test("two or more nodes span two zones", () => {
    const stack = newStack();
    new OpensearchDomain(stack, "Domain", domainProps({ instanceCount: 2, instanceType: "r6g.large.search", volumeSizeGb: 50, engineVersion: "OpenSearch_2.17" }));
    const domain = only(synth(stack), "aws_opensearch_domain");
    expect(domain.cluster_config).toMatchObject({ instance_count: 2, instance_type: "r6g.large.search", zone_awareness_enabled: true, zone_awareness_config: { availability_zone_count: 2 } });
    expect(domain.vpc_options.subnet_ids).toContain(", 0, 2)");
    expect(domain.engine_version).toBe("OpenSearch_2.17");
  });

  test("its access policy lets in the DMS role only; the instance may reach it on 443, and it admits the instance on 443", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    const domain = new OpensearchDomain(stack, "Domain", domainProps());
    new OpensearchTargetEndpoint(stack, "Search", { ...context, endpointId: "target-addresses-search", domain }).allowConnectionsFrom(instance);
    const json = synth(stack);
    const policy = JSON.parse(only(json, "aws_opensearch_domain_policy").access_policies);
    const role = Object.entries(json.resource.aws_iam_role).find(([, block]: [string, any]) => block.name_prefix === "dms-opensearch-")?.[0];
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { AWS: `\${aws_iam_role.${role}.arn}` },
        Action: ["es:ESHttpDelete", "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut"],
        Resource: `\${aws_opensearch_domain.${logicalId(json, "aws_opensearch_domain")}.arn}/*`,
      },
    ]);
    const ingress = blocks(json, "aws_vpc_security_group_ingress_rule").filter((rule) => rule.description.includes("search domain"));
    expect(ingress).toEqual([expect.objectContaining({ from_port: 443, to_port: 443 })]);
    const egress = blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.description.includes("search domain"));
    expect(egress).toEqual([expect.objectContaining({ from_port: 443, to_port: 443 })]);
  });

  test.each<[string, Partial<OpensearchDomainProps>, RegExp]>([
    ["an upper-case name", { domainName: "Addresses" }, /domainName/],
    ["a name over 28 characters", { domainName: "a".repeat(29) }, /domainName/],
    ["no nodes", { instanceCount: 0 }, /instanceCount/],
    ["less than 10 GiB", { volumeSizeGb: 5 }, /volumeSizeGb/],
    ["an EC2 instance type", { instanceType: "t3.small" }, /instanceType/],
  ])("refuses %s", (_what, overrides, message) => {
    expect(() => new OpensearchDomain(newStack(), "Domain", domainProps(overrides))).toThrow(message);
  });
});

describe("the opensearch entry of an environment file", () => {
  const created = { engine: "opensearch", endpointId: "target-addresses-search", domain: { name: "addresses-search" } };
  const existingEntry = {
    engine: "opensearch",
    endpointId: "target-addresses-search",
    domain: { existingDomainArn: DOMAIN_ARN, endpoint: "vpc-addresses-abc.eu-west-2.es.amazonaws.com", securityGroupId: "sg-0123456789abcdef0" },
  };

  test("is a target engine of the registry, with its defaults", () => {
    expect(targetEngineOf(targetSchema.parse(created))).toBe(opensearchTarget);
    expect(opensearchTargetSchema.parse(created).engineName).toBe("opensearch");
  });

  test.each<[string, object, string]>([
    ["no domain name and no existing domain", { domain: {} }, "domain.name"],
    ["created-domain keys on an existing domain", { domain: { ...existingEntry.domain, instanceCount: 2 } }, "domain.instanceCount"],
    ["an existing domain without its endpoint", { domain: { existingDomainArn: DOMAIN_ARN, cidr: "10.1.0.0/24" } }, "domain.endpoint"],
    ["an existing domain with both a security group and a network", { domain: { ...existingEntry.domain, cidr: "10.1.0.0/24" } }, "domain.securityGroupId"],
    ["an endpoint with a scheme", { domain: { ...existingEntry.domain, endpoint: "https://x.es.amazonaws.com" } }, "domain.endpoint"],
  ])("its schema refuses %s", (_what, overrides, path) => {
    const result = opensearchTargetSchema.safeParse({ ...existingEntry, ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  test("its problems are the construct's and the domain's rules, at the file's fields", () => {
    const problems = opensearchTarget.problems(opensearchTargetSchema.parse({ ...created, fullLoadErrorPercentage: 200, domain: { name: "Bad", volumeSizeGb: 1 } }));
    expect(problems.map((problem) => problem.path)).toEqual(["fullLoadErrorPercentage", "domain.name", "domain.volumeSizeGb"]);
    expect(opensearchTarget.problems(opensearchTargetSchema.parse(existingEntry))).toEqual([]);
  });

  test("refuses LOB support and validation in the tasks writing to it, and nothing else of the defaults", () => {
    const rules = opensearchTarget.refusesTaskSettings ?? [];
    expect(rules.filter((rule) => rule.when(TaskSettings.defaults().values)).map((rule) => rule.path.join("."))).toEqual(["TargetMetadata.SupportLobs"]);
    expect(rules.filter((rule) => rule.when(NO_LOBS.values))).toEqual([]);
  });
});

describe("an environment file with an OpenSearch target", () => {
  /** postgres-s3's task, written to a created search domain instead of the lake. */
  function problemsWith(edit: (task: Record<string, any>) => void): string[] {
    const file = environmentFile("postgres-s3");
    file.targets.search = { engine: "opensearch", endpointId: "target-addresses-search", domain: { name: "addresses-search" } };
    const task = file.tasks[0];
    task.target = "search";
    delete task.serverless;
    file.dms.replicationInstance = { id: "addresses-dms-instance", instanceClass: "dms.t3.small", engineVersion: "3.6.1" };
    edit(task);
    return checkEnvironment(JSON.stringify(file), "postgres-s3").problems.map(formatFieldProblem);
  }

  test("refuses, at file-check time, tasks whose settings keep LOB support, turn on validation or truncate the index", () => {
    expect(problemsWith(() => undefined)).toEqual([
      "tasks[0].settings.TargetMetadata.SupportLobs = true: an OpenSearch target takes no LOB columns; allowed: false (set TargetMetadata.SupportLobs: false)",
    ]);
    expect(
      problemsWith((task) => {
        task.settings = { TargetMetadata: { SupportLobs: false } };
        task.validation = true;
      }),
    ).toEqual(["tasks[0].settings.ValidationSettings.EnableValidation = true: DMS does not validate data in an OpenSearch target; allowed: false (and no `validation: true` on the task)"]);
    expect(problemsWith((task) => (task.settings = { TargetMetadata: { SupportLobs: false }, FullLoadSettings: { TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD" } }))).toEqual([
      "tasks[0].settings.FullLoadSettings.TargetTablePrepMode = \"TRUNCATE_BEFORE_LOAD\": an OpenSearch index cannot be truncated; allowed: DROP_AND_CREATE (deletes and recreates each table's index, the default) or DO_NOTHING (writes into the index as it is, overwriting documents with the same id)",
    ]);
    for (const mode of ["DROP_AND_CREATE", "DO_NOTHING"]) {
      expect(problemsWith((task) => (task.settings = { TargetMetadata: { SupportLobs: false }, FullLoadSettings: { TargetTablePrepMode: mode } }))).toEqual([]);
    }
    expect(problemsWith((task) => (task.settings = { TargetMetadata: { SupportLobs: false } }))).toEqual([]);
  });
});
