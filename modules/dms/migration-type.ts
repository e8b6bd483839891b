/** `full-load` copies once; `cdc` replicates ongoing changes; `full-load-and-cdc` does both (the usual choice). */
export type MigrationType = "full-load" | "cdc" | "full-load-and-cdc";
