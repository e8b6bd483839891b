import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { MigrationType } from "./migration-type";

/** Whether Terraform starts a task (or serverless replication) and keeps it running. */
export interface TaskRunStateProps {
  readonly migrationType: MigrationType;
  /**
   * Start it when it is created, and again after each change Terraform makes to it.
   * @default true for `cdc` and `full-load-and-cdc`; false for `full-load` (a finished full load is not re-run by an apply)
   */
  readonly start?: boolean;
  /** Keep it stopped on purpose (for example during a cutover): Terraform stops it if it runs and never starts it. @default false */
  readonly keepStopped?: boolean;
}

/**
 * The value of `start_replication_task` (`start_replication` for serverless) that keeps live replication live.
 *
 * What hashicorp/aws 5.x does with it (resourceReplicationTaskUpdate in internal/service/dms/replication_task.go,
 * https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/dms/replication_task.go):
 * any change other than tags stops a running task, calls ModifyReplicationTask (DMS refuses to modify a running
 * task: https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.Modifying.html), and starts it again only when
 * `start_replication_task` is true. The start type is `start-replication` for a task that never ran (status
 * `ready`) and `resume-processing` otherwise, so a restart after a change resumes from the checkpoint
 * (https://github.com/hashicorp/terraform-provider-aws/pull/24047). Toggling the flag alone starts or stops the
 * task; the flag is not read back, so a task stopped outside Terraform shows no drift. With `false`, a task an
 * operator started is stopped by the next change and left stopped: the silent stop this default avoids.
 * `aws_dms_replication_config.start_replication` behaves the same way (replication_config.go).
 */
export function startsAndKeepsRunning(scope: Construct, props: TaskRunStateProps): boolean {
  if (props.keepStopped === true && props.start === true) {
    throw new ValidationError(scope, "`keepStopped` keeps the task stopped; remove `startReplicationTask: true` (`startReplication: true` on a serverless replication) or `keepStopped`");
  }
  if (props.keepStopped === true) return false;
  return props.start ?? props.migrationType !== "full-load";
}
