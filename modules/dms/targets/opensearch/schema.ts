import { z } from "zod";
import { dmsId, ipv4Cidr, securityGroupId } from "../../../core/identifiers";
import { SEARCH_ENGINE_NAMES } from "./options";
import { ContextProps, Same } from "../../endpoints/entry-schema";
import type { OpensearchTargetEndpointProps } from "./endpoint";

const CREATED_DOMAIN_KEYS = ["name", "engineVersion", "instanceType", "instanceCount", "volumeSizeGb"] as const;
const EXISTING_DOMAIN_KEYS = ["existingDomainArn", "endpoint", "securityGroupId", "cidr"] as const;

const domainSchema = z
  .strictObject({
    name: z.string().optional().describe("Domain to create: 3-28 lowercase letters, digits, hyphens"),
    engineVersion: z.string().regex(/^(OpenSearch|Elasticsearch)_\d+\.\d+$/, "such as OpenSearch_2.19").optional().describe("Created domain; default OpenSearch_2.19"),
    instanceType: z.string().optional().describe("Created domain; default t3.small.search"),
    instanceCount: z.number().int().optional().describe("Created domain: data nodes, two or more span two zones; default 1"),
    volumeSizeGb: z.number().int().optional().describe("Created domain: gp3 GiB per node; default 10"),
    existingDomainArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:es:[a-z0-9-]+:\d{12}:domain\/[a-z][a-z0-9-]{2,27}$/, "an OpenSearch domain ARN such as arn:aws:es:eu-west-2:123456789012:domain/addresses")
      .optional()
      .describe("Write to this existing domain instead of creating one"),
    endpoint: z
      .string()
      .regex(/^[a-z0-9.-]+$/, "the domain endpoint's host name, without https:// or a path")
      .optional()
      .describe("Existing domain: its endpoint host, such as vpc-addresses-abc.eu-west-2.es.amazonaws.com"),
    securityGroupId: securityGroupId.optional().describe("Existing domain: its security group, which DMS may reach on 443"),
    cidr: ipv4Cidr.optional().describe("Existing domain: the network of its endpoint, when there is no security group to name"),
  })
  .superRefine((domain, ctx) => {
    if (domain.existingDomainArn === undefined) {
      if (domain.name === undefined) ctx.addIssue({ code: "custom", path: ["name"], message: "give the name of the domain to create, or existingDomainArn" });
      for (const key of EXISTING_DOMAIN_KEYS.slice(1)) {
        if (domain[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only applies with existingDomainArn" });
      }
      return;
    }
    for (const key of CREATED_DOMAIN_KEYS) {
      if (domain[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only applies to a domain created here; remove it, or remove existingDomainArn" });
    }
    if (domain.endpoint === undefined) ctx.addIssue({ code: "custom", path: ["endpoint"], message: "required with existingDomainArn" });
    if ((domain.securityGroupId === undefined) === (domain.cidr === undefined)) {
      ctx.addIssue({ code: "custom", path: ["securityGroupId"], message: "give exactly one of securityGroupId and cidr, where DMS may connect on 443" });
    }
  })
  .describe("The search domain: created (VPC only, encrypted, HTTPS with TLS 1.2) or existingDomainArn with its endpoint");

/** An OpenSearch or Elasticsearch target in an environment file. */
export const opensearchTargetSchema = z
  .strictObject({
    engine: z.literal("opensearch"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-addresses-search"),
    engineName: z.enum(SEARCH_ENGINE_NAMES).default("opensearch").describe("DMS engine_name: opensearch, or elasticsearch"),
    domain: domainSchema,
    fullLoadErrorPercentage: z.number().int().optional().describe("Percent of records that may fail before a full load stops; default 10"),
    errorRetryDuration: z.number().int().optional().describe("Seconds DMS retries failed requests; default 300"),
    useNewMappingType: z.boolean().optional().describe("Write type _doc (7.x and later); default true"),
  })
  .describe("A DMS target endpoint writing to Amazon OpenSearch Service: one index per table");

export type OpensearchTargetConfig = z.output<typeof opensearchTargetSchema>;

// The entry is the construct's props less the context, with `domain` described here and built by the descriptor:
// this fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof opensearchTargetSchema>, "engine" | "domain">, Omit<OpensearchTargetEndpointProps, ContextProps | "domain">> = true;
void entryMatchesProps;
