import { validateProps } from "../core/rules";
import { Construct } from "constructs";
import { ITerraformDependable, Lazy, Token, dependable } from "cdktf";
import { DmsEventSubscription } from "@cdktf/provider-aws/lib/dms-event-subscription";
import { ValidationError } from "../core/errors";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { useProvider } from "../core/provider-scope";

export type DmsEventSourceType = "replication-instance" | "replication-task";

/**
 * The event categories DMS accepts, as `DescribeEventCategories` returns them: lower case, with spaces
 * (`low storage`, `state change`). AWS's user guide prints them in title case (`LowStorage`,
 * `State Change`); the API, the AWS CLI examples and the provider's acceptance tests use these.
 */
export const DMS_EVENT_CATEGORIES: Readonly<Record<DmsEventSourceType, readonly string[]>> = Object.freeze({
  "replication-instance": ["configuration change", "creation", "deletion", "maintenance", "low storage", "failover", "failure"],
  "replication-task": ["configuration change", "creation", "deletion", "state change", "failure"],
});

/** What is worth waking someone for: instance failure, low storage and failover (DMS-EVENT-0031/0036/0037, 0007, 0013/0049/0015/0034). */
export const DEFAULT_INSTANCE_EVENT_CATEGORIES: readonly string[] = ["failure", "low storage", "failover"];
/** Task failure (DMS-EVENT-0078/0082) and state change: started, stopped, reading paused or resumed (0069, 0079, 0081, 0091-0093). */
export const DEFAULT_TASK_EVENT_CATEGORIES: readonly string[] = ["failure", "state change"];

export interface DmsEventNotificationsProps extends ProjectEnvironment {
  readonly sourceType: DmsEventSourceType;
  readonly topicArn: string;
  /** @default DEFAULT_INSTANCE_EVENT_CATEGORIES or DEFAULT_TASK_EVENT_CATEGORIES */
  readonly eventCategories?: readonly string[];
  /** Wait for these (the topic policy) so DMS may publish from the start. @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

const SOURCE_ID = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*$/;

/**
 * A DMS event subscription to an SNS topic for the instances or tasks added to it, named
 * `<project>-<environment>-dms-<source type>-events`. One subscription per source type keeps within DMS's
 * account quota of subscriptions however many tasks there are; sources are listed by name. With no source
 * added, `source_ids` is empty, which DMS reads as every source of the type in the account and region.
 */
export class DmsEventNotifications extends Construct {
  readonly subscription: DmsEventSubscription;
  readonly eventCategories: readonly string[];
  private readonly sourceIds: string[] = [];

  constructor(scope: Construct, id: string, props: DmsEventNotificationsProps) {
    super(scope, id);
    useProvider(this, props.provider);
    validateProps(this, props);
    const categories =
      props.eventCategories ?? (props.sourceType === "replication-instance" ? DEFAULT_INSTANCE_EVENT_CATEGORIES : DEFAULT_TASK_EVENT_CATEGORIES);
    const allowed = DMS_EVENT_CATEGORIES[props.sourceType];
    const unknown = categories.filter((category) => !allowed.includes(category));
    if (unknown.length > 0 || categories.length === 0) {
      throw new ValidationError(
        this,
        `\`eventCategories\` ${JSON.stringify(unknown)} ${unknown.length === 0 ? "is empty" : "are not categories of " + props.sourceType}; allowed: ${allowed.map((c) => `"${c}"`).join(", ")}`,
      );
    }
    this.eventCategories = [...categories];
    this.subscription = new DmsEventSubscription(this, "Subscription", {
      name: `${props.projectName}-${props.environment}-dms-${props.sourceType}-events`,
      sourceType: props.sourceType,
      eventCategories: [...categories],
      // Filled by addSource, in name order, so the same sources always give the same list.
      sourceIds: Lazy.listValue({ produce: () => [...this.sourceIds].sort() }),
      snsTopicArn: props.topicArn,
      enabled: true,
      tags: projectTags(props, undefined, props.additionalTags),
      dependsOn: props.dependsOn,
    });
  }

  /**
   * Subscribes to events of one instance or task, by its name (`replication_instance_id`,
   * `replication_task_id`). A name carries no reference, so give the resource that creates the source
   * when it is in this stack: the subscription is then created after it, never naming a missing source.
   */
  addSource(sourceId: string, createdBy?: ITerraformDependable): void {
    if (!Token.isUnresolved(sourceId) && !SOURCE_ID.test(sourceId)) {
      throw new ValidationError(this, `source "${sourceId}" must be a DMS name: letters, digits and single hyphens, starting with a letter`);
    }
    if (this.sourceIds.includes(sourceId)) throw new ValidationError(this, `source "${sourceId}" is already subscribed`);
    this.sourceIds.push(sourceId);
    if (createdBy) this.subscription.dependsOn = [...(this.subscription.dependsOn ?? []), dependable(createdBy)];
  }
}
