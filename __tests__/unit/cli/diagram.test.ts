import { Testing } from "cdktf";
import { loadEnvironments } from "../../../modules/config";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { environmentDiagram } from "../../../cli/diagram";
import { stackModelFrom } from "../../../cli/stack-model";
import { BUNDLED_ENVIRONMENTS, ENVIRONMENTS_DIR } from "../../helpers/environments";

const configs = loadEnvironments(ENVIRONMENTS_DIR);
const diagramOf = (environment: string) => {
  const config = configs.find((c) => c.environment === environment)!;
  const stack = new MigrationStack(Testing.app(), environment, { config });
  return environmentDiagram(stackModelFrom(JSON.parse(Testing.synth(stack)), environment));
};

const ID = "[A-Za-z0-9_]+";
const LABEL = '"[^"]*"';
const NODE = new RegExp(`^(${ID})(\\[\\(${LABEL}\\)\\]|\\{\\{${LABEL}\\}\\}|\\(\\[${LABEL}\\]\\)|\\[${LABEL}\\]|>${LABEL}\\])$`);
const EDGE = new RegExp(`^(${ID}) (-->|-\\. [a-z ]+ \\.->|-- [a-z ]+ -->) (${ID})$`);
const SUBGRAPH = new RegExp(`^subgraph ${ID}\\[${LABEL}\\]$`);

/**
 * A strict structural parse of the subset of Mermaid flowchart syntax the diagram uses (the `mermaid` parser needs
 * a DOM, and `@mermaid-js/parser` has no flowchart grammar): each line is a node with a quoted label in one of five
 * shapes, an edge of one of three kinds between defined nodes, or a subgraph; subgraphs close; ids are unique.
 */
function parseFlowchart(text: string): { nodes: Map<string, string>; edges: string[] } {
  const [header, ...lines] = text.trimEnd().split("\n");
  expect(header).toBe("flowchart LR");
  const nodes = new Map<string, string>();
  const edges: string[] = [];
  let depth = 0;
  for (const raw of lines) {
    const line = raw.trim();
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    if (node) {
      expect(nodes.has(node[1])).toBe(false);
      nodes.set(node[1], /"([^"]*)"/.exec(node[2])![1]);
    } else if (edge) {
      for (const end of [edge[1], edge[3]]) expect({ line, defined: nodes.has(end) }).toEqual({ line, defined: true });
      edges.push(`${edge[1]} ${edge[2]} ${edge[3]}`);
    } else if (SUBGRAPH.test(line)) depth += 1;
    else if (line === "end") depth -= 1;
    else throw new Error(`not a flowchart line: ${line}`);
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  return { nodes, edges };
}

describe("the Mermaid diagram of each environment", () => {
  test.each(BUNDLED_ENVIRONMENTS)("%s parses as a flowchart, and every task links its source, target and compute", (environment) => {
    const { nodes, edges } = parseFlowchart(diagramOf(environment));
    const config = configs.find((c) => c.environment === environment)!;
    for (const task of config.tasks ?? []) {
      const id = `task_${task.replicationTaskId.replace(/-/g, "_")}`;
      expect(nodes.get(id)).toContain(task.migrationType);
      expect(edges.filter((e) => e.endsWith(`--> ${id}`) && !e.includes(".->"))).toHaveLength(1);
      expect(edges.filter((e) => e.startsWith(`${id} --> `))).toHaveLength(1);
      expect(edges.filter((e) => e.startsWith(`${id} -. runs on .-> `))).toHaveLength(1);
    }
  });

  test("development: one SQL Server source, one CDC task on the created instance, into the database", () => {
    const { nodes, edges } = parseFlowchart(diagramOf("development"));
    expect(nodes.get("endpoint_source_uh_uht_endpoint")).toBe("source-uh-uht-endpoint<br/>sqlserver · uhtest");
    expect(nodes.get("instance_development_dms_instance")).toBe("replication instance development-dms-instance<br/>dms.t3.small");
    expect(edges).toEqual([
      "endpoint_source_uh_uht_endpoint --> task_uht_to_uh_mirror",
      "task_uht_to_uh_mirror --> endpoint_target_uh_endpoint",
      "task_uht_to_uh_mirror -. runs on .-> instance_development_dms_instance",
    ]);
  });

  test("production: the nightly schedule starts the full-load task with reload-target, and alarms watch each task", () => {
    const { nodes, edges } = parseFlowchart(diagramOf("production"));
    expect(nodes.get("schedule_uhw_to_uh_mirror_reload")).toBe("schedule uhw-to-uh-mirror-reload<br/>cron(30 1 * * ? *)<br/>Europe/London<br/>reload-target");
    expect(edges).toContain("schedule_uhw_to_uh_mirror_reload -. starts .-> task_uhw_to_uh_mirror");
    expect(edges).toContain("alarms_task_uht_to_uh_mirror -. watches .-> task_uht_to_uh_mirror");
    expect(nodes.get("alarms_task_uhw_to_uh_mirror")).toBe("1 alarm<br/>FullLoadThroughputRowsTarget");
  });

  test("postgres-s3: serverless capacity instead of an instance, and the S3 bucket the target writes to", () => {
    const { nodes, edges } = parseFlowchart(diagramOf("postgres-s3"));
    expect(nodes.get("capacity_task_addresses_to_lake")).toBe("DMS Serverless<br/>1-4 DCU");
    expect(edges.find((e) => e.startsWith("endpoint_target_addresses_lake -- writes --> bucket_"))).toBeDefined();
    expect(edges).toContain("alarms_db_addresses_api_db_postgres_s3 -. watches .-> database_addresses_api_db_postgres_s3");
  });

  test("a quote or an angle bracket in a name cannot break out of its label", () => {
    const model = stackModelFrom({ resource: { aws_dms_replication_instance: { I: { replication_instance_id: 'a"b<c>#d' } } } }, "x");
    const { nodes } = parseFlowchart(environmentDiagram(model));
    expect([...nodes.values()]).toEqual(["replication instance a#quot;b#lt;c#gt;#35;d"]);
  });
});
