/** `full-load` copies once; `cdc` replicates ongoing changes; `full-load-and-cdc` does both (the usual choice). */
export const MIGRATION_TYPES = ["full-load", "cdc", "full-load-and-cdc"] as const;

export type MigrationType = (typeof MIGRATION_TYPES)[number];

/** The distinct migration types among `types`, in the order above (for the DBA scripts' headers). */
export function orderedMigrationTypes(types: readonly MigrationType[]): MigrationType[] {
  return MIGRATION_TYPES.filter((type) => types.includes(type));
}
