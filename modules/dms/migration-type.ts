import type { Rule } from "../core/rules";
import type { ISourceEndpoint } from "./endpoints/endpoint";

/** `full-load` copies once; `cdc` replicates ongoing changes; `full-load-and-cdc` does both (the usual choice). */
export const MIGRATION_TYPES = ["full-load", "cdc", "full-load-and-cdc"] as const;

export type MigrationType = (typeof MIGRATION_TYPES)[number];

/** The distinct migration types among `types`, in the order above (for the DBA scripts' headers). */
export function orderedMigrationTypes(types: readonly MigrationType[]): MigrationType[] {
  return MIGRATION_TYPES.filter((type) => types.includes(type));
}

/** A task or serverless replication reading changes needs a source set up to capture them (its table, once). */
export function sourceCapturesChangesRule<T extends { readonly migrationType: MigrationType; readonly source: ISourceEndpoint }>(): Rule<T> {
  return {
    path: ["migrationType"],
    when: (props) => props.migrationType !== "full-load" && !props.source.capturesChanges,
    message: (props) => `needs a source that captures changes, but ${props.source.endpointId} is set up for full loads only; allowed: "full-load"`,
  };
}
