import { PostgresDatabase } from "../../../modules/postgres/postgres-database";
import { SsmPassword } from "../../../modules/secrets/ssm-password";
import { postgresProps } from "../../helpers/fixtures";
import { blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

describe("master password generated into SSM (the default)", () => {
  const stack = newStack();
  new PostgresDatabase(stack, "Db", postgresProps({ password: { version: 3 } }));
  const json = synth(stack);
  const randomId = logicalId(json, "aws_secretsmanager_random_password", "ephemeral");
  const parameterId = Object.entries(json.resource.aws_ssm_parameter).find(([, block]: [string, any]) => block.type === "SecureString")![0];
  const readId = logicalId(json, "aws_ssm_parameter", "ephemeral");

  test("is generated at apply time without characters RDS or DMS refuse", () => {
    const random = only(json, "aws_secretsmanager_random_password", "ephemeral");
    expect(random.password_length).toBe(32);
    for (const character of ["/", "@", '"', " ", ";", "'", "\\"]) expect(random.exclude_characters).toContain(character);
  });

  test("is written once to a SecureString through the write-only value, with the rotation version", () => {
    const parameter = json.resource.aws_ssm_parameter[parameterId];
    expect(parameter).toMatchObject({
      name: "/mosaic/development/postgres-password",
      type: "SecureString",
      value_wo: `\${ephemeral.aws_secretsmanager_random_password.${randomId}.random_password}`,
      value_wo_version: 3,
    });
    expect(parameter.value).toBeUndefined();
    expect(parameter.insecure_value).toBeUndefined();
  });

  test("reaches the database from the parameter, through password_wo only", () => {
    const db = only(json, "aws_db_instance");
    expect(only(json, "aws_ssm_parameter", "ephemeral")).toEqual({
      arn: `\${aws_ssm_parameter.${parameterId}.arn}`,
      with_decryption: true,
    });
    expect(db.password_wo).toBe(`\${ephemeral.aws_ssm_parameter.${readId}.value}`);
    expect(db.password_wo_version).toBe(3);
    expect(db.password).toBeUndefined();
    expect(db.manage_master_user_password).toBeUndefined();
  });

  test("is never read through a data source, whose value would land in state", () => {
    expect(blocks(json, "aws_ssm_parameter", "data")).toHaveLength(0);
  });
});

describe("master password from an existing SSM parameter", () => {
  const stack = newStack();
  new PostgresDatabase(stack, "Db", postgresProps({ password: { existingParameterName: "/mosaic/dev/postgres-password", version: 2 } }));
  const json = synth(stack);

  test("creates no parameter and generates nothing", () => {
    expect(blocks(json, "aws_ssm_parameter").filter((p) => p.type === "SecureString")).toHaveLength(0);
    expect(blocks(json, "aws_secretsmanager_random_password", "ephemeral")).toHaveLength(0);
  });

  test("reads it ephemerally by ARN, built from the account, partition and region", () => {
    const read = only(json, "aws_ssm_parameter", "ephemeral");
    const partition = logicalId(json, "aws_partition", "data");
    const account = logicalId(json, "aws_caller_identity", "data");
    const region = logicalId(json, "aws_region", "data");
    expect(read.arn).toBe(
      `arn:\${data.aws_partition.${partition}.partition}:ssm:\${data.aws_region.${region}.name}:\${data.aws_caller_identity.${account}.account_id}:parameter/mosaic/dev/postgres-password`,
    );
    expect(only(json, "aws_db_instance").password_wo_version).toBe(2);
  });
});

describe("SsmPassword", () => {
  test("uses a parameter given by ARN as it is", () => {
    const stack = newStack();
    const arn = "arn:aws:ssm:eu-west-2:111122223333:parameter/mosaic/live-server/password";
    new SsmPassword(stack, "Source", { parameterName: arn, generate: false });
    const json = synth(stack);
    expect(only(json, "aws_ssm_parameter", "ephemeral").arn).toBe(arn);
    expect(blocks(json, "aws_caller_identity", "data")).toHaveLength(0);
  });

  test("refuses a version below 1", () => {
    expect(() => new SsmPassword(newStack(), "Pw", { parameterName: "/a/b", version: 0 })).toThrow(
      /test\/Pw: `version` must be a whole number of at least 1, got 0/,
    );
  });
});

describe("published connection parameters", () => {
  test("writes username, hostname, port and database name as plain String parameters", () => {
    const stack = newStack();
    new PostgresDatabase(stack, "Db", postgresProps({ port: 5001, masterUsername: "mosaic_admin" }));
    const json = synth(stack);
    const plain = Object.fromEntries(blocks(json, "aws_ssm_parameter").filter((p) => p.type === "String").map((p) => [p.name, p.value]));
    expect(plain).toEqual({
      "/mosaic/development/postgres-username": "mosaic_admin",
      "/mosaic/development/postgres-hostname": `\${aws_db_instance.${logicalId(json, "aws_db_instance")}.address}`,
      "/mosaic/development/postgres-port": "5001",
      "/mosaic/development/postgres-database": "mosaic_mirror",
    });
  });

  test("uses the given prefix for every parameter, or publishes none when told", () => {
    const stack = newStack();
    new PostgresDatabase(stack, "Db", postgresProps({ parameterPrefix: "/mosaic-api/dev" }));
    expect(blocks(synth(stack), "aws_ssm_parameter").map((p) => p.name).every((name) => name.startsWith("/mosaic-api/dev/postgres-"))).toBe(true);

    const quiet = newStack();
    new PostgresDatabase(quiet, "Db", postgresProps({ publishConnectionParameters: false }));
    expect(blocks(synth(quiet), "aws_ssm_parameter").map((p) => p.type)).toEqual(["SecureString"]);
  });
});
