import { AlarmSubscriber, alarmSubscriberProblem, endpointCredentialReason } from "../../../modules/monitoring/alarm-subscriber";
import { AlarmTopic, AlarmTopicProps } from "../../../modules/monitoring/alarm-topic";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";
import { CONTEXT, errorOf } from "./monitoring-fixtures";

const PARTITION = "${data.aws_partition.AwsAccount_Partition_778E3A84.partition}";
const DNS_SUFFIX = "${data.aws_partition.AwsAccount_Partition_778E3A84.dns_suffix}";
const ACCOUNT = "${data.aws_caller_identity.AwsAccount_Identity_E18432DC.account_id}";
const REGION = "${data.aws_region.AwsAccount_Region_A66FEA8D.name}";
const KEY_ARN = "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function synthTopic(props: Partial<AlarmTopicProps> = {}): TerraformJson {
  const stack = newStack();
  new AlarmTopic(stack, "Alarms", { ...CONTEXT, ...props });
  return synth(stack);
}

function topicError(props: Partial<AlarmTopicProps>): string {
  return errorOf(() => new AlarmTopic(newStack(), "Alarms", { ...CONTEXT, ...props }));
}

const subscriberError = (subscriber: AlarmSubscriber) => topicError({ subscribers: [subscriber] });

describe("AlarmTopic", () => {
  test("is named after the project and environment and encrypted with the key it creates", () => {
    const json = synthTopic();
    expect(only(json, "aws_sns_topic")).toEqual({
      name: "mosaic-development-dms-alarms",
      kms_master_key_id: `\${aws_kms_key.${logicalId(json, "aws_kms_key")}.arn}`,
      tags: { Name: "mosaic-development-dms-alarms", Environment: "development", project_name: "mosaic", "terraform-managed": "true" },
    });
  });

  test("creates a rotating customer-managed key with an alias", () => {
    const json = synthTopic();
    expect(only(json, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(only(json, "aws_kms_alias")).toEqual({
      name: "alias/mosaic-development-dms-alarms",
      target_key_id: `\${aws_kms_key.${logicalId(json, "aws_kms_key")}.key_id}`,
    });
  });

  test("the key lets the account administer it and CloudWatch and DMS use it for this topic only", () => {
    const policy = JSON.parse(only(synthTopic(), "aws_kms_key").policy);
    expect(policy.Statement).toEqual([
      { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:${PARTITION}:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
      {
        Sid: "PublishersEncryptForThisTopic",
        Effect: "Allow",
        Principal: { Service: [`cloudwatch.${DNS_SUFFIX}`, `dms.${DNS_SUFFIX}`] },
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: "*",
        Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:mosaic-development-dms-alarms` } },
      },
    ]);
  });

  test("the topic policy lets only this account's alarms and DMS event subscriptions publish", () => {
    const json = synthTopic();
    const topicArn = `\${aws_sns_topic.${logicalId(json, "aws_sns_topic")}.arn}`;
    const topicPolicy = only(json, "aws_sns_topic_policy");
    expect(topicPolicy.arn).toBe(topicArn);
    expect(JSON.parse(topicPolicy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CloudWatchAlarmsPublish",
          Effect: "Allow",
          Principal: { Service: `cloudwatch.${DNS_SUFFIX}` },
          Action: "sns:Publish",
          Resource: topicArn,
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:${PARTITION}:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` },
          },
        },
        {
          Sid: "DmsEventSubscriptionsPublish",
          Effect: "Allow",
          Principal: { Service: `dms.${DNS_SUFFIX}` },
          Action: "sns:Publish",
          Resource: topicArn,
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:${PARTITION}:dms:${REGION}:${ACCOUNT}:es:*` },
          },
        },
      ],
    });
  });

  test("lets EventBridge rules publish and use the key when asked", () => {
    const json = synthTopic({ allowEventBridge: true });
    expect(JSON.parse(only(json, "aws_kms_key").policy).Statement[1].Principal.Service).toEqual([
      `cloudwatch.${DNS_SUFFIX}`,
      `dms.${DNS_SUFFIX}`,
      `events.${DNS_SUFFIX}`,
    ]);
    expect(JSON.parse(only(json, "aws_sns_topic_policy").policy).Statement[2]).toMatchObject({
      Sid: "EventBridgeRulesPublish",
      Principal: { Service: `events.${DNS_SUFFIX}` },
      Condition: { ArnLike: { "aws:SourceArn": `arn:${PARTITION}:events:${REGION}:${ACCOUNT}:rule/*` } },
    });
  });

  test("uses a given key instead of creating one", () => {
    const json = synthTopic({ kmsKeyArn: KEY_ARN, topicName: "platform-alarms" });
    expect(blocks(json, "aws_kms_key")).toEqual([]);
    expect(blocks(json, "aws_kms_alias")).toEqual([]);
    expect(only(json, "aws_sns_topic")).toMatchObject({ name: "platform-alarms", kms_master_key_id: KEY_ARN });
  });

  test("subscribes each subscriber of the typed list, and lets the topic invoke a Lambda subscriber", () => {
    const subscribers: AlarmSubscriber[] = [
      { protocol: "email", endpoint: "dms-oncall@example.com" },
      { protocol: "https", endpoint: "https://alerts.example.com/dms" },
      { protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-2:123456789012:dms-alarms" },
      { protocol: "lambda", endpoint: "arn:aws:lambda:eu-west-2:123456789012:function:notify-teams" },
    ];
    const json = synthTopic({ subscribers });
    const topicArn = `\${aws_sns_topic.${logicalId(json, "aws_sns_topic")}.arn}`;
    const byEndpoint = (a: Record<string, any>, b: Record<string, any>) => String(a.endpoint).localeCompare(String(b.endpoint));
    expect(blocks(json, "aws_sns_topic_subscription").sort(byEndpoint)).toEqual(
      subscribers.map((subscriber) => ({ topic_arn: topicArn, protocol: subscriber.protocol, endpoint: subscriber.endpoint })).sort(byEndpoint),
    );
    expect(only(json, "aws_lambda_permission")).toEqual({
      action: "lambda:InvokeFunction",
      function_name: "arn:aws:lambda:eu-west-2:123456789012:function:notify-teams",
      principal: `sns.${DNS_SUFFIX}`,
      source_arn: topicArn,
      statement_id_prefix: "sns-alarm-topic-",
    });
  });

  test("keeps a subscription's logical id when the list is reordered", () => {
    const a = { protocol: "email", endpoint: "a@example.com" } as const;
    const b = { protocol: "email", endpoint: "b@example.com" } as const;
    const ids = (json: TerraformJson) =>
      Object.entries<any>(json.resource.aws_sns_topic_subscription).map(([id, s]) => `${s.endpoint} ${id}`).sort();
    expect(ids(synthTopic({ subscribers: [a, b] }))).toEqual(ids(synthTopic({ subscribers: [b, a] })));
  });

  describe("refuses", () => {
    test("an AWS managed key, which CloudWatch may not use", () => {
      expect(topicError({ kmsKeyArn: "arn:aws:kms:eu-west-2:123456789012:alias/aws/sns" })).toBe(
        'test/Alarms: `kmsKeyArn` = "arn:aws:kms:eu-west-2:123456789012:alias/aws/sns": is an AWS managed key, whose policy cannot let CloudWatch publish; allowed: a customer-managed key, or unset to create one',
      );
    });

    test("a key that is not a KMS ARN", () => {
      expect(topicError({ kmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" })).toBe(
        'test/Alarms: `kmsKeyArn` = "1234abcd-12ab-34cd-56ef-1234567890ab": allowed: a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id>)',
      );
    });

    test("a topic name SNS does not accept", () => {
      expect(topicError({ topicName: "dms alarms" })).toBe('test/Alarms: `topicName` = "dms alarms": allowed: 1-256 letters, digits, hyphens or underscores');
    });

    test("an email subscriber that is not an address", () => {
      expect(subscriberError({ protocol: "email", endpoint: "dms-oncall" })).toBe('test/Alarms: `subscribers[0].endpoint` = (email): "dms-oncall" is not an email address');
    });

    test("an https subscriber that is not an https URL", () => {
      expect(subscriberError({ protocol: "https", endpoint: "http://alerts.example.com/dms" })).toBe(
        'test/Alarms: `subscribers[0].endpoint` = (https): "http://alerts.example.com/dms" is not an https:// URL',
      );
    });

    test.each([
      ["https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX", "a Slack incoming webhook, whose path is its token"],
      ["https://contoso.webhook.office.com/webhookb2/0000/IncomingWebhook/abc/def", "a Microsoft Teams webhook, whose path is its token"],
      ["https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue", "a PagerDuty integration URL, whose path holds the integration key"],
      ["https://ops:hunter2@alerts.example.com/dms", "a user name or password in the URL"],
      ["https://alerts.example.com/dms?api_key=abc123", 'a "api_key" query parameter'],
      ["https://alerts.example.com/hook/a1b2c3d4e5f6a7b8c9d0e1f2", "a path segment that looks like a token"],
    ])("an https subscriber whose URL is a credential (%s), without repeating it", (endpoint, reason) => {
      const message = subscriberError({ protocol: "https", endpoint });
      // One problem (the secret scan of every construct's props finds it too, at the same prop), the URL never shown.
      expect(message).toMatch(/^test\/Alarms: `subscribers\[0\]\.endpoint` = \(not shown: looks like [^)]*\): /);
      expect(message).toContain(
        `the endpoint holds a credential (${reason}); endpoints are stored in plain text in the plan and state, ` +
          "so subscribe a Lambda function or an SQS queue that reads the webhook from Secrets Manager instead",
      );
      expect(message.split("\n")).toHaveLength(1);
      expect(message).not.toContain(new URL(endpoint).host);
    });

    test("an sqs subscriber that is not a queue ARN", () => {
      expect(subscriberError({ protocol: "sqs", endpoint: "https://sqs.eu-west-2.amazonaws.com/123456789012/dms-alarms" })).toBe(
        'test/Alarms: `subscribers[0].endpoint` = (sqs): "https://sqs.eu-west-2.amazonaws.com/123456789012/dms-alarms" is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)',
      );
    });

    test("a lambda subscriber that is not a function ARN", () => {
      expect(subscriberError({ protocol: "lambda", endpoint: "notify-teams" })).toBe(
        'test/Alarms: `subscribers[0].endpoint` = (lambda): "notify-teams" is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)',
      );
    });

    test("a protocol outside the typed list (from JavaScript)", () => {
      expect(subscriberError({ protocol: "sms", endpoint: "+447700900000" } as unknown as AlarmSubscriber)).toBe(
        'test/Alarms: `subscribers[0].protocol` = (sms): protocol "sms" is not supported; allowed: email, https, sqs, lambda',
      );
    });

    test("the same subscriber twice", () => {
      const subscriber = { protocol: "email", endpoint: "dms-oncall@example.com" } as const;
      expect(topicError({ subscribers: [subscriber, subscriber] })).toBe("test/Alarms: `subscribers[1]` = (email): is listed twice");
    });
  });

  test("ordinary endpoints are not credentials, and endpoints given as references are not checked", () => {
    expect(endpointCredentialReason("https://alerts.example.com/dms/production-alarms?team=platform")).toBeUndefined();
    const queueArn = new AlarmTopic(newStack(), "Other", CONTEXT).topicArn; // a token, like a queue's arn
    expect(alarmSubscriberProblem({ protocol: "sqs", endpoint: queueArn })).toBeUndefined();
  });
});
