import { TableSelection } from "../../../table-selection";
import { ScriptSection, scriptRule } from "../../../endpoints/preparation-script";

// Small SQL text helpers for the psql scripts generated for PostgreSQL sources. psql substitutes
// `:name`, `:'name'` and `:"name"` outside quoted literals, dollar-quoted bodies and comments, and reads a
// backslash outside them as a meta-command; so values only ever appear inside literals or comments, and
// every value must stay on its line.

/** A standard string literal, `'...'`, with single quotes doubled (the script turns standard_conforming_strings on). */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A double-quoted identifier, as `quote_ident` writes it when quoting is needed. */
export function quotedIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A LIKE pattern (with `ESCAPE '\'`) matching what a DMS name pattern matches. DMS's only wildcard is `%`,
 * which LIKE reads the same way; `_` and `\` are literal in DMS, so they are escaped. An `explicit` rule
 * names one table exactly, so its `%` is escaped too.
 */
export function likePattern(dmsPattern: string, exact: boolean): string {
  return dmsPattern.replace(exact ? /[\\_%]/g : /[\\_]/g, (character) => `\\${character}`);
}

/** How a selection rule reads in a comment or a message: `include public.%`. */
export function describeSelection(rule: TableSelection): string {
  return `${rule.action} ${rule.schemaName}.${rule.tableName}`;
}

/** The horizontal rule framing the header and each section. */
export const RULE = scriptRule("-", 98);

/** A titled part of a script; the script numbers the sections in order. */
export type Section = ScriptSection;

/** A `DO` block around PL/pgSQL lines, indented by four spaces. Its body never holds a configured value. */
export function doBlock(declarations: readonly string[], body: readonly string[]): string[] {
  const indent = (line: string) => (line === "" ? "" : `    ${line}`);
  return [
    "DO $dms$",
    ...(declarations.length > 0 ? ["DECLARE", ...declarations.map(indent)] : []),
    "BEGIN",
    ...body.map(indent),
    "END",
    "$dms$;",
  ];
}
