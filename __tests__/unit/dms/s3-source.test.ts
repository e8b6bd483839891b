import { S3SourceEndpoint, S3SourceEndpointProps, S3SourceTable, s3Source } from "../../../modules/dms/sources/s3";
import { externalTableDefinition } from "../../../modules/dms/sources/s3/table-definition";
import { s3SourceSchema } from "../../../modules/dms/sources/s3/schema";
import { sourceEngineOf, sourceSchema } from "../../../modules/dms/sources/registry";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { DmsTargetBucket } from "../../../modules/storage/dms-target-bucket";
import { dmsFixture } from "../../helpers/fixtures";
import { TerraformJson, blocks, newStack, only, synth } from "../../helpers/synth";

const EMPLOYEE: S3SourceTable = {
  owner: "hr",
  name: "employee",
  columns: [
    { name: "id", type: "INT8", nullable: false, primaryKey: true },
    { name: "last_name", type: "STRING", length: 20 },
    { name: "salary", type: "NUMERIC", precision: 10, scale: 2 },
    { name: "hired", type: "DATETIME" },
  ],
};

function s3Props(bucket: S3SourceEndpointProps["bucket"], overrides: Partial<S3SourceEndpointProps> = {}): S3SourceEndpointProps {
  return { projectName: "hr", environment: "development", endpointId: "source-hr-landing", bucket, bucketFolder: "landing/hr", tables: [EMPLOYEE], ...overrides };
}

describe("S3SourceEndpoint", () => {
  let json: TerraformJson;
  let source: S3SourceEndpoint;
  beforeAll(() => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const bucket = new DmsTargetBucket(stack, "Landing", { projectName: "hr", environment: "development" });
    source = new S3SourceEndpoint(stack, "Source", s3Props(bucket, { cdcPath: "changes", ignoreHeaderRows: 1 }));
    source.allowConnectionsFrom(instance);
    new ReplicationTask(stack, "Task", {
      ...context,
      replicationTaskId: "hr-landing",
      migrationType: "full-load-and-cdc",
      replicationInstance: instance,
      source,
      target,
      tableMappings: new TableMappings().include({ schema: "hr", table: "employee" }),
    });
    json = synth(stack);
  });

  test("an aws_dms_s3_endpoint source with the typed table definition, as AWS writes it", () => {
    const endpoint = blocks(json, "aws_dms_s3_endpoint")[0];
    expect(endpoint).toMatchObject({
      endpoint_type: "source",
      bucket_folder: "landing/hr",
      cdc_path: "changes",
      csv_delimiter: ",",
      csv_row_delimiter: "\n",
      ignore_header_rows: 1,
      rfc_4180: true,
    });
    expect(JSON.parse(endpoint.external_table_definition)).toEqual({
      TableCount: "1",
      Tables: [
        {
          TableName: "employee",
          TablePath: "hr/employee/",
          TableOwner: "hr",
          TableColumns: [
            { ColumnName: "id", ColumnType: "INT8", ColumnNullable: "false", ColumnIsPk: "true" },
            { ColumnName: "last_name", ColumnType: "STRING", ColumnLength: "20", ColumnNullable: "true" },
            { ColumnName: "salary", ColumnType: "NUMERIC", ColumnPrecision: "10", ColumnScale: "2", ColumnNullable: "true" },
            { ColumnName: "hired", ColumnType: "DATETIME", ColumnNullable: "true" },
          ],
          TableColumnsTotal: "4",
        },
      ],
    });
    expect(endpoint.service_access_role_arn).toMatch(/aws_iam_role\.Source_AccessRole/);
  });

  test("the role may get objects under the folder, list that folder and decrypt through S3, nothing else", () => {
    const policy = JSON.parse(blocks(json, "aws_iam_role_policy").find((block) => block.name === "read-dms-source-files")!.policy);
    expect(policy.Statement).toEqual([
      { Sid: "ReadObjects", Effect: "Allow", Action: "s3:GetObject", Resource: expect.stringMatching(/^\$\{aws_s3_bucket\.Landing_Bucket_\w+\.arn\}\/landing\/hr\/\*$/) },
      {
        Sid: "ListFolder",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: expect.stringMatching(/^\$\{aws_s3_bucket\.Landing_Bucket_\w+\.arn\}$/),
        Condition: { StringLike: { "s3:prefix": ["landing/hr", "landing/hr/*"] } },
      },
      { Sid: "DecryptThroughS3", Effect: "Allow", Action: "kms:Decrypt", Resource: expect.stringContaining("aws_kms_key"), Condition: { StringEquals: { "kms:ViaService": expect.stringMatching(/^s3\./) } } },
    ]);
    const role = blocks(json, "aws_iam_role").find((block) => block.name_prefix === "dms-s3-source-")!;
    expect(role.assume_role_policy).toContain("aws:SourceAccount");
  });

  test("a change folder makes it a change-capture source; HTTPS to S3 only", () => {
    expect(source.capturesChanges).toBe(true);
    expect(blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.prefix_list_id !== undefined)).toEqual([
      expect.objectContaining({ from_port: 443, to_port: 443, description: "HTTPS to Amazon S3 (DMS S3 source)" }),
    ]);
  });

  test("an existing bucket: its owner is checked by DMS, no key statement without a key, the whole bucket without a folder", () => {
    const stack = newStack();
    const bucket = DmsTargetBucket.fromExisting(stack, "Existing", { bucketName: "hr-landing-files", ownerAccountId: "123456789012" });
    new S3SourceEndpoint(stack, "Source", s3Props(bucket, { bucketFolder: undefined }));
    const out = synth(stack);
    expect(only(out, "aws_dms_s3_endpoint")).toMatchObject({ bucket_name: "hr-landing-files", expected_bucket_owner: "123456789012" });
    const policy = JSON.parse(only(out, "aws_iam_role_policy").policy);
    expect(policy.Statement.map((statement: { Sid: string }) => statement.Sid)).toEqual(["ReadObjects", "ListFolder"]);
    expect(policy.Statement[0].Resource).toMatch(/:s3:::hr-landing-files\/\*$/);
    expect(policy.Statement[1].Condition).toBeUndefined();
  });

  test("a task naming a table the definition does not have is refused; a full-load-only source refuses cdc tasks", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const bucket = DmsTargetBucket.fromExisting(stack, "Existing", { bucketName: "hr-landing-files" });
    const fullLoads = new S3SourceEndpoint(stack, "Source", s3Props(bucket));
    const task = (id: string, migrationType: "full-load" | "cdc", table: string) =>
      new ReplicationTask(stack, id, { ...context, replicationTaskId: id, migrationType, replicationInstance: instance, source: fullLoads, target, tableMappings: new TableMappings().include({ schema: "hr", table }) });
    expect(() => task("a", "full-load", "payroll")).toThrow(/selects hr\.payroll, which the external table definition does not have; defined: hr\.employee/);
    expect(() => task("b", "cdc", "employee")).toThrow(/full loads only/);
    expect(() => task("c", "full-load", "%")).not.toThrow();
  });

  test.each<[string, Partial<S3SourceEndpointProps>, RegExp]>([
    ["no table", { tables: [] }, /tables.*at least one table/],
    ["a folder with a leading slash", { bucketFolder: "/landing" }, /bucketFolder.*relative folder/],
    ["a change folder with ..", { cdcPath: "../changes" }, /cdcPath.*relative folder/],
    ["a two-character delimiter", { csvDelimiter: "||" }, /csvDelimiter.*one character/],
    ["a row delimiter equal to the field delimiter", { csvDelimiter: ";", csvRowDelimiter: ";" }, /csvRowDelimiter.*differ/],
    ["two header rows", { ignoreHeaderRows: 2 }, /ignoreHeaderRows.*allowed: 0, 1/],
    ["a table without columns", { tables: [{ ...EMPLOYEE, columns: [] }] }, /tables\[0\]\.columns.*at least one column/],
    ["a table path without its slash", { tables: [{ ...EMPLOYEE, path: "hr/employee" }] }, /tables\[0\]\.path.*ending with a slash/],
    ["a table defined twice", { tables: [EMPLOYEE, EMPLOYEE] }, /tables\[1\]\.name.*already defined/],
    ["an owner that is not a name", { tables: [{ ...EMPLOYEE, owner: "h r" }] }, /tables\[0\]\.owner.*plain name/],
    ["a column named twice", { tables: [{ ...EMPLOYEE, columns: [EMPLOYEE.columns[1], { ...EMPLOYEE.columns[1], name: "LAST_NAME" }] }] }, /tables\[0\]\.columns\[1\]\.name.*already in this table/],
    ["a STRING without a length", { tables: [{ ...EMPLOYEE, columns: [{ name: "x", type: "STRING" }] }] }, /columns\[0\]\.length.*required for STRING/],
    ["a length on an INT4", { tables: [{ ...EMPLOYEE, columns: [{ name: "x", type: "INT4", length: 4 }] }] }, /columns\[0\]\.length.*only STRING and BYTE/],
    ["a NUMERIC without a precision", { tables: [{ ...EMPLOYEE, columns: [{ name: "x", type: "NUMERIC" }] }] }, /columns\[0\]\.precision.*required for NUMERIC/],
    ["a precision of 39", { tables: [{ ...EMPLOYEE, columns: [{ name: "x", type: "NUMERIC", precision: 39 }] }] }, /columns\[0\]\.precision.*1 to 38/],
    ["a scale above the precision", { tables: [{ ...EMPLOYEE, columns: [{ name: "x", type: "NUMERIC", precision: 4, scale: 5 }] }] }, /columns\[0\]\.scale/],
    ["a scale on a REAL8", { tables: [{ ...EMPLOYEE, columns: [{ name: "x", type: "REAL8", scale: 1 }] }] }, /columns\[0\]\.scale.*only NUMERIC/],
    ["a nullable primary key", { tables: [{ ...EMPLOYEE, columns: [{ name: "x", type: "INT4", primaryKey: true, nullable: true }] }] }, /columns\[0\]\.nullable.*primary-key/],
  ])("refuses %s", (_what, overrides, message) => {
    const stack = newStack();
    const bucket = DmsTargetBucket.fromExisting(stack, "Existing", { bucketName: "hr-landing-files" });
    expect(() => new S3SourceEndpoint(stack, "Source", s3Props(bucket, overrides))).toThrow(message);
  });

  test("delimiters and quoting as given", () => {
    const stack = newStack();
    const bucket = DmsTargetBucket.fromExisting(stack, "Existing", { bucketName: "hr-landing-files" });
    new S3SourceEndpoint(stack, "Source", s3Props(bucket, { csvDelimiter: "|", csvRowDelimiter: "\r\n", rfc4180: false, tables: [{ ...EMPLOYEE, path: "exports/employees/" }] }));
    const endpoint = only(synth(stack), "aws_dms_s3_endpoint");
    expect(endpoint).toMatchObject({ csv_delimiter: "|", csv_row_delimiter: "\r\n", rfc_4180: false, ignore_header_rows: 0 });
    expect(JSON.parse(endpoint.external_table_definition).Tables[0].TablePath).toBe("exports/employees/");
  });

  test("the definition is the same string for the same tables", () => {
    expect(externalTableDefinition([EMPLOYEE])).toBe(externalTableDefinition([{ ...EMPLOYEE, columns: [...EMPLOYEE.columns] }]));
  });
});

describe("the s3 entry of the sources of an environment file", () => {
  const entry = { engine: "s3", endpointId: "source-hr-landing", bucketFolder: "landing/hr", tables: [EMPLOYEE] };

  test("is a source engine of the registry, with no SSM parameters; change capture needs cdcPath", () => {
    const parsed = s3SourceSchema.parse(entry);
    expect(sourceEngineOf(sourceSchema.parse(entry))).toBe(s3Source);
    expect(s3Source.parameterNames(parsed)).toEqual({ passwordParameterNames: [] });
    expect(s3Source.capturesChanges(parsed)).toBe(false);
    expect(s3Source.capturesChanges(s3SourceSchema.parse({ ...entry, cdcPath: "changes" }))).toBe(true);
  });

  test("types are checked by the schema, combinations by the construct's rules at the file's fields", () => {
    expect(s3SourceSchema.safeParse({ ...entry, tables: [{ ...EMPLOYEE, columns: [{ name: "x", type: "VARCHAR" }] }] }).success).toBe(false);
    expect(s3SourceSchema.safeParse({ ...entry, bucket: { existingBucketName: "hr-files", forceDestroy: true } }).success).toBe(false);
    const problems = s3Source.problems(s3SourceSchema.parse({ ...entry, tables: [{ ...EMPLOYEE, columns: [{ name: "x", type: "STRING" }] }], ignoreHeaderRows: 3 }));
    expect(problems.map((problem) => problem.path)).toEqual(["ignoreHeaderRows", "tables[0].columns[0].length"]);
  });

  test("builds a created bucket and the endpoint", () => {
    const stack = newStack();
    s3Source.build(stack, "Source-landing", s3SourceSchema.parse(entry), { projectName: "hr", environment: "development", secretRecoveryWindowInDays: 7, database: undefined as never });
    const out = synth(stack);
    expect(blocks(out, "aws_s3_bucket")).toHaveLength(1);
    expect(only(out, "aws_dms_s3_endpoint").endpoint_type).toBe("source");
  });
});
