import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, kmsKeyArn, tcpPort } from "../../../core/identifiers";
import { endpointCredentialsSchema } from "../../endpoints/entry-schema";
import { MONGODB_AUTH_MECHANISMS, MONGODB_AUTH_TYPES, MONGODB_MODES, MONGODB_SSL_MODES } from "./options";

export const mongodbSourceSchema = z
  .strictObject({
    engine: z.literal("mongodb"),
    endpointId: dmsId("an endpoint id"),
    serverName: z.string().min(1).describe("IP address or host name of the server (a replica-set member)"),
    port: tcpPort.default(27017),
    databaseName: z.string().min(1).describe("The database DMS reads (a DMS schema)"),
    mode: z.enum(MONGODB_MODES).default("document").describe("document (nesting_level none: each document in _doc) or table (nesting_level one: fields as columns)"),
    docsToInvestigate: z.number().int().optional().describe("Table mode: documents sampled to choose the columns; default 1000"),
    extractDocId: z.boolean().optional().describe("Document mode: copy _id into a column of its own; default false"),
    authType: z.enum(MONGODB_AUTH_TYPES).default("password").describe("password (no is refused)"),
    authMechanism: z.enum(MONGODB_AUTH_MECHANISMS).default("default").describe("default (SCRAM-SHA-1 or later) or scram-sha-1 (mongodb-cr is refused)"),
    authSource: z.string().optional().describe("Database holding the DMS user; default admin"),
    useUpdateLookup: z.boolean().optional().describe("Change capture: read whole documents on update (useUpdateLookup); default false"),
    replicateShardCollections: z.boolean().optional().describe("Replicate into a DocumentDB elastic cluster's shard collections; default false"),
    sslMode: z.enum(MONGODB_SSL_MODES).default("require"),
    certificateArn: dmsCertificateArn.optional(),
    captureChanges: z.boolean().default(true).describe("Prepare oplog change capture (a replica set); false serves full loads only"),
    allowedCidr: ipv4Cidr.optional().describe("Network DMS may reach the server in; default <serverName>/32 for an IP"),
    credentials: endpointCredentialsSchema,
    kmsKeyArn: kmsKeyArn.optional().describe("Key DMS encrypts the endpoint with; default the environment's key (required: set one or encryption.customerManagedKeys)"),
  })
  .describe("A MongoDB source, read from its oplog for change capture");

export type MongodbSourceConfig = z.output<typeof mongodbSourceSchema>;
