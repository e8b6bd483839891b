import { Construct } from "constructs";
import { DataAwsMskBootstrapBrokers } from "@cdktf/provider-aws/lib/data-aws-msk-bootstrap-brokers";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { Problem } from "../../../core/problem";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { IConnectable } from "../../../network/connections";
import { IPeer } from "../../../network/peer";
import { ITargetEndpoint } from "../../endpoints/endpoint";
import { ObjectMappingRule } from "../../table-mappings/object-mapping";
import { streamObjectMappingProblems } from "../kinesis/object-mapping";
import { streamRecordSettings } from "../kinesis/options";
import { STREAM_REFUSED_TASK_SETTINGS } from "../kinesis/rules";
import { DEFAULT_MESSAGE_MAX_BYTES, DEFAULT_TOPIC, KafkaTargetOptions, MSK_TLS_PORT } from "./options";
import { KAFKA_TARGET_RULES, brokerPorts } from "./rules";

/** MSK's plaintext listener. */
const MSK_PLAINTEXT_PORT = 9092;

export interface KafkaTargetEndpointProps extends ProjectEnvironment, KafkaTargetOptions {
  /** Such as `target-orders-kafka`. */
  readonly endpointId: string;
  /** Self-managed brokers as `host:port`; or `mskClusterArn`. @default - the MSK cluster's TLS bootstrap brokers */
  readonly brokers?: readonly string[];
  /** An MSK cluster whose bootstrap brokers (TLS listener, 9094) DMS writes to; or `brokers`. @default - none */
  readonly mskClusterArn?: string;
  /** The brokers' security group (the MSK cluster's), or their network: DMS may reach it on the brokers' ports only. */
  readonly brokerPeer: IPeer | IConnectable;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * A Kafka target endpoint (Amazon MSK or self-managed brokers): one JSON message per row change on a topic. TLS by
 * default; no mode that needs a password in Terraform state is accepted (rules.ts). The replication instance may
 * reach the brokers' security group (or network) on the brokers' ports, nothing else.
 */
export class KafkaTargetEndpoint extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly refusesTaskSettings = STREAM_REFUSED_TASK_SETTINGS;
  readonly takesObjectMapping = true;
  /** The ports the replication instance may reach the brokers on. */
  readonly brokerPorts: readonly number[];
  private readonly brokerPeer: IPeer | IConnectable;

  constructor(scope: Construct, id: string, props: KafkaTargetEndpointProps) {
    super(scope, id);
    validateProps(this, props, KAFKA_TARGET_RULES);
    const protocol = props.securityProtocol ?? "ssl-encryption";
    let broker: string;
    if (props.mskClusterArn !== undefined) {
      const bootstrap = new DataAwsMskBootstrapBrokers(this, "BootstrapBrokers", { clusterArn: props.mskClusterArn });
      const plaintext = protocol === "plaintext";
      broker = plaintext ? bootstrap.bootstrapBrokers : bootstrap.bootstrapBrokersTls;
      this.brokerPorts = [plaintext ? MSK_PLAINTEXT_PORT : MSK_TLS_PORT];
    } else {
      broker = (props.brokers as readonly string[]).join(",");
      this.brokerPorts = brokerPorts(props.brokers as readonly string[]);
    }
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "target",
      engineName: "kafka",
      kafkaSettings: {
        broker,
        topic: props.topic ?? DEFAULT_TOPIC,
        securityProtocol: protocol,
        sslCaCertificateArn: props.sslCaCertificateArn,
        sslClientCertificateArn: props.sslClientCertificateArn,
        sslClientKeyArn: props.sslClientKeyArn,
        ...streamRecordSettings(props),
        messageMaxBytes: props.messageMaxBytes ?? DEFAULT_MESSAGE_MAX_BYTES,
        noHexPrefix: props.noHexPrefix ?? false,
      },
      tags: projectTags(props, props.endpointId, props.additionalTags),
    });
    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.brokerPeer = props.brokerPeer;
  }

  objectMappingProblems(rules: readonly ObjectMappingRule[], indexes: readonly number[]): Problem[] {
    return streamObjectMappingProblems("Kafka", rules, indexes);
  }

  /** DMS reaches the brokers on their ports only. */
  allowConnectionsFrom(runner: IConnectable): void {
    for (const port of this.brokerPorts) {
      runner.connections.allowTo(this.brokerPeer, port, `Kafka brokers of ${this.endpointId}`);
    }
  }
}
