import { App, DefaultTokenResolver, StringConcat, TerraformResource, Tokenization } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DmsEventSubscription } from "@cdktf/provider-aws/lib/dms-event-subscription";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { EnvironmentConfig } from "../../modules/config/schema/environment";
import { MigrationStack } from "../../modules/stack/migration-stack";

/** The names of the objects whose names the stack derives (alarms, keys, schedules...): what discovery looks for. */
export interface StackNames {
  readonly alarmTopic?: string;
  readonly keyAliases: readonly string[];
  readonly logGroups: readonly string[];
  readonly alarms: readonly string[];
  readonly schedules: readonly string[];
  /** DMS event subscriptions by name, with the sources they cover (source_ids forces a replacement). */
  readonly eventSubscriptions: Readonly<Record<string, readonly string[]>>;
  /** Aurora: how many instances the file declares. */
  readonly clusterInstances: number;
}

/**
 * Builds the environment's stack in memory (nothing is written) without its `adopt` section and reads the names
 * its resources get, so that discovery looks for exactly what this stack would create, however it names it.
 */
export function stackNames(config: EnvironmentConfig): StackNames {
  const stack = new MigrationStack(new App(), config.environment, { config: { ...config, adopt: undefined } });
  const every = <T extends TerraformResource>(type: abstract new (...args: never[]) => T): T[] =>
    stack.node.findAll().filter((c): c is T => c instanceof type);
  const names = (list: (string | undefined)[]) => list.filter((name): name is string => typeof name === "string").sort();
  return {
    alarmTopic: every(SnsTopic)[0]?.nameInput,
    keyAliases: names(every(KmsAlias).map((a) => a.nameInput)),
    logGroups: names(every(CloudwatchLogGroup).map((g) => g.nameInput)),
    alarms: names(every(CloudwatchMetricAlarm).map((a) => a.alarmNameInput)),
    schedules: names(every(SchedulerSchedule).map((s) => s.nameInput)),
    eventSubscriptions: Object.fromEntries(
      every(DmsEventSubscription).map((s) => [
        s.nameInput as string,
        [...((Tokenization.resolve(s.sourceIdsInput, { scope: s, resolver: new DefaultTokenResolver(new StringConcat()) }) as string[] | undefined) ?? [])].sort(),
      ]),
    ),
    clusterInstances: every(RdsClusterInstance).length,
  };
}
