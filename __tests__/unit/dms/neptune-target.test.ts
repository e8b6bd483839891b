import { NeptuneTargetEndpoint, NeptuneTargetEndpointProps, NEPTUNE_DATA_ACTIONS } from "../../../modules/dms/targets/neptune/endpoint";
import { GraphMapping, gremlinMappingJson, graphMappingDocument, r2rmlTurtle } from "../../../modules/dms/targets/neptune/graph-mapping";
import { neptuneTarget } from "../../../modules/dms/targets/neptune";
import { neptuneTargetSchema } from "../../../modules/dms/targets/neptune/schema";
import { targetEngineOf, targetSchema } from "../../../modules/dms/targets/registry";
import { ReplicationInstance } from "../../../modules/dms/replication-instance";
import { DmsTargetBucket } from "../../../modules/storage/dms-target-bucket";
import { dmsFixture } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { blocks, newStack, synth } from "../../helpers/synth";

const KEY = "arn:aws:kms:eu-west-2:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd";
const RESOURCE_ID = "cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const GRAPH_GROUP = "sg-0b1c2d3e4f5a60789";

const GREMLIN: GraphMapping = {
  gremlin: [
    { table: "people", vertices: [{ definitionId: "person", label: "person", idTemplate: "{id}", properties: [{ name: "name", value: "{full_name}" }] }] },
    {
      table: "relationships",
      edges: [{ label: "knows", idTemplate: "{from_id}_{to_id}", from: { definitionId: "person", idTemplate: "{from_id}" }, to: { definitionId: "person", idTemplate: "{to_id}" } }],
    },
  ],
};

const R2RML: GraphMapping = {
  r2rml: {
    prefixes: { ex: "http://example.com/ns#", xsd: "http://www.w3.org/2001/XMLSchema#" },
    triplesMaps: [
      {
        name: "People",
        table: "people",
        subjectTemplate: "http://example.com/person/{id}",
        class: "ex:Person",
        predicates: [
          { predicate: "ex:name", column: "full_name" },
          { predicate: "ex:age", column: "age", datatype: "xsd:integer" },
          { predicate: "ex:team", template: "http://example.com/team/{team_id}" },
        ],
      },
    ],
  },
};

function neptuneProps(stack: any, overrides: Partial<NeptuneTargetEndpointProps> = {}): NeptuneTargetEndpointProps {
  return {
    projectName: "cases",
    environment: "development",
    endpointId: "target-cases-graph",
    serverName: "cases-graph.cluster-abc123.eu-west-2.neptune.amazonaws.com",
    clusterResourceId: RESOURCE_ID,
    securityGroupId: GRAPH_GROUP,
    graphMapping: GREMLIN,
    bucket: overrides.bucket ?? new DmsTargetBucket(stack, "Staging", { projectName: "cases", environment: "development", kmsKeyArn: KEY }),
    ...overrides,
  };
}

const neptuneEndpoint = (json: Record<string, any>) => blocks(json, "aws_dms_endpoint").find((endpoint) => endpoint.engine_name === "neptune") as Record<string, any>;

describe("NeptuneTargetEndpoint", () => {
  let json: Record<string, any>;
  let target: NeptuneTargetEndpoint;
  beforeAll(() => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    target = new NeptuneTargetEndpoint(stack, "Graph", neptuneProps(stack));
    target.allowConnectionsFrom(instance as ReplicationInstance);
    json = synth(stack);
  });

  test("the cluster by its endpoint; staging, role and IAM authentication in extra_connection_attributes", () => {
    const endpoint = neptuneEndpoint(json);
    expect(endpoint).toMatchObject({ endpoint_type: "target", engine_name: "neptune", server_name: "cases-graph.cluster-abc123.eu-west-2.neptune.amazonaws.com", port: 8182 });
    expect(endpoint.extra_connection_attributes).toMatch(/^s3BucketName=\$\{aws_s3_bucket\.[^}]+\.bucket\};s3BucketFolder=target-cases-graph;serviceAccessRoleArn=\$\{aws_iam_role\.[^}]+\.arn\};iamAuthEnabled=true$/);
    expect(endpoint.password).toBeUndefined();
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("the role is trusted by DMS and Neptune in this account only, and may use the folder, the key through S3 and this cluster only", () => {
    const role = blocks(json, "aws_iam_role").find((r) => r.name_prefix === "dms-neptune-") as Record<string, any>;
    const trust = JSON.parse(role.assume_role_policy);
    const services: string[] = trust.Statement[0].Principal.Service;
    expect(services.map((service) => service.split(".")[0])).toEqual(["dms", "dms", "rds"]);
    expect(trust.Statement[0].Condition.StringEquals).toHaveProperty(["aws:SourceAccount"]);
    const policy = JSON.parse((blocks(json, "aws_iam_role_policy").find((p) => p.name === "neptune-staging") as Record<string, any>).policy);
    const bySid = Object.fromEntries(policy.Statement.map((statement: any) => [statement.Sid, statement]));
    expect(Object.keys(bySid)).toEqual(["StagingObjects", "ListStagingFolder", "BucketLocation", "UseBucketKeyThroughS3", "LoadThisCluster"]);
    expect(bySid.StagingObjects.Resource).toMatch(/\/target-cases-graph\/\*$/);
    expect(bySid.ListStagingFolder.Condition.StringLike["s3:prefix"]).toEqual(["target-cases-graph", "target-cases-graph/*"]);
    expect(bySid.UseBucketKeyThroughS3).toMatchObject({ Resource: KEY, Condition: { StringEquals: { "kms:ViaService": expect.stringMatching(/^s3\./) } } });
    expect(bySid.LoadThisCluster.Action).toEqual([...NEPTUNE_DATA_ACTIONS]);
    expect(bySid.LoadThisCluster.Resource).toMatch(new RegExp(`:neptune-db:.*:${RESOURCE_ID}/\\*$`));
    expect(JSON.stringify(policy)).not.toMatch(/"Resource":"\*"/);
  });

  test("the instance is let into the cluster's group on 8182 only, and reaches S3 on 443 through the prefix list", () => {
    const egress = blocks(json, "aws_vpc_security_group_egress_rule");
    const ingress = blocks(json, "aws_vpc_security_group_ingress_rule").filter((rule) => rule.description?.includes("Neptune target"));
    expect(egress.filter((rule) => rule.description?.includes("Neptune target"))).toEqual([expect.objectContaining({ from_port: 8182, to_port: 8182, referenced_security_group_id: GRAPH_GROUP })]);
    expect(ingress).toEqual([expect.objectContaining({ security_group_id: GRAPH_GROUP, from_port: 8182, to_port: 8182 })]);
    expect(egress.filter((rule) => rule.prefix_list_id !== undefined)).toEqual([expect.objectContaining({ from_port: 443, to_port: 443 })]);
  });

  test("the graph mapping is written next to the stack, to attach as the task's TaskData", () => {
    expect(target.graphMappingFile.fileName).toBe("neptune/target-cases-graph.graph-mapping.json");
  });
});

describe("Neptune options and refusals", () => {
  test("without IAM authentication, no data-plane statement and no resource id needed; load tuning in the attributes", () => {
    const stack = newStack();
    new NeptuneTargetEndpoint(stack, "Graph", neptuneProps(stack, { iamAuthEnabled: false, clusterResourceId: undefined, errorRetryDuration: 500, maxFileSize: 2048, maxRetryCount: 3, bucketFolder: "dms/graph" }));
    const json = synth(stack);
    expect(neptuneEndpoint(json).extra_connection_attributes).toMatch(/;s3BucketFolder=dms\/graph;.*;iamAuthEnabled=false;errorRetryDuration=500;maxFileSize=2048;maxRetryCount=3$/);
    expect(JSON.parse((blocks(json, "aws_iam_role_policy").find((p) => p.name === "neptune-staging") as Record<string, any>).policy).Statement.map((s: any) => s.Sid)).not.toContain("LoadThisCluster");
  });

  test("refuses a staging bucket without a KMS key", () => {
    const stack = newStack();
    const bucket = DmsTargetBucket.fromExisting(stack, "Plain", { bucketName: "cases-plain-bucket" });
    expect(() => new NeptuneTargetEndpoint(stack, "Graph", neptuneProps(stack, { bucket }))).toThrow(/needs a KMS key/);
  });

  const badGremlin = (gremlin: any): Partial<NeptuneTargetEndpointProps> => ({ graphMapping: { gremlin } });
  test.each([
    ["IAM authentication without the resource id", { clusterResourceId: undefined }, /clusterResourceId.*required with IAM authentication/],
    ["a cluster name as resource id", { clusterResourceId: "cases-graph" }, /clusterResourceId.*resource id/],
    ["no group and a host name", { securityGroupId: undefined }, /securityGroupId.*required/],
    ["a group and a network", { allowedCidr: "10.80.0.0/24" }, /not both/],
    ["every address", { securityGroupId: undefined, allowedCidr: "0.0.0.0/0" }, /allowedCidr/],
    ["an absolute folder", { bucketFolder: "/dms" }, /bucketFolder.*relative folder/],
    ["a negative retry duration", { errorRetryDuration: -1 }, /errorRetryDuration/],
    ["files over 1 GiB", { maxFileSize: 1048577 }, /maxFileSize/],
    ["a fractional retry count", { maxRetryCount: 1.5 }, /maxRetryCount/],
    ["no Gremlin rule", badGremlin([]), /at least one rule/],
    ["a rule that makes nothing", badGremlin([{ table: "people" }]), /at least one vertex or edge/],
    [
      "an edge to an undefined vertex",
      badGremlin([{ table: "t", edges: [{ label: "l", idTemplate: "{a}", from: { definitionId: "ghost", idTemplate: "{a}" }, to: { definitionId: "ghost", idTemplate: "{b}" } }] }]),
      /vertex definitions no rule defines: ghost/,
    ],
    [
      "a vertex defined twice",
      badGremlin([
        { table: "a", vertices: [{ definitionId: "v", label: "v", idTemplate: "{id}" }] },
        { table: "b", vertices: [{ definitionId: "v", label: "v", idTemplate: "{id}" }] },
      ]),
      /must be unique: v/,
    ],
    ["an unpaired brace", badGremlin([{ table: "a", vertices: [{ definitionId: "v", label: "v", idTemplate: "{id" }] }]), /braces paired.*\{id/],
    ["no triples map", { graphMapping: { r2rml: { triplesMaps: [] } } }, /at least one triples map/],
    [
      "a predicate with both column and template",
      { graphMapping: { r2rml: { prefixes: { ex: "http://e.com/#" }, triplesMaps: [{ name: "M", table: "t", subjectTemplate: "http://e.com/{id}", predicates: [{ predicate: "ex:p", column: "c", template: "http://e.com/{c}" }] }] } } },
      /exactly one of `column` and `template`/,
    ],
    [
      "a datatype on a template",
      { graphMapping: { r2rml: { prefixes: { ex: "http://e.com/#", xsd: "http://www.w3.org/2001/XMLSchema#" }, triplesMaps: [{ name: "M", table: "t", subjectTemplate: "http://e.com/{id}", predicates: [{ predicate: "ex:p", template: "http://e.com/{c}", datatype: "xsd:string" }] }] } } },
      /`datatype` applies to a `column`/,
    ],
    [
      "an undeclared prefix",
      { graphMapping: { r2rml: { triplesMaps: [{ name: "M", table: "t", subjectTemplate: "http://e.com/{id}", class: "foaf:Person", predicates: [] }] } } },
      /not declared in `prefixes`: foaf/,
    ],
    [
      "a triples map name with a space",
      { graphMapping: { r2rml: { triplesMaps: [{ name: "My map", table: "t", subjectTemplate: "http://e.com/{id}", predicates: [] }] } } },
      /triples map names/,
    ],
  ] as const)("refuses %s", (_what, overrides, message) => {
    const stack = newStack();
    expect(() => new NeptuneTargetEndpoint(stack, "Graph", neptuneProps(stack, overrides as Partial<NeptuneTargetEndpointProps>))).toThrow(message);
  });
});

describe("graph-mapping documents", () => {
  test("Gremlin: DMS's GraphMappingConfig JSON, rules numbered in order", () => {
    expect(JSON.parse(gremlinMappingJson((GREMLIN as any).gremlin))).toEqual({
      rules: [
        {
          rule_id: "1",
          rule_name: "graph-1-people",
          table_name: "people",
          vertex_definitions: [
            { vertex_id_template: "{id}", vertex_label: "person", vertex_definition_id: "person", vertex_properties: [{ property_name: "name", property_value_template: "{full_name}", property_value_type: "String" }] },
          ],
        },
        {
          rule_id: "2",
          rule_name: "graph-2-relationships",
          table_name: "relationships",
          edge_definitions: [
            {
              from_vertex: { vertex_id_template: "{from_id}", vertex_definition_id: "person" },
              to_vertex: { vertex_id_template: "{to_id}", vertex_definition_id: "person" },
              edge_id_template: { label: "knows", template: "{from_id}_{to_id}" },
              edge_properties: [],
            },
          ],
        },
      ],
    });
  });

  test("R2RML: Turtle with sorted prefixes, literals from columns and IRIs from templates", () => {
    expect(r2rmlTurtle((R2RML as any).r2rml)).toBe(
      [
        "@prefix ex: <http://example.com/ns#> .",
        "@prefix rr: <http://www.w3.org/ns/r2rml#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
        "<#People>",
        '    rr:logicalTable [ rr:tableName "people" ];',
        '    rr:subjectMap [ rr:template "http://example.com/person/{id}"; rr:class ex:Person ];',
        '    rr:predicateObjectMap [ rr:predicate ex:name; rr:objectMap [ rr:column "full_name" ] ];',
        '    rr:predicateObjectMap [ rr:predicate ex:age; rr:objectMap [ rr:column "age"; rr:datatype xsd:integer ] ];',
        '    rr:predicateObjectMap [ rr:predicate ex:team; rr:objectMap [ rr:template "http://example.com/team/{team_id}"; rr:termType rr:IRI ] ] .',
        "",
      ].join("\n"),
    );
    expect(graphMappingDocument(R2RML).extension).toBe("ttl");
  });
});

describe("the neptune entry of an environment file", () => {
  const entry = {
    engine: "neptune",
    endpointId: "target-cases-graph",
    serverName: "cases-graph.cluster-abc123.eu-west-2.neptune.amazonaws.com",
    clusterResourceId: RESOURCE_ID,
    securityGroupId: GRAPH_GROUP,
    graphMapping: GREMLIN,
  };

  test("is a target engine of the registry, with its defaults", () => {
    const parsed = targetSchema.parse(entry);
    expect(targetEngineOf(parsed)).toBe(neptuneTarget);
    expect(neptuneTargetSchema.parse(entry)).toMatchObject({ port: 8182, iamAuthEnabled: true, bucket: {} });
  });

  test("its problems are the construct's rules, at the file's fields", () => {
    expect(neptuneTarget.problems(neptuneTargetSchema.parse(entry))).toEqual([]);
    const problems = neptuneTarget.problems(neptuneTargetSchema.parse({ ...entry, clusterResourceId: undefined, maxFileSize: 0 }));
    expect(problems.map((problem) => problem.path)).toEqual(["clusterResourceId", "maxFileSize"]);
  });

  test("a mapping is Gremlin or R2RML, not both, with no unknown keys", () => {
    expect(neptuneTargetSchema.safeParse({ ...entry, graphMapping: { ...GREMLIN, ...R2RML } }).success).toBe(false);
    expect(neptuneTargetSchema.safeParse({ ...entry, graphMapping: { gremlin: [{ table: "t", nodes: [] }] } }).success).toBe(false);
  });
});
