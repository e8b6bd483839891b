import { validateWith } from "../core/rules";
import { Construct } from "constructs";
import { Annotations } from "cdktf";
import { ValidationError } from "../core/errors";
import { ProjectEnvironment } from "../core/project-environment";
import { IReplicationInstance, ReplicationInstance } from "../dms/replication-instance";
import { ReplicationTask } from "../dms/replication-task";
import { AlarmSubscriber } from "./alarm-subscriber";
import { DEFAULT_DMS_ALARM_THRESHOLDS, DmsAlarmThresholds, mergeThresholds, thresholdProblems } from "./alarm-thresholds";
import { AlarmTopic, IAlarmTopic } from "./alarm-topic";
import { DEFAULT_INSTANCE_EVENT_CATEGORIES, DEFAULT_TASK_EVENT_CATEGORIES, DmsEventNotifications } from "./dms-event-notifications";
import { AlarmContext } from "./metric-alarm";
import { ReplicationInstanceAlarms } from "./replication-instance-alarms";
import { ReplicationSlotDiskAlarm } from "./replication-slot-alarm";
import { IMonitoredTask, ReplicationTaskAlarms } from "./replication-task-alarms";
import { useProvider } from "../core/provider-scope";

export interface DmsMonitoringProps extends ProjectEnvironment {
  /** An existing topic to report to, instead of creating one. @default - a new `AlarmTopic` */
  readonly topic?: IAlarmTopic;
  /** Subscribers of the created topic. @default [] */
  readonly subscribers?: readonly AlarmSubscriber[];
  /** Customer-managed key of the created topic. @default - a key created with the topic */
  readonly kmsKeyArn?: string;
  /** Overrides of the alarm thresholds, for every monitored resource. @default DEFAULT_DMS_ALARM_THRESHOLDS */
  readonly thresholds?: Partial<DmsAlarmThresholds>;
  /**
   * The instance tasks run on unless `addTask` names another; it is monitored too.
   * @default - none: add instances with `addReplicationInstance`, and give each task its instance
   */
  readonly replicationInstance?: IReplicationInstance;
  /** Instance events sent to the topic. @default DEFAULT_INSTANCE_EVENT_CATEGORIES (failure, low storage, failover) */
  readonly instanceEventCategories?: readonly string[];
  /** Task events sent to the topic. @default DEFAULT_TASK_EVENT_CATEGORIES (failure, state change) */
  readonly taskEventCategories?: readonly string[];
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

export interface AddTaskOptions {
  /** The instance the task runs on. @default - the `replicationInstance` of the props */
  readonly replicationInstance?: IReplicationInstance;
  /** Overrides for this task only, on top of the props' thresholds. @default {} */
  readonly thresholds?: Partial<DmsAlarmThresholds>;
  /** The stalled-full-load alarm, for tasks with a full load. @default true */
  readonly fullLoadStalledAlarm?: boolean;
}

export interface AddResourceOptions {
  /** Overrides for this resource only, on top of the props' thresholds. @default {} */
  readonly thresholds?: Partial<DmsAlarmThresholds>;
}

/**
 * Monitoring of a DMS migration: one KMS-encrypted alarm topic, CloudWatch alarms on every task,
 * replication instance and PostgreSQL source added, and DMS event subscriptions (instance failure, low
 * storage and failover; task failure and state change) to the same topic. Every alarm notifies the topic
 * when it fires and when it is OK again, and is named `<project>-<environment>-<resource>-<what>`.
 */
export class DmsMonitoring extends Construct {
  readonly topic: IAlarmTopic;
  readonly thresholds: Readonly<DmsAlarmThresholds>;
  readonly taskAlarms: ReplicationTaskAlarms[] = [];
  readonly instanceAlarms: ReplicationInstanceAlarms[] = [];
  readonly replicationSlotAlarms: ReplicationSlotDiskAlarm[] = [];
  private readonly props: DmsMonitoringProps;
  private readonly context: AlarmContext;
  private instanceEvents?: DmsEventNotifications;
  private taskEvents?: DmsEventNotifications;
  private readonly monitored = new Set<string>();

  constructor(scope: Construct, id: string, props: DmsMonitoringProps) {
    super(scope, id);
    useProvider(this, props.provider);
    this.props = props;
    const topicProblems = (["subscribers", "kmsKeyArn"] as const)
      .filter((prop) => props.topic !== undefined && props[prop] !== undefined)
      .map((prop) => ({ path: prop, value: "(given)", message: "configures a created topic; with `topic`, set it on that topic instead" }));
    validateWith(this, props, [...topicProblems, ...thresholdProblems(props.thresholds ?? {})]);
    this.thresholds = Object.freeze(mergeThresholds(DEFAULT_DMS_ALARM_THRESHOLDS, props.thresholds));
    this.topic =
      props.topic ??
      new AlarmTopic(this, "Topic", {
        projectName: props.projectName,
        environment: props.environment,
        subscribers: props.subscribers,
        kmsKeyArn: props.kmsKeyArn,
        additionalTags: props.additionalTags,
      });
    this.context = {
      projectName: props.projectName,
      environment: props.environment,
      topicArn: this.topic.topicArn,
      additionalTags: props.additionalTags,
    };
    if (props.replicationInstance) this.addReplicationInstance(props.replicationInstance);
  }

  /**
   * Alarms on an instance's CPU, swap, free storage and freeable memory, and its events. Nothing is added
   * (with a warning) when its name is not known; storage and memory alarms need its storage and class.
   */
  addReplicationInstance(instance: IReplicationInstance, options: AddResourceOptions = {}): ReplicationInstanceAlarms | undefined {
    const id = instance.replicationInstanceId;
    if (id === undefined) {
      Annotations.of(this).addWarning(
        `no alarms or events for replication instance ${instance.replicationInstanceArn}: its replicationInstanceId (the name its metrics carry) is not known`,
      );
      return undefined;
    }
    this.once(`instance ${id}`, `replication instance "${id}" is already monitored`);
    const alarms = new ReplicationInstanceAlarms(this, `Instance-${id}`, {
      ...this.context,
      replicationInstanceId: id,
      allocatedStorage: instance.allocatedStorage,
      instanceClass: instance.instanceClass,
      thresholds: this.merged(options),
    });
    this.instanceAlarms.push(alarms);
    this.instanceEvents ??= new DmsEventNotifications(this, "InstanceEvents", {
      ...this.context,
      sourceType: "replication-instance",
      eventCategories: this.props.instanceEventCategories ?? DEFAULT_INSTANCE_EVENT_CATEGORIES,
      dependsOn: this.topic.dependables,
    });
    this.instanceEvents.addSource(id, instance instanceof ReplicationInstance ? instance.instance : undefined);
    return alarms;
  }

  /**
   * Alarms on a task (only those its migration type can raise) and its events. Every task metric carries
   * the name of the instance the task runs on: when that name is not known, the task gets its events only,
   * with a warning, and no alarms are returned.
   */
  addTask(task: IMonitoredTask, options: AddTaskOptions = {}): ReplicationTaskAlarms | undefined {
    const instance = options.replicationInstance ?? this.props.replicationInstance;
    const where = `task "${task.replicationTaskId}"`;
    if (instance === undefined) {
      throw new ValidationError(this, `${where}: give \`replicationInstance\` (here or in the props); every task metric names the instance it runs on`);
    }
    this.once(`task ${task.replicationTaskId}`, `${where} is already monitored`);
    const thresholds = this.merged(options);
    let alarms: ReplicationTaskAlarms | undefined;
    if (instance.replicationInstanceId === undefined) {
      Annotations.of(this).addWarning(
        `no alarms for ${where}: the name (replicationInstanceId) of its replication instance ${instance.replicationInstanceArn} is not known, and every task metric carries it; its events are still sent`,
      );
    } else {
      alarms = new ReplicationTaskAlarms(this, `Task-${task.replicationTaskId}`, {
        ...this.context,
        task,
        replicationInstanceId: instance.replicationInstanceId,
        thresholds,
        fullLoadStalledAlarm: options.fullLoadStalledAlarm,
      });
      this.taskAlarms.push(alarms);
    }
    this.taskEvents ??= new DmsEventNotifications(this, "TaskEvents", {
      ...this.context,
      sourceType: "replication-task",
      eventCategories: this.props.taskEventCategories ?? DEFAULT_TASK_EVENT_CATEGORIES,
      dependsOn: this.topic.dependables,
    });
    this.taskEvents.addSource(task.replicationTaskId, task instanceof ReplicationTask ? task.task : undefined);
    return alarms;
  }

  /** An alarm on the WAL kept by the replication slots of an RDS PostgreSQL source. */
  addPostgresSource(source: string | { readonly instanceIdentifier: string }, options: AddResourceOptions = {}): ReplicationSlotDiskAlarm {
    const identifier = typeof source === "string" ? source : source.instanceIdentifier;
    this.once(`postgres ${identifier}`, `PostgreSQL source "${identifier}" is already monitored`);
    const alarm = new ReplicationSlotDiskAlarm(this, `PostgresSource-${identifier}`, {
      ...this.context,
      dbInstanceIdentifier: identifier,
      thresholds: this.merged(options),
    });
    this.replicationSlotAlarms.push(alarm);
    return alarm;
  }

  private merged(options: AddResourceOptions): DmsAlarmThresholds {
    validateWith(this, options, thresholdProblems(options.thresholds ?? {}, this.thresholds));
    return mergeThresholds(this.thresholds, options.thresholds);
  }

  private once(key: string, message: string): void {
    if (this.monitored.has(key)) throw new ValidationError(this, message);
    this.monitored.add(key);
  }
}
