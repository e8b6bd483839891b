/**
 * One selection rule of a task's table mappings, as the source database sees it: which tables a task
 * reads. `%` is DMS's wildcard and matches like SQL's LIKE (any run of characters).
 */
export interface TableSelection {
  readonly action: "include" | "exclude" | "explicit";
  readonly schemaName: string;
  readonly tableName: string;
}
