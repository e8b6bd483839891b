import { readFileSync } from "fs";
import { join } from "path";
import { adoptionPlan } from "../../../cli/adopt/adoption-plan";
import { Discovered } from "../../../cli/adopt/discovery";
import { stackNames } from "../../../cli/adopt/stack-names";
import { checkEnvironment } from "../../../modules/config/load-environments";

const FIXTURE = join(__dirname, "..", "..", "fixtures", "hackney", "environments", "staging.json");
const TOPIC = "resident-information-api-staging-dms-alarms";
const TOPIC_ARN = `arn:aws:sns:eu-west-2:123456789012:${TOPIC}`;
const INSTANCE_EVENTS = "resident-information-api-staging-dms-replication-instance-events";
const TASK_EVENTS = "resident-information-api-staging-dms-replication-task-events";

const config = checkEnvironment(readFileSync(FIXTURE, "utf8"), "staging").config!;

/** Only the topic, key, log group, one alarm and the event subscriptions exist. */
function found(overrides: Partial<Discovered> = {}): Discovered {
  return {
    clusterInstances: [],
    otherDatabaseSecurityGroups: [],
    parameters: {},
    roles: {},
    endpoints: {},
    tasks: {},
    alarmTopic: { arn: TOPIC_ARN, fifo: false, kmsKeyId: "arn:aws:kms:eu-west-2:123456789012:key/k1" },
    keys: { [`alias/${TOPIC}`]: { KeyId: "k1", KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT", MultiRegion: false, Description: "DMS alerts topic" } },
    logGroups: { "dms-tasks-staging-dms-instance": { logGroupName: "dms-tasks-staging-dms-instance", retentionInDays: 14 } },
    alarms: ["resident-information-api-staging-staging-dms-instance-cpu-utilization-high"],
    schedules: {},
    eventSubscriptions: {
      [INSTANCE_EVENTS]: { SourceType: "replication-instance", SourceIdsList: ["staging-dms-instance"], SnsTopicArn: TOPIC_ARN },
      [TASK_EVENTS]: { SourceType: "replication-task", SourceIdsList: [], SnsTopicArn: TOPIC_ARN },
    },
    eventSubscriptionSources: stackNames(config).eventSubscriptions,
    missing: [],
    ...overrides,
  };
}

describe("discovery's adopt section for the objects the stack names itself", () => {
  const plan = adoptionPlan(config, found());

  test("the names discovery looks for are the ones the stack gives", () => {
    const names = stackNames(config);
    expect([names.alarmTopic, names.keyAliases, names.logGroups, names.alarms.length]).toEqual([TOPIC, [`alias/${TOPIC}`], ["dms-tasks-staging-dms-instance"], 11]);
    expect(names.eventSubscriptions).toEqual({ [INSTANCE_EVENTS]: ["staging-dms-instance"], [TASK_EVENTS]: ["uht-to-uh-mirror"] });
  });

  test("the topic, key, log group, alarm and the matching subscription are adopted with what decides a replacement", () => {
    expect(plan.adopt).toEqual({
      kmsKeys: { [`alias/${TOPIC}`]: { keyId: "k1", keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", multiRegion: false } },
      alarmTopic: { arn: TOPIC_ARN, fifo: false, kmsKeyArn: "arn:aws:kms:eu-west-2:123456789012:key/k1" },
      logGroups: { "dms-tasks-staging-dms-instance": { logGroupClass: "STANDARD", retentionInDays: 14 } },
      alarms: ["resident-information-api-staging-staging-dms-instance-cpu-utilization-high"],
      eventSubscriptions: { [INSTANCE_EVENTS]: { sourceType: "replication-instance", sourceIds: ["staging-dms-instance"], snsTopicArn: TOPIC_ARN } },
    });
  });

  test("a subscription covering other sources is not adopted (it would be replaced), and the difference says what to do", () => {
    expect(plan.differences).toContainEqual(expect.objectContaining({
      object: `DMS event subscription ${TASK_EVENTS}`, existing: [], file: ["uht-to-uh-mirror"], outcome: expect.stringMatching(/^not adopted \(source_ids forces a replacement\): delete it before the apply/),
    }));
  });

  test("a retention that differs is reported; one that agrees is not", () => {
    expect(plan.differences).toContainEqual(expect.objectContaining({ object: "log group dms-tasks-staging-dms-instance", existing: 14, file: 30 }));
    const agreeing = adoptionPlan(config, found({ logGroups: { "dms-tasks-staging-dms-instance": { logGroupName: "dms-tasks-staging-dms-instance", retentionInDays: 30 } } }));
    expect(agreeing.differences.filter((d) => d.object.startsWith("log group"))).toEqual([]);
  });

  test("an unencrypted topic is reported as encrypted in place", () => {
    const unencrypted = adoptionPlan(config, found({ alarmTopic: { arn: TOPIC_ARN, fifo: false } }));
    expect(unencrypted.differences).toContainEqual(expect.objectContaining({ object: `SNS topic ${TOPIC_ARN}`, setting: "encryption", existing: "none" }));
  });
});
