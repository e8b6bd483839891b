import { isProduction } from "../core/project-environment";
import { Rule } from "../core/rules";
import type { AuroraPostgresClusterProps } from "./aurora-postgres-cluster";
import type { PostgresDatabaseProps } from "./postgres-database";
import type { PostgresCommonProps } from "./postgres-props";

// The guard rails of the environment's database, once: the constructs run these tables on their props, and the
// environment-file check runs them on the props the file's `database` entry builds (reported under `database.`).

/** The props the guard rails read; the file check builds just these from the `database` entry. */
type GuardedProps = Pick<PostgresCommonProps, "projectName" | "environment" | "production" | "deletionProtection" | "skipFinalSnapshot" | "decommission" | "port">;
export type PostgresDatabaseGuardedProps = GuardedProps & Pick<PostgresDatabaseProps, "multiAz" | "allocatedStorage" | "maxAllocatedStorage">;
export type AuroraClusterGuardedProps = GuardedProps & Pick<AuroraPostgresClusterProps, "instances" | "instanceClass" | "serverlessCapacity">;

const wholeNumberOutside = (value: number | undefined, low: number, high: number) =>
  value !== undefined && !(Number.isInteger(value) && value >= low && value <= high);

/**
 * What both an RDS instance and an Aurora cluster keep in production (deletion protection and a final snapshot), and
 * the port RDS lets PostgreSQL listen on (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html: 1150-65535).
 */
const SHARED_DATABASE_RULES: readonly Rule<GuardedProps>[] = [
  {
    path: ["port"],
    when: (props) => wholeNumberOutside(props.port, 1150, 65535),
    message: "is not a port RDS lets PostgreSQL listen on; allowed: a whole number from 1150 to 65535",
  },
  {
    path: ["deletionProtection"],
    when: (props) => isProduction(props) && props.deletionProtection === false && !props.decommission,
    message: "production databases must keep deletion protection (set `decommission: true` to destroy one on purpose); allowed: true",
  },
  {
    path: ["skipFinalSnapshot"],
    when: (props) => isProduction(props) && props.skipFinalSnapshot === true,
    message: "production databases must take a final snapshot; allowed: false",
  },
];

/** The default and smallest `allocatedStorage` of an RDS PostgreSQL instance, in GiB. */
export const DEFAULT_ALLOCATED_STORAGE = 20;

/** What a `PostgresDatabase` (RDS instance) refuses. */
export const POSTGRES_DATABASE_RULES: readonly Rule<PostgresDatabaseGuardedProps>[] = [
  {
    path: ["multiAz"],
    when: (props) => isProduction(props) && props.multiAz !== true,
    message: "production databases must be Multi-AZ; allowed: true",
  },
  ...SHARED_DATABASE_RULES,
  {
    path: ["allocatedStorage"],
    when: (props) => wholeNumberOutside(props.allocatedStorage, DEFAULT_ALLOCATED_STORAGE, 65536),
    message: `allowed: a whole number of GiB from ${DEFAULT_ALLOCATED_STORAGE} to 65536`,
  },
  {
    path: ["maxAllocatedStorage"],
    when: (props) => props.maxAllocatedStorage !== undefined && props.maxAllocatedStorage <= (props.allocatedStorage ?? DEFAULT_ALLOCATED_STORAGE),
    message: (props) => `must be larger than allocatedStorage (${props.allocatedStorage ?? DEFAULT_ALLOCATED_STORAGE}) to turn on autoscaling`,
  },
];

/** What an `AuroraPostgresCluster` refuses. */
export const AURORA_CLUSTER_RULES: readonly Rule<AuroraClusterGuardedProps>[] = [
  {
    path: ["instances"],
    when: (props) => wholeNumberOutside(props.instances, 1, 15),
    message: "allowed: a whole number from 1 to 15 (one writer, the rest readers)",
  },
  {
    path: ["instances"],
    when: (props) => isProduction(props) && !wholeNumberOutside(props.instances, 1, 15) && (props.instances ?? 1) < 2,
    message: "production Aurora clusters need 2 or more instances, in two zones; allowed: >= 2",
  },
  ...SHARED_DATABASE_RULES,
  {
    path: ["serverlessCapacity"],
    when: (props) => (props.instanceClass === "db.serverless") !== (props.serverlessCapacity !== undefined),
    message: 'goes with instanceClass "db.serverless", and only with it',
  },
  {
    path: ["serverlessCapacity"],
    when: ({ serverlessCapacity: capacity }) =>
      capacity !== undefined && !(capacity.minimum >= 0 && capacity.maximum >= 1 && capacity.minimum <= capacity.maximum && capacity.maximum <= 256),
    message: "allowed: 0 <= minimum <= maximum <= 256 ACUs, and maximum >= 1",
  },
];
