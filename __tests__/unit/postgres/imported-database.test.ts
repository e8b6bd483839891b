import { DmsAccountRoles } from "../../../modules/dms/account-roles";
import { ReplicationInstance } from "../../../modules/dms/replication-instance";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { SqlServerSourceEndpoint } from "../../../modules/dms/sources/sql-server/endpoint";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { PostgresTargetEndpoint } from "../../../modules/dms/targets/postgres/endpoint";
import { PostgresDatabase } from "../../../modules/postgres/postgres-database";
import { allowSecretsManager, sqlServerProps } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { blocks, newStack, synth } from "../../helpers/synth";

const ATTRIBUTES = {
  instanceIdentifier: "mosaic-mirror-db-staging",
  address: "mosaic-mirror-db-staging.abc123.eu-west-2.rds.amazonaws.com",
  port: 5433,
  databaseName: "mosaic_mirror",
  securityGroupId: "sg-0mirror000000000001",
  engineVersion: "16",
  passwordParameterName: "/mosaic/staging/postgres-password",
};

describe("PostgresDatabase.fromDatabaseAttributes: a database from another stack", () => {
  // One stack: an instance, a source, the imported database as the target of a task.
  const stack = newStack("mirror");
  const context = { projectName: "mosaic", environment: "staging" };
  const database = PostgresDatabase.fromDatabaseAttributes(stack, "Mirror", ATTRIBUTES);
  const instance = new ReplicationInstance(stack, "Instance", {
    ...context, replicationInstanceId: "staging-dms-instance", instanceClass: "dms.t3.medium", engineVersion: "3.6.1",
    vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    accountRoles: new DmsAccountRoles(stack, "Roles", { mode: "existing" }),
  });
  allowSecretsManager(stack);
  const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps());
  const target = new PostgresTargetEndpoint(stack, "Target", { ...context, endpointId: "target-mirror-endpoint", database });
  new ReplicationTask(stack, "Task", {
    ...context, replicationTaskId: "mosaic-to-mirror", migrationType: "full-load", replicationInstance: instance, source, target,
    tableMappings: new TableMappings().include({ schema: "dbo", table: "%" }),
  });
  stack.runAllValidations();
  const json = synth(stack);

  test("creates no database, security group or SSM parameter of its own", () => {
    for (const type of ["aws_db_instance", "aws_ssm_parameter", "aws_db_subnet_group"]) expect(blocks(json, type)).toEqual([]);
    // The instance's group is the only one: the database's is referred to by id.
    expect(blocks(json, "aws_security_group")).toHaveLength(1);
    expect(database).toMatchObject({ address: ATTRIBUTES.address, port: 5433, databaseName: "mosaic_mirror", securityGroupId: ATTRIBUTES.securityGroupId, masterUsername: "migration_admin" });
  });

  test("the task's connection lands on the given security group, on the given port, from the instance's group", () => {
    const ingress = blocks(json, "aws_vpc_security_group_ingress_rule").filter((rule) => rule.security_group_id === ATTRIBUTES.securityGroupId);
    expect(ingress).toEqual([expect.objectContaining({ from_port: 5433, to_port: 5433, ip_protocol: "tcp", referenced_security_group_id: expect.stringMatching(/aws_security_group\..*Instance.*\.id/) })]);
    expect(blocks(json, "aws_vpc_security_group_egress_rule")).toEqual(
      expect.arrayContaining([expect.objectContaining({ from_port: 5433, referenced_security_group_id: ATTRIBUTES.securityGroupId })]),
    );
  });

  test("the endpoint's secret holds the given address and reads the password parameter ephemerally; no secret in the JSON", () => {
    expect(blocks(json, "aws_dms_endpoint").find((endpoint) => endpoint.endpoint_id === "target-mirror-endpoint")).toMatchObject({ engine_name: "postgres", database_name: "mosaic_mirror" });
    const reads = blocks(json, "aws_ssm_parameter", "ephemeral").map((read) => JSON.stringify(read));
    expect(reads.some((read) => read.includes("/mosaic/staging/postgres-password"))).toBe(true);
    expect(JSON.stringify(blocks(json, "aws_secretsmanager_secret_version"))).toContain(ATTRIBUTES.address);
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("refuses a version DMS cannot write to, and a port that is not one", () => {
    expect(() => PostgresDatabase.fromDatabaseAttributes(newStack(), "Old", { ...ATTRIBUTES, engineVersion: "sixteen" })).toThrow(/`engineVersion` = "sixteen": is not a PostgreSQL version DMS writes to/);
    expect(() => PostgresDatabase.fromDatabaseAttributes(newStack(), "Port", { ...ATTRIBUTES, port: 0 })).toThrow(/`port` = 0: is not a TCP port; allowed: 1 to 65535/);
  });
});
