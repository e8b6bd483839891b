import { SECRET_ARN } from "../../secrets/existing-endpoint-secret";
import { TableSelection } from "../table-selection";

// What every generated DBA script shares, whatever its dialect: a header, the client's settings, numbered sections
// framed by a horizontal rule, a closing part; and the refusals every generator makes before writing a line.

/** A titled part of a script; the script numbers the sections in order. */
export interface ScriptSection {
  readonly title: string;
  readonly lines: readonly string[];
}

/**
 * The horizontal rule framing the header and each section: `-- ` and `width` times `character`. SQL*Plus reads a
 * hyphen ending a command line as a continuation, so its scripts use `=`.
 */
export function scriptRule(character: "-" | "=", width: number): string {
  return `-- ${character.repeat(width)}`;
}

/** The parts of a script, in order. */
export interface ScriptParts {
  readonly rule: string;
  /** The comment block saying what the script is, for which endpoint, and how to run it. */
  readonly header: readonly string[];
  /** The client's settings (sqlcmd, SQL*Plus, psql), before any section. */
  readonly settings: readonly string[];
  readonly sections: readonly ScriptSection[];
  readonly finish: readonly string[];
}

/** The script's text: its parts a blank line apart, each section numbered and framed by the rule; one final newline. */
export function assembleScript(parts: ScriptParts): string {
  const blocks = [
    parts.header,
    parts.settings,
    ...parts.sections.map((section, index) => [parts.rule, `-- ${index + 1}. ${section.title}`, parts.rule, ...section.lines]),
    parts.finish,
  ];
  return `${blocks.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

/** Throws for input a generator cannot write a working script for, naming the generator and the endpoint. */
export function scriptFailure(generator: string, endpointId: string): (message: string) => never {
  return (message: string): never => {
    throw new Error(`${generator} (endpoint "${endpointId}"): ${message}`);
  };
}

/** A script is for the tasks reading its source: at least one (`readersField` names the input that lists them). */
export function requireReaders(fail: (message: string) => never, readerCount: number, readersField: string): void {
  if (readerCount === 0) fail(`no task reads this source (\`${readersField}\` is empty)`);
}

/** ... and for the tables they select: at least one include or explicit rule. */
export function requireSelectedTable(fail: (message: string) => never, selections: readonly TableSelection[]): void {
  if (!selections.some((rule) => rule.action !== "exclude")) {
    fail("the selection rules select no table: give at least one `include` or `explicit` rule");
  }
}

/** A value written into a script and the input field it came from; an absent value is not checked. */
export type ScriptText = readonly [field: string, value: string | undefined];

/** The schema and table names of `selections`, as texts to check, named under `prefix`. */
export function selectionTexts(selections: readonly TableSelection[], prefix = "selections"): ScriptText[] {
  return selections.flatMap((rule, index): ScriptText[] => [
    [`${prefix}[${index}].schemaName`, rule.schemaName],
    [`${prefix}[${index}].tableName`, rule.tableName],
  ]);
}

/**
 * Every value written into a script is not empty and stays on its line; `misread` says what the script's client
 * would read in it as something else (a sqlcmd or SQL*Plus variable), or nothing.
 */
export function checkScriptTexts(
  fail: (message: string) => never,
  texts: readonly ScriptText[],
  misread: (field: string, value: string) => string | undefined = () => undefined,
): void {
  for (const [field, value] of texts) {
    if (value === undefined) continue;
    if (value.length === 0) fail(`\`${field}\` is empty`);
    if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(value)) fail(`\`${field}\` contains a control character or line break`);
    const problem = misread(field, value);
    if (problem !== undefined) fail(`\`${field}\` ${problem}`);
  }
}

/**
 * Where a script reads the DMS login's password when it runs (never written into it): the SSM SecureString the
 * endpoint's secret is filled from, or the existing Secrets Manager secret the endpoint reads. Exactly one.
 */
export interface ScriptPasswordSource {
  /** The SSM SecureString holding the password. @default - none: `passwordSecretArn` */
  readonly passwordParameterName?: string;
  /** The existing secret the endpoint reads; the password is its JSON's `password`. @default - none: `passwordParameterName` */
  readonly passwordSecretArn?: string;
}

const SSM_NAME = /^[A-Za-z0-9_.\-/]{1,2048}$/;

/** Refuses a source that names neither or both, or a value that is not an SSM name or a secret ARN (it is pasted into a shell command). */
export function checkPasswordSource(fail: (message: string) => never, source: ScriptPasswordSource): void {
  const { passwordParameterName: name, passwordSecretArn: arn } = source;
  if ((name === undefined) === (arn === undefined)) fail("give exactly one of `passwordParameterName` and `passwordSecretArn`");
  if (name !== undefined && !SSM_NAME.test(name)) fail(`\`passwordParameterName\` "${name}" is not an SSM parameter name`);
  if (arn !== undefined && !SECRET_ARN.test(arn)) fail(`\`passwordSecretArn\` "${arn}" is not a Secrets Manager secret ARN`);
}

/**
 * The shell pipeline that prints the password, for a command substitution: `aws ssm get-parameter`, or the existing
 * secret's JSON through `jq` (https://docs.aws.amazon.com/cli/latest/reference/secretsmanager/get-secret-value.html).
 * It has no `$(` of its own, so a script may wrap it in backticks.
 */
export function passwordCommand(source: ScriptPasswordSource): string {
  return source.passwordSecretArn !== undefined
    ? secretFieldCommand(source.passwordSecretArn, "password")
    : `aws ssm get-parameter --with-decryption --name ${source.passwordParameterName} --query Parameter.Value --output text`;
}

/** The shell pipeline that prints one field of an existing endpoint secret (its `username` or `password`). */
export function secretFieldCommand(secretArn: string, field: "username" | "password"): string {
  return `aws secretsmanager get-secret-value --secret-id ${secretArn} --query SecretString --output text | jq -r .${field}`;
}

/** Where the password is, for a script's comments: "the SSM parameter /x" or "the `password` of the secret arn:...". */
export function passwordOrigin(source: ScriptPasswordSource): string {
  return source.passwordSecretArn !== undefined
    ? `the \`password\` of the Secrets Manager secret ${source.passwordSecretArn}`
    : `the SSM parameter ${source.passwordParameterName}`;
}
