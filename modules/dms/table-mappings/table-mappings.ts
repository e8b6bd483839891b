import { deepFreeze } from "../../core/deep-freeze";
import { TableSelection } from "../table-selection";
import { rulesFromAws } from "./aws-json";
import { renderRule } from "./render";
import {
  TableMappingError,
  checkRule,
  checkRules,
  duplicateNameIssues,
  isSelection,
  listIssues,
  listProblems,
  tableMappingProblems,
} from "./rule-checks";
import { TableMappingRule } from "./rule-schemas";
import {
  AddBeforeImageColumnsRule,
  AddColumnRule,
  ChangeCaseRule,
  ChangeDataTypeRule,
  DataMaskingRule,
  DefinePrimaryKeyRule,
  ExcludeRule,
  ExplicitRule,
  IncludeRule,
  LobSettingsRule,
  ParallelLoadRule,
  RemoveColumnRule,
  RenameRule,
  ReplaceAffixRule,
  TablespaceTarget,
  TransformationTarget,
} from "./rule-types";
import { ObjectMappingRule } from "./object-mapping";

function byPosition(rules: readonly TableMappingRule[]): Map<number, TableMappingRule> {
  return new Map(rules.map((rule, index) => [index, rule]));
}


type Props<R> = Omit<R, "action">;

const DATA_MASKING_MINIMUM_ENGINE = "3.5.4";

/**
 * The oldest DMS engine that runs `rules`: data masking needs 3.5.4
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Masking.html).
 * @returns undefined when any engine does
 */
export function minimumDmsEngineVersionOf(rules: readonly TableMappingRule[]): string | undefined {
  return rules.some((rule) => rule.action.startsWith("data-masking-")) ? DATA_MASKING_MINIMUM_ENGINE : undefined;
}
type TargetProps<R> = Omit<R, "action" | "target">;

/**
 * The `table_mappings` of a DMS replication task, built rule by rule:
 *
 * ```ts
 * const mappings = new TableMappings()
 *   .include({ schema: "%", table: "DM_PERSONS" })
 *   .lowercase("table", { schema: "%", table: "DM_PERSONS" })
 *   .lowercase("column", { schema: "%", table: "%", column: "%" });
 * mappings.toJson(); // the `table_mappings` argument of aws_dms_replication_task
 * ```
 *
 * Immutable: every method returns a new instance and leaves this one unchanged. Each rule is checked when it
 * is added (a bad rule throws {@link TableMappingError} at the call that added it); the list as a whole (at
 * least one include or explicit rule) when {@link toJson} runs. Rule ids are positions: `"1"`, `"2"`, ...
 */
export class TableMappings {
  #rules: readonly TableMappingRule[] = Object.freeze([]);

  /**
   * Mappings from plain data, such as an environment file's rules, checked like {@link tableMappingProblems}:
   * every problem is reported at once, one line each.
   * @throws TableMappingError
   */
  static fromRules(rules: readonly TableMappingRule[]): TableMappings {
    if (!Array.isArray(rules)) throw new TableMappingError(tableMappingProblems(rules));
    const check = checkRules(rules);
    if (check.problems.length > 0) throw new TableMappingError(check.problems);
    return TableMappings.of([...check.rules.values()]);
  }

  /**
   * Mappings from AWS's own JSON (`{"rules": [...]}`, a string or parsed), as the AWS DMS User Guide and the console
   * write it: rule ids and `load-order` as strings are accepted, ids become positions, and every problem is reported
   * at once with its path as written (`rules[1].object-locator.table-name`).
   * @throws TableMappingError
   */
  static fromAwsJson(json: string | object): TableMappings {
    let parsed: unknown = json;
    if (typeof json === "string") {
      try {
        parsed = JSON.parse(json);
      } catch (error) {
        throw new TableMappingError([{ path: "", value: "(not JSON)", message: `not JSON: ${(error as Error).message}` }]);
      }
    }
    const { rules, problems } = rulesFromAws(parsed);
    if (problems.length > 0) throw new TableMappingError(problems);
    return TableMappings.of(rules);
  }

  private static of(rules: readonly TableMappingRule[]): TableMappings {
    const mappings = new TableMappings();
    mappings.#rules = deepFreeze([...rules]);
    return mappings;
  }

  /** The rules in order; rule `i` gets rule-id `i + 1`. Frozen. */
  get rules(): readonly TableMappingRule[] {
    return this.#rules;
  }

  /**
   * Adds any rule.
   * @throws TableMappingError when the rule is invalid or its rule-name is taken
   */
  add(rule: TableMappingRule): TableMappings {
    const index = this.#rules.length;
    const check = checkRule(rule, index);
    if (!check.rule) throw new TableMappingError(check.problems);
    const rules = [...this.#rules, check.rule];
    const duplicate = duplicateNameIssues(rules.map((each, i) => [i, each] as const));
    if (duplicate.length > 0) throw new TableMappingError(listProblems(byPosition(rules), duplicate));
    return TableMappings.of(rules);
  }

  /** Selects tables (`rule-action: include`), with optional row filters and load order. */
  include(props: Props<IncludeRule>): TableMappings {
    return this.add({ ...props, action: "include" });
  }

  /** Leaves out tables an include rule matched. */
  exclude(props: Props<ExcludeRule>): TableMappings {
    return this.add({ ...props, action: "exclude" });
  }

  /** Selects exactly one named table or view (no `%`). */
  explicit(props: Props<ExplicitRule>): TableMappings {
    return this.add({ ...props, action: "explicit" });
  }

  /** Converts schema, table or column names to lower case (`convert-lowercase`). */
  lowercase(target: TransformationTarget, props: TargetProps<ChangeCaseRule>): TableMappings {
    return this.add({ ...props, action: "convert-lowercase", target });
  }

  /** Converts schema, table or column names to upper case (`convert-uppercase`). */
  uppercase(target: TransformationTarget, props: TargetProps<ChangeCaseRule>): TableMappings {
    return this.add({ ...props, action: "convert-uppercase", target });
  }

  /** Renames a schema, table or column to `value`; on an Oracle target, moves tables or indexes into the tablespace `value`. */
  rename(target: TransformationTarget | TablespaceTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "rename", target });
  }

  /** Adds the prefix `value`. */
  addPrefix(target: TransformationTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "add-prefix", target });
  }

  /** Removes the prefix `value`. */
  removePrefix(target: TransformationTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "remove-prefix", target });
  }

  /** Replaces the prefix `oldValue` with `value`. */
  replacePrefix(target: TransformationTarget, props: TargetProps<ReplaceAffixRule>): TableMappings {
    return this.add({ ...props, action: "replace-prefix", target });
  }

  /** Adds the suffix `value`. */
  addSuffix(target: TransformationTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "add-suffix", target });
  }

  /** Removes the suffix `value`. */
  removeSuffix(target: TransformationTarget, props: TargetProps<RenameRule>): TableMappings {
    return this.add({ ...props, action: "remove-suffix", target });
  }

  /** Replaces the suffix `oldValue` with `value`. */
  replaceSuffix(target: TransformationTarget, props: TargetProps<ReplaceAffixRule>): TableMappings {
    return this.add({ ...props, action: "replace-suffix", target });
  }

  /** Drops a column from the target table. */
  removeColumn(props: Props<RemoveColumnRule>): TableMappings {
    return this.add({ ...props, action: "remove-column" });
  }

  /** Adds a column `value` of type `dataType`, filled from `expression`. */
  addColumn(props: Props<AddColumnRule>): TableMappings {
    return this.add({ ...props, action: "add-column" });
  }

  /** Defines the target table's primary key or unique index `name`; the rule's own name is `ruleName`. */
  definePrimaryKey(props: Props<DefinePrimaryKeyRule>): TableMappings {
    return this.add({ ...props, action: "define-primary-key" });
  }

  /** Changes a column's DMS data type on the target (`change-data-type`). */
  changeDataType(props: Props<ChangeDataTypeRule>): TableMappings {
    return this.add({ ...props, action: "change-data-type" });
  }

  /** Adds before-image columns to a table (`add-before-image-columns`), for Kinesis and Kafka targets. */
  addBeforeImageColumns(props: Props<AddBeforeImageColumnsRule>): TableMappings {
    return this.add({ ...props, action: "add-before-image-columns" });
  }

  /** Replaces every digit of a column with the character `value` (`data-masking-digits-mask`; DMS 3.5.4+). */
  maskDigits(props: Props<DataMaskingRule> & { readonly value: string }): TableMappings {
    return this.add({ ...props, action: "data-masking-digits-mask" });
  }

  /** Replaces every digit of a column with a random digit (`data-masking-digits-randomize`; DMS 3.5.4+). */
  randomizeDigits(props: Omit<Props<DataMaskingRule>, "value">): TableMappings {
    return this.add({ ...props, action: "data-masking-digits-randomize" });
  }

  /** Replaces a column's value with its hash (`data-masking-hash-mask`; DMS 3.5.4+). */
  hashMask(props: Omit<Props<DataMaskingRule>, "value">): TableMappings {
    return this.add({ ...props, action: "data-masking-hash-mask" });
  }

  /** The oldest DMS engine that runs these rules: 3.5.4 with a data-masking rule. @default - any (undefined) */
  get minimumDmsEngineVersion(): string | undefined {
    return minimumDmsEngineVersionOf(this.#rules);
  }

  /** Loads one table in parallel segments (a `table-settings` rule). */
  parallelLoad(props: Props<ParallelLoadRule>): TableMappings {
    return this.add({ ...props, action: "parallel-load" });
  }

  /** Sets one table's LOB handling (a `table-settings` rule). */
  lobSettings(props: Props<LobSettingsRule>): TableMappings {
    return this.add({ ...props, action: "lob-settings" });
  }

  /**
   * Maps a source table to DynamoDB items, Kinesis records or Kafka messages (`object-mapping`); only targets that
   * take object mapping accept a task with such a rule.
   */
  objectMapping(props: ObjectMappingRule): TableMappings {
    return this.add(props);
  }

  /** The include, exclude and explicit rules in order, for the DBA script generator. */
  selections(): TableSelection[] {
    return this.#rules.filter(isSelection).map((rule) => ({ action: rule.action, schemaName: rule.schema, tableName: rule.table }));
  }

  /**
   * The `table_mappings` JSON: `{"rules":[...]}` without whitespace, keys in the order Hackney's files use.
   * The same rules always give the same string.
   * @throws TableMappingError when no rule includes a table
   */
  toJson(): string {
    const problems = listProblems(byPosition(this.#rules), listIssues(this.#rules));
    if (problems.length > 0) throw new TableMappingError(problems);
    return JSON.stringify({ rules: this.#rules.map(renderRule) });
  }

  /**
   * {@link toJson} as a Terraform argument: `${` and `%{` (an object mapping's `${Column}` references) escaped as
   * `$${` and `%%{`, which Terraform reads back as the literal text instead of an interpolation
   * (https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences).
   */
  toTerraformArgument(): string {
    return this.toJson().replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
  }
}
