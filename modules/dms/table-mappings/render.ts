import { ColumnDataType, LobSettings, SourceFilter, TableType, TablespaceTarget, TransformationTarget } from "./rule-types";
import { TableMappingRule } from "./rule-schemas";
import { ruleNameOf } from "./rule-checks";
import { renderObjectMapping } from "./object-mapping";

// Rules rendered to the exact DMS JSON Hackney's files used: fixed key order, rule-id = position + 1.

/** Drops keys whose value is undefined, keeping the order of the rest. */
function present(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function locator(schema: string, table?: string, column?: string, type?: TableType): Record<string, unknown> {
  return present({ "schema-name": schema, "table-name": table, "column-name": column, "table-type": type });
}

function renderDataType(dataType: ColumnDataType): Record<string, unknown> {
  return present({ type: dataType.type, length: dataType.length, precision: dataType.precision, scale: dataType.scale });
}

function renderFilter(filter: SourceFilter): Record<string, unknown> {
  return {
    "filter-type": "source",
    "column-name": filter.column,
    "filter-conditions": filter.conditions.map((condition) =>
      present({
        "filter-operator": condition.operator,
        value: condition.value,
        "start-value": condition.startValue,
        "end-value": condition.endValue,
      }),
    ),
  };
}

function renderLob(lob: LobSettings): Record<string, unknown> {
  // AWS's examples write bulk-max-size as a string.
  return present({ mode: lob.mode, "bulk-max-size": lob.bulkMaxSize === undefined ? undefined : String(lob.bulkMaxSize) });
}

export function renderRule(rule: TableMappingRule, index: number): Record<string, unknown> {
  const head = (ruleType: string) => ({ "rule-type": ruleType, "rule-id": String(index + 1), "rule-name": ruleNameOf(rule, index) });
  const transformation = (target: TransformationTarget | TablespaceTarget, objectLocator: Record<string, unknown>, extra: Record<string, unknown>) =>
    present({
      ...head("transformation"),
      "rule-target": target,
      "object-locator": objectLocator,
      "rule-action": rule.action,
      value: extra.value,
      "old-value": extra.oldValue,
      expression: extra.expression,
      "data-type": extra.dataType,
      "primary-key-def": extra.primaryKeyDef,
      "before-image-def": extra.beforeImageDef,
    });
  switch (rule.action) {
    case "include":
      return present({
        ...head("selection"),
        "object-locator": locator(rule.schema, rule.table, undefined, rule.tableType),
        "rule-action": rule.action,
        filters: (rule.filters ?? []).map(renderFilter),
        "load-order": rule.loadOrder,
      });
    case "explicit":
    case "exclude":
      return present({
        ...head("selection"),
        "object-locator": locator(rule.schema, rule.table, undefined, rule.tableType),
        "rule-action": rule.action,
        // Hackney's files carry an empty filter list on rules that may have one.
        filters: rule.action === "explicit" ? [] : undefined,
      });
    case "convert-lowercase":
    case "convert-uppercase":
      return transformation(rule.target, locator(rule.schema, rule.table, rule.column), {});
    case "rename":
    case "add-prefix":
    case "remove-prefix":
    case "add-suffix":
    case "remove-suffix": {
      if (rule.target === "table-tablespace" || rule.target === "index-tablespace") {
        const objectLocator = present({ "schema-name": rule.schema, "table-name": rule.table, [`${rule.target}-name`]: rule.tablespace });
        return transformation(rule.target, objectLocator, { value: rule.value });
      }
      return transformation(rule.target, locator(rule.schema, rule.table, rule.column), { value: rule.value });
    }
    case "change-data-type":
      return transformation("column", locator(rule.schema, rule.table, rule.column), { dataType: renderDataType(rule.dataType) });
    case "add-before-image-columns":
      return transformation("column", locator(rule.schema, rule.table), {
        beforeImageDef: present({ "column-prefix": rule.columnPrefix, "column-suffix": rule.columnSuffix, "column-filter": rule.columnFilter }),
      });
    case "data-masking-digits-mask":
    case "data-masking-digits-randomize":
    case "data-masking-hash-mask":
      return transformation("column", locator(rule.schema, rule.table, rule.column), { value: rule.value });
    case "replace-prefix":
    case "replace-suffix":
      return transformation(rule.target, locator(rule.schema, rule.table, rule.column), { value: rule.value, oldValue: rule.oldValue });
    case "remove-column":
      return transformation("column", locator(rule.schema, rule.table, rule.column), {});
    case "add-column":
      return transformation("column", locator(rule.schema, rule.table), {
        value: rule.value,
        expression: rule.expression,
        dataType: renderDataType(rule.dataType),
      });
    case "define-primary-key":
      return transformation("table", locator(rule.schema, rule.table), {
        primaryKeyDef: present({ name: rule.name, origin: rule.origin, columns: rule.columns }),
      });
    case "parallel-load":
      return present({
        ...head("table-settings"),
        "object-locator": locator(rule.schema, rule.table),
        "parallel-load": present({
          type: rule.type,
          columns: rule.columns,
          boundaries: rule.boundaries,
          partitions: rule.partitions,
          subpartitions: rule.subpartitions,
          "number-of-partitions": rule.numberOfPartitions,
          // AWS's examples write this flag as a string.
          "collection-count-from-metadata": rule.collectionCountFromMetadata === undefined ? undefined : String(rule.collectionCountFromMetadata),
          "max-records-skip-per-page": rule.maxRecordsSkipPerPage,
          "batch-size": rule.batchSize,
        }),
        "lob-settings": rule.lobSettings && renderLob(rule.lobSettings),
      });
    case "lob-settings":
      return present({
        ...head("table-settings"),
        "object-locator": locator(rule.schema, rule.table),
        "lob-settings": renderLob(rule),
      });
    case "map-record-to-record":
    case "map-record-to-document":
      return { ...head("object-mapping"), ...renderObjectMapping(rule) };
  }
}
