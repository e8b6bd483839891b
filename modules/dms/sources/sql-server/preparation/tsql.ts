import { TableSelection } from "../../../table-selection";
import { ScriptSection, scriptRule } from "../../../endpoints/preparation-script";

// Small T-SQL text helpers for generated DBA scripts. Generated text is run by sqlcmd, which replaces
// `$(NAME)` everywhere (even inside literals and comments) and reads `GO` and `:command` lines itself,
// so every value written into a script must stay on one line and must not contain `$(`.

/** A Unicode string literal, `N'...'`, with single quotes doubled. */
export function nLiteral(value: string): string {
  return `N'${value.replace(/'/g, "''")}'`;
}

/** A bracket-quoted identifier, as QUOTENAME writes it (`]` doubled). */
export function bracketed(name: string): string {
  return `[${name.replace(/]/g, "]]")}]`;
}

/** A RAISERROR message literal: RAISERROR reads `%` as a format character, so it is doubled. */
export function raiserrorMessage(message: string): string {
  return nLiteral(message.replace(/%/g, "%%"));
}

/**
 * A LIKE pattern matching what a DMS name pattern matches. DMS's only wildcard is `%`, which LIKE reads the
 * same way; `_` and `[` are literal characters in DMS but wildcards or set openers in LIKE, so they are
 * wrapped in brackets. `]`, `^` and `-` are literal outside a bracket set and need nothing.
 */
export function likePattern(dmsPattern: string): string {
  return dmsPattern.replace(/[[_]/g, (character) => `[${character}]`);
}

/** `column = N'name'` for a plain name, `column LIKE N'pattern'` when the DMS pattern has a `%`. */
function nameMatches(column: string, name: string, exact: boolean): string {
  if (exact || !name.includes("%")) return `${column} = ${nLiteral(name)}`;
  return `${column} LIKE ${nLiteral(likePattern(name))}`;
}

/** How a selection rule reads in a comment or a message: `include dbo.%`. */
export function describeSelection(rule: TableSelection): string {
  return `${rule.action} ${rule.schemaName}.${rule.tableName}`;
}

/** The condition one rule puts on `schemaColumn`/`tableColumn`; `explicit` names one table exactly. */
function ruleCondition(rule: TableSelection, schemaColumn: string, tableColumn: string): string {
  const exact = rule.action === "explicit";
  return `(${nameMatches(schemaColumn, rule.schemaName, exact)} AND ${nameMatches(tableColumn, rule.tableName, exact)})`;
}

/**
 * WHERE-clause lines (without `WHERE`) that keep the tables the rules select: any include or explicit rule,
 * and no exclude rule (exclusions win, as in DMS). Each rule's line carries the rule as a comment.
 * @param indent prefix of every line
 */
export function selectionPredicate(rules: readonly TableSelection[], schemaColumn: string, tableColumn: string, indent: string): string[] {
  const included = rules.filter((rule) => rule.action !== "exclude");
  const excluded = rules.filter((rule) => rule.action === "exclude");
  const list = (selected: readonly TableSelection[]): string[] =>
    selected.map(
      (rule, index) =>
        `${indent}    ${index === 0 ? "   " : "OR "}${ruleCondition(rule, schemaColumn, tableColumn)} -- ${describeSelection(rule)}`,
    );
  const lines = [`${indent}AND (`, ...list(included), `${indent})`];
  if (excluded.length > 0) lines.push(`${indent}AND NOT (`, ...list(excluded), `${indent})`);
  return lines;
}

// The DMS login as sqlcmd variables: the login may be set with :setvar, the password only ever comes from
// the command line or the environment.
/** The DMS login as a bracketed identifier. */
export const LOGIN = "[$(DMS_LOGIN)]";
/** The DMS login as a string literal. */
export const LOGIN_LITERAL = "N'$(DMS_LOGIN)'";
/** The DMS login's password as a string literal; the only place the script handles it. */
export const PASSWORD_LITERAL = "N'$(DMS_PASSWORD)'";

/** The horizontal rule framing the header and each section. */
export const RULE = scriptRule("-", 98);

/** A titled part of a script; the script numbers the sections in order. */
export type Section = ScriptSection;

/**
 * RAISERROR, then leave the batch: RAISERROR alone lets the rest of the batch run. `{login}` in the message
 * becomes the DMS login, passed as a RAISERROR argument so that a `%` in it is not read as a format.
 */
export function raise(message: string): string[] {
  const parts = message.split("{login}");
  const format = parts.map((part) => raiserrorMessage(part).slice(2, -1)).join("%s");
  const argument = parts.length > 1 ? `, ${LOGIN_LITERAL}` : "";
  return ["BEGIN", `    RAISERROR(N'${format}', 16, 1${argument});`, "    RETURN;", "END;"];
}
