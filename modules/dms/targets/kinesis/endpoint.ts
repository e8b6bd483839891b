import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Problem } from "../../../core/problem";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { dmsTrustPolicy } from "../../../core/trust-policy";
import { IConnectable } from "../../../network/connections";
import { IPeer } from "../../../network/peer";
import { ITargetEndpoint } from "../../endpoints/endpoint";
import { ObjectMappingRule } from "../../table-mappings/object-mapping";
import { HTTPS_PORT, KinesisTargetOptions, LARGE_INTEGER_DMS_VERSION, streamRecordSettings } from "./options";
import { KINESIS_TARGET_RULES, STREAM_REFUSED_TASK_SETTINGS } from "./rules";
import { IKinesisStream } from "./stream";
import { streamObjectMappingProblems } from "./object-mapping";

export interface KinesisTargetEndpointProps extends ProjectEnvironment, KinesisTargetOptions {
  /** Such as `target-orders-stream`. */
  readonly endpointId: string;
  /** `new KinesisStream(...)` or `KinesisStream.fromArn(...)`. */
  readonly stream: IKinesisStream;
  /**
   * Where the replication instance reaches the Kinesis API on 443: the security group of the VPC's Kinesis interface
   * endpoint, or the network it is in (Kinesis has no gateway endpoint or prefix list).
   */
  readonly apiPeer: IPeer | IConnectable;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/** What DMS's role may do on the stream (AWS's example role for this target). */
export const KINESIS_WRITE_ACTIONS = ["kinesis:DescribeStream", "kinesis:PutRecord", "kinesis:PutRecords"] as const;

/**
 * A Kinesis Data Streams target endpoint: one JSON record per row change, on one stream. DMS writes with a service
 * access role created here, trusted by DMS in this account only, that may describe the stream and put records on it
 * (and generate data keys with the stream's customer-managed key), nothing else.
 */
export class KinesisTargetEndpoint extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly serviceAccessRoleArn: string;
  readonly refusesTaskSettings = STREAM_REFUSED_TASK_SETTINGS;
  readonly takesObjectMapping = true;
  readonly minimumDmsEngineVersion?: string;
  private readonly apiPeer: IPeer | IConnectable;

  constructor(scope: Construct, id: string, props: KinesisTargetEndpointProps) {
    super(scope, id);
    validateProps(this, props, KINESIS_TARGET_RULES);
    const { stream } = props;
    const tags = projectTags(props, props.endpointId, props.additionalTags);
    const role = new IamRole(this, "AccessRole", {
      namePrefix: "dms-kinesis-",
      description: `Lets DMS put the records of endpoint ${props.endpointId} on its stream`,
      assumeRolePolicy: dmsTrustPolicy(this),
      tags,
    });
    const statements: Record<string, unknown>[] = [{ Sid: "PutRecords", Effect: "Allow", Action: [...KINESIS_WRITE_ACTIONS], Resource: stream.streamArn }];
    // Producers to a stream encrypted with a customer-managed key need data keys from it
    // (https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html).
    if (stream.kmsKeyArn !== undefined) statements.push({ Sid: "EncryptRecords", Effect: "Allow", Action: "kms:GenerateDataKey", Resource: stream.kmsKeyArn });
    const policy = new IamRolePolicy(this, "PutRecords", {
      role: role.id,
      name: "put-stream-records",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
    });
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "target",
      engineName: "kinesis",
      kinesisSettings: {
        streamArn: stream.streamArn,
        serviceAccessRoleArn: role.arn,
        ...streamRecordSettings(props),
        useLargeIntegerValue: props.useLargeIntegerValue ?? false,
      },
      tags,
      dependsOn: [policy],
    });
    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.serviceAccessRoleArn = role.arn;
    this.minimumDmsEngineVersion = props.useLargeIntegerValue === true ? LARGE_INTEGER_DMS_VERSION : undefined;
    this.apiPeer = props.apiPeer;
  }

  objectMappingProblems(rules: readonly ObjectMappingRule[], indexes: readonly number[]): Problem[] {
    return streamObjectMappingProblems("Kinesis", rules, indexes);
  }

  /** DMS reaches the Kinesis API on 443 only, at the interface endpoint (or network) given. */
  allowConnectionsFrom(runner: IConnectable): void {
    runner.connections.allowTo(this.apiPeer, HTTPS_PORT, `HTTPS to the Kinesis API (DMS target ${this.endpointId})`);
  }
}
