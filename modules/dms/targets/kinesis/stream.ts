import { Construct } from "constructs";
import { KinesisStream as KinesisStreamResource } from "@cdktf/provider-aws/lib/kinesis-stream";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { KINESIS_STREAM_RULES } from "./rules";

/** A Kinesis data stream DMS writes to: created here, or an existing one. */
export interface IKinesisStream {
  readonly streamArn: string;
  /** The customer-managed key the stream is encrypted with; DMS's role may generate data keys with it. @default - none (not encrypted with a customer-managed key) */
  readonly kmsKeyArn?: string;
}

export interface KinesisStreamProps extends ProjectEnvironment {
  /** 1 to 128 letters, digits, `_`, `.` and `-`. */
  readonly streamName: string;
  /** The environment's key. @default - the AWS managed key `alias/aws/kinesis` */
  readonly kmsKeyArn?: string;
  /** Provisioned shards; leave it unset for an on-demand stream, which scales by itself. @default - on demand */
  readonly shardCount?: number;
  /** Hours records are kept, 24 to 8760. @default 24 */
  readonly retentionHours?: number;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

export interface ExistingKinesisStreamProps {
  readonly streamArn: string;
  /** The stream's customer-managed key, when it has one. @default - none */
  readonly kmsKeyArn?: string;
}

/**
 * A Kinesis data stream for DMS to write to: always encrypted at rest (the environment's key, or the AWS managed
 * key), on demand unless a shard count is given.
 */
export class KinesisStream extends Construct implements IKinesisStream {
  static fromArn(scope: Construct, id: string, props: ExistingKinesisStreamProps): IKinesisStream {
    return new ExistingKinesisStream(scope, id, props);
  }

  readonly streamArn: string;
  readonly streamName: string;
  readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: KinesisStreamProps) {
    super(scope, id);
    validateProps(this, props, KINESIS_STREAM_RULES);
    const stream = new KinesisStreamResource(this, "Stream", {
      name: props.streamName,
      shardCount: props.shardCount,
      streamModeDetails: { streamMode: props.shardCount === undefined ? "ON_DEMAND" : "PROVISIONED" },
      retentionPeriod: props.retentionHours ?? 24,
      encryptionType: "KMS",
      kmsKeyId: props.kmsKeyArn ?? "alias/aws/kinesis",
      tags: projectTags(props, props.streamName, props.additionalTags),
    });
    this.streamArn = stream.arn;
    this.streamName = props.streamName;
    this.kmsKeyArn = props.kmsKeyArn;
  }
}

class ExistingKinesisStream extends Construct implements IKinesisStream {
  readonly streamArn: string;
  readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: ExistingKinesisStreamProps) {
    super(scope, id);
    this.streamArn = props.streamArn;
    this.kmsKeyArn = props.kmsKeyArn;
  }
}
