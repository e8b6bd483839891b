import { TableSelection } from "../../../table-selection";
import { ScriptSection, scriptRule } from "../../../endpoints/preparation-script";

// Small SQL*Plus and PL/SQL text helpers for the Oracle DBA script. SQL*Plus reads `&` as a substitution
// variable (the script turns that off once it has read its arguments), and a line of its own starting with
// `/`, `.` or `#` as a command, so every value written into the script stays on one line and holds no `&`.

/** A string literal, `'...'`, with single quotes doubled. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A double-quoted identifier. Oracle names cannot contain `"`, so callers refuse such names beforehand. */
export function quoted(name: string): string {
  return `"${name}"`;
}

/** The escape character of the LIKE patterns below. */
const ESCAPE = "\\";

/**
 * A LIKE pattern (used with `ESCAPE '\'`) matching what a DMS name pattern matches. DMS's only wildcard is
 * `%`, which LIKE reads the same way; `_` is a literal character in DMS but a wildcard in LIKE, so it is
 * escaped, and so is the escape character itself.
 */
export function likePattern(dmsPattern: string): string {
  return dmsPattern.replace(/[\\_]/g, (character) => `${ESCAPE}${character}`);
}

/** `column = 'NAME'` for a plain name, `column LIKE 'PATTERN' ESCAPE '\'` when the DMS pattern has a `%`. */
function nameMatches(column: string, name: string, exact: boolean): string {
  if (exact || !name.includes("%")) return `${column} = ${literal(name)}`;
  return `${column} LIKE ${literal(likePattern(name))} ESCAPE ${literal(ESCAPE)}`;
}

/** How a selection rule reads in a comment or a message: `include HR.%`. */
export function describeSelection(rule: TableSelection): string {
  return `${rule.action} ${rule.schemaName}.${rule.tableName}`;
}

/** The condition one rule puts on `ownerColumn`/`nameColumn`; `explicit` names one table exactly. */
function ruleCondition(rule: TableSelection, ownerColumn: string, nameColumn: string): string {
  const exact = rule.action === "explicit";
  return `(${nameMatches(ownerColumn, rule.schemaName, exact)} AND ${nameMatches(nameColumn, rule.tableName, exact)})`;
}

/**
 * WHERE-clause lines (without `WHERE`) keeping the objects the rules select: any include or explicit rule,
 * and no exclude rule (exclusions win, as in DMS). Each rule's line carries the rule as a comment.
 * @param indent prefix of every line
 */
export function selectionPredicate(rules: readonly TableSelection[], ownerColumn: string, nameColumn: string, indent: string): string[] {
  const included = rules.filter((rule) => rule.action !== "exclude");
  const excluded = rules.filter((rule) => rule.action === "exclude");
  const list = (selected: readonly TableSelection[]): string[] =>
    selected.map(
      (rule, index) => `${indent}    ${index === 0 ? "   " : "OR "}${ruleCondition(rule, ownerColumn, nameColumn)} -- ${describeSelection(rule)}`,
    );
  const lines = [`${indent}AND (`, ...list(included), `${indent})`];
  if (excluded.length > 0) lines.push(`${indent}AND NOT (`, ...list(excluded), `${indent})`);
  return lines;
}

/**
 * Schemas Oracle installs and maintains (`dba_users.oracle_maintained = 'Y'` from 12c on, a column 11g
 * lacks), left out of every selection: a `%` schema must never reach SYS or the RDS administration schema.
 */
export const ORACLE_MAINTAINED_SCHEMAS: readonly string[] = [
  "ANONYMOUS",
  "APPQOSSYS",
  "AUDSYS",
  "CTXSYS",
  "DBSFWUSER",
  "DBSNMP",
  "DIP",
  "DVF",
  "DVSYS",
  "EXFSYS",
  "FLOWS_FILES",
  "GGSYS",
  "GSMADMIN_INTERNAL",
  "GSMCATUSER",
  "GSMROOTUSER",
  "GSMUSER",
  "LBACSYS",
  "MDDATA",
  "MDSYS",
  "OJVMSYS",
  "OLAPSYS",
  "ORACLE_OCM",
  "ORDDATA",
  "ORDPLUGINS",
  "ORDSYS",
  "OUTLN",
  "RDSADMIN",
  "REMOTE_SCHEDULER_AGENT",
  "SI_INFORMTN_SCHEMA",
  "SPATIAL_CSW_ADMIN_USR",
  "SPATIAL_WFS_ADMIN_USR",
  "SYS",
  "SYS$UMF",
  "SYSBACKUP",
  "SYSDG",
  "SYSKM",
  "SYSMAN",
  "SYSRAC",
  "SYSTEM",
  "WMSYS",
  "XDB",
  "XS$NULL",
];

/** WHERE-clause lines (without `WHERE`) leaving out Oracle's own schemas and APEX's. */
export function notOracleMaintained(ownerColumn: string, indent: string): string[] {
  const names = ORACLE_MAINTAINED_SCHEMAS.map(literal);
  const rows: string[] = [];
  for (let index = 0; index < names.length; index += 8) rows.push(names.slice(index, index + 8).join(", "));
  return [
    `${indent}AND ${ownerColumn} NOT IN (`,
    ...rows.map((row, index) => `${indent}    ${row}${index < rows.length - 1 ? "," : ""}`),
    `${indent})`,
    `${indent}AND ${ownerColumn} NOT LIKE 'APEX${ESCAPE}_%' ESCAPE ${literal(ESCAPE)}`,
  ];
}

/** The horizontal rule framing the header and each section: `=` rather than `-`, since SQL*Plus reads a hyphen ending a command line as a continuation. */
export const RULE = scriptRule("=", 98);

/** A titled part of a script; the script numbers the sections in order. */
export type Section = ScriptSection;

/** `RAISE_APPLICATION_ERROR` with the script's error number; WHENEVER SQLERROR then ends the script. */
export function raise(message: string, indent = "        "): string {
  return `${indent}RAISE_APPLICATION_ERROR(-20001, ${literal(message)});`;
}

/** `DBMS_OUTPUT.PUT_LINE(<expression>);` */
export function say(expression: string, indent = "    "): string {
  return `${indent}DBMS_OUTPUT.PUT_LINE(${expression});`;
}
