import { AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import { S3BackendConfig } from "cdktf";

/**
 * Where `npm run deploy:local` puts a stack: the local AWS emulator (moto) instead of AWS. Only that command
 * sets it; a stack synthesized for AWS never carries endpoint overrides or skipped checks.
 */
export interface LocalEmulatorTarget {
  /** The emulator's URL on the loopback interface, such as `http://127.0.0.1:5123`. */
  readonly endpoint: string;
  /** The emulator's bucket holding Terraform state. */
  readonly stateBucket: string;
}

/** The account moto answers for; a local stack refuses to apply against any other. */
export const EMULATOR_ACCOUNT_ID = "123456789012";

/** Every AWS service the stacks call; all of them go to the emulator. */
const SERVICES = ["cloudwatch", "dms", "dynamodb", "ec2", "iam", "kinesis", "kms", "logs", "opensearch", "rds", "redshift", "s3", "scheduler", "secretsmanager", "sns", "ssm", "sts"] as const;

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost):\d{1,5}$/;

/** Refuses anything but the loopback interface: the local target must not reach another machine. */
export function localEmulatorProblem(target: LocalEmulatorTarget): string | undefined {
  return LOOPBACK.test(target.endpoint) ? undefined : `the local emulator must listen on the loopback interface (http://127.0.0.1:<port>), got "${target.endpoint}"`;
}

/**
 * Provider settings for the emulator. Credentials are not among them: the deploy command passes fake ones in
 * the Terraform process's environment, so none is written into the stack.
 */
export function localProviderSettings(target: LocalEmulatorTarget): Partial<AwsProviderConfig> {
  return {
    endpoints: [Object.fromEntries(SERVICES.map((service) => [service, target.endpoint]))],
    allowedAccountIds: [EMULATOR_ACCOUNT_ID],
    skipCredentialsValidation: true,
    skipMetadataApiCheck: "true",
    s3UsePathStyle: true,
  };
}

/** S3 backend settings for state kept in the emulator, locked as the environment file says. */
export function localBackendSettings(target: LocalEmulatorTarget): Partial<S3BackendConfig> {
  return {
    bucket: target.stateBucket,
    endpoints: { s3: target.endpoint, dynamodb: target.endpoint, iam: target.endpoint, sts: target.endpoint },
    usePathStyle: true,
    skipCredentialsValidation: true,
    skipMetadataApiCheck: true,
    skipRegionValidation: true,
  };
}
