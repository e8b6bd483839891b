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

/** What a `ServerlessReplication` refuses in production. */
export const SERVERLESS_REPLICATION_GUARD_RULES: readonly Rule<MultiAzGuardedProps>[] = [productionMultiAz("serverless replications")];
