import { CreateLogStreamCommand, DescribeLogGroupsCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { OperatedEnvironment } from "./environment";
import { CliIo } from "./io";

export const CHANGE_RECORD_STREAM = "dms-migration-cli";

export interface ChangeRecord {
  readonly task: string;
  readonly action: string;
  readonly reason: string;
  /** The task's log group, `dms-tasks-<replication instance id>`, where DMS writes the task's own log. */
  readonly logGroup?: string;
}

/**
 * A production reload's acknowledgement: printed for the change record, and written to the task's CloudWatch log
 * group (stream `dms-migration-cli`) when that group exists, with who asked (the caller's ARN) and when.
 */
export async function recordChange(environment: OperatedEnvironment, record: ChangeRecord, io: CliIo): Promise<void> {
  const by = (await environment.sts.send(new GetCallerIdentityCommand({}))).Arn ?? "unknown caller";
  const entry = { environment: environment.model.environment, task: record.task, action: record.action, reason: record.reason, by, at: new Date().toISOString() };
  io.out(`change record: ${JSON.stringify(entry)}`);
  if (!record.logGroup) return;
  const groups = await environment.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: record.logGroup }));
  if (!groups.logGroups?.some((g) => g.logGroupName === record.logGroup)) {
    io.out(`  (no log group ${record.logGroup}: keep the line above in the change record)`);
    return;
  }
  await environment.logs.send(new CreateLogStreamCommand({ logGroupName: record.logGroup, logStreamName: CHANGE_RECORD_STREAM })).catch((error: Error) => {
    if (error.name !== "ResourceAlreadyExistsException") throw error;
  });
  await environment.logs.send(new PutLogEventsCommand({ logGroupName: record.logGroup, logStreamName: CHANGE_RECORD_STREAM, logEvents: [{ timestamp: Date.now(), message: JSON.stringify(entry) }] }));
  io.out(`  written to CloudWatch Logs ${record.logGroup} / ${CHANGE_RECORD_STREAM}`);
}
