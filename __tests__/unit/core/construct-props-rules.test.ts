import { Testing } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../../../modules/core/errors";
import { propSecretProblems } from "../../../modules/core/prop-secrets";
import { DmsAccountRoles } from "../../../modules/dms/account-roles";
import { DmsCertificate } from "../../../modules/dms/certificate";
import { ReplicationInstance, ReplicationInstanceProps } from "../../../modules/dms/replication-instance";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { ServerlessReplication, ServerlessReplicationProps } from "../../../modules/dms/serverless-replication";
import { MysqlSourceEndpoint } from "../../../modules/dms/sources/mysql/endpoint";
import { SqlServerSourceEndpoint } from "../../../modules/dms/sources/sql-server/endpoint";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { PostgresTargetEndpoint } from "../../../modules/dms/targets/postgres/endpoint";
import { AuroraPostgresCluster } from "../../../modules/postgres/aurora-postgres-cluster";
import { PostgresDatabase } from "../../../modules/postgres/postgres-database";
import { dmsFixture, postgresProps, sqlServerProps } from "../../helpers/fixtures";
import { newStack } from "../../helpers/synth";
import { AlarmTopic } from "../../../modules/monitoring/alarm-topic";
import { DmsMonitoring } from "../../../modules/monitoring/dms-monitoring";
import { checkEnvironment } from "../../../modules/config";
import { formatFieldProblem } from "../../../modules/config/problem";
import { environmentFile } from "../../helpers/environments";

// Written as a library user would: constructs built in a fresh stack with props the environment-file check refuses.

/** A password no test fixture holds; it must never be echoed or written. */
const SENTINEL = "Zq7-sentinel-Hunter2-Vx9";
const ACCESS_KEY = "AKIAQ7SENTINEL7EXAMP";

/** The ValidationError `build` throws; fails when it throws anything else (a plain Error, a crash deep in synth). */
function refusal(build: () => unknown): ValidationError {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  const error = thrown as ValidationError;
  // One line per problem, each naming the construct; no stack trace in the message.
  expect(error.message).not.toMatch(/\n\s+at /);
  return error;
}

/** Each line of the error is about `path` and names one of `props`, in that order; nothing else is listed. */
function expectProblems(error: ValidationError, path: string, props: readonly string[]): void {
  const lines = error.message.split("\n");
  expect(lines.map((line) => line.slice(0, line.indexOf(":")))).toEqual(props.map(() => path));
  expect(error.problems.map((problem) => problem.path)).toEqual(props);
}

/** The stack still synthesizes (what was built before the refusal) without the secret in it. */
function expectNotWritten(stack: Construct, ...secrets: string[]): void {
  const json = Testing.synth(stack as never);
  for (const secret of secrets) expect(json).not.toContain(secret);
}


/** A replication instance's props in a test stack: a valid development instance, with `overrides`. */
function instanceProps(roles: DmsAccountRoles, overrides: Partial<ReplicationInstanceProps>): ReplicationInstanceProps {
  return {
    projectName: "mosaic",
    environment: "development",
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    replicationInstanceId: "development-dms-instance",
    instanceClass: "dms.t3.medium",
    engineVersion: "3.6.1",
    accountRoles: roles,
    ...overrides,
  };
}

describe("secrets given to constructs are refused, never echoed and never written", () => {
  test("a password in a database tag value", () => {
    const stack = newStack();
    const error = refusal(() => new PostgresDatabase(stack, "Db", postgresProps({ additionalTags: { note: `password=${SENTINEL}` } })));
    expectProblems(error, "test/Db", ["additionalTags.note"]);
    expect(error.message).toContain('(not shown: looks like a value given to "password")');
    expect(error.message).not.toContain(SENTINEL);
    expectNotWritten(stack, SENTINEL);
  });

  test("an AWS access key id in a replication instance's tags and a certificate's tags", () => {
    const stack = newStack();
    const roles = new DmsAccountRoles(stack, "Roles", { mode: "existing" });
    const instanceError = refusal(
      () =>
        new ReplicationInstance(stack, "Instance", instanceProps(roles, { additionalTags: { deployer: ACCESS_KEY } })),
    );
    expectProblems(instanceError, "test/Instance", ["additionalTags.deployer"]);
    expect(instanceError.message).toContain("(not shown: looks like an AWS access key id)");
    const certificateError = refusal(
      () =>
        new DmsCertificate(stack, "Certificate", {
          projectName: "mosaic",
          environment: "development",
          certificateId: "mosaic-ca",
          certificatePem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
          additionalTags: { owner: ACCESS_KEY },
        }),
    );
    expectProblems(certificateError, "test/Certificate", ["additionalTags.owner"]);
    for (const error of [instanceError, certificateError]) expect(error.message).not.toContain(ACCESS_KEY);
    expectNotWritten(stack, ACCESS_KEY);
  });

  test("a password given where the SSM parameter name of an endpoint's password belongs", () => {
    const stack = newStack();
    const error = refusal(
      () =>
        new MysqlSourceEndpoint(stack, "Source", {
          projectName: "mosaic",
          environment: "development",
          endpointId: "source-mysql-endpoint",
          serverName: "10.80.1.22",
          credentials: { username: "dms", passwordParameterName: `${SENTINEL}!` },
        }),
    );
    expectProblems(error, "test/Source", ["credentials.passwordParameterName"]);
    expect(error.message).toContain("(not shown: looks like a secret given where the name or ARN of the place it is kept belongs)");
    expect(error.message).not.toContain(SENTINEL);
    expectNotWritten(stack, SENTINEL);
  });

  test("a password in a PostgreSQL target's afterConnectScript", () => {
    const stack = newStack();
    const { context, database } = dmsFixture(stack);
    const error = refusal(
      () =>
        new PostgresTargetEndpoint(stack, "Mirror", {
          ...context,
          endpointId: "target-mirror-endpoint",
          database,
          settings: { afterConnectScript: `ALTER ROLE dms PASSWORD '${SENTINEL}'` },
        }),
    );
    expectProblems(error, "test/Mirror", ["settings.afterConnectScript"]);
    expect(error.message).toContain("(not shown: looks like a password literal in SQL)");
    expect(error.message).not.toContain(SENTINEL);
    expectNotWritten(stack, SENTINEL);
  });

  test("a problem a rule reports about a prop holding a secret does not echo it either", () => {
    const stack = newStack();
    // Too long a tag value (the tag rule) that is also a secret: one problem, the value hidden.
    const value = `password=${SENTINEL}${"x".repeat(260)}`;
    const error = refusal(() => new PostgresDatabase(stack, "Db", postgresProps({ additionalTags: { note: value } })));
    expect(error.problems.map((problem) => problem.path)).toEqual(["additionalTags.note"]);
    expect(error.message).not.toContain(SENTINEL);
  });

  test("a password in the tags of an alarm topic and of the monitoring, which passes them on", () => {
    const stack = newStack();
    const context = { projectName: "mosaic", environment: "development" };
    const topicError = refusal(() => new AlarmTopic(stack, "Alarms", { ...context, additionalTags: { note: `password=${SENTINEL}` } }));
    expectProblems(topicError, "test/Alarms", ["additionalTags.note"]);
    const monitoringError = refusal(() => new DmsMonitoring(stack, "Monitoring", { ...context, additionalTags: { note: `password=${SENTINEL}` } }));
    expectProblems(monitoringError, "test/Monitoring", ["additionalTags.note"]);
    for (const error of [topicError, monitoringError]) expect(error.message).not.toContain(SENTINEL);
    expectNotWritten(stack, SENTINEL);
  });

  test("tokens, constructs and names of where secrets live are not secrets", () => {
    const stack = newStack();
    const { database, roles } = dmsFixture(stack);
    expect(
      propSecretProblems({
        database,
        roles,
        passwordParameterName: "/mosaic/development/postgres-password",
        secretArn: database.password.parameterArn,
        tags: { BackupPolicy: "Dev", note: "Password: rotated monthly by the DBA team" },
        description: "Replication subnet group for mosaic",
        afterConnectScript: "SET session_replication_role='replica'",
      }),
    ).toEqual([]);
  });
});

describe("project names and database ports the file check refuses are refused by the constructs", () => {
  test.each([
    ["a project name with spaces", { projectName: "resident information" }, "projectName", "lowercase letters, digits and hyphens"],
    ["an environment in capitals", { environment: "Staging" }, "environment", "lowercase letters, digits and hyphens"],
    ["port 0", { port: 0 }, "port", "from 1150 to 65535"],
    ["port above 65535", { port: 70000 }, "port", "from 1150 to 65535"],
    ["a fractional port", { port: 5432.5 }, "port", "from 1150 to 65535"],
  ])("%s", (_kind, overrides, prop, allowed) => {
    const stack = newStack();
    const error = refusal(() => new PostgresDatabase(stack, "Db", postgresProps(overrides)));
    expect(error.problems.map((problem) => problem.path)).toContain(prop);
    expect(error.message).toMatch(new RegExp(`^test/Db: \`${prop}\` = .*${allowed}`, "m"));
  });

  test("the same name rule guards every construct given a project, such as a replication instance", () => {
    const stack = newStack();
    const roles = new DmsAccountRoles(stack, "Roles", { mode: "existing" });
    const error = refusal(
      () =>
        new ReplicationInstance(stack, "Instance", instanceProps(roles, { projectName: "my project" })),
    );
    expect(error.problems.map((problem) => problem.path)).toContain("projectName");
  });
});

describe("constructs report every problem at once", () => {
  test("AuroraPostgresCluster: instance count, capacity, port, project name and a secret tag, together", () => {
    const stack = newStack();
    const error = refusal(
      () =>
        new AuroraPostgresCluster(stack, "Cluster", {
          ...postgresProps({ projectName: "resident information", port: 0, additionalTags: { note: `password=${SENTINEL}` } }),
          instanceClass: "db.serverless",
          instances: 16,
          serverlessCapacity: { minimum: 8, maximum: 4 },
        }),
    );
    expect(error.problems.map((problem) => problem.path).sort()).toEqual(
      ["additionalTags.note", "instances", "port", "projectName", "serverlessCapacity"].sort(),
    );
    expect(error.message).toContain("test/Cluster: `instances` = 16: allowed: a whole number from 1 to 15");
    expect(error.message).toContain("`serverlessCapacity` = ");
    expect(error.message).toContain("allowed: 0 <= minimum <= maximum <= 256 ACUs");
    expect(error.message).not.toContain(SENTINEL);
  });

  test("PostgresDatabase: storage, port and a secret tag, together", () => {
    const stack = newStack();
    const error = refusal(
      () => new PostgresDatabase(stack, "Db", postgresProps({ allocatedStorage: 10, port: 80, additionalTags: { key: ACCESS_KEY } })),
    );
    expect(error.problems.map((problem) => problem.path).sort()).toEqual(["additionalTags.key", "allocatedStorage", "port"]);
    expect(error.message).toContain("test/Db: `allocatedStorage` = 10: allowed: a whole number of GiB from 20 to 65536");
  });

  test("AlarmTopic: name, key, subscribers and a secret webhook, together; the webhook once and never shown", () => {
    const stack = newStack();
    const webhook = `https://hooks.slack.com/services/T0000/B0000/${SENTINEL}`;
    const email = { protocol: "email", endpoint: "dms-oncall@example.com" } as const;
    const error = refusal(
      () =>
        new AlarmTopic(stack, "Alarms", {
          projectName: "mosaic",
          environment: "development",
          topicName: "dms alarms",
          kmsKeyArn: "arn:aws:kms:eu-west-2:123456789012:alias/aws/sns",
          subscribers: [email, { protocol: "https", endpoint: webhook }, email],
        }),
    );
    expectProblems(error, "test/Alarms", ["topicName", "kmsKeyArn", "subscribers[1].endpoint", "subscribers[2]"]);
    expect(error.message).not.toContain(SENTINEL);
    expectNotWritten(stack, SENTINEL);
  });

  test("DmsMonitoring: a topic with subscribers and a key, and bad thresholds, together", () => {
    const stack = newStack();
    const context = { projectName: "mosaic", environment: "development" };
    const topic = new AlarmTopic(stack, "Alarms", context);
    const error = refusal(
      () =>
        new DmsMonitoring(stack, "Monitoring", {
          ...context,
          topic,
          subscribers: [],
          kmsKeyArn: "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          thresholds: { freeStoragePercent: 0, swapUsageMib: 0.5 },
        }),
    );
    expectProblems(error, "test/Monitoring", ["subscribers", "kmsKeyArn", "thresholds.freeStoragePercent", "thresholds.swapUsageMib"]);
  });

  test("ReplicationTask: id, CDC from a full-load source, both CDC start points, a bad start time and a secret tag, together", () => {
    const stack = newStack();
    const { target, context, instance } = dmsFixture(stack);
    const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps({ captureMode: "none" }));
    const error = refusal(
      () =>
        new ReplicationTask(stack, "Task", {
          ...context,
          replicationTaskId: "task_1",
          migrationType: "cdc",
          replicationInstance: instance,
          source,
          target,
          tableMappings: new TableMappings().include({ schema: "dbo", table: "member" }),
          cdcStartTime: "yesterday",
          cdcStartPosition: "checkpoint:V1#27#mysql-bin-changelog.157832:1975:-1:2002:677883278264080:mysql-bin-changelog.157832:1876#0#0#*#0#24",
          additionalTags: { owner: ACCESS_KEY },
        }),
    );
    expectProblems(error, "test/Task", ["replicationTaskId", "migrationType", "cdcStartPosition", "cdcStartTime", "additionalTags.owner"]);
    expect(error.message).not.toContain(ACCESS_KEY);
  });

  test("ReplicationInstance: id, storage, log retention, production Multi-AZ and a secret tag, together; the file runs the sizing rules", () => {
    const stack = newStack();
    const roles = new DmsAccountRoles(stack, "Roles", { mode: "existing" });
    const error = refusal(
      () =>
        new ReplicationInstance(stack, "Instance", instanceProps(roles, { environment: "production", replicationInstanceId: "dms--x", allocatedStorage: 4, taskLogRetentionDays: 10, additionalTags: { owner: ACCESS_KEY } })),
    );
    expectProblems(error, "test/Instance", ["replicationInstanceId", "multiAz", "allocatedStorage", "taskLogRetentionDays", "additionalTags.owner"]);
    const file = environmentFile("development");
    file.dms.replicationInstance.allocatedStorage = 4;
    file.dms.taskLogRetentionDays = 10;
    const lines = checkEnvironment(JSON.stringify(file), "development").problems.map(formatFieldProblem);
    expect(lines).toContain("dms.replicationInstance.allocatedStorage = 4: allowed: a whole number of GiB from 5 to 6144");
    expect(lines.filter((line) => line.startsWith("dms.taskLogRetentionDays = 10: allowed: 1, 3, 5"))).toHaveLength(1);
  });

  test("an imported database: engine version, port and a password given as its parameter name, together", () => {
    const error = refusal(() =>
      PostgresDatabase.fromDatabaseAttributes(newStack(), "Old", {
        instanceIdentifier: "mosaic-mirror-db-staging",
        address: "mosaic-mirror-db-staging.abc123.eu-west-2.rds.amazonaws.com",
        port: 0,
        databaseName: "mosaic_mirror",
        securityGroupId: "sg-0mirror000000000001",
        engineVersion: "sixteen",
        passwordParameterName: `${SENTINEL} !`,
      }),
    );
    expectProblems(error, "test/Old", ["engineVersion", "port", "passwordParameterName"]);
    expect(error.message).not.toContain(SENTINEL);
  });

  test("ServerlessReplication: id, capacity units, their order, views, CDC from a full-load source and a secret tag, together", () => {
    const stack = newStack();
    const { target, context, network, roles } = dmsFixture(stack);
    const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps({ captureMode: "none" }));
    const props: ServerlessReplicationProps = {
      ...context,
      ...network,
      replicationConfigId: "mosaic--serverless",
      migrationType: "full-load-and-cdc",
      source,
      target,
      tableMappings: new TableMappings().include({ schema: "dbo", table: "member", tableType: "view" }),
      minCapacityUnits: 3 as never,
      maxCapacityUnits: 2,
      accountRoles: roles,
      additionalTags: { deploy: `token=${SENTINEL}` },
    };
    const error = refusal(() => new ServerlessReplication(stack, "Serverless", props));
    expect(error.problems.map((problem) => problem.path).sort()).toEqual(
      ["additionalTags.deploy", "migrationType", "minCapacityUnits", "minCapacityUnits", "replicationConfigId", "tableMappings"].sort(),
    );
    expect(error.message).toContain("test/Serverless: `minCapacityUnits` = 3: allowed: 1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384");
    expect(error.message).toContain("test/Serverless: `minCapacityUnits` = 3: must not exceed maxCapacityUnits (2)");
    expect(error.message).not.toContain(SENTINEL);
    expectNotWritten(stack, SENTINEL);
  });
});

describe("the environment-file check runs the same rules, each problem once", () => {
  const fileProblems = (file: unknown, name: string) => checkEnvironment(JSON.stringify(file), name).problems.map(formatFieldProblem);

  test("every address as a source's allowedCidr is one problem, the network rule's", () => {
    const file = environmentFile("production");
    file.sources.uhw.allowedCidr = "0.0.0.0/0";
    expect(fileProblems(file, "production").filter((line) => line.startsWith("sources.uhw.allowedCidr"))).toEqual([
      'sources.uhw.allowedCidr = "0.0.0.0/0": "0.0.0.0/0" would allow every address; name the network instead (allowed: /16 to /32)',
    ]);
  });

  test("a project name with spaces and port 0 are refused with the constructs' messages", () => {
    const file = environmentFile("development");
    file.projectName = "resident information";
    file.database.port = 0;
    expect(fileProblems(file, "development")).toEqual([
      'projectName = "resident information": goes into resource names, SSM paths and tags; allowed: lowercase letters, digits and hyphens, starting with a letter',
      "database.port = 0: is not a port RDS lets PostgreSQL listen on; allowed: a whole number from 1150 to 65535",
    ]);
  });

  test("serverless capacity: the construct's table, in the file", () => {
    const file = environmentFile("development");
    const task = file.tasks.find((entry: { serverless?: unknown }) => entry.serverless !== undefined) ?? file.tasks[0];
    task.serverless = { minCapacityUnits: 16, maxCapacityUnits: 8 };
    const index = file.tasks.indexOf(task);
    expect(fileProblems(file, "development")).toContain(`tasks[${index}].serverless.minCapacityUnits = 16: must not exceed maxCapacityUnits (8)`);
  });
});
