import { z } from "zod";
import {
  TableMappingError,
  TableMappingRule,
  TableMappings,
  tableMappingProblems,
  tableMappingRuleSchema,
  tableMappingRulesSchema,
} from "../../../modules/dms/table-mappings";

/** The lines of the TableMappingError thrown by `build`. */
function problemLines(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(TableMappingError);
    return (error as Error).message.split("\n");
  }
  throw new Error("expected a TableMappingError");
}

/** Problems of plain-data rules, after one include rule so only the rule under test is wrong. */
function ruleProblems(...rules: any[]): string[] {
  return problemLines(() => TableMappings.fromRules([{ action: "include", schema: "dbo", table: "%" }, ...rules]));
}

const includeAll = () => new TableMappings().include({ schema: "dbo", table: "%" });
const parsed = (mappings: TableMappings) => JSON.parse(mappings.toJson()).rules;

describe("table-mapping patterns of Hackney's DMS callers (mosaic, academy, addresses), byte for byte", () => {
  test("mosaic: selects DM_PERSONS, DM_ADDRESSES and DM_TELEPHONE_NUMBERS in any schema, with empty filters", () => {
    const mappings = new TableMappings()
      .include({ schema: "%", table: "DM_PERSONS" })
      .include({ schema: "%", table: "DM_ADDRESSES" })
      .include({ schema: "%", table: "DM_TELEPHONE_NUMBERS" });
    expect(mappings.toJson()).toBe(
      '{"rules":[' +
        '{"rule-type":"selection","rule-id":"1","rule-name":"1","object-locator":{"schema-name":"%","table-name":"DM_PERSONS"},"rule-action":"include","filters":[]},' +
        '{"rule-type":"selection","rule-id":"2","rule-name":"2","object-locator":{"schema-name":"%","table-name":"DM_ADDRESSES"},"rule-action":"include","filters":[]},' +
        '{"rule-type":"selection","rule-id":"3","rule-name":"3","object-locator":{"schema-name":"%","table-name":"DM_TELEPHONE_NUMBERS"},"rule-action":"include","filters":[]}' +
        "]}",
    );
  });

  test("mosaic: lower-cases each table by name plus every column of every table with one global rule", () => {
    const tables = ["DM_PERSONS", "DM_ADDRESSES", "DM_TELEPHONE_NUMBERS"];
    let mappings = new TableMappings();
    for (const table of tables) mappings = mappings.include({ schema: "%", table });
    for (const table of tables) mappings = mappings.lowercase("table", { schema: "%", table });
    mappings = mappings.lowercase("column", { schema: "%", table: "%", column: "%" });

    const selection = (id: number, table: string) => ({
      "rule-type": "selection",
      "rule-id": `${id}`,
      "rule-name": `${id}`,
      "object-locator": { "schema-name": "%", "table-name": table },
      "rule-action": "include",
      filters: [],
    });
    const lowerTable = (id: number, table: string) => ({
      "rule-type": "transformation",
      "rule-id": `${id}`,
      "rule-name": `${id}`,
      "rule-target": "table",
      "object-locator": { "schema-name": "%", "table-name": table },
      "rule-action": "convert-lowercase",
    });
    const expected = {
      rules: [
        ...tables.map((table, i) => selection(i + 1, table)),
        ...tables.map((table, i) => lowerTable(i + 4, table)),
        {
          "rule-type": "transformation",
          "rule-id": "7",
          "rule-name": "7",
          "rule-target": "column",
          "object-locator": { "schema-name": "%", "table-name": "%", "column-name": "%" },
          "rule-action": "convert-lowercase",
        },
      ],
    };
    expect(mappings.toJson()).toBe(JSON.stringify(expected));
  });

  test("academy: defines unique-index primary keys; hbclaim reuses the key name member-unique-idx", () => {
    const mappings = new TableMappings()
      .include({ schema: "%", table: "hbmember" })
      .include({ schema: "%", table: "hbhousehold" })
      .include({ schema: "%", table: "hbclaim" })
      .definePrimaryKey({ schema: "dbo", table: "hbmember", name: "member-unique-idx", origin: "unique-index", columns: ["claim_id", "member_id", "house_id"] })
      .definePrimaryKey({ schema: "dbo", table: "hbhousehold", name: "household-unique-idx", origin: "unique-index", columns: ["claim_id", "house_id"] })
      .definePrimaryKey({ schema: "dbo", table: "hbclaim", name: "member-unique-idx", origin: "unique-index", columns: ["claim_id"] });
    const rules = JSON.stringify(JSON.parse(mappings.toJson()).rules.slice(3));
    expect(rules).toBe(
      "[" +
        '{"rule-type":"transformation","rule-id":"4","rule-name":"4","rule-target":"table","object-locator":{"schema-name":"dbo","table-name":"hbmember"},"rule-action":"define-primary-key","primary-key-def":{"name":"member-unique-idx","origin":"unique-index","columns":["claim_id","member_id","house_id"]}},' +
        '{"rule-type":"transformation","rule-id":"5","rule-name":"5","rule-target":"table","object-locator":{"schema-name":"dbo","table-name":"hbhousehold"},"rule-action":"define-primary-key","primary-key-def":{"name":"household-unique-idx","origin":"unique-index","columns":["claim_id","house_id"]}},' +
        '{"rule-type":"transformation","rule-id":"6","rule-name":"6","rule-target":"table","object-locator":{"schema-name":"dbo","table-name":"hbclaim"},"rule-action":"define-primary-key","primary-key-def":{"name":"member-unique-idx","origin":"unique-index","columns":["claim_id"]}}' +
        "]",
    );
  });

  test("addresses: removes the nine columns Hackney dropped from hackney_address", () => {
    const columns = ["postcode_nospace", "organisation", "latitude", "longitude", "planning_use_class", "ward", "locality", "northing", "easting"];
    let mappings = new TableMappings().include({ schema: "%", table: "hackney_address" });
    for (const column of columns) mappings = mappings.removeColumn({ schema: "%", table: "hackney_address", column });
    const expected = {
      rules: [
        {
          "rule-type": "selection",
          "rule-id": "1",
          "rule-name": "1",
          "object-locator": { "schema-name": "%", "table-name": "hackney_address" },
          "rule-action": "include",
          filters: [],
        },
        ...columns.map((column, i) => ({
          "rule-type": "transformation",
          "rule-id": `${i + 2}`,
          "rule-name": `${i + 2}`,
          "rule-target": "column",
          "object-locator": { "schema-name": "%", "table-name": "hackney_address", "column-name": column },
          "rule-action": "remove-column",
        })),
      ],
    };
    expect(mappings.toJson()).toBe(JSON.stringify(expected));
    expect(mappings.rules).toHaveLength(10);
  });
});

describe("a document with selection, exclusion and every transformation kind", () => {
  // Rule shapes as in
  // https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.html;
  // include rules always carry "filters": [] (the Hackney convention).
  const documented = `{ "rules": [
    { "rule-type": "selection", "rule-id": "1", "rule-name": "all-dbo",
      "object-locator": { "schema-name": "dbo", "table-name": "%" }, "rule-action": "include", "filters": [] },
    { "rule-type": "selection", "rule-id": "2", "rule-name": "skip-audit",
      "object-locator": { "schema-name": "dbo", "table-name": "audit%" }, "rule-action": "exclude" },
    { "rule-type": "transformation", "rule-id": "3", "rule-name": "schema-rename",
      "rule-target": "schema", "object-locator": { "schema-name": "dbo" },
      "rule-action": "rename", "value": "app" },
    { "rule-type": "transformation", "rule-id": "4", "rule-name": "lower-tables",
      "rule-target": "table", "object-locator": { "schema-name": "dbo", "table-name": "%" },
      "rule-action": "convert-lowercase" },
    { "rule-type": "transformation", "rule-id": "5", "rule-name": "lower-columns",
      "rule-target": "column", "object-locator": { "schema-name": "dbo", "table-name": "%", "column-name": "%" },
      "rule-action": "convert-lowercase" },
    { "rule-type": "transformation", "rule-id": "6", "rule-name": "drop-col",
      "rule-target": "column", "object-locator": { "schema-name": "dbo", "table-name": "users", "column-name": "legacy_pw" },
      "rule-action": "remove-column" },
    { "rule-type": "transformation", "rule-id": "7", "rule-name": "add-src",
      "rule-target": "column", "object-locator": { "schema-name": "dbo", "table-name": "%" },
      "rule-action": "add-column", "value": "src_system", "expression": "'mssql'",
      "data-type": { "type": "string", "length": 10 } }
  ] }`;

  test("is reproduced by the fluent builder, key order included", () => {
    const mappings = new TableMappings()
      .include({ name: "all-dbo", schema: "dbo", table: "%" })
      .exclude({ name: "skip-audit", schema: "dbo", table: "audit%" })
      .rename("schema", { name: "schema-rename", schema: "dbo", value: "app" })
      .lowercase("table", { name: "lower-tables", schema: "dbo", table: "%" })
      .lowercase("column", { name: "lower-columns", schema: "dbo", table: "%", column: "%" })
      .removeColumn({ name: "drop-col", schema: "dbo", table: "users", column: "legacy_pw" })
      .addColumn({ name: "add-src", schema: "dbo", table: "%", value: "src_system", expression: "'mssql'", dataType: { type: "string", length: 10 } });
    expect(mappings.toJson()).toBe(JSON.stringify(JSON.parse(documented)));
  });
});

describe("rule rendering", () => {
  test("writes filters with source type, ORed conditions, between bounds and valueless null", () => {
    const mappings = new TableMappings().include({
      schema: "test",
      table: "employee",
      filters: [
        {
          column: "empid",
          conditions: [
            { operator: "lte", value: "10" },
            { operator: "between", startValue: "50", endValue: "75" },
            { operator: "gte", value: "100" },
          ],
        },
        { column: "dept", conditions: [{ operator: "notnull" }] },
      ],
    });
    expect(mappings.toJson()).toBe(
      '{"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"1","object-locator":{"schema-name":"test","table-name":"employee"},"rule-action":"include","filters":[' +
        '{"filter-type":"source","column-name":"empid","filter-conditions":[{"filter-operator":"lte","value":"10"},{"filter-operator":"between","start-value":"50","end-value":"75"},{"filter-operator":"gte","value":"100"}]},' +
        '{"filter-type":"source","column-name":"dept","filter-conditions":[{"filter-operator":"notnull"}]}' +
        "]}]}",
    );
  });

  test("allows a negative operator alone in its filter, ANDed with other filters", () => {
    const mappings = new TableMappings().include({
      schema: "test",
      table: "employee",
      filters: [
        { column: "empid", conditions: [{ operator: "notbetween", startValue: "50", endValue: "75" }] },
        { column: "dept", conditions: [{ operator: "noteq", value: "tech" }] },
      ],
    });
    expect(parsed(mappings)[0].filters.map((filter: any) => filter["filter-conditions"][0]["filter-operator"])).toEqual(["notbetween", "noteq"]);
  });

  test("writes load-order as a number after the filters", () => {
    const mappings = new TableMappings()
      .include({ schema: "Test", table: "loadsecond", loadOrder: 1 })
      .include({ schema: "Test", table: "loadfirst", loadOrder: 2 });
    expect(JSON.stringify(parsed(mappings)[1])).toBe(
      '{"rule-type":"selection","rule-id":"2","rule-name":"2","object-locator":{"schema-name":"Test","table-name":"loadfirst"},"rule-action":"include","filters":[],"load-order":2}',
    );
  });

  test("selects one view explicitly with table-type, and views and everything by pattern", () => {
    const mappings = new TableMappings()
      .explicit({ schema: "report", table: "v_summary", tableType: "view" })
      .include({ schema: "report", table: "%", tableType: "all" })
      .exclude({ schema: "report", table: "v_tmp%", tableType: "view" });
    expect(mappings.toJson()).toBe(
      '{"rules":[' +
        '{"rule-type":"selection","rule-id":"1","rule-name":"1","object-locator":{"schema-name":"report","table-name":"v_summary","table-type":"view"},"rule-action":"explicit","filters":[]},' +
        '{"rule-type":"selection","rule-id":"2","rule-name":"2","object-locator":{"schema-name":"report","table-name":"%","table-type":"all"},"rule-action":"include","filters":[]},' +
        '{"rule-type":"selection","rule-id":"3","rule-name":"3","object-locator":{"schema-name":"report","table-name":"v_tmp%","table-type":"view"},"rule-action":"exclude"}' +
        "]}",
    );
  });

  test("writes a ranges parallel load with boundaries as arrays of strings, and per-table LOB settings", () => {
    const mappings = includeAll().parallelLoad({
      name: "split-orders",
      schema: "sales",
      table: "orders",
      type: "ranges",
      columns: ["SALES_NO", "REGION"],
      boundaries: [["1000", "NORTH"], ["3000", "WEST"]],
      lobSettings: { mode: "limited", bulkMaxSize: 64 },
    });
    expect(JSON.stringify(parsed(mappings)[1])).toBe(
      '{"rule-type":"table-settings","rule-id":"2","rule-name":"split-orders","object-locator":{"schema-name":"sales","table-name":"orders"},' +
        '"parallel-load":{"type":"ranges","columns":["SALES_NO","REGION"],"boundaries":[["1000","NORTH"],["3000","WEST"]]},' +
        '"lob-settings":{"mode":"limited","bulk-max-size":"64"}}',
    );
  });

  test("writes partition parallel loads and LOB-only table settings", () => {
    const rules = parsed(
      includeAll()
        .parallelLoad({ schema: "HR", table: "SALES", type: "partitions-list", partitions: ["ABCD", "EFGH"] })
        .parallelLoad({ schema: "HR", table: "ORDERS", type: "partitions-auto" })
        .lobSettings({ schema: "INV", table: "ITEMS", mode: "unlimited", bulkMaxSize: 0 }),
    );
    expect(rules[1]["parallel-load"]).toEqual({ type: "partitions-list", partitions: ["ABCD", "EFGH"] });
    expect(rules[2]["parallel-load"]).toEqual({ type: "partitions-auto" });
    expect(JSON.stringify(rules[3])).toBe(
      '{"rule-type":"table-settings","rule-id":"4","rule-name":"4","object-locator":{"schema-name":"INV","table-name":"ITEMS"},"lob-settings":{"mode":"unlimited","bulk-max-size":"0"}}',
    );
  });

  test("writes value and old-value for renames, prefixes and suffixes, and upper-casing", () => {
    const rules = parsed(
      includeAll()
        .rename("table", { schema: "dbo", table: "Actor", value: "actor1" })
        .rename("column", { schema: "dbo", table: "Actor", column: "first_name", value: "fname" })
        .addPrefix("table", { schema: "dbo", table: "%", value: "dms_" })
        .removeSuffix("table", { schema: "dbo", table: "%", value: "_DMS" })
        .replacePrefix("column", { schema: "%", table: "%", column: "%", value: "new_", oldValue: "Pre_" })
        .removePrefix("schema", { schema: "legacy_app", value: "legacy_" })
        .addSuffix("column", { schema: "dbo", table: "t", column: "c", value: "_old" })
        .replaceSuffix("table", { schema: "dbo", table: "%", value: "_new", oldValue: "_tmp" })
        .uppercase("schema", { schema: "dbo" }),
    );
    expect(JSON.stringify(rules[2])).toBe(
      '{"rule-type":"transformation","rule-id":"3","rule-name":"3","rule-target":"column","object-locator":{"schema-name":"dbo","table-name":"Actor","column-name":"first_name"},"rule-action":"rename","value":"fname"}',
    );
    expect(JSON.stringify(rules[5])).toBe(
      '{"rule-type":"transformation","rule-id":"6","rule-name":"6","rule-target":"column","object-locator":{"schema-name":"%","table-name":"%","column-name":"%"},"rule-action":"replace-prefix","value":"new_","old-value":"Pre_"}',
    );
    expect(rules.slice(1).map((rule: any) => [rule["rule-action"], rule["rule-target"]])).toEqual([
      ["rename", "table"],
      ["rename", "column"],
      ["add-prefix", "table"],
      ["remove-suffix", "table"],
      ["replace-prefix", "column"],
      ["remove-prefix", "schema"],
      ["add-suffix", "column"],
      ["replace-suffix", "table"],
      ["convert-uppercase", "schema"],
    ]);
    expect(rules[9]["object-locator"]).toEqual({ "schema-name": "dbo" });
  });

  test("leaves out origin when the primary key's origin is not given", () => {
    const rule = parsed(includeAll().definePrimaryKey({ schema: "inventory", table: "ITEM", name: "ITEM-primary-key", columns: ["ITEM-NAME"], ruleName: "pk" }))[1];
    expect(rule["rule-name"]).toBe("pk");
    expect(rule["primary-key-def"]).toEqual({ name: "ITEM-primary-key", columns: ["ITEM-NAME"] });
  });

  test("writes data-type keys in the order type, length, precision, scale, leaving out the absent ones", () => {
    const rule = parsed(includeAll().addColumn({ schema: "dbo", table: "t", value: "amount", dataType: { scale: 2, precision: 10, type: "numeric" } }))[1];
    expect(JSON.stringify(rule["data-type"])).toBe('{"type":"numeric","precision":10,"scale":2}');
    expect(rule.expression).toBeUndefined();
  });
});

describe("determinism and plain data", () => {
  const build = () =>
    new TableMappings()
      .include({ schema: "%", table: "hbmember", filters: [{ column: "claim_id", conditions: [{ operator: "gte", value: "1000" }] }] })
      .exclude({ schema: "%", table: "hbmember_archive" })
      .lowercase("table", { schema: "%", table: "hbmember" })
      .definePrimaryKey({ schema: "dbo", table: "hbmember", name: "member-unique-idx", origin: "unique-index", columns: ["claim_id", "member_id"] })
      .parallelLoad({ schema: "dbo", table: "hbmember", type: "ranges", columns: ["claim_id"], boundaries: [["5000"]] });

  const data: TableMappingRule[] = [
    { action: "include", schema: "%", table: "hbmember", filters: [{ column: "claim_id", conditions: [{ operator: "gte", value: "1000" }] }] },
    { action: "exclude", schema: "%", table: "hbmember_archive" },
    { action: "convert-lowercase", target: "table", schema: "%", table: "hbmember" },
    { action: "define-primary-key", schema: "dbo", table: "hbmember", name: "member-unique-idx", origin: "unique-index", columns: ["claim_id", "member_id"] },
    { action: "parallel-load", schema: "dbo", table: "hbmember", type: "ranges", columns: ["claim_id"], boundaries: [["5000"]] },
  ];

  test("building the same rules twice gives byte-identical JSON", () => {
    expect(build().toJson()).toBe(build().toJson());
  });

  test("fromRules on plain data gives the same rules and JSON as the fluent build", () => {
    const fromData = TableMappings.fromRules(data);
    expect(fromData.toJson()).toBe(build().toJson());
    expect(fromData.rules).toEqual(build().rules);
  });

  test("accepts rules that went through JSON, as from an environment file", () => {
    expect(TableMappings.fromRules(JSON.parse(JSON.stringify(data))).toJson()).toBe(build().toJson());
  });

  test("each call returns a new instance and leaves the earlier one and the caller's data unchanged", () => {
    const first = new TableMappings().include({ schema: "dbo", table: "a" });
    const second = first.include({ schema: "dbo", table: "b" });
    expect(first.rules).toHaveLength(1);
    expect(second.rules).toHaveLength(2);
    expect(Object.isFrozen(second.rules)).toBe(true);
    expect(Object.isFrozen(second.rules[0])).toBe(true);

    const rule: any = { action: "include", schema: "dbo", table: "a" };
    const mappings = new TableMappings().add(rule);
    rule.table = "changed";
    expect(mappings.selections()[0].tableName).toBe("a");
  });

  test("the rule schema is plain data an environment file can hold, and has a JSON Schema", () => {
    expect(z.array(tableMappingRuleSchema).parse(data)).toEqual(data);
    const jsonSchema = z.toJSONSchema(tableMappingRulesSchema, { io: "input", unrepresentable: "throw" }) as any;
    expect(jsonSchema.type).toBe("array");
    expect(jsonSchema.items.oneOf.every((option: any) => option.additionalProperties === false)).toBe(true);
  });

  test("the list schema refuses, inside an environment file, what fromRules refuses", () => {
    const result = tableMappingRulesSchema.safeParse([
      { action: "include", schema: "%", table: "%" },
      { action: "convert-lowercase", target: "column", schema: "%", table: "%" },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [[1, "column"], 'required when target is "column"; allowed: a column name or %'],
    ]);
    const nothingIncluded = tableMappingRulesSchema.safeParse([{ action: "exclude", schema: "%", table: "%" }]);
    expect(nothingIncluded.error?.issues[0].message).toMatch(/no selection rule includes any table/);
  });
});

describe("selections()", () => {
  test("returns the include, exclude and explicit locators in rule order, for the DBA script", () => {
    const mappings = new TableMappings()
      .include({ schema: "dbo", table: "%" })
      .lowercase("table", { schema: "dbo", table: "%" })
      .exclude({ schema: "dbo", table: "audit%" })
      .explicit({ schema: "report", table: "v_summary", tableType: "view" })
      .parallelLoad({ schema: "dbo", table: "orders", type: "partitions-auto" });
    expect(mappings.selections()).toEqual([
      { action: "include", schemaName: "dbo", tableName: "%" },
      { action: "exclude", schemaName: "dbo", tableName: "audit%" },
      { action: "explicit", schemaName: "report", tableName: "v_summary" },
    ]);
  });
});

describe("validation: one line per problem naming the rule, the field, the bad value and what is allowed", () => {
  test("refuses mappings that include no table, because DMS fails such a task", () => {
    const lines = problemLines(() => new TableMappings().exclude({ schema: "dbo", table: "audit%" }).lowercase("table", { schema: "dbo", table: "%" }).toJson());
    expect(lines).toEqual([
      'rules = ["exclude","convert-lowercase"]: no selection rule includes any table, and DMS fails a task that selects nothing; allowed: at least one include or explicit rule',
    ]);
    expect(problemLines(() => TableMappings.fromRules([]))).toEqual([
      "rules = []: no selection rule includes any table, and DMS fails a task that selects nothing; allowed: at least one include or explicit rule",
    ]);
  });

  test("refuses the % wildcard in an explicit rule", () => {
    expect(problemLines(() => new TableMappings().explicit({ schema: "report", table: "v_%" }))).toEqual([
      'rules[0] (rule-name "1"): table = "v_%": explicit rules name one object and take no % wildcard; allowed: a plain name, or use an include rule for a pattern',
    ]);
  });

  test("refuses filters on exclude and explicit rules", () => {
    const filters = [{ column: "id", conditions: [{ operator: "gte", value: "1" }] }];
    expect(ruleProblems({ action: "exclude", schema: "dbo", table: "audit%", filters })).toEqual([
      'rules[1] (rule-name "2"): filters = [{"column":"id","conditions":[{"operator":"gte","value":"1"}]}]: filters only apply to include rules, not exclude; allowed: no filters here, or an include rule with filters',
    ]);
    expect(ruleProblems({ action: "explicit", schema: "dbo", table: "t", filters: [] })[0]).toMatch(
      /^rules\[1\] \(rule-name "2"\): filters = \[\]: filters only apply to include rules, not explicit/,
    );
  });

  test.each(["noteq", "notbetween", "notnull"] as const)("refuses the negative operator %s beside other conditions of its filter", (operator) => {
    const negative = operator === "noteq" ? { operator, value: "5" } : operator === "notbetween" ? { operator, startValue: "1", endValue: "9" } : { operator };
    const lines = problemLines(() =>
      new TableMappings().include({ schema: "dbo", table: "t", filters: [{ column: "id", conditions: [{ operator: "eq", value: "1" }, negative] }] }),
    );
    expect(lines).toEqual([
      `rules[0] (rule-name "1"): filters[0].conditions[1].operator = "${operator}": a negative operator must be its filter's only condition, this filter has 2; allowed: move it to a filter of its own (filters are ANDed)`,
    ]);
  });

  test.each(["between", "notbetween"] as const)("refuses %s without its start and end values", (operator) => {
    const lines = problemLines(() => new TableMappings().include({ schema: "dbo", table: "t", filters: [{ column: "id", conditions: [{ operator, value: "5" }] }] }));
    expect(lines).toEqual([
      `rules[0] (rule-name "1"): filters[0].conditions[0].startValue = (missing): required by operator "${operator}"; allowed: the lower bound as a string`,
      `rules[0] (rule-name "1"): filters[0].conditions[0].endValue = (missing): required by operator "${operator}"; allowed: the upper bound as a string`,
      `rules[0] (rule-name "1"): filters[0].conditions[0].value = "5": not used by operator "${operator}"; allowed: startValue and endValue`,
    ]);
  });

  test.each(["eq", "lte", "gte", "noteq"] as const)("refuses %s without a value", (operator) => {
    const lines = problemLines(() => new TableMappings().include({ schema: "dbo", table: "t", filters: [{ column: "id", conditions: [{ operator }] }] }));
    expect(lines).toEqual([
      `rules[0] (rule-name "1"): filters[0].conditions[0].value = (missing): required by operator "${operator}"; allowed: the compared value as a string`,
    ]);
  });

  test.each(["null", "notnull"] as const)("refuses a value with %s", (operator) => {
    const lines = problemLines(() => new TableMappings().include({ schema: "dbo", table: "t", filters: [{ column: "id", conditions: [{ operator, value: "x" }] }] }));
    expect(lines).toEqual([
      `rules[0] (rule-name "1"): filters[0].conditions[0].value = "x": not used by operator "${operator}"; allowed: no value (${operator} compares with NULL)`,
    ]);
  });

  test("refuses a column-level transformation without a column", () => {
    expect(problemLines(() => includeAll().lowercase("column", { name: "lower-columns", schema: "%", table: "%" }))).toEqual([
      'rules[1] (rule-name "lower-columns"): column = (missing): required when target is "column"; allowed: a column name or %',
    ]);
    expect(ruleProblems({ action: "remove-column", schema: "dbo", table: "t" })).toEqual([
      'rules[1] (rule-name "2"): column = (missing): required: the column to drop (or a % pattern); allowed: a column name',
    ]);
  });

  test("refuses a table on a schema-level transformation and a missing table on a table-level one", () => {
    expect(ruleProblems({ action: "rename", target: "schema", schema: "dbo", table: "t", value: "app" })).toEqual([
      'rules[1] (rule-name "2"): table = "t": not used when target is "schema"; allowed: no table, or target "table"',
    ]);
    expect(ruleProblems({ action: "convert-lowercase", target: "table", schema: "dbo" })).toEqual([
      'rules[1] (rule-name "2"): table = (missing): required when target is "table"; allowed: a table name or %',
    ]);
  });

  test("refuses add-column without a data type", () => {
    expect(ruleProblems({ action: "add-column", name: "add-src", schema: "dbo", table: "%", value: "src_system", expression: "'mssql'" })).toEqual([
      'rules[1] (rule-name "add-src"): dataType = (missing): required: the new column\'s DMS data type; allowed: an object such as { "type": "string", "length": 10 }',
    ]);
  });

  test("refuses a ranges parallel load without columns and boundaries", () => {
    expect(problemLines(() => includeAll().parallelLoad({ schema: "sales", table: "orders", type: "ranges" }))).toEqual([
      'rules[1] (rule-name "2"): columns = (missing): required when type is "ranges"; allowed: 1 to 10 segment columns',
      'rules[1] (rule-name "2"): boundaries = (missing): required when type is "ranges"; allowed: one array of column values per segment boundary, such as [["1000"], ["2000"]]',
    ]);
  });

  test("refuses a boundary whose width differs from the columns, and partitions on a ranges load", () => {
    const lines = problemLines(() =>
      includeAll().parallelLoad({ schema: "sales", table: "orders", type: "ranges", columns: ["a", "b"], boundaries: [["1", "x"], ["2"]], partitions: ["p1"] }),
    );
    expect(lines).toEqual([
      'rules[1] (rule-name "2"): partitions = ["p1"]: not used when type is "ranges"; allowed: only with type "partitions-list"',
      'rules[1] (rule-name "2"): boundaries[1] = ["2"]: has 1 value(s) but columns has 2; allowed: one value per column, in column order',
    ]);
  });

  test("refuses limited LOB mode without a non-zero bulk size", () => {
    expect(problemLines(() => includeAll().lobSettings({ schema: "INV", table: "ITEMS", bulkMaxSize: 0 }))).toEqual([
      'rules[1] (rule-name "2"): bulkMaxSize = 0: limited LOB mode (the default) needs a non-zero size; allowed: KB above 0, or mode "unlimited" or "none"',
    ]);
  });

  test("refuses a rule-name already used, including a name equal to an unnamed rule's id", () => {
    expect(problemLines(() => includeAll().include({ name: "1", schema: "dbo", table: "x" }))).toEqual([
      'rules[1] (rule-name "1"): name = "1": rule-name "1" is already used by rules[0]; allowed: a name no other rule has (unnamed rules are named after their rule-id)',
    ]);
    expect(ruleProblems({ action: "include", name: "3", schema: "dbo", table: "x" }, { action: "include", schema: "dbo", table: "y" })).toEqual([
      'rules[2] (rule-name "3"): name = "3": rule-name "3" (its rule-id, as it has no name) is already used by rules[1]; allowed: a name no other rule has (unnamed rules are named after their rule-id)',
    ]);
    expect(
      ruleProblems(
        { action: "define-primary-key", ruleName: "pk", schema: "dbo", table: "a", name: "k", columns: ["id"] },
        { action: "define-primary-key", ruleName: "pk", schema: "dbo", table: "b", name: "k", columns: ["id"] },
      ),
    ).toEqual([
      'rules[2] (rule-name "pk"): ruleName = "pk": rule-name "pk" is already used by rules[1]; allowed: a name no other rule has (unnamed rules are named after their rule-id)',
    ]);
  });

  test("names the closest known key for an unknown key in plain data", () => {
    expect(ruleProblems({ action: "include", schema: "dbo", tabel: "orders" })).toEqual([
      'rules[1] (rule-name "2"): tabel = "orders": unknown key (did you mean "table"?); allowed keys: action, name, schema, table, tableType, loadOrder, filters',
    ]);
    expect(ruleProblems({ action: "include", schema: "dbo", table: "t", filters: [{ column: "a", conditions: [{ operator: "eq", valu: "1" }] }] })[0]).toBe(
      'rules[1] (rule-name "2"): filters[0].conditions[0].valu = "1": unknown key (did you mean "value"?); allowed keys: operator, value, startValue, endValue',
    );
  });

  test("names the closest known action for an unknown action", () => {
    expect(ruleProblems({ action: "convert-lowercas", target: "table", schema: "dbo", table: "%" })[0]).toMatch(
      /^rules\[1\] \(rule-name "2"\): action = "convert-lowercas": unknown action \(did you mean "convert-lowercase"\?\); allowed: "include" \| "exclude" \| /,
    );
  });

  test("reports every problem of every rule at once, in rule order", () => {
    const lines = problemLines(() =>
      TableMappings.fromRules([
        { action: "explicit", schema: "dbo%", table: "t" },
        { action: "include", schema: "dbo", table: "t", loadOrder: -1 },
        { action: "define-primary-key", schema: "dbo", table: "t", name: "k", columns: [] },
      ] as any),
    );
    expect(lines).toEqual([
      'rules[0] (rule-name "1"): schema = "dbo%": explicit rules name one object and take no % wildcard; allowed: a plain name, or use an include rule for a pattern',
      'rules[1] (rule-name "2"): loadOrder = -1: too small; allowed: >= 0',
      'rules[2] (rule-name "3"): columns = []: too small; allowed: >= 1 items',
    ]);
  });

  test("gives problems with paths relative to the rule list, to nest under an environment file's path", () => {
    const problems = tableMappingProblems([{ action: "include", schema: "dbo", table: "t" }, { action: "remove-column", schema: "dbo", table: "t", colum: "c" }]);
    expect(problems).toEqual([
      {
        index: 1,
        ruleName: "2",
        path: "[1].colum",
        value: '"c"',
        message: 'unknown key (did you mean "column"?); allowed keys: action, name, schema, table, column',
      },
    ]);
    expect(tableMappingProblems([{ action: "include", schema: "dbo", table: "t" }])).toEqual([]);
  });
});
