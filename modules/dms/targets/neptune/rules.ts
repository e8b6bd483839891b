import { Rule } from "../../../core/rules";
import { ENDPOINT_ID } from "../../endpoints/endpoint-rules";
import { hostCidr } from "../../../network/peer";
import { BUCKET_FOLDER } from "../redshift/options";
import type { NeptuneTargetSettings } from "./endpoint";
import { GraphMapping, GremlinRule, R2rmlMapping, isGremlin } from "./graph-mapping";

const gremlin = (mapping: GraphMapping): readonly GremlinRule[] => (isGremlin(mapping) ? mapping.gremlin : []);
const r2rml = (mapping: GraphMapping): R2rmlMapping | undefined => (isGremlin(mapping) ? undefined : mapping.r2rml);

/** Every `{column}` template of the mapping. */
function templates(mapping: GraphMapping): string[] {
  const fromProperties = (properties: readonly { value: string }[] = []) => properties.map((property) => property.value);
  const r2 = r2rml(mapping);
  return [
    ...gremlin(mapping).flatMap((rule) => [
      ...(rule.vertices ?? []).flatMap((vertex) => [vertex.idTemplate, ...fromProperties(vertex.properties)]),
      ...(rule.edges ?? []).flatMap((edge) => [edge.idTemplate, edge.from.idTemplate, edge.to.idTemplate, ...fromProperties(edge.properties)]),
    ]),
    ...(r2?.triplesMaps ?? []).flatMap((map) => [map.subjectTemplate, ...map.predicates.flatMap((predicate) => (predicate.template === undefined ? [] : [predicate.template]))]),
  ];
}

/** `{` and `}` pair up around a non-empty name, never nested. */
export const wellFormedTemplate = (template: string) => /^(?:[^{}]|\{[^{}]+\})*$/.test(template);

/** Vertex definition ids that edges name but no vertex defines. */
export function undefinedVertices(mapping: GraphMapping): string[] {
  const defined = new Set(gremlin(mapping).flatMap((rule) => (rule.vertices ?? []).map((vertex) => vertex.definitionId)));
  const named = gremlin(mapping).flatMap((rule) => (rule.edges ?? []).flatMap((edge) => [edge.from.definitionId, edge.to.definitionId]));
  return [...new Set(named.filter((id) => !defined.has(id)))];
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/** Prefixed names (`ex:name`) whose prefix the R2RML mapping does not declare. */
export function undeclaredPrefixes(mapping: GraphMapping): string[] {
  const r2 = r2rml(mapping);
  if (r2 === undefined) return [];
  const declared = new Set(["rr", ...Object.keys(r2.prefixes ?? {})]);
  const names = r2.triplesMaps.flatMap((map) => [map.class, ...map.predicates.flatMap((predicate) => [predicate.predicate, predicate.datatype])]);
  return [
    ...new Set(
      names
        .filter((name): name is string => name !== undefined && !/^https?:\/\//.test(name))
        .map((name) => name.split(":")[0])
        .filter((prefix) => !declared.has(prefix)),
    ),
  ];
}

/**
 * What a Neptune target refuses (AWS DMS user guide, "Using Amazon Neptune as a target for AWS Database Migration
 * Service", https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Neptune.html). The endpoint runs this table,
 * and so does the environment-file check.
 */
export const NEPTUNE_TARGET_RULES: readonly Rule<NeptuneTargetSettings>[] = [
  { path: ["endpointId"], when: (props) => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
  {
    path: ["bucketFolder"],
    when: (props) => props.bucketFolder !== undefined && (!BUCKET_FOLDER.test(props.bucketFolder) || props.bucketFolder.split("/").some((part) => part === "." || part === "..")),
    message: 'must be a relative folder such as "dms/graph": segments joined by single slashes, no leading or trailing slash',
  },
  {
    path: ["clusterResourceId"],
    when: (props) => (props.iamAuthEnabled ?? true) && props.clusterResourceId === undefined,
    message: "required with IAM authentication (the default): the role may connect to that cluster only (arn:aws:neptune-db:<region>:<account>:<clusterResourceId>/*)",
  },
  {
    path: ["clusterResourceId"],
    when: (props) => props.clusterResourceId !== undefined && !/^cluster-[A-Z0-9]{26}$/.test(props.clusterResourceId),
    message: "must be the cluster's resource id, such as cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ (not its name or ARN)",
  },
  {
    path: ["securityGroupId"],
    when: (props) => props.securityGroupId !== undefined && props.allowedCidr !== undefined,
    message: "give the cluster's security group or its network (`allowedCidr`), not both",
  },
  {
    path: ["securityGroupId"],
    when: (props) => props.securityGroupId === undefined && props.allowedCidr === undefined && hostCidr(props.serverName) === undefined,
    message: "required: the cluster's security group, which the replication instance is let into on the port (or `allowedCidr`)",
  },
  { path: ["allowedCidr"], when: (props) => props.allowedCidr?.endsWith("/0") === true, message: "name the cluster's network, not every address" },
  {
    path: ["errorRetryDuration"],
    when: (props) => props.errorRetryDuration !== undefined && (!Number.isInteger(props.errorRetryDuration) || props.errorRetryDuration < 0),
    message: "must be a whole number of milliseconds, 0 or more (DMS's default is 250)",
  },
  {
    path: ["maxFileSize"],
    when: (props) => props.maxFileSize !== undefined && (!Number.isInteger(props.maxFileSize) || props.maxFileSize < 1 || props.maxFileSize > 1048576),
    message: "must be a whole number of kilobytes, 1 to 1048576 (DMS's default)",
  },
  {
    path: ["maxRetryCount"],
    when: (props) => props.maxRetryCount !== undefined && (!Number.isInteger(props.maxRetryCount) || props.maxRetryCount < 0),
    message: "must be a whole number of retries, 0 or more (DMS's default is 5)",
  },
  {
    path: ["graphMapping"],
    when: (props) => isGremlin(props.graphMapping) && props.graphMapping.gremlin.length === 0,
    message: "needs at least one rule: DMS loads nothing into the graph without one",
  },
  {
    path: ["graphMapping"],
    when: (props) => gremlin(props.graphMapping).some((rule) => (rule.vertices ?? []).length === 0 && (rule.edges ?? []).length === 0),
    message: "every Gremlin rule makes at least one vertex or edge from its table",
  },
  {
    path: ["graphMapping"],
    when: (props) => undefinedVertices(props.graphMapping).length > 0,
    message: (props) => `edges name vertex definitions no rule defines: ${undefinedVertices(props.graphMapping).join(", ")}`,
  },
  {
    path: ["graphMapping"],
    when: (props) => duplicates(gremlin(props.graphMapping).flatMap((rule) => (rule.vertices ?? []).map((vertex) => vertex.definitionId))).length > 0,
    message: (props) => `vertex definition ids must be unique: ${duplicates(gremlin(props.graphMapping).flatMap((rule) => (rule.vertices ?? []).map((vertex) => vertex.definitionId))).join(", ")}`,
  },
  {
    path: ["graphMapping"],
    when: (props) => templates(props.graphMapping).some((template) => !wellFormedTemplate(template)),
    message: (props) => `templates name columns as {column}, braces paired and not nested: ${templates(props.graphMapping).filter((template) => !wellFormedTemplate(template)).join(", ")}`,
  },
  {
    path: ["graphMapping"],
    when: (props) => r2rml(props.graphMapping)?.triplesMaps.length === 0,
    message: "needs at least one triples map: DMS loads nothing into the graph without one",
  },
  {
    path: ["graphMapping"],
    when: (props) => (r2rml(props.graphMapping)?.triplesMaps ?? []).some((map) => map.predicates.some((predicate) => (predicate.column === undefined) === (predicate.template === undefined))),
    message: "each R2RML predicate takes its object from exactly one of `column` and `template`",
  },
  {
    path: ["graphMapping"],
    when: (props) => (r2rml(props.graphMapping)?.triplesMaps ?? []).some((map) => map.predicates.some((predicate) => predicate.template !== undefined && predicate.datatype !== undefined)),
    message: "`datatype` applies to a `column` object (a literal), not to a `template` (an IRI)",
  },
  {
    path: ["graphMapping"],
    when: (props) => undeclaredPrefixes(props.graphMapping).length > 0,
    message: (props) => `prefixes used but not declared in \`prefixes\`: ${undeclaredPrefixes(props.graphMapping).join(", ")}`,
  },
  {
    path: ["graphMapping"],
    when: (props) => {
      const names = (r2rml(props.graphMapping)?.triplesMaps ?? []).map((map) => map.name);
      return names.some((name) => !/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) || duplicates(names).length > 0;
    },
    message: "triples map names are unique letters, digits, _ and -, starting with a letter",
  },
];
