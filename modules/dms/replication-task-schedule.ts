import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { AwsAccount } from "../core/aws-account";
import { ValidationError } from "../core/errors";
import { SCHEDULE_FACT_RULES } from "../core/aws-facts/fact-rules";
import { validateProps } from "../core/rules";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { serviceTrustPolicy, stackArn } from "../core/trust-policy";
import { ReplicationTask } from "./replication-task";
import { useProvider } from "../core/provider-scope";

/**
 * How a scheduled run starts the task (the `StartReplicationTaskType` of DMS's StartReplicationTask):
 * `reload-target` runs a full load again from scratch (a task that has already run once);
 * `start-replication` is only valid for a task's first run.
 */
export type ScheduledStartType = "reload-target" | "start-replication";

export interface ReplicationTaskScheduleProps extends ProjectEnvironment {
  /** A `full-load` task to run on the schedule. */
  readonly task: ReplicationTask;
  /** `rate(1 day)`, `cron(0 2 * * ? *)` (EventBridge Scheduler syntax). */
  readonly expression: string;
  /** IANA time zone the cron expression is read in, such as `Europe/London`. @default "UTC" */
  readonly timeZone?: string;
  /** @default "reload-target" */
  readonly startType?: ScheduledStartType;
  /** @default true */
  readonly enabled?: boolean;
}


/**
 * Starts a full-load task on a schedule (a nightly reload of a reporting server that cannot capture
 * changes), through EventBridge Scheduler's universal target for DMS, with a role that may start that one
 * task and nothing else.
 */
export class ReplicationTaskSchedule extends Construct {
  readonly scheduleArn: string;

  constructor(scope: Construct, id: string, props: ReplicationTaskScheduleProps) {
    super(scope, id);
    useProvider(this, props.provider);
    const { task } = props;
    if (task.migrationType !== "full-load") {
      throw new ValidationError(
        this,
        `only \`full-load\` tasks are run on a schedule; ${task.replicationTaskId} is \`${task.migrationType}\`, which runs continuously once started`,
      );
    }
    const timeZone = props.timeZone ?? "UTC";
    // The EventBridge Scheduler grammar and the IANA zones (core/aws-facts), the rules the file check runs too.
    validateProps(this, { expression: props.expression, timeZone }, SCHEDULE_FACT_RULES);
    const account = AwsAccount.of(this);
    const tags = projectTags(props, `${task.replicationTaskId}-schedule`);

    const scheduleName = `${task.replicationTaskId}-reload`.slice(0, 64);
    const role = new IamRole(this, "Role", {
      namePrefix: "dms-schedule-",
      description: `Lets EventBridge Scheduler start DMS task ${task.replicationTaskId}`,
      // Scheduler names the schedule group as the source
      // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role);
      // the schedule's own ARN is allowed too, and nothing else in the account.
      assumeRolePolicy: serviceTrustPolicy(this, "scheduler.amazonaws.com", {
        sourceArns: [stackArn(this, "scheduler", "schedule-group/default"), stackArn(this, "scheduler", `schedule/default/${scheduleName}`)],
      }),
      tags,
    });
    const policy = new IamRolePolicy(this, "StartTask", {
      role: role.id,
      name: "start-replication-task",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "dms:StartReplicationTask", Resource: task.replicationTaskArn }],
      }),
    });
    const schedule = new SchedulerSchedule(this, "Schedule", {
      name: scheduleName,
      description: `Runs DMS task ${task.replicationTaskId} (${props.startType ?? "reload-target"})`,
      scheduleExpression: props.expression,
      scheduleExpressionTimezone: timeZone,
      state: (props.enabled ?? true) ? "ENABLED" : "DISABLED",
      flexibleTimeWindow: { mode: "OFF" },
      target: {
        arn: `arn:${account.partition}:scheduler:::aws-sdk:databasemigration:startReplicationTask`,
        roleArn: role.arn,
        input: JSON.stringify({ ReplicationTaskArn: task.replicationTaskArn, StartReplicationTaskType: props.startType ?? "reload-target" }),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
      },
      dependsOn: [policy],
    });
    this.scheduleArn = schedule.arn;
  }
}
