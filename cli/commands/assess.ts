import { GetBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import {
  DescribeReplicationTaskAssessmentRunsCommand,
  DescribeReplicationTaskIndividualAssessmentsCommand,
  ReplicationTaskAssessmentRun,
  StartReplicationTaskAssessmentRunCommand,
} from "@aws-sdk/client-database-migration-service";
import { ENVIRONMENT_USAGE, parseEnvironmentArgs, positiveNumber } from "../args";
import { OperatedEnvironment, resolveEnvironment } from "../environment";
import { CliIo, processIo, UsageError } from "../io";

export const ASSESS_USAGE = [
  "assess <environment> [--task ID] [--timeout S]",
  "  Run a premigration assessment of each task (StartReplicationTaskAssessmentRun) with the bucket and role the",
  "  environment declares (premigrationAssessment), wait for it, print each assessment's result; exit 1 on a failed one.",
  "  --task ID        only this task (repeatable)",
  "  --timeout S      how long to wait for each run, in seconds (default 1800)",
  ...ENVIRONMENT_USAGE,
];

/** Run statuses after which nothing changes: https://docs.aws.amazon.com/dms/latest/APIReference/API_ReplicationTaskAssessmentRun.html */
const FINISHED = new Set(["passed", "failed", "warning", "cancelled", "error-provisioning", "error-executing", "invalid state"]);
const FAILED = new Set(["failed", "error", "error-provisioning", "error-executing", "invalid state"]);

/** `${data.aws_caller_identity.X.account_id}` and `${data.aws_region.X.name}` in a name, filled in from the account. */
export function resolveNameTokens(text: string, values: { accountId: string; region: string }): string {
  return text
    .replace(/\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}/g, values.accountId)
    .replace(/\$\{data\.aws_region\.[A-Za-z0-9_-]+\.(name|region)\}/g, values.region);
}

function partitionOf(region: string): string {
  return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

export async function runAssess(argv: string[], io: CliIo = processIo): Promise<number> {
  const { values, target, help } = parseEnvironmentArgs(argv, { task: { type: "string", multiple: true }, timeout: { type: "string" } });
  if (help) return (ASSESS_USAGE.forEach((line) => io.out(line)), 0);
  const environment = resolveEnvironment(target, io);
  const storage = environment.model.assessment;
  if (!storage) throw new UsageError(`${environment.model.environment} declares no premigrationAssessment; add "premigrationAssessment": {} under dms in its environment file and deploy it.`);
  const timeout = positiveNumber("timeout", values.timeout as string | undefined, 1800);
  const accountId = await environment.accountId();
  const region = environment.model.region;
  const bucket = resolveNameTokens(storage.bucket, { accountId, region });
  const roleArn = `arn:${partitionOf(region)}:iam::${accountId}:role/${storage.roleName}`;
  const kmsKeyArn = await bucketKey(environment, bucket);
  let failed = false;
  // Premigration assessment runs are for replication tasks; a serverless replication is assessed when it starts.
  for (const node of environment.tasks(values.task as string[] | undefined, ["task"])) {
    const task = await environment.describeTask(node.id);
    const started = await environment.dms.send(
      new StartReplicationTaskAssessmentRunCommand({
        ReplicationTaskArn: task.ReplicationTaskArn,
        ServiceAccessRoleArn: roleArn,
        ResultLocationBucket: bucket,
        ResultLocationFolder: node.id,
        AssessmentRunName: `${node.id}-${new Date().toISOString().replace(/[^0-9]/g, "").slice(0, 14)}`,
        // The bucket refuses uploads encrypted any other way than with its key.
        ...(kmsKeyArn ? { ResultEncryptionMode: "SSE_KMS", ResultKmsKeyArn: kmsKeyArn } : { ResultEncryptionMode: "SSE_S3" }),
      }),
    );
    const run = await waitForRun(environment, started.ReplicationTaskAssessmentRun!, timeout, io);
    io.out(`${node.id}: assessment ${run.AssessmentRunName} ${run.Status} (results in s3://${bucket}/${node.id}/)`);
    const individual = await environment.dms.send(
      new DescribeReplicationTaskIndividualAssessmentsCommand({ Filters: [{ Name: "replication-task-assessment-run-arn", Values: [run.ReplicationTaskAssessmentRunArn!] }] }),
    );
    for (const assessment of individual.ReplicationTaskIndividualAssessments ?? []) {
      const status = assessment.Status ?? "unknown";
      io.out(`  ${FAILED.has(status) ? "FAIL" : status === "warning" ? "WARN" : "ok  "}  ${assessment.IndividualAssessmentName}: ${status}`);
      if (FAILED.has(status)) failed = true;
    }
    if (FAILED.has(run.Status ?? "")) {
      failed = true;
      if (run.LastFailureMessage) io.out(`  ${run.LastFailureMessage}`);
    }
  }
  return failed ? 1 : 0;
}

/** The customer-managed key the results bucket encrypts with by default, if any. */
async function bucketKey(environment: OperatedEnvironment, bucket: string): Promise<string | undefined> {
  const s3 = new S3Client({ ...environment.clientSettings, forcePathStyle: true });
  const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  const rule = encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  return rule?.SSEAlgorithm === "aws:kms" ? rule.KMSMasterKeyID : undefined;
}

async function waitForRun(environment: OperatedEnvironment, run: ReplicationTaskAssessmentRun, timeoutSeconds: number, io: CliIo): Promise<ReplicationTaskAssessmentRun> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const found = await environment.dms.send(
      new DescribeReplicationTaskAssessmentRunsCommand({ Filters: [{ Name: "replication-task-assessment-run-arn", Values: [run.ReplicationTaskAssessmentRunArn!] }] }),
    );
    const current = found.ReplicationTaskAssessmentRuns?.[0] ?? run;
    if (FINISHED.has(current.Status ?? "")) return current;
    if (Date.now() > deadline) throw new Error(`the assessment run ${current.AssessmentRunName} is still ${current.Status} after ${timeoutSeconds} s`);
    await io.sleep(15_000);
  }
}
