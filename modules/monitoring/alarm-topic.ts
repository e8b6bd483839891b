import { validateWith } from "../core/rules";
import { Problem, renderValue } from "../core/problem";
import { createHash } from "crypto";
import { Construct } from "constructs";
import { ITerraformDependable, Token } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { AwsAccount } from "../core/aws-account";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { ALARM_SUBSCRIBER_PROTOCOLS, AlarmSubscriber, alarmSubscriberProblem } from "./alarm-subscriber";
import { useProvider } from "../core/provider-scope";

/** Where alarms and DMS events are sent. */
export interface IAlarmTopic {
  readonly topicArn: string;
  /** What publishers wait for (the topic policy), such as DMS event subscriptions. @default [] */
  readonly dependables?: ITerraformDependable[];
}

export interface AlarmTopicProps extends ProjectEnvironment {
  /** @default `<projectName>-<environment>-dms-alarms` */
  readonly topicName?: string;
  /**
   * An existing customer-managed KMS key (ARN) to encrypt the topic with. Its key policy must let
   * `cloudwatch.amazonaws.com` and `dms.amazonaws.com` use `kms:GenerateDataKey*` and `kms:Decrypt`.
   * The AWS managed key `alias/aws/sns` cannot be used: CloudWatch may not use it.
   * @default - a key created here, with rotation on and a policy for exactly those publishers and this topic
   */
  readonly kmsKeyArn?: string;
  /** @default [] */
  readonly subscribers?: readonly AlarmSubscriber[];
  /**
   * Also let EventBridge rules of this account publish (the route AWS recommends for DMS events from engine
   * 3.4.6), in the topic policy and the created key's policy. @default false
   */
  readonly allowEventBridge?: boolean;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;

/**
 * An SNS topic for alarms and DMS events, encrypted with a customer-managed KMS key (created here, or
 * given), whose policy lets only CloudWatch alarms and DMS event subscriptions of this account publish,
 * with its subscribers. Nothing here is a secret: subscriber endpoints that hold credentials are refused.
 */
export class AlarmTopic extends Construct implements IAlarmTopic {
  readonly topicArn: string;
  readonly topicName: string;
  readonly kmsKeyArn: string;
  /** The key created here; undefined when `kmsKeyArn` was given. */
  readonly key?: KmsKey;
  readonly topic: SnsTopic;
  readonly policy: SnsTopicPolicy;
  readonly subscriptions: SnsTopicSubscription[] = [];
  readonly dependables: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    useProvider(this, props.provider);
    const topicName = props.topicName ?? `${props.projectName}-${props.environment}-dms-alarms`;
    this.check(props, topicName);
    const tags = (name?: string) => projectTags(props, name, props.additionalTags);
    const account = AwsAccount.of(this);
    // Built from its parts, not from the topic, so the key policy can name the topic it is created before.
    const topicArn = `arn:${account.partition}:sns:${account.region}:${account.accountId}:${topicName}`;
    const publishers = ["cloudwatch", "dms", ...(props.allowEventBridge ? ["events"] : [])];

    if (props.kmsKeyArn === undefined) {
      this.key = new KmsKey(this, "Key", {
        description: `Encrypts the SNS topic ${topicName} (DMS alarms and events)`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AccountAdministers",
              Effect: "Allow",
              Principal: { AWS: `arn:${account.partition}:iam::${account.accountId}:root` },
              Action: "kms:*",
              Resource: "*",
            },
            {
              Sid: "PublishersEncryptForThisTopic",
              Effect: "Allow",
              Principal: { Service: publishers.map((service) => `${service}.${account.dnsSuffix}`) },
              Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
              Resource: "*",
              Condition: {
                // SNS passes the topic's ARN as encryption context, so the key serves this topic only; who may
                // publish to the topic (this account's alarms and event subscriptions) is the topic policy's job.
                StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": topicArn },
              },
            },
          ],
        }),
        tags: tags(topicName),
      });
      new KmsAlias(this, "Alias", { name: `alias/${topicName}`, targetKeyId: this.key.keyId });
    }
    this.kmsKeyArn = this.key?.arn ?? (props.kmsKeyArn as string);

    this.topic = new SnsTopic(this, "Topic", { name: topicName, kmsMasterKeyId: this.kmsKeyArn, tags: tags(topicName) });
    const sourceArns: Record<string, string> = {
      cloudwatch: `arn:${account.partition}:cloudwatch:${account.region}:${account.accountId}:alarm:*`,
      dms: `arn:${account.partition}:dms:${account.region}:${account.accountId}:es:*`,
      events: `arn:${account.partition}:events:${account.region}:${account.accountId}:rule/*`,
    };
    const sids: Record<string, string> = {
      cloudwatch: "CloudWatchAlarmsPublish",
      dms: "DmsEventSubscriptionsPublish",
      events: "EventBridgeRulesPublish",
    };
    this.policy = new SnsTopicPolicy(this, "Policy", {
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: publishers.map((service) => ({
          Sid: sids[service],
          Effect: "Allow",
          Principal: { Service: `${service}.${account.dnsSuffix}` },
          Action: "sns:Publish",
          Resource: this.topic.arn,
          Condition: {
            StringEquals: { "aws:SourceAccount": account.accountId },
            ArnLike: { "aws:SourceArn": sourceArns[service] },
          },
        })),
      }),
    });

    for (const subscriber of props.subscribers ?? []) {
      const suffix = `${subscriber.protocol}-${createHash("sha256").update(subscriber.endpoint).digest("hex").slice(0, 8)}`;
      this.subscriptions.push(
        new SnsTopicSubscription(this, `Subscriber-${suffix}`, {
          topicArn: this.topic.arn,
          protocol: subscriber.protocol,
          endpoint: subscriber.endpoint,
        }),
      );
      if (subscriber.protocol === "lambda") {
        new LambdaPermission(this, `Invoke-${suffix}`, {
          statementIdPrefix: "sns-alarm-topic-",
          action: "lambda:InvokeFunction",
          functionName: subscriber.endpoint,
          principal: `sns.${account.dnsSuffix}`,
          sourceArn: this.topic.arn,
        });
      }
    }

    this.topicArn = this.topic.arn;
    this.topicName = topicName;
    this.dependables = [this.policy];
  }

  /** Every problem of the props at once; validateWith adds the secret scan and the project names. */
  private check(props: AlarmTopicProps, topicName: string): void {
    const problems: Problem[] = [];
    const add = (path: string, value: unknown, message: string) => problems.push({ path, value: renderValue(value), message });
    if (!Token.isUnresolved(topicName) && !TOPIC_NAME.test(topicName)) {
      add("topicName", topicName, "allowed: 1-256 letters, digits, hyphens or underscores");
    }
    const key = props.kmsKeyArn;
    if (key !== undefined && !Token.isUnresolved(key)) {
      if (/:alias\/aws\//.test(key)) {
        add("kmsKeyArn", key, "is an AWS managed key, whose policy cannot let CloudWatch publish; allowed: a customer-managed key, or unset to create one");
      } else if (!KMS_KEY_ARN.test(key)) {
        add("kmsKeyArn", key, "allowed: a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id>)");
      }
    }
    const seen = new Set<string>();
    (props.subscribers ?? []).forEach((subscriber, index) => {
      // The problem is reported at the endpoint, where the secret scan reports a credential, so it is listed once;
      // the endpoint itself is never echoed (it may be a webhook URL that is its own credential).
      const field = (ALARM_SUBSCRIBER_PROTOCOLS as readonly string[]).includes(subscriber.protocol) ? "endpoint" : "protocol";
      const problem = alarmSubscriberProblem(subscriber);
      if (problem) problems.push({ path: `subscribers[${index}].${field}`, value: `(${subscriber.protocol})`, message: problem });
      const key = `${subscriber.protocol} ${subscriber.endpoint}`;
      if (seen.has(key)) problems.push({ path: `subscribers[${index}]`, value: `(${subscriber.protocol})`, message: "is listed twice" });
      seen.add(key);
    });
    validateWith(this, props, problems);
  }
}
