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
export const SERVERLESS_CAPACITY_RULES: readonly Rule<ServerlessCapacityProps>[] = [
  { path: ["minCapacityUnits"], when: (props) => capacityUnit(props.minCapacityUnits), message: `allowed: ${DMS_CAPACITY_UNITS.join(", ")}` },
  { path: ["maxCapacityUnits"], when: (props) => capacityUnit(props.maxCapacityUnits), message: `allowed: ${DMS_CAPACITY_UNITS.join(", ")}` },
  {
    path: ["minCapacityUnits"],
    when: (props) => (props.minCapacityUnits ?? 1) > props.maxCapacityUnits,
    message: (props) => `must not exceed maxCapacityUnits (${props.maxCapacityUnits})`,
  },
];

/** What a `ServerlessReplication` refuses in production. */
export const SERVERLESS_REPLICATION_GUARD_RULES: readonly Rule<MultiAzGuardedProps>[] = [productionMultiAz("serverless replications")];
