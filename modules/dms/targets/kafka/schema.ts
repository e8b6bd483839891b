import { z } from "zod";
import { dmsCertificateArn, dmsId, ipv4Cidr, securityGroupId } from "../../../core/identifiers";
import { streamRecordFields } from "../kinesis/schema";
import { KAFKA_SECURITY_PROTOCOLS } from "./options";
import { ContextProps, Same } from "../../endpoints/entry-schema";
import type { KafkaTargetEndpointProps } from "./endpoint";

/** A Kafka target (Amazon MSK or self-managed brokers) in an environment file. */
export const kafkaTargetSchema = z
  .strictObject({
    engine: z.literal("kafka"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-orders-kafka"),
    brokers: z.array(z.string()).optional().describe("Self-managed brokers as host:port; or mskClusterArn"),
    mskClusterArn: z.string().optional().describe("An MSK cluster (arn:aws:kafka:<region>:<account>:cluster/<name>/<id>): DMS writes to its TLS bootstrap brokers (9094); or brokers"),
    brokerAccess: z
      .strictObject({
        securityGroupId: securityGroupId.optional().describe("The brokers' security group (the MSK cluster's)"),
        cidr: ipv4Cidr.optional().describe("The brokers' network, when there is no security group to name"),
      })
      .superRefine((access, ctx) => {
        if ((access.securityGroupId === undefined) === (access.cidr === undefined)) {
          ctx.addIssue({ code: "custom", path: ["securityGroupId"], message: "give exactly one of securityGroupId and cidr, where DMS may reach the brokers' ports" });
        }
      })
      .describe("Where the brokers are: DMS may connect there on the brokers' ports only"),
    securityProtocol: z.enum(KAFKA_SECURITY_PROTOCOLS).optional().describe("ssl-encryption (default) or ssl-authentication; sasl-ssl is refused (its password would be in state); plaintext needs acknowledgePlaintext"),
    sslCaCertificateArn: dmsCertificateArn.optional().describe("DMS certificate of the CA that signed the brokers' certificates"),
    sslClientCertificateArn: dmsCertificateArn.optional().describe("ssl-authentication: the client certificate imported into DMS"),
    sslClientKeyArn: dmsCertificateArn.optional().describe("ssl-authentication: the client key imported into DMS, without a password"),
    acknowledgePlaintext: z.boolean().optional().describe("Plaintext is intended (a lab cluster); refused in production"),
    topic: z.string().optional().describe("Default kafka-default-topic"),
    messageMaxBytes: z.number().int().optional().describe("Largest message in bytes; default 1000000"),
    noHexPrefix: z.boolean().optional().describe("Binary values without the 0x prefix; default false"),
    ...streamRecordFields,
  })
  .describe("A DMS target endpoint writing one JSON message per row change to a Kafka topic (MSK or self-managed)");

export type KafkaTargetConfig = z.output<typeof kafkaTargetSchema>;

// The entry is the construct's props less the context; its `brokerAccess` becomes the props' `brokerPeer` peer in the descriptor.
// This fails to compile when they drift apart.
const entryMatchesProps: Same<Omit<z.input<typeof kafkaTargetSchema>, "engine" | "brokerAccess">, Omit<KafkaTargetEndpointProps, ContextProps | "brokerPeer">> = true;
void entryMatchesProps;
