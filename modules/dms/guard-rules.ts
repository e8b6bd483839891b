import { ProjectEnvironment, isProduction } from "../core/project-environment";
import { Rule } from "../core/rules";

// The production guard rails of DMS's own compute, once: the constructs run these tables on their props, and the
// environment-file check runs them on the props the file's entries build.

/** The props the guard rails read. */
export type MultiAzGuardedProps = Pick<ProjectEnvironment, "projectName" | "environment" | "production"> & { readonly multiAz?: boolean };

function productionMultiAz(what: string): Rule<MultiAzGuardedProps> {
  return {
    path: ["multiAz"],
    when: (props) => isProduction(props) && props.multiAz !== true,
    message: `production ${what} must be Multi-AZ; allowed: true`,
  };
}

/** What a `ReplicationInstance` refuses in production. */
export const REPLICATION_INSTANCE_GUARD_RULES: readonly Rule<MultiAzGuardedProps>[] = [productionMultiAz("replication instances")];

/**
 * DMS capacity units (1 DCU = 2 GB of RAM) a serverless replication may use
 * (https://docs.aws.amazon.com/dms/latest/APIReference/API_ComputeConfig.html).
 */
export const DMS_CAPACITY_UNITS = [1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384] as const;
export type DmsCapacityUnits = (typeof DMS_CAPACITY_UNITS)[number];

/** The capacity a serverless replication's props and its file entry (`tasks[].serverless`) give. */
export interface ServerlessCapacityProps {
  /** @default 1 */
  readonly minCapacityUnits?: number;
  readonly maxCapacityUnits: number;
}

const capacityUnit = (value: number | undefined) => value !== undefined && !(DMS_CAPACITY_UNITS as readonly number[]).includes(value);

/** What a serverless replication's capacity must be, in the construct and in the file. */
/** The defaults of `ServerlessReplicationProps`, declared once: the construct and the file check read them. */
export const SERVERLESS_REPLICATION_DEFAULTS = { minCapacityUnits: 1 } as const;

export const SERVERLESS_CAPACITY_RULES: readonly Rule<ServerlessCapacityProps>[] = [
  { path: ["minCapacityUnits"], when: (props) => capacityUnit(props.minCapacityUnits), message: `allowed: ${DMS_CAPACITY_UNITS.join(", ")}` },
  { path: ["maxCapacityUnits"], when: (props) => capacityUnit(props.maxCapacityUnits), message: `allowed: ${DMS_CAPACITY_UNITS.join(", ")}` },
  {
    path: ["minCapacityUnits"],
    when: (props) => (props.minCapacityUnits ?? SERVERLESS_REPLICATION_DEFAULTS.minCapacityUnits) > props.maxCapacityUnits,
    message: (props) => `must not exceed maxCapacityUnits (${props.maxCapacityUnits})`,
  },
];

/** Days CloudWatch Logs keeps a log group (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** The size of a replication instance and how long its task logs are kept, as the construct and the file give them. */
export interface ReplicationInstanceSizing {
  /** @default 50 */
  readonly allocatedStorage?: number;
  /** @default 30 */
  readonly taskLogRetentionDays?: number;
}

/** What a replication instance's storage and log retention must be, in the construct and in the file. */
export const REPLICATION_INSTANCE_SIZING_RULES: readonly Rule<ReplicationInstanceSizing>[] = [
  {
    path: ["allocatedStorage"],
    when: ({ allocatedStorage: gib }) => gib !== undefined && !(Number.isInteger(gib) && gib >= 5 && gib <= 6144),
    message: "allowed: a whole number of GiB from 5 to 6144",
  },
  {
    path: ["taskLogRetentionDays"],
    when: ({ taskLogRetentionDays: days }) => days !== undefined && !LOG_RETENTION_DAYS.includes(days),
    message: `allowed: ${LOG_RETENTION_DAYS.join(", ")}`,
  },
];

/** What a `ServerlessReplication` refuses in production. */
export const SERVERLESS_REPLICATION_GUARD_RULES: readonly Rule<MultiAzGuardedProps>[] = [productionMultiAz("serverless replications")];
