import { Rule } from "../../../core/rules";
import { ENDPOINT_ID } from "../../endpoints/endpoint-rules";
import type { S3SourceEndpointProps } from "./endpoint";
import { LENGTH_TYPES, S3SourceColumn, S3SourceTable } from "./table-definition";

/** What the rules read: the props less the bucket construct. */
export type S3SourceView = Omit<S3SourceEndpointProps, "bucket" | "projectName" | "environment">;

/** A relative S3 folder: safe object-key characters in segments joined by single slashes. */
const S3_FOLDER = /^[A-Za-z0-9!_.'()-]+(\/[A-Za-z0-9!_.'()-]+)*$/;
const badFolder = (value: string | undefined) => value !== undefined && (!S3_FOLDER.test(value) || value.split("/").some((part) => part === "." || part === ".."));
const NAME = /^[A-Za-z_][A-Za-z0-9_$#]{0,127}$/;

/** Every table, with its index, for rules about tables. */
const eachTable = (props: S3SourceView) => props.tables.map((table, index) => ({ table, index }));
/** Every column, with its place, for rules about columns. */
const eachColumn = (props: S3SourceView) =>
  props.tables.flatMap((table, tableIndex) => table.columns.map((column, columnIndex) => ({ table, column, tableIndex, columnIndex })));

/** One rule per table or column that breaks a condition, at that table's or column's path. */
function perTable(condition: (table: S3SourceTable) => boolean, field: string, message: string): (props: S3SourceView) => Rule<S3SourceView>[] {
  return (props) =>
    eachTable(props)
      .filter(({ table }) => condition(table))
      .map(({ index }) => ({ path: ["tables", index, field], when: () => true, message }));
}
function perColumn(condition: (column: S3SourceColumn) => boolean, field: string, message: string): (props: S3SourceView) => Rule<S3SourceView>[] {
  return (props) =>
    eachColumn(props)
      .filter(({ column }) => condition(column))
      .map(({ tableIndex, columnIndex }) => ({ path: ["tables", tableIndex, "columns", columnIndex, field], when: () => true, message }));
}

const DYNAMIC_RULES: ((props: S3SourceView) => Rule<S3SourceView>[])[] = [
  perTable((table) => !NAME.test(table.owner), "owner", "must be a plain name (letters, digits, _, $ and #, starting with a letter or _)"),
  perTable((table) => !NAME.test(table.name), "name", "must be a plain name (letters, digits, _, $ and #, starting with a letter or _)"),
  perTable(
    (table) => table.path !== undefined && (!table.path.endsWith("/") || badFolder(table.path.slice(0, -1))),
    "path",
    "must be a relative folder ending with a slash, such as hr/employee/",
  ),
  perTable((table) => table.columns.length === 0, "columns", "give at least one column"),
  (props) =>
    eachTable(props)
      .filter(({ table, index }) => props.tables.findIndex((other) => other.owner === table.owner && other.name === table.name) !== index)
      .map(({ index }) => ({ path: ["tables", index, "name"], when: () => true, message: "names a table already defined (owner and name must be unique)" })),
  (props) =>
    eachColumn(props)
      .filter(({ table, column, columnIndex }) => table.columns.findIndex((other) => other.name.toLowerCase() === column.name.toLowerCase()) !== columnIndex)
      .map(({ tableIndex, columnIndex }) => ({ path: ["tables", tableIndex, "columns", columnIndex, "name"], when: () => true, message: "names a column already in this table" })),
  perColumn((column) => !NAME.test(column.name), "name", "must be a plain name (letters, digits, _, $ and #, starting with a letter or _)"),
  perColumn((column) => column.type === "STRING" && column.length === undefined, "length", "required for STRING columns (the most characters a value has)"),
  perColumn(
    (column) => column.length !== undefined && (!LENGTH_TYPES.includes(column.type) || !Number.isInteger(column.length) || column.length < 1),
    "length",
    "only STRING and BYTE columns take a length, a whole number of at least 1",
  ),
  perColumn((column) => column.type === "NUMERIC" && column.precision === undefined, "precision", "required for NUMERIC columns (1 to 38)"),
  perColumn(
    (column) => column.precision !== undefined && (column.type !== "NUMERIC" || !Number.isInteger(column.precision) || column.precision < 1 || column.precision > 38),
    "precision",
    "only NUMERIC columns take a precision, a whole number from 1 to 38",
  ),
  perColumn(
    (column) =>
      column.scale !== undefined && (column.type !== "NUMERIC" || !Number.isInteger(column.scale) || column.scale < 0 || column.scale > (column.precision ?? 38)),
    "scale",
    "only NUMERIC columns take a scale, a whole number from 0 to their precision",
  ),
  perColumn((column) => column.primaryKey === true && column.nullable === true, "nullable", "a primary-key column cannot be nullable"),
];

/**
 * What an S3 source refuses (AWS DMS user guide, "Using Amazon S3 as a source",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.S3.html): an external table definition DMS cannot
 * read, and folders and delimiters it would misread. The endpoint runs these rules, and so does the file check.
 */
export function s3SourceRules(props: S3SourceView): Rule<S3SourceView>[] {
  return [
    { path: ["endpointId"], when: () => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
    { path: ["bucketFolder"], when: () => badFolder(props.bucketFolder), message: "must be a relative folder such as landing/hr, no leading or trailing slash" },
    { path: ["cdcPath"], when: () => badFolder(props.cdcPath), message: "must be a relative folder such as changes, no leading or trailing slash" },
    { path: ["tables"], when: () => props.tables.length === 0, message: "give at least one table (DMS reads only the tables its external table definition names)" },
    { path: ["csvDelimiter"], when: () => props.csvDelimiter !== undefined && props.csvDelimiter.length !== 1, message: "must be one character, such as , or |" },
    {
      path: ["csvRowDelimiter"],
      when: () => props.csvRowDelimiter !== undefined && (props.csvRowDelimiter === "" || props.csvRowDelimiter === props.csvDelimiter),
      message: "must be non-empty and differ from csvDelimiter",
    },
    {
      path: ["ignoreHeaderRows"],
      when: () => props.ignoreHeaderRows !== undefined && props.ignoreHeaderRows !== 0 && props.ignoreHeaderRows !== 1,
      message: "DMS skips the first row or none; allowed: 0, 1",
    },
    ...DYNAMIC_RULES.flatMap((rules) => rules(props)),
  ];
}
