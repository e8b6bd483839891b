import { z } from "zod";
import { dmsId, ipv4Cidr, securityGroupId, tcpPort } from "../../../core/identifiers";
import { ContextProps, Same } from "../../endpoints/entry-schema";
import type { NeptuneTargetEndpointProps } from "./endpoint";

const propertySchema = z.strictObject({
  name: z.string().min(1),
  value: z.string().min(1).describe("A template such as {name}, or a constant"),
  type: z.string().min(1).optional().describe("Property value type; default String"),
});

const vertexSchema = z.strictObject({
  definitionId: z.string().min(1).describe("Names the vertex for edges (vertex_definition_id)"),
  label: z.string().min(1),
  idTemplate: z.string().min(1).describe("Such as {id} or person-{id}"),
  properties: z.array(propertySchema).optional(),
});

const vertexReference = z.strictObject({ definitionId: z.string().min(1), idTemplate: z.string().min(1) });

const edgeSchema = z.strictObject({
  label: z.string().min(1),
  idTemplate: z.string().min(1).describe("Such as {from_id}_{to_id}"),
  from: vertexReference,
  to: vertexReference,
  properties: z.array(propertySchema).optional(),
});

const gremlinRuleSchema = z.strictObject({
  table: z.string().min(1).describe("The source table whose rows make these vertices and edges"),
  vertices: z.array(vertexSchema).optional(),
  edges: z.array(edgeSchema).optional(),
});

const r2rmlSchema = z.strictObject({
  prefixes: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/), z.string().url()).optional().describe("Prefix: namespace IRI (rr is always declared)"),
  triplesMaps: z.array(
    z.strictObject({
      name: z.string().min(1),
      table: z.string().min(1),
      subjectTemplate: z.string().min(1).describe("The subject's IRI template, such as http://example.com/person/{id}"),
      class: z.string().min(1).optional(),
      predicates: z.array(
        z.strictObject({
          predicate: z.string().min(1).describe("ex:name or an absolute IRI"),
          column: z.string().min(1).optional(),
          template: z.string().min(1).optional(),
          datatype: z.string().min(1).optional().describe("Such as xsd:integer, for a column"),
        }),
      ),
    }),
  ),
});

const graphMappingSchema = z
  .union([z.strictObject({ gremlin: z.array(gremlinRuleSchema) }), z.strictObject({ r2rml: r2rmlSchema })])
  .describe("How rows become a property graph ({ gremlin: rules }) or RDF triples ({ r2rml: { prefixes, triplesMaps } })");

const stagingBucketSchema = z
  .strictObject({
    name: z.string().optional().describe("Staging bucket to create; default a unique name starting <projectName>-<environment>-dms-"),
    forceDestroy: z.boolean().optional().describe("Let terraform destroy delete it with its objects; default false"),
    noncurrentVersionExpirationDays: z.number().int().min(1).optional().describe("Days old object versions are kept; default 30"),
  })
  .describe("The bucket DMS stages CSV files in for Neptune's bulk loader, created encrypted with the environment's key");

/** A Neptune target in an environment file: an existing cluster, referenced. */
export const neptuneTargetSchema = z
  .strictObject({
    engine: z.literal("neptune"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-cases-graph"),
    serverName: z.string().min(1).describe("The cluster's writer endpoint"),
    port: tcpPort.default(8182),
    clusterResourceId: z.string().optional().describe("The cluster's resource id (cluster-...), which the role's policy names; required with IAM authentication"),
    iamAuthEnabled: z.boolean().default(true).describe("Sign DMS's requests with the endpoint's role; default true"),
    securityGroupId: securityGroupId.optional().describe("The cluster's security group: the replication instance is let in on the port only"),
    allowedCidr: ipv4Cidr.optional().describe("The cluster's network, when there is no security group to name"),
    bucket: stagingBucketSchema.default({}),
    bucketFolder: z.string().min(1).optional().describe("Staging folder in the bucket; default the endpoint id"),
    errorRetryDuration: z.number().int().optional().describe("Milliseconds before a bulk load is retried; default 250"),
    maxFileSize: z.number().int().optional().describe("Kilobytes staged before a bulk load; default 1048576"),
    maxRetryCount: z.number().int().optional().describe("Bulk-load retries; default 5"),
    graphMapping: graphMappingSchema,
  })
  .describe("A DMS target endpoint loading an existing Amazon Neptune cluster through a staging bucket");

export type NeptuneTargetConfig = z.output<typeof neptuneTargetSchema>;

// The entry is the construct's props less the context, with `bucket` described here and built by the descriptor:
// this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof neptuneTargetSchema>, "engine" | "bucket">, Omit<NeptuneTargetEndpointProps, ContextProps | "bucket">> = true;
void entryMatchesProps;
