/**
 * The graph-mapping configuration a Neptune target needs besides the table mappings: how rows become a property
 * graph (Gremlin) or RDF triples (R2RML), after "Specifying graph-mapping rules using Gremlin and R2RML for Amazon
 * Neptune as a target" (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Neptune.html) and "Creating a
 * Neptune GraphMappingConfig" (https://docs.aws.amazon.com/neptune/latest/userguide/dms-neptune-graph-mapping.html).
 * `{column}` in a template is replaced by the row's value.
 */
export type GraphMapping = { readonly gremlin: readonly GremlinRule[] } | { readonly r2rml: R2rmlMapping };

/** A property of a vertex or an edge. */
export interface GraphProperty {
  readonly name: string;
  /** A template such as `{name}` or a constant. */
  readonly value: string;
  /** @default "String" */
  readonly type?: string;
}

export interface GremlinVertex {
  /** Names the vertex for the edges of any rule (`vertex_definition_id`). */
  readonly definitionId: string;
  readonly label: string;
  /** Such as `{id}` or `person-{id}`. */
  readonly idTemplate: string;
  /** @default [] */
  readonly properties?: readonly GraphProperty[];
}

export interface GremlinEdge {
  readonly label: string;
  /** Such as `{from_id}_{to_id}`. */
  readonly idTemplate: string;
  readonly from: { readonly definitionId: string; readonly idTemplate: string };
  readonly to: { readonly definitionId: string; readonly idTemplate: string };
  /** @default [] */
  readonly properties?: readonly GraphProperty[];
}

/** The vertices and edges the rows of one table make. */
export interface GremlinRule {
  readonly table: string;
  /** @default [] */
  readonly vertices?: readonly GremlinVertex[];
  /** @default [] */
  readonly edges?: readonly GremlinEdge[];
}

export interface R2rmlPredicate {
  /** A prefixed name (`ex:name`) or an absolute IRI. */
  readonly predicate: string;
  /** The column whose value is the object. Give this or `template`. */
  readonly column?: string;
  /** An IRI template for the object, such as `http://example.com/team/{team_id}`. */
  readonly template?: string;
  /** A prefixed name such as `xsd:integer`. @default - a plain literal */
  readonly datatype?: string;
}

export interface R2rmlTriplesMap {
  /** Names the map in the document (`<#name>`). */
  readonly name: string;
  readonly table: string;
  /** The subject's IRI template, such as `http://example.com/person/{id}`. */
  readonly subjectTemplate: string;
  /** @default - none */
  readonly class?: string;
  readonly predicates: readonly R2rmlPredicate[];
}

export interface R2rmlMapping {
  /** Prefixes and their namespaces (`rr` is always declared). @default {} */
  readonly prefixes?: Readonly<Record<string, string>>;
  readonly triplesMaps: readonly R2rmlTriplesMap[];
}

export const isGremlin = (mapping: GraphMapping): mapping is { readonly gremlin: readonly GremlinRule[] } => "gremlin" in mapping;

const property = (p: GraphProperty) => ({ property_name: p.name, property_value_template: p.value, property_value_type: p.type ?? "String" });

/** The Gremlin GraphMappingConfig JSON, rules numbered in order. */
export function gremlinMappingJson(rules: readonly GremlinRule[]): string {
  const rendered = rules.map((rule, index) => ({
    rule_id: String(index + 1),
    rule_name: `graph-${index + 1}-${rule.table}`,
    table_name: rule.table,
    ...((rule.vertices ?? []).length > 0
      ? {
          vertex_definitions: (rule.vertices ?? []).map((vertex) => ({
            vertex_id_template: vertex.idTemplate,
            vertex_label: vertex.label,
            vertex_definition_id: vertex.definitionId,
            vertex_properties: (vertex.properties ?? []).map(property),
          })),
        }
      : {}),
    ...((rule.edges ?? []).length > 0
      ? {
          edge_definitions: (rule.edges ?? []).map((edge) => ({
            from_vertex: { vertex_id_template: edge.from.idTemplate, vertex_definition_id: edge.from.definitionId },
            to_vertex: { vertex_id_template: edge.to.idTemplate, vertex_definition_id: edge.to.definitionId },
            edge_id_template: { label: edge.label, template: edge.idTemplate },
            edge_properties: (edge.properties ?? []).map(property),
          })),
        }
      : {}),
  }));
  return `${JSON.stringify({ rules: rendered }, null, 2)}\n`;
}

const turtleString = (value: string) => JSON.stringify(value);
const term = (name: string) => (/^https?:\/\//.test(name) ? `<${name}>` : name);

/** The R2RML document (Turtle), prefixes sorted, maps in order. */
export function r2rmlTurtle(mapping: R2rmlMapping): string {
  const prefixes = { rr: "http://www.w3.org/ns/r2rml#", ...(mapping.prefixes ?? {}) };
  const lines = Object.keys(prefixes)
    .sort()
    .map((prefix) => `@prefix ${prefix}: <${prefixes[prefix as keyof typeof prefixes]}> .`);
  for (const map of mapping.triplesMaps) {
    lines.push("", `<#${map.name}>`, `    rr:logicalTable [ rr:tableName ${turtleString(map.table)} ];`);
    lines.push(`    rr:subjectMap [ rr:template ${turtleString(map.subjectTemplate)}${map.class ? `; rr:class ${term(map.class)}` : ""} ]${map.predicates.length > 0 ? ";" : " ."}`);
    map.predicates.forEach((predicate, index) => {
      const object =
        predicate.column !== undefined
          ? `rr:column ${turtleString(predicate.column)}${predicate.datatype ? `; rr:datatype ${term(predicate.datatype)}` : ""}`
          : `rr:template ${turtleString(predicate.template as string)}; rr:termType rr:IRI`;
      lines.push(`    rr:predicateObjectMap [ rr:predicate ${term(predicate.predicate)}; rr:objectMap [ ${object} ] ]${index === map.predicates.length - 1 ? " ." : ";"}`);
    });
  }
  return `${lines.join("\n")}\n`;
}

/** The configuration as DMS takes it in a task's `TaskData`, and the file name's extension. */
export function graphMappingDocument(mapping: GraphMapping): { readonly text: string; readonly extension: "json" | "ttl" } {
  return isGremlin(mapping) ? { text: gremlinMappingJson(mapping.gremlin), extension: "json" } : { text: r2rmlTurtle(mapping.r2rml), extension: "ttl" };
}
