import { z } from "zod";
import { ALARM_SUBSCRIBER_PROTOCOLS, alarmSubscriberProblem } from "../../monitoring/alarm-subscriber";
import {
  DEFAULT_DMS_ALARM_THRESHOLDS,
  DMS_ALARM_THRESHOLD_PAIRS,
  DMS_ALARM_THRESHOLD_RULES,
  DmsAlarmThresholdName,
  describeThresholdRule,
} from "../../monitoring/alarm-thresholds";
import { kmsKeyArn } from "../../core/identifiers";
import { DMS_EVENT_CATEGORIES } from "../../monitoring/dms-event-notifications";

/** Event categories of one source type, each once, as DMS names them (`aws dms describe-event-categories`). */
const eventCategories = (sourceType: keyof typeof DMS_EVENT_CATEGORIES, defaults: string) =>
  z
    .array(z.enum(DMS_EVENT_CATEGORIES[sourceType] as [string, ...string[]]))
    .min(1)
    .refine((categories) => new Set(categories).size === categories.length, "a category is listed twice; each once")
    .optional()
    .describe(`${sourceType} events sent to the topic; default ${defaults}`);

/** One threshold: optional, within the range the alarms accept, documented with its default. */
function threshold(name: DmsAlarmThresholdName, what: string) {
  const rule = DMS_ALARM_THRESHOLD_RULES[name];
  let number = z.number().min(rule.min).max(rule.max);
  if (rule.integer) number = number.int();
  if (rule.multipleOf !== undefined) {
    number = number.multipleOf(rule.multipleOf, `not a whole number of ${rule.multipleOf}-minute alarm periods; allowed: a multiple of ${rule.multipleOf}`);
  }
  return number.optional().describe(`${what}; ${describeThresholdRule(rule)}; default ${DEFAULT_DMS_ALARM_THRESHOLDS[name]}`);
}

const subscriberSchema = z
  .strictObject({
    protocol: z.enum(ALARM_SUBSCRIBER_PROTOCOLS).describe("email, https, sqs or lambda"),
    endpoint: z
      .string()
      .min(1)
      .describe("An email address, an https:// URL without credentials, an SQS queue ARN or a Lambda function ARN (same account)"),
  })
  .superRefine((subscriber, context) => {
    const problem = alarmSubscriberProblem(subscriber);
    if (problem) context.addIssue({ code: "custom", path: ["endpoint"], message: problem });
  })
  .describe("Who is told when an alarm fires or clears, and of DMS events");

const thresholdsSchema = z
  .strictObject({
    cdcLatencySourceWarningSeconds: threshold("cdcLatencySourceWarningSeconds", "CDCLatencySource above this for 15 minutes: warning"),
    cdcLatencySourceCriticalSeconds: threshold("cdcLatencySourceCriticalSeconds", "CDCLatencySource above this for 10 minutes: critical"),
    cdcLatencyTargetWarningSeconds: threshold("cdcLatencyTargetWarningSeconds", "CDCLatencyTarget above this for 15 minutes: warning"),
    cdcLatencyTargetCriticalSeconds: threshold("cdcLatencyTargetCriticalSeconds", "CDCLatencyTarget above this for 10 minutes: critical"),
    cdcChangesOnDisk: threshold("cdcChangesOnDisk", "CDCChangesDiskSource/Target above this for 15 minutes"),
    fullLoadStalledMinutes: threshold("fullLoadStalledMinutes", "No full-load rows written for this long"),
    freeStoragePercent: threshold("freeStoragePercent", "Replication instance free storage below this share of allocated storage"),
    freeableMemoryPercent: threshold("freeableMemoryPercent", "Replication instance freeable memory below this share of its class's memory"),
    cpuUtilizationPercent: threshold("cpuUtilizationPercent", "Replication instance CPU above this"),
    swapUsageMib: threshold("swapUsageMib", "Replication instance swap above this"),
    replicationSlotDiskUsageGib: threshold("replicationSlotDiskUsageGib", "WAL held by a PostgreSQL source's replication slots above this"),
  })
  .superRefine((thresholds, context) => {
    for (const [warning, critical] of DMS_ALARM_THRESHOLD_PAIRS) {
      const low = thresholds[warning] ?? DEFAULT_DMS_ALARM_THRESHOLDS[warning];
      const high = thresholds[critical] ?? DEFAULT_DMS_ALARM_THRESHOLDS[critical];
      if (low >= high) {
        context.addIssue({
          code: "custom",
          path: [thresholds[warning] === undefined ? critical : warning],
          message: `the warning level ${warning} (${low}) must be below the critical level ${critical} (${high})`,
        });
      }
    }
  })
  .describe("Alarm thresholds; each one unset keeps its default");

/** The `monitoring` section of an environment file: who is told, the topic's key, and threshold overrides. */
export const monitoringSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Create the alarm topic, alarms and DMS event subscriptions"),
    subscribers: z
      .array(subscriberSchema)
      .default([])
      .superRefine((subscribers, context) => {
        const seen = new Set<string>();
        subscribers.forEach((subscriber, index) => {
          const key = `${subscriber.protocol} ${subscriber.endpoint}`;
          if (seen.has(key)) context.addIssue({ code: "custom", path: [index], message: "listed twice; each subscriber once" });
          seen.add(key);
        });
      })
      .describe("Who is told; endpoints are stored in plain text, so none may hold a credential"),
    kmsKeyArn: kmsKeyArn
      .refine((arn) => !/:alias\/aws\//.test(arn), "a customer-managed key: CloudWatch cannot publish to a topic encrypted with an AWS managed key")
      .optional()
      .describe("Customer-managed KMS key of the alarm topic; its policy must let cloudwatch.amazonaws.com and dms.amazonaws.com use it; default a key is created"),
    thresholds: thresholdsSchema.optional(),
    topicArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, "an SNS topic ARN")
      .optional()
      .describe("An existing SNS topic to send alarms and DMS events to, instead of creating one; its policy must let cloudwatch.amazonaws.com and dms.amazonaws.com publish"),
    instanceEventCategories: eventCategories("replication-instance", "failure, low storage, failover"),
    taskEventCategories: eventCategories("replication-task", "failure, state change"),
  })
  .describe("Alarms on DMS tasks, the replication instance and PostgreSQL sources, and DMS events, sent to one encrypted SNS topic");

export type MonitoringConfig = z.output<typeof monitoringSchema>;
