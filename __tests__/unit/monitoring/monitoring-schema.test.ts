import { z } from "zod";
import { monitoringSchema } from "../../../modules/config/schema/monitoring";
import { problemsFromIssues } from "../../../modules/core/schema-problems";
import { DEFAULT_DMS_ALARM_THRESHOLDS } from "../../../modules/monitoring/alarm-thresholds";

/** The problems of a monitoring section, as `path = value: message` lines. */
function problems(raw: unknown): string[] {
  const parsed = monitoringSchema.safeParse(raw);
  if (parsed.success) return [];
  return problemsFromIssues(parsed.error.issues, raw, monitoringSchema).map((p) => `${p.path} = ${p.value}: ${p.message}`);
}

describe("monitoringSchema", () => {
  test("an empty section turns monitoring on, with no subscriber, a created key and default thresholds", () => {
    expect(monitoringSchema.parse({})).toEqual({ enabled: true, subscribers: [] });
  });

  test("a full section is accepted as written", () => {
    const section = {
      enabled: true,
      subscribers: [
        { protocol: "email", endpoint: "dms-oncall@example.com" },
        { protocol: "https", endpoint: "https://alerts.example.com/dms" },
        { protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-2:123456789012:dms-alarms" },
        { protocol: "lambda", endpoint: "arn:aws:lambda:eu-west-2:123456789012:function:notify-teams" },
      ],
      kmsKeyArn: "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      thresholds: { ...DEFAULT_DMS_ALARM_THRESHOLDS, cdcLatencyTargetCriticalSeconds: 3600, freeStoragePercent: 12.5 },
    };
    expect(monitoringSchema.parse(section)).toEqual(section);
  });

  test("monitoring can be turned off", () => {
    expect(monitoringSchema.parse({ enabled: false }).enabled).toBe(false);
  });

  test("an unknown key is an error naming the closest known one", () => {
    expect(problems({ subscriber: [] })).toEqual([
      'subscriber = []: unknown key (did you mean "subscribers"?); allowed keys: enabled, subscribers, kmsKeyArn, thresholds, topicArn, instanceEventCategories, taskEventCategories',
    ]);
    expect(problems({ thresholds: { cpuPercent: 80 } })).toEqual([
      expect.stringMatching(/^thresholds\.cpuPercent = 80: unknown key; allowed keys: cdcLatencySourceWarningSeconds, /),
    ]);
  });

  test("a subscriber's protocol is one of the typed list", () => {
    expect(problems({ subscribers: [{ protocol: "sms", endpoint: "+447700900000" }] })).toEqual([
      'subscribers[0].protocol = "sms": not allowed; allowed: "email" | "https" | "sqs" | "lambda"',
    ]);
  });

  test("a subscriber's endpoint fits its protocol", () => {
    expect(problems({ subscribers: [{ protocol: "email", endpoint: "dms-oncall" }] })).toEqual([
      'subscribers[0].endpoint = "dms-oncall": "dms-oncall" is not an email address',
    ]);
    expect(problems({ subscribers: [{ protocol: "lambda", endpoint: "notify-teams" }] })).toEqual([
      'subscribers[0].endpoint = "notify-teams": "notify-teams" is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)',
    ]);
  });

  test("a subscriber's endpoint is never a credential", () => {
    expect(problems({ subscribers: [{ protocol: "https", endpoint: "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX" }] })).toEqual([
      expect.stringMatching(
        /^subscribers\[0\]\.endpoint = .*: the endpoint holds a credential \(a Slack incoming webhook, whose path is its token\); endpoints are stored in plain text/,
      ),
    ]);
  });

  test("each subscriber is listed once", () => {
    const subscriber = { protocol: "email", endpoint: "dms-oncall@example.com" };
    expect(problems({ subscribers: [subscriber, subscriber] })).toEqual([
      'subscribers[1] = {"protocol":"email","endpoint":"dms-oncall@example.com"}: listed twice; each subscriber once',
    ]);
  });

  test("the key is a customer-managed KMS key ARN", () => {
    expect(problems({ kmsKeyArn: "alias/dms" })).toEqual(['kmsKeyArn = "alias/dms": wrong format; allowed: a KMS key or alias ARN']);
    expect(problems({ kmsKeyArn: "arn:aws:kms:eu-west-2:123456789012:alias/aws/sns" })).toEqual([
      'kmsKeyArn = "arn:aws:kms:eu-west-2:123456789012:alias/aws/sns": a customer-managed key: CloudWatch cannot publish to a topic encrypted with an AWS managed key',
    ]);
  });

  test("thresholds stay within their ranges", () => {
    expect(problems({ thresholds: { cdcLatencyTargetWarningSeconds: 30, freeStoragePercent: 100, swapUsageMib: 0 } })).toEqual([
      "thresholds.cdcLatencyTargetWarningSeconds = 30: too small; allowed: >= 60",
      "thresholds.freeStoragePercent = 100: too big; allowed: <= 99",
      "thresholds.swapUsageMib = 0: too small; allowed: >= 1",
    ]);
  });

  test("whole-number thresholds refuse fractions, and the full-load stall is whole five-minute periods", () => {
    expect(problems({ thresholds: { cdcChangesOnDisk: 0.5, fullLoadStalledMinutes: 12 } })).toEqual([
      "thresholds.cdcChangesOnDisk = 0.5: wrong type; allowed: int",
      "thresholds.fullLoadStalledMinutes = 12: not a whole number of 5-minute alarm periods; allowed: a multiple of 5",
    ]);
  });

  test("a warning level stays below its critical level, including the default one", () => {
    expect(problems({ thresholds: { cdcLatencyTargetWarningSeconds: 2000 } })).toEqual([
      "thresholds.cdcLatencyTargetWarningSeconds = 2000: the warning level cdcLatencyTargetWarningSeconds (2000) must be below the critical level cdcLatencyTargetCriticalSeconds (1800)",
    ]);
    expect(problems({ thresholds: { cdcLatencySourceCriticalSeconds: 600 } })).toEqual([
      "thresholds.cdcLatencySourceCriticalSeconds = 600: the warning level cdcLatencySourceWarningSeconds (600) must be below the critical level cdcLatencySourceCriticalSeconds (600)",
    ]);
  });

  test("can be written as JSON Schema for editors, like the rest of the environment file", () => {
    const schema = z.toJSONSchema(monitoringSchema, { io: "input", unrepresentable: "throw" }) as Record<string, any>;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.thresholds.properties.fullLoadStalledMinutes).toMatchObject({ type: "integer", minimum: 10, maximum: 1440, multipleOf: 5 });
    expect(schema.properties.subscribers.items.properties.protocol.enum).toEqual(["email", "https", "sqs", "lambda"]);
  });
});
