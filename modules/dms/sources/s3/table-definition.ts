/**
 * The column types of an S3 source's external table definition
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.S3.html#CHAP_Source.S3.ExternalTableDef and its data
 * types section).
 */
export const S3_SOURCE_COLUMN_TYPES = [
  "BYTE",
  "DATE",
  "TIME",
  "DATETIME",
  "INT1",
  "INT2",
  "INT4",
  "INT8",
  "NUMERIC",
  "REAL4",
  "REAL8",
  "STRING",
  "UINT1",
  "UINT2",
  "UINT4",
  "UINT8",
  "BLOB",
  "CLOB",
  "BOOLEAN",
] as const;
export type S3SourceColumnType = (typeof S3_SOURCE_COLUMN_TYPES)[number];

/** Types that take a length (`ColumnLength`). */
export const LENGTH_TYPES: readonly S3SourceColumnType[] = ["STRING", "BYTE"];

/** One column of a .csv file, in file order. */
export interface S3SourceColumn {
  readonly name: string;
  readonly type: S3SourceColumnType;
  /** Characters (STRING) or bytes (BYTE); required for STRING. @default - none */
  readonly length?: number;
  /** NUMERIC only, required there: total digits, 1 to 38. @default - none */
  readonly precision?: number;
  /** NUMERIC only: digits after the point, 0 to `precision`. @default 0 */
  readonly scale?: number;
  /** @default true */
  readonly nullable?: boolean;
  /** Part of the table's primary key (which DMS needs to apply changes). @default false */
  readonly primaryKey?: boolean;
}

/** One table: the .csv files under `path`, with these columns. */
export interface S3SourceTable {
  /** The schema the table appears in to tasks (`TableOwner`). */
  readonly owner: string;
  /** The table's name (`TableName`). */
  readonly name: string;
  /** Folder of its files, under the endpoint's `bucketFolder` (`TablePath`). @default "<owner>/<name>/" */
  readonly path?: string;
  readonly columns: readonly S3SourceColumn[];
}

/** The folder of a table's files, as DMS takes it: relative, ending with a slash. */
export function tablePath(table: S3SourceTable): string {
  return table.path ?? `${table.owner}/${table.name}/`;
}

/**
 * The `external_table_definition` JSON, written as AWS's examples write it (every value a string, keys in their
 * order), so the same tables always give the same string.
 */
export function externalTableDefinition(tables: readonly S3SourceTable[]): string {
  return JSON.stringify({
    TableCount: String(tables.length),
    Tables: tables.map((table) => ({
      TableName: table.name,
      TablePath: tablePath(table),
      TableOwner: table.owner,
      TableColumns: table.columns.map((column) => ({
        ColumnName: column.name,
        ColumnType: column.type,
        ...(column.length === undefined ? {} : { ColumnLength: String(column.length) }),
        ...(column.precision === undefined ? {} : { ColumnPrecision: String(column.precision) }),
        ...(column.scale === undefined ? {} : { ColumnScale: String(column.scale) }),
        ColumnNullable: String(column.nullable ?? true),
        ...(column.primaryKey ? { ColumnIsPk: "true" } : {}),
      })),
      TableColumnsTotal: String(table.columns.length),
    })),
  });
}
