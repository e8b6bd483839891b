// Table-mapping rules of a DMS replication task as plain data
// (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.html): one shape shared by
// the fluent builder and by environment files.

/** `object-locator.table-type` of a selection rule. Views are full-load only. */
export type TableType = "table" | "view" | "all";

/**
 * A source-filter operator. `between`/`notbetween` take `startValue` and `endValue`; `null`/`notnull` take no
 * value; the others take `value`. Negative operators (`noteq`, `notbetween`, `notnull`) must be a filter's only
 * condition.
 */
export type FilterOperator = "lte" | "gte" | "eq" | "noteq" | "between" | "notbetween" | "null" | "notnull";

/** One condition of a source filter; the conditions of one filter are ORed. Values are compared as text. */
export interface FilterCondition {
  readonly operator: FilterOperator;
  /** Compared value, for `eq`, `noteq`, `lte` and `gte`. Dates as `YYYY-MM-DD`. @default - none (required by those operators) */
  readonly value?: string;
  /** Lower bound, for `between` and `notbetween`. @default - none (required by those operators) */
  readonly startValue?: string;
  /** Upper bound, for `between` and `notbetween`. @default - none (required by those operators) */
  readonly endValue?: string;
}

/** A source filter on one column of an `include` rule. Several filters of one rule are ANDed. */
export interface SourceFilter {
  /** Source column, case-sensitive. Not a LOB column, and ideally one that never changes (CDC rows can slip past). */
  readonly column: string;
  readonly conditions: FilterCondition[];
}

/** Selects tables (or views) for the task. At least one include or explicit rule is required. */
export interface IncludeRule {
  readonly action: "include";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  /** Source schema, case-sensitive; `%` matches any run of characters. */
  readonly schema: string;
  /** Source table, case-sensitive; `%` matches any run of characters. */
  readonly table: string;
  /** @default - DMS's default, "table" (the key is left out) */
  readonly tableType?: TableType;
  /** Tables with a higher value are initialised first (not a strict wait when MaxFullLoadSubTasks > 1). @default - no order */
  readonly loadOrder?: number;
  /** Row filters, ANDed. @default [] */
  readonly filters?: SourceFilter[];
}

/** Leaves out tables an include rule matched. */
export interface ExcludeRule {
  readonly action: "exclude";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  /** Source schema; `%` matches any run of characters. */
  readonly schema: string;
  /** Source table; `%` matches any run of characters. */
  readonly table: string;
  /** @default - DMS's default, "table" (the key is left out) */
  readonly tableType?: TableType;
}

/** Selects exactly one named table or view, without wildcards. */
export interface ExplicitRule {
  readonly action: "explicit";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  /** Source schema, without `%`. */
  readonly schema: string;
  /** Source table or view, without `%`. */
  readonly table: string;
  /** @default - DMS's default, "table" (the key is left out) */
  readonly tableType?: TableType;
}

/** What a transformation acts on (`rule-target`). */
export type TransformationTarget = "schema" | "table" | "column";

/** Converts names to lower or upper case. SQL Server -> PostgreSQL needs lower case: PostgreSQL folds unquoted names. */
export interface ChangeCaseRule {
  readonly action: "convert-lowercase" | "convert-uppercase";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly target: TransformationTarget;
  /** Schema; `%` matches any. */
  readonly schema: string;
  /** Table; required when the target is "table" or "column", not used for "schema". @default - none */
  readonly table?: string;
  /** Column; required when the target is "column", not used otherwise. @default - none */
  readonly column?: string;
}

/** An Oracle target's tablespace of a table or of its indexes: only `rename` applies to these. */
export type TablespaceTarget = "table-tablespace" | "index-tablespace";

/**
 * Renames a schema, table or column, or adds or removes a prefix or suffix (`value`). On an Oracle target, `rename`
 * also moves tables or indexes into the tablespace `value` (`target` "table-tablespace" or "index-tablespace").
 */
export interface RenameRule {
  readonly action: "rename" | "add-prefix" | "remove-prefix" | "add-suffix" | "remove-suffix";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly target: TransformationTarget | TablespaceTarget;
  /** Schema; `%` matches any. */
  readonly schema: string;
  /** Table; required when the target is "table", "column" or a tablespace, not used for "schema". @default - none */
  readonly table?: string;
  /** Column; required when the target is "column", not used otherwise. @default - none */
  readonly column?: string;
  /** For a tablespace target: the source tablespace the rule matches (`%` matches any). @default - any tablespace (the key is left out) */
  readonly tablespace?: string;
  /** The new name, or the prefix or suffix to add or remove. */
  readonly value: string;
}

/** Replaces a prefix or suffix `oldValue` with `value`. */
export interface ReplaceAffixRule {
  readonly action: "replace-prefix" | "replace-suffix";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly target: TransformationTarget;
  /** Schema; `%` matches any. */
  readonly schema: string;
  /** Table; required when the target is "table" or "column", not used for "schema". @default - none */
  readonly table?: string;
  /** Column; required when the target is "column", not used otherwise. @default - none */
  readonly column?: string;
  /** The new prefix or suffix. */
  readonly value: string;
  /** The prefix or suffix to replace. */
  readonly oldValue: string;
}

/** Drops a column (or every column matching a `%` pattern) from the target table. */
export interface RemoveColumnRule {
  readonly action: "remove-column";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** A DMS data type (not a database type: `string`, not `varchar`). */
export type DmsDataType =
  | "bytes" | "date" | "time" | "datetime" | "int1" | "int2" | "int4" | "int8" | "numeric" | "real4" | "real8"
  | "string" | "uint1" | "uint2" | "uint4" | "uint8" | "wstring" | "blob" | "nclob" | "clob" | "boolean";

/** The type of a column added by `add-column`. */
export interface ColumnDataType {
  readonly type: DmsDataType;
  /** For `string`, `wstring` and `bytes`. @default - none */
  readonly length?: number;
  /** For `numeric` (digits) and `datetime` (fractional seconds). @default - none */
  readonly precision?: number;
  /** For `numeric`. @default - none */
  readonly scale?: number;
}

/** Adds a column to the target table, filled from `expression`. */
export interface AddColumnRule {
  readonly action: "add-column";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
  /** The new column's name. */
  readonly value: string;
  /** SQLite expression, such as `$first_name||' '||$last_name` or `'mssql'`. @default - none (the column stays null) */
  readonly expression?: string;
  readonly dataType: ColumnDataType;
}

/** Changes the DMS data type of a column on its way to the target (`change-data-type`). */
export interface ChangeDataTypeRule {
  readonly action: "change-data-type";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
  /** Column; `%` matches any. */
  readonly column: string;
  readonly dataType: ColumnDataType;
}

/** Which columns get a before-image column. */
export type BeforeImageColumnFilter = "pk-only" | "non-lob" | "all";

/** Adds a column holding each changed column's value before the change (`add-before-image-columns`). */
export interface AddBeforeImageColumnsRule {
  readonly action: "add-before-image-columns";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
  /** Prefix of each before-image column's name. @default - DMS's default, "BI_" (the key is left out) */
  readonly columnPrefix?: string;
  /** Suffix of each before-image column's name. @default - none (the key is left out) */
  readonly columnSuffix?: string;
  /** @default - DMS's default, "pk-only" (the key is left out) */
  readonly columnFilter?: BeforeImageColumnFilter;
}

/**
 * Masks a column's data on the way to the target (DMS 3.5.4 or later; column targets only):
 * `data-masking-digits-mask` replaces each digit with `value`, `data-masking-digits-randomize` with a random digit,
 * `data-masking-hash-mask` replaces the value with its SHA-256 hash.
 */
export interface DataMaskingRule {
  readonly action: "data-masking-digits-mask" | "data-masking-digits-randomize" | "data-masking-hash-mask";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
  /** Column; `%` matches any. */
  readonly column: string;
  /** For digits-mask only: the one printable ASCII character (not a space) that replaces each digit. @default - none (required by digits-mask) */
  readonly value?: string;
}

/**
 * Defines the target table's primary key (or a unique index). `name` here is the key's name, which may repeat
 * across rules; the rule's own name is `ruleName`.
 */
export interface DefinePrimaryKeyRule {
  readonly action: "define-primary-key";
  /** `rule-name` (this rule uses `name` for the key). Names must be unique. @default - the rule-id */
  readonly ruleName?: string;
  readonly schema: string;
  readonly table: string;
  /** `primary-key-def.name`: the key or index name on the target. */
  readonly name: string;
  /** @default - DMS's default, "primary-key" (the key is left out) */
  readonly origin?: "primary-key" | "unique-index";
  /** Key columns, in order. */
  readonly columns: string[];
}

/** How one table's full load is split into parallel segments. */
export type ParallelLoadType = "partitions-auto" | "subpartitions-auto" | "partitions-list" | "ranges" | "none";

/** LOB handling of one table, overriding the task's LOB settings. */
export interface LobSettings {
  /** @default - DMS's default, "limited" (the key is left out) */
  readonly mode?: "limited" | "unlimited" | "none";
  /**
   * KB. Limited mode truncates larger LOBs to this size and needs a non-zero value; unlimited mode with 0 looks
   * every LOB up, non-zero inlines LOBs up to this size. @default - none (required in limited mode)
   */
  readonly bulkMaxSize?: number;
}

/** Loads one table in parallel segments (a `table-settings` rule), optionally with its own LOB settings. */
export interface ParallelLoadRule {
  readonly action: "parallel-load";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
  readonly type: ParallelLoadType;
  /** Segment columns for "ranges", most significant first; up to 10, not DOUBLE, FLOAT or LOB. @default - none */
  readonly columns?: string[];
  /** Upper bounds of the segments for "ranges": one value per column each; N boundaries give N+1 segments. @default - none */
  readonly boundaries?: string[][];
  /** Partition names for "partitions-list". @default - none */
  readonly partitions?: string[];
  /** Oracle sources, with "partitions-list": the subpartition names to load in parallel too. @default - none */
  readonly subpartitions?: string[];
  /** MongoDB and DocumentDB sources, with "partitions-auto": segments to split each collection into. @default - DMS's default, 16 */
  readonly numberOfPartitions?: number;
  /** MongoDB and DocumentDB, with "partitions-auto": count documents from collection metadata (faster, may be stale). @default - DMS's default, true */
  readonly collectionCountFromMetadata?: boolean;
  /** MongoDB and DocumentDB, with "partitions-auto": documents skipped per page when segmenting. @default - DMS's default, 10000 */
  readonly maxRecordsSkipPerPage?: number;
  /** MongoDB and DocumentDB, with "partitions-auto": documents read per batch. @default - DMS's default, 0 (no limit) */
  readonly batchSize?: number;
  /** @default - the task's LOB settings */
  readonly lobSettings?: LobSettings;
}

/** Sets one table's LOB handling (a `table-settings` rule without parallel load). */
export interface LobSettingsRule extends LobSettings {
  readonly action: "lob-settings";
  /** `rule-name`; names must be unique. @default - the rule-id */
  readonly name?: string;
  readonly schema: string;
  readonly table: string;
}
