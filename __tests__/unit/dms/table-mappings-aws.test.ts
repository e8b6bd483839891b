import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { TableMappingError, TableMappings, rulesFromAws, tableMappingProblems } from "../../../modules/dms/table-mappings";

// AWS's own table-mapping examples (see __tests__/fixtures/aws/README.md) taken in as AWS writes them.

const FIXTURES = join(__dirname, "../../fixtures/aws/table-mappings");
const fixture = (name: string): any => JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));

/**
 * AWS's JSON with the only normalisations the library makes: rule ids are positions, `load-order` is a number, and
 * include/explicit rules carry their (empty) filter list, as Hackney's files do. Nothing else may differ.
 */
function normalised(aws: any): any {
  return {
    rules: aws.rules.map((rule: any, index: number) => {
      const copy = { ...rule, "rule-id": String(index + 1) };
      if (copy["load-order"] !== undefined) copy["load-order"] = Number(copy["load-order"]);
      if (copy["rule-type"] === "selection" && copy["rule-action"] !== "exclude" && copy.filters === undefined) copy.filters = [];
      return copy;
    }),
  };
}

/** The error lines of AWS's JSON. */
function problems(json: unknown): string[] {
  try {
    TableMappings.fromAwsJson(json as object);
  } catch (error) {
    expect(error).toBeInstanceOf(TableMappingError);
    return (error as Error).message.split("\n");
  }
  throw new Error("expected the mappings to be refused");
}

const include = { "rule-type": "selection", "rule-id": "1", "rule-name": "1", "object-locator": { "schema-name": "HR", "table-name": "%" }, "rule-action": "include" };

describe("AWS's table-mapping examples come out as AWS writes them", () => {
  const names = readdirSync(FIXTURES).filter((name) => name.endsWith(".json"));

  test("every example is here", () => {
    expect(names.sort()).toEqual([
      "data-masking.json",
      "mongodb-partitions-auto.json",
      "selection-filters.json",
      "selection-load-order.json",
      "table-settings.json",
      "transformations.json",
    ]);
  });

  test.each(names)("%s", (name) => {
    const aws = fixture(name);
    expect(JSON.parse(TableMappings.fromAwsJson(aws).toJson())).toEqual(normalised(aws));
  });

  test("a string is parsed as well as an object", () => {
    const text = readFileSync(join(FIXTURES, "data-masking.json"), "utf8");
    expect(TableMappings.fromAwsJson(text).toJson()).toBe(TableMappings.fromAwsJson(fixture("data-masking.json")).toJson());
  });

  test("load-order as the string \"1\" and as the number 1 are the same rule", () => {
    const asString = TableMappings.fromAwsJson({ rules: [{ ...include, "load-order": "1" }] });
    const asNumber = TableMappings.fromAwsJson({ rules: [{ ...include, "load-order": 1 }] });
    expect(asString.toJson()).toBe(asNumber.toJson());
    expect(asString.rules[0]).toEqual({ action: "include", name: "1", schema: "HR", table: "%", loadOrder: 1 });
  });

  test("rule ids as strings or numbers, in any numbering, become positions", () => {
    const rules = [{ ...include, "rule-id": 10, "rule-name": "all-hr" }, { ...include, "rule-id": "486202928", "rule-name": "again", "object-locator": { "schema-name": "FIN", "table-name": "%" } }];
    const json = JSON.parse(TableMappings.fromAwsJson({ rules }).toJson());
    expect(json.rules.map((rule: any) => [rule["rule-id"], rule["rule-name"]])).toEqual([["1", "all-hr"], ["2", "again"]]);
  });

  test("the rules are the builder's plain data, so the environment file and the builder agree", () => {
    const { rules } = rulesFromAws(fixture("data-masking.json"));
    expect(rules[1]).toEqual({ action: "data-masking-digits-mask", name: "2", schema: "cust_schema", table: "customer_master", column: "cust_passport_no", value: "#" });
    const built = new TableMappings()
      .include({ name: "1", schema: "cust_schema", table: "%" })
      .maskDigits({ name: "2", schema: "cust_schema", table: "customer_master", column: "cust_passport_no", value: "#" })
      .randomizeDigits({ name: "3", schema: "cust_schema", table: "customer_master", column: "cust_prod_code" })
      .hashMask({ name: "4", schema: "cust_schema", table: "customer_master", column: "cust_credit_no" });
    expect(built.toJson()).toBe(TableMappings.fromAwsJson(fixture("data-masking.json")).toJson());
    expect(built.minimumDmsEngineVersion).toBe("3.5.4");
    expect(new TableMappings().include({ schema: "a", table: "b" }).minimumDmsEngineVersion).toBeUndefined();
  });
});

describe("AWS's JSON is refused in its own terms", () => {
  test("not JSON", () => {
    expect(problems("{rules:")).toEqual([expect.stringMatching(/^rules = \(not JSON\): not JSON: /)]);
  });

  test("no rules array", () => {
    expect(problems({ Rules: [] })).toEqual([expect.stringMatching(/^rules = \{"Rules":\[\]\}: not AWS table mappings; allowed: \{"rules"/)]);
  });

  test("a rule type this library does not write", () => {
    expect(problems({ rules: [include, { ...include, "rule-type": "post-processing" }] })).toEqual([
      'rules[1] (rule-name "1"): rule-type = "post-processing": not supported here; allowed: "selection" | "transformation" | "table-settings"',
    ]);
  });

  test("an unknown key names the closest known one", () => {
    expect(problems({ rules: [{ ...include, "load_order": 1 }] })).toEqual([
      'rules[0] (rule-name "1"): load_order = 1: unknown key (did you mean "load-order"?); allowed keys: rule-type, rule-id, rule-name, object-locator, rule-action, filters, load-order',
    ]);
  });

  test("a rule id that is not a number", () => {
    expect(problems({ rules: [{ ...include, "rule-id": "first" }] })).toEqual([
      'rules[0] (rule-name "1"): rule-id = "first": not a rule id; allowed: a number, or a string of digits such as "1" (ids become positions: "1", "2", ...)',
    ]);
  });

  test("a missing object-locator", () => {
    const { "object-locator": _locator, ...rule } = include;
    expect(problems({ rules: [rule] })).toEqual([
      'rules[0] (rule-name "1"): object-locator = (missing): required; allowed: an object such as {"schema-name": "dbo", "table-name": "%"}',
    ]);
  });

  test("a data-masking rule on a table target", () => {
    const mask = { "rule-type": "transformation", "rule-id": "2", "rule-name": "mask", "rule-target": "table", "object-locator": { "schema-name": "HR", "table-name": "EMP" }, "rule-action": "data-masking-hash-mask" };
    expect(problems({ rules: [include, mask] })).toEqual(['rules[1] (rule-name "mask"): rule-target = "table": "data-masking-hash-mask" acts on a column; allowed: "column"']);
  });

  test("a problem of the converted rule is reported at the key AWS's JSON has", () => {
    const mask = { "rule-type": "transformation", "rule-id": "2", "rule-name": "mask", "rule-target": "column", "object-locator": { "schema-name": "HR", "table-name": "EMP", "column-name": "SSN" }, "rule-action": "data-masking-digits-mask", value: "##" };
    expect(problems({ rules: [include, mask] })).toEqual([
      'rules[1] (rule-name "mask"): value = "##": one printable ASCII character replaces each digit (not empty, not a space); allowed: such as "#" or "*"',
    ]);
  });

  test("a % wildcard in a table-settings rule is refused, at its object-locator key", () => {
    const settings = { "rule-type": "table-settings", "rule-id": "2", "rule-name": "2", "object-locator": { "schema-name": "HR", "table-name": "%" }, "parallel-load": { type: "partitions-auto" } };
    expect(problems({ rules: [include, settings] })).toEqual([
      'rules[1] (rule-name "2"): object-locator.table-name = "%": table-settings rules name one table: DMS refuses a % wildcard in them; allowed: a plain name (one rule per table)',
    ]);
  });
});

describe("the new rules as plain data (environment files and the builder)", () => {
  const base = [{ action: "include", schema: "HR", table: "%" }];
  const check = (rule: object) => tableMappingProblems([...base, rule]).map((problem) => `${problem.path} = ${problem.value}: ${problem.message}`);

  test("digits-mask needs its character, the other masks take none", () => {
    expect(check({ action: "data-masking-digits-mask", schema: "HR", table: "EMP", column: "SSN" })).toEqual([
      '[1].value = (missing): required by "data-masking-digits-mask": the character that replaces each digit; allowed: one printable ASCII character, such as "#"',
    ]);
    expect(check({ action: "data-masking-digits-mask", schema: "HR", table: "EMP", column: "SSN", value: " " })).toEqual([
      '[1].value = " ": one printable ASCII character replaces each digit (not empty, not a space); allowed: such as "#" or "*"',
    ]);
    expect(check({ action: "data-masking-hash-mask", schema: "HR", table: "EMP", column: "SSN", value: "#" })).toEqual([
      '[1].value = "#": not used by "data-masking-hash-mask"; allowed: no value (only data-masking-digits-mask takes a character)',
    ]);
  });

  test("masking is for columns only: a masking rule without a column is refused", () => {
    expect(check({ action: "data-masking-digits-randomize", schema: "HR", table: "EMP" })).toEqual([
      "[1].column = (missing): required; allowed: string",
    ]);
  });

  test("change-data-type needs a DMS data type", () => {
    expect(check({ action: "change-data-type", schema: "HR", table: "EMP", column: "SALARY", dataType: { type: "varchar" } })).toEqual([
      expect.stringMatching(/^\[1\]\.dataType\.type = "varchar": not allowed; allowed: "bytes" \| "date"/),
    ]);
  });

  test("before-image columns take AWS's three filters", () => {
    expect(check({ action: "add-before-image-columns", schema: "HR", table: "EMP", columnFilter: "lob" })).toEqual([
      '[1].columnFilter = "lob": not allowed; allowed: "pk-only" | "non-lob" | "all"',
    ]);
  });

  test("a tablespace target takes only rename, a table, and no column", () => {
    expect(check({ action: "add-prefix", target: "table-tablespace", schema: "HR", column: "X", value: "NEW" })).toEqual([
      '[1].table = (missing): required when target is "table-tablespace"; allowed: a table name or %',
      '[1].column = "X": not used when target is "table-tablespace"; allowed: no column',
      '[1].action = "add-prefix": a table-tablespace target takes only "rename" (DMS moves the objects into the tablespace named by value); allowed: "rename"',
    ]);
  });

  test("a tablespace name only with a tablespace target", () => {
    expect(check({ action: "rename", target: "table", schema: "HR", table: "EMP", tablespace: "USERS", value: "STAFF" })).toEqual([
      '[1].tablespace = "USERS": used only with target "table-tablespace" or "index-tablespace" (it is "table"); allowed: no tablespace',
    ]);
  });

  test("subpartitions go with partitions-list, the MongoDB options with partitions-auto", () => {
    expect(check({ action: "parallel-load", schema: "HR", table: "SALES", type: "ranges", columns: ["ID"], boundaries: [["10"]], subpartitions: ["01"], numberOfPartitions: 4 })).toEqual([
      '[1].subpartitions = ["01"]: not used when type is "ranges"; allowed: only with type "partitions-list"',
      '[1].numberOfPartitions = 4: not used when type is "ranges"; allowed: only with type "partitions-auto"',
    ]);
    expect(check({ action: "parallel-load", schema: "myDB", table: "coll", type: "partitions-auto", numberOfPartitions: 5, collectionCountFromMetadata: false })).toEqual([]);
  });

  test("a % wildcard in a table-settings rule is refused at file-check time", () => {
    expect(check({ action: "lob-settings", schema: "%", table: "DOCS", mode: "unlimited" })).toEqual([
      '[1].schema = "%": table-settings rules name one table: DMS refuses a % wildcard in them; allowed: a plain name (one rule per table)',
    ]);
  });
});
