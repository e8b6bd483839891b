import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { ValidationError } from "../../../modules/core/errors";
import { DmsCertificate, DmsCertificates } from "../../../modules/dms/certificate";
import { credentialsSecret } from "../../../modules/dms/endpoints/endpoint-credentials";
import { addEndpointTags } from "../../../modules/dms/endpoints/endpoint-tags";
import {
  DATABASE_TARGET_ENGINE,
  addExtraConnectionAttributes,
  extraConnectionAttributeProblems,
} from "../../../modules/dms/endpoints/extra-connection-attributes";
import { ReplicationInstance } from "../../../modules/dms/replication-instance";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { SqlServerSourceEndpoint } from "../../../modules/dms/sources/sql-server/endpoint";
import { ExistingEndpointSecret } from "../../../modules/secrets/existing-endpoint-secret";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { dmsFixture, sqlServerProps } from "../../helpers/fixtures";
import {
  TerraformJson,
  blocks,
  newStack,
  only,
  synth,
} from "../../helpers/synth";

const REPOSITORY = join(__dirname, "..", "..", "..");
const FIXTURES = join(
  REPOSITORY,
  "__tests__",
  "fixtures",
  "terraform-aws-modules"
);
const PEM = readFileSync(join(FIXTURES, "certs", "example-ca.pem"), "utf8");
const SECRET_ARN =
  "arn:aws:secretsmanager:us-east-1:123456789012:secret:PostgreSQL-dms-ex-AbCdEf";
const KEY_ARN =
  "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8"));

/** The problems the loader reports for a fixture changed by `change`, as `path: message`. */
function fileProblems(
  name: string,
  change: (file: Record<string, any>) => void
): string[] {
  const file = fixture(name);
  change(file);
  const check = checkEnvironment(JSON.stringify(file), name);
  return check.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

function synthFixture(name: string): TerraformJson {
  const check = checkEnvironment(
    readFileSync(join(FIXTURES, `${name}.json`), "utf8"),
    name
  );
  if (!check.config)
    throw new Error(
      check.problems.map((p) => `${p.path}: ${p.message}`).join("\n")
    );
  return JSON.parse(
    Testing.synth(
      new MigrationStack(Testing.app(), name, {
        config: check.config,
        repositoryDirectory: REPOSITORY,
      })
    )
  );
}

const policyOf = (json: TerraformJson, match: (policy: any) => boolean) =>
  blocks(json, "aws_iam_role_policy")
    .map((block) => JSON.parse(block.policy))
    .filter(match);

describe("extra connection attributes: one rule table for every engine", () => {
  const problems = (engine: string, attributes: Record<string, string>) =>
    extraConnectionAttributeProblems(engine, attributes, [
      "extraConnectionAttributes",
    ]).map((p) => `${p.path} = ${p.value}: ${p.message}`);

  test("an attribute the library does not type passes", () => {
    expect(
      problems("postgres", {
        secretsManagerEndpointOverride:
          "vpce-1.secretsmanager.us-east-1.vpce.amazonaws.com",
      })
    ).toEqual([]);
    expect(problems("sqlserver", { ForceLobLookup: "true" })).toEqual([]);
  });

  test.each([
    ["postgres", "heartbeatFrequency", "settings.heartbeatFrequency"],
    ["postgres", "HEARTBEATENABLE", "settings.heartbeatEnable"],
    [DATABASE_TARGET_ENGINE, "afterConnectScript", "afterConnectScript"],
    ["sqlserver", "safeguardPolicy", "safeguardPolicy"],
    ["oracle", "useLogminerReader", "reader"],
    ["mysql", "serverTimezone", "serverTimezone"],
    ["s3", "dataFormat", "dataFormat"],
    ["opensearch", "errorRetryDuration", "errorRetryDuration"],
  ])("%s refuses %s, which it types: use `%s`", (engine, key, option) => {
    expect(problems(engine, { [key]: "1" })).toEqual([
      expect.stringContaining(`use the typed option \`${option}\``),
    ]);
  });

  test("a key typed by one engine is free on another", () => {
    expect(problems("sqlserver", { heartbeatFrequency: "1" })).toEqual([]);
  });

  test.each([
    "password",
    "Password",
    "asmPassword",
    "saslPassword",
    "securityDbEncryption",
    "awsSecretAccessKey",
    "sessionToken",
    "username",
  ])(
    "refuses %s, which holds a credential, without echoing the value",
    (key) => {
      const found = problems("oracle", { [key]: "hunter2-sentinel" });
      expect(found).toEqual([expect.stringContaining("holds a credential")]);
      expect(found.join("\n")).not.toContain("hunter2-sentinel");
    }
  );

  test.each([
    ["a;b=c", "`;`"],
    ["x=1", "`=`"],
    ["line\nbreak", "line break"],
  ])("refuses a value %j that would start another attribute", (value) => {
    expect(
      problems("postgres", { secretsManagerEndpointOverride: value })
    ).toEqual([
      "extraConnectionAttributes.secretsManagerEndpointOverride = (not shown): holds `;`, `=` or a line break, which would start another attribute; allowed: a value without them",
    ]);
  });

  test("refuses a key DMS cannot parse and an empty value, every problem at once", () => {
    expect(problems("postgres", { "bad key": "1", fine: "" })).toEqual([
      expect.stringContaining("extraConnectionAttributes.bad key"),
      expect.stringContaining("extraConnectionAttributes.fine"),
    ]);
  });

  test("the construct helper appends to what the typed options render, and refuses with the construct path", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    void instance;
    const source = new SqlServerSourceEndpoint(
      stack,
      "Source",
      sqlServerProps({ safeguardPolicy: "EXCLUSIVE_AUTOMATIC_TRUNCATION" })
    );
    addExtraConnectionAttributes(source, "sqlserver", {
      ForceLobLookup: "true",
    });
    const endpoint = blocks(synth(stack), "aws_dms_endpoint").find(
      (block) => block.endpoint_id === "source-mosaic-endpoint"
    );
    expect(endpoint?.extra_connection_attributes).toBe(
      "safeguardPolicy=EXCLUSIVE_AUTOMATIC_TRUNCATION;ForceLobLookup=true"
    );
    expect(() =>
      addExtraConnectionAttributes(source, "sqlserver", { readBackupOnly: "Y" })
    ).toThrow(
      /test\/Source: `extraConnectionAttributes.readBackupOnly`.*use the typed option `readBackupOnly`/
    );
  });
});

describe("an existing Secrets Manager secret, by ARN", () => {
  const stack = newStack();
  const withKey = new ExistingEndpointSecret(stack, "WithKey", {
    name: "pg-source",
    secretArn: SECRET_ARN,
    kmsKeyArn: KEY_ARN,
  });
  const viaKit = credentialsSecret(stack, {
    name: "plain",
    credentials: { secretArn: SECRET_ARN },
    host: "unused",
    port: 5432,
  });
  const json = synth(stack);

  test("creates no secret and writes no value: DMS reads the existing one", () => {
    expect(blocks(json, "aws_secretsmanager_secret")).toHaveLength(0);
    expect(blocks(json, "aws_secretsmanager_secret_version")).toHaveLength(0);
    expect(withKey.secretArn).toBe(SECRET_ARN);
    expect(viaKit.secretArn).toBe(SECRET_ARN);
  });

  test("the role may read only that secret, and decrypt with its key only when given", () => {
    const policies = policyOf(json, () => true).map(
      (policy) => policy.Statement
    );
    expect(policies).toContainEqual([
      {
        Effect: "Allow",
        Action: [
          "secretsmanager:GetSecretValue",
          "secretsmanager:DescribeSecret",
        ],
        Resource: SECRET_ARN,
      },
      { Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN },
    ]);
    expect(policies).toContainEqual([
      {
        Effect: "Allow",
        Action: [
          "secretsmanager:GetSecretValue",
          "secretsmanager:DescribeSecret",
        ],
        Resource: SECRET_ARN,
      },
    ]);
  });

  test("the role trusts DMS in this account only (confused deputy)", () => {
    for (const role of blocks(json, "aws_iam_role")) {
      expect(
        JSON.parse(role.assume_role_policy).Statement[0].Condition.StringEquals[
          "aws:SourceAccount"
        ]
      ).toBeDefined();
    }
  });

  test.each([
    [
      { secretArn: "arn:aws:ssm:us-east-1:123456789012:parameter/x" },
      "secretArn",
    ],
    [
      {
        secretArn: SECRET_ARN,
        kmsKeyArn:
          "arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager",
      },
      "kmsKeyArn",
    ],
  ])("refuses %j at %s", (props, path) => {
    expect(
      () =>
        new ExistingEndpointSecret(newStack(), "Secret", {
          name: "x",
          ...props,
        })
    ).toThrow(new RegExp(`\`${path}\``));
  });
});

describe("DMS certificates", () => {
  const context = { projectName: "dms-ex", environment: "complete" };

  test("a PEM certificate becomes an aws_dms_certificate", () => {
    const stack = newStack();
    new DmsCertificate(stack, "Ca", {
      ...context,
      certificateId: "dms-ex-ca",
      certificatePem: PEM,
    });
    expect(only(synth(stack), "aws_dms_certificate")).toMatchObject({
      certificate_id: "dms-ex-ca",
      certificate_pem: PEM,
      tags: expect.objectContaining({ Name: "dms-ex-ca" }),
    });
    expect(
      DmsCertificate.fromCertificateArn(
        "arn:aws:dms:us-east-1:123456789012:cert:x"
      ).certificateArn
    ).toBe("arn:aws:dms:us-east-1:123456789012:cert:x");
  });

  test("DmsCertificates imports PEM text in its scope, keeps an ARN, and resolves certificate:<key>", () => {
    const stack = newStack();
    const existing = "arn:aws:dms:us-east-1:123456789012:cert:EXISTING";
    const certificates = new DmsCertificates(stack, { ...context, certificates: { ca: { certificateId: "dms-ex-ca", certificatePem: PEM }, old: { certificateArn: existing } } });
    expect(certificates.arnOf("certificate:old")).toBe(existing);
    expect(certificates.arnOf(existing)).toBe(existing);
    expect(certificates.arnOf(undefined)).toBeUndefined();
    expect(certificates.resolve({ endpointId: "x", certificateArn: "certificate:ca" }).certificateArn).toBe(certificates.byKey.ca.certificateArn);
    expect(certificates.resolve({ endpointId: "x" })).toEqual({ endpointId: "x" });
    expect(() => certificates.arnOf("certificate:nope")).toThrow(/"certificate:nope" names no entry of dms.certificates/);
    // Directly in the scope: the resource address is the one the stack always had.
    expect(stack.node.tryFindChild("Certificate-ca")).toBeInstanceOf(DmsCertificate);
    expect(only(synth(stack), "aws_dms_certificate")).toMatchObject({ certificate_id: "dms-ex-ca" });
  });

  test.each([
    [
      "a private key",
      "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
      "holds a private key",
    ],
    [
      "a certificate followed by an RSA key",
      `${PEM}-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n`,
      "holds a private key",
    ],
    ["no PEM at all", "not a certificate", "no PEM certificate found"],
  ])(
    "refuses PEM text holding %s, without echoing it",
    (_what, certificatePem, message) => {
      let error: unknown;
      try {
        new DmsCertificate(newStack(), "Ca", {
          ...context,
          certificateId: "dms-ex-ca",
          certificatePem,
        });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain("MIIE");
    }
  );

  test("refuses a certificate id DMS does not take", () => {
    expect(
      () =>
        new DmsCertificate(newStack(), "Ca", {
          ...context,
          certificateId: "9-bad--id",
          certificatePem: PEM,
        })
    ).toThrow(/`certificateId`/);
  });
});

describe("the replication network: subnet group name and description, additional security groups", () => {
  const instanceProps = (overrides: Record<string, unknown>) => {
    const stack = newStack();
    const { roles } = dmsFixture(stack);
    return () =>
      new ReplicationInstance(stack, "Other", {
        projectName: "mosaic",
        environment: "development",
        replicationInstanceId: "other-instance",
        instanceClass: "dms.t3.medium",
        engineVersion: "3.6.1",
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
        accountRoles: roles,
        ...overrides,
      });
  };

  test("names the subnet group and adds the groups after its own", () => {
    const stack = newStack();
    const { roles } = dmsFixture(stack);
    new ReplicationInstance(stack, "Other", {
      projectName: "mosaic",
      environment: "development",
      replicationInstanceId: "other-instance",
      instanceClass: "dms.t3.medium",
      engineVersion: "3.6.1",
      vpcId: "vpc-0123456789abcdef0",
      subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
      accountRoles: roles,
      subnetGroupName: "dms-ex-complete",
      subnetGroupDescription: "DMS Subnet group for dms-ex-complete",
      additionalSecurityGroupIds: ["sg-0a1b2c3d4e5f60718"],
    });
    const json = synth(stack);
    expect(blocks(json, "aws_dms_replication_subnet_group")).toContainEqual(
      expect.objectContaining({
        replication_subnet_group_id: "dms-ex-complete",
        replication_subnet_group_description:
          "DMS Subnet group for dms-ex-complete",
      })
    );
    const instance = blocks(json, "aws_dms_replication_instance").find(
      (block) => block.replication_instance_id === "other-instance"
    );
    expect(instance?.vpc_security_group_ids).toEqual([
      expect.stringMatching(/^\$\{aws_security_group\./),
      "sg-0a1b2c3d4e5f60718",
    ]);
  });

  test.each([
    [{ subnetGroupName: "Mixed-Case" }, "subnetGroupName"],
    [{ subnetGroupName: "default" }, "subnetGroupName"],
    [{ subnetGroupDescription: "x".repeat(256) }, "subnetGroupDescription"],
    [
      { additionalSecurityGroupIds: ["sg-nothex"] },
      "additionalSecurityGroupIds[0]",
    ],
    [
      {
        additionalSecurityGroupIds: [
          "sg-0a1b2c3d4e5f60718",
          "sg-0a1b2c3d4e5f60718",
        ],
      },
      "additionalSecurityGroupIds[1]",
    ],
    [
      {
        additionalSecurityGroupIds: [
          "sg-0a1b2c3d4e5f60711",
          "sg-0a1b2c3d4e5f60712",
          "sg-0a1b2c3d4e5f60713",
          "sg-0a1b2c3d4e5f60714",
          "sg-0a1b2c3d4e5f60715",
        ],
      },
      "additionalSecurityGroupIds",
    ],
  ])("refuses %j at %s", (overrides, path) => {
    expect(instanceProps(overrides)).toThrow(
      new RegExp(`\`${path.replace(/[[\]]/g, "\\$&")}\``)
    );
  });
});

describe("tags per endpoint", () => {
  test("merge under the endpoint's own tags, and AWS's limits are checked with them", () => {
    const stack = newStack();
    const source = new SqlServerSourceEndpoint(
      stack,
      "Source",
      sqlServerProps()
    );
    addEndpointTags(source, {
      EndpointType: "sqlserver-source",
      Name: "ignored",
    });
    const endpoint = blocks(synth(stack), "aws_dms_endpoint").find(
      (block) => block.endpoint_id === "source-mosaic-endpoint"
    );
    expect(endpoint?.tags).toMatchObject({
      EndpointType: "sqlserver-source",
      Name: "source-mosaic-endpoint",
    });
    expect(() => addEndpointTags(source, { "aws:reserved": "x" })).toThrow(
      /`tags.aws:reserved`.*reserved by AWS/
    );
    const many = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [`Tag${index}`, "x"])
    );
    expect(() => addEndpointTags(source, many)).toThrow(/`tags`.*at most 50/);
  });
});

describe("tags per task and instance, checked by the constructs too", () => {
  test("a task's aws: tag and an instance's 51 tags are refused, each at its prop", () => {
    const stack = newStack();
    const { instance, target, context } = dmsFixture(stack);
    const source = new SqlServerSourceEndpoint(
      stack,
      "Source",
      sqlServerProps()
    );
    const task = (name: string, additionalTags: Record<string, string>) => () =>
      new ReplicationTask(stack, name, {
        ...context,
        replicationTaskId: name,
        migrationType: "full-load",
        replicationInstance: instance,
        source,
        target,
        tableMappings: new TableMappings().include({
          schema: "dbo",
          table: "member",
        }),
        additionalTags,
      });
    expect(task("refused-task", { "aws:owner": "x" })).toThrow(
      /`additionalTags.aws:owner`.*reserved by AWS/
    );
    expect(task("tagged-task", { Task: "PostgreSQL-to-MySQL" })).not.toThrow();
    const many = Object.fromEntries(
      Array.from({ length: 51 }, (_, index) => [`Tag${index}`, "x"])
    );
    expect(
      () =>
        new ReplicationInstance(stack, "Tagged", {
          ...context,
          replicationInstanceId: "tagged-instance",
          instanceClass: "dms.t3.medium",
          engineVersion: "3.6.1",
          vpcId: "vpc-0123456789abcdef0",
          subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
          accountRoles: dmsFixture(newStack()).roles,
          additionalTags: many,
        })
    ).toThrow(/`additionalTags` = 51 tags/);
  });
});

describe("terraform-aws-modules/dms examples/complete as an environment file", () => {
  // Not expressed (engines of their own issues): the S3 source (s3_import), the Aurora MySQL target and the Kafka
  // target; the tasks into them are written into the environment's database instead. The source's existing
  // secrets_manager_arn is `credentials.secretArn` (with the example's key); the destination is the environment's
  // database, whose secret the stack writes.
  const json = synthFixture("complete");

  test("the instance: every repl_instance_* setting and the subnet group's name and description", () => {
    expect(only(json, "aws_dms_replication_instance")).toMatchObject({
      replication_instance_id: "dms-ex-complete",
      replication_instance_class: "dms.t3.large",
      allocated_storage: 64,
      auto_minor_version_upgrade: true,
      allow_major_version_upgrade: true,
      apply_immediately: true,
      multi_az: true,
      preferred_maintenance_window: "sun:10:30-sun:14:30",
      publicly_accessible: false,
      vpc_security_group_ids: [
        expect.stringMatching(/^\$\{aws_security_group\./),
        "sg-0a1b2c3d4e5f60718",
      ],
    });
    expect(only(json, "aws_dms_replication_subnet_group")).toMatchObject({
      replication_subnet_group_id: "dms-ex-complete",
      replication_subnet_group_description:
        "DMS Subnet group for dms-ex-complete",
    });
  });

  test("endpoints: tags, extra connection attributes, certificates from a PEM file and by ARN", () => {
    const endpoints = Object.fromEntries(
      blocks(json, "aws_dms_endpoint").map((block) => [
        block.endpoint_id,
        block,
      ])
    );
    const override =
      "secretsManagerEndpointOverride=vpce-0a1b2c3d4e5f60718-abcdefgh.secretsmanager.us-east-1.vpce.amazonaws.com";
    expect(endpoints["dms-ex-complete-postgresql-source"]).toMatchObject({
      extra_connection_attributes: override,
      ssl_mode: "verify-ca",
      certificate_arn: expect.stringMatching(
        /^\$\{aws_dms_certificate\..*\.certificate_arn\}$/
      ),
      tags: expect.objectContaining({ EndpointType: "postgresql-source" }),
      postgres_settings: expect.objectContaining({
        capture_ddls: false,
        heartbeat_enable: true,
        heartbeat_frequency: 1,
      }),
    });
    expect(endpoints["dms-ex-complete-postgresql-destination"]).toMatchObject({
      extra_connection_attributes: override,
      ssl_mode: "verify-full",
      certificate_arn:
        "arn:aws:dms:us-east-1:123456789012:cert:dms-ex-complete-destination",
      tags: expect.objectContaining({ EndpointType: "postgresql-destination" }),
    });
    expect(only(json, "aws_dms_certificate")).toMatchObject({
      certificate_id: "dms-ex-complete-source",
      certificate_pem: PEM,
    });
  });

  test("the source reads its existing secret through a role limited to that ARN and key; nothing is read from SSM for it", () => {
    const secretArn =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-ex-complete-postgresql-source-AbCdEf";
    const source = blocks(json, "aws_dms_endpoint").find(
      (block) => block.endpoint_type === "source"
    ) as Record<string, any>;
    expect(source.secrets_manager_arn).toBe(secretArn);
    expect(
      policyOf(json, (policy) =>
        JSON.stringify(policy).includes(secretArn)
      ).map((policy) => policy.Statement)
    ).toEqual([
      [
        {
          Effect: "Allow",
          Action: [
            "secretsmanager:GetSecretValue",
            "secretsmanager:DescribeSecret",
          ],
          Resource: secretArn,
        },
        { Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN },
      ],
    ]);
    expect(source.secrets_manager_access_role_arn).toMatch(
      /^\$\{aws_iam_role\.\S+\.arn\}$/
    );
    expect(
      blocks(json, "aws_secretsmanager_secret")
        .map((secret) => secret.name ?? secret.name_prefix)
        .join(" ")
    ).not.toMatch(/postgresql-source/);
    expect(JSON.stringify(json.ephemeral ?? {})).not.toMatch(
      /postgresql-source/
    );
  });

  test("the task carries its tags", () => {
    expect(only(json, "aws_dms_replication_task").tags).toMatchObject({
      Task: "PostgreSQL-to-MySQL",
    });
  });

  test("event subscriptions: the example's categories, to its existing topic, and no topic is created", () => {
    const subscriptions = Object.fromEntries(
      blocks(json, "aws_dms_event_subscription").map((block) => [
        block.source_type,
        block,
      ])
    );
    expect(subscriptions["replication-instance"]).toMatchObject({
      sns_topic_arn: "arn:aws:sns:us-east-1:123456789012:dms-ex-complete",
      event_categories: [
        "failure",
        "creation",
        "deletion",
        "maintenance",
        "failover",
        "low storage",
        "configuration change",
      ],
    });
    expect(subscriptions["replication-task"]).toMatchObject({
      sns_topic_arn: "arn:aws:sns:us-east-1:123456789012:dms-ex-complete",
      event_categories: [
        "failure",
        "state change",
        "creation",
        "deletion",
        "configuration change",
      ],
    });
    expect(blocks(json, "aws_sns_topic")).toHaveLength(0);
  });
});

describe("terraform-aws-modules/dms examples/serverless as an environment file", () => {
  // Not expressed: the Aurora MySQL target (its own issue; the config writes into the environment's database).
  const json = synthFixture("serverless");

  test("the serverless config: capacity, Multi-AZ, its additional security group, subnet group name and description, tags", () => {
    expect(only(json, "aws_dms_replication_config")).toMatchObject({
      replication_config_identifier: "postgresql-to-mysql",
      replication_type: "full-load-and-cdc",
      compute_config: expect.objectContaining({
        min_capacity_units: 1,
        max_capacity_units: 2,
        multi_az: true,
        vpc_security_group_ids: [
          expect.stringMatching(/^\$\{aws_security_group\./),
          "sg-0b1c2d3e4f5061728",
        ],
      }),
      tags: expect.objectContaining({ Task: "PostgreSQL-to-MySQL" }),
    });
    expect(only(json, "aws_dms_replication_subnet_group")).toMatchObject({
      replication_subnet_group_id: "dms-ex-serverless",
      replication_subnet_group_description:
        "DMS Subnet group for dms-ex-serverless",
    });
    expect(blocks(json, "aws_dms_replication_instance")).toHaveLength(0);
  });

  test("the source: the example's postgres_settings typed, the endpoint override as an attribute, its tags", () => {
    const source = blocks(json, "aws_dms_endpoint").find(
      (block) => block.endpoint_type === "source"
    );
    expect(source).toMatchObject({
      extra_connection_attributes:
        "secretsManagerEndpointOverride=vpce-0a1b2c3d4e5f60718-abcdefgh.secretsmanager.us-east-1.vpce.amazonaws.com",
      postgres_settings: expect.objectContaining({
        capture_ddls: false,
        heartbeat_enable: true,
        heartbeat_frequency: 1,
      }),
      tags: expect.objectContaining({ EndpointType: "postgresql-source" }),
      secrets_manager_arn:
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-ex-serverless-postgresql-source-AbCdEf",
    });
  });
});

describe("the environment file refuses, each at its field", () => {
  test.each<[string, string, (file: Record<string, any>) => void, RegExp]>([
    ["a typed attribute", "complete", (f) => (f.sources["postgresql-source"].extraConnectionAttributes = { heartbeatFrequency: "1" }), /^sources\.postgresql-source\.extraConnectionAttributes\.heartbeatFrequency: .*settings\.heartbeatFrequency/],
    ["a credential attribute", "complete", (f) => (f.dms.targetEndpoint.extraConnectionAttributes = { saslPassword: "x" }), /^dms\.targetEndpoint\.extraConnectionAttributes\.saslPassword: an environment file must never hold a password/],
    ["an injected value", "serverless", (f) => (f.dms.targetEndpoint.extraConnectionAttributes = { secretsManagerEndpointOverride: "a;password=x" }), /^dms\.targetEndpoint\.extraConnectionAttributes\.secretsManagerEndpointOverride: holds `;`/],
    ["an unknown certificate", "complete", (f) => (f.dms.targetEndpoint.certificateArn = "certificate:missing"), /^dms\.targetEndpoint\.certificateArn: names no certificate; allowed: certificate:source, certificate:destination/],
    ["a PEM file outside the repository", "complete", (f) => (f.dms.certificates.source.pemFile = "../outside.pem"), /^dms\.certificates\.source/],
    ["an absolute PEM path", "complete", (f) => (f.dms.certificates.source.pemFile = "/etc/ssl/ca.pem"), /^dms\.certificates\.source/],
    ["an aws: task tag", "complete", (f) => (f.tasks[0].additionalTags = { "aws:owner": "x" }), /^tasks\[0\]\.additionalTags\.aws:owner: keys starting with aws: are reserved/],
    ["51 endpoint tags", "complete", (f) => (f.sources["postgresql-source"].tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`T${i}`, "x"]))), /^sources\.postgresql-source\.tags: 51 tags/],
    ["an unknown event category", "complete", (f) => (f.monitoring.taskEventCategories = ["low storage"]), /^monitoring\.taskEventCategories\[0\]/],
    ["a category twice", "complete", (f) => (f.monitoring.instanceEventCategories = ["failure", "failure"]), /^monitoring\.instanceEventCategories: a category is listed twice/],
    ["subscribers with an existing topic", "complete", (f) => (f.monitoring.subscribers = [{ protocol: "email", endpoint: "team@example.com" }]), /^monitoring\.subscribers: subscribers are added to a topic this stack creates/],
    ["a key with an existing topic", "complete", (f) => (f.monitoring.kmsKeyArn = KEY_ARN), /^monitoring\.kmsKeyArn: the key of a topic this stack creates/],
    ["a subnet group named default", "complete", (f) => (f.dms.replicationInstance.subnetGroupName = "default"), /^dms\.replicationInstance\.subnetGroupName/],
    ["five additional security groups", "serverless", (f) => (f.tasks[0].serverless.additionalSecurityGroupIds = ["sg-0a1b2c3d4e5f60711", "sg-0a1b2c3d4e5f60712", "sg-0a1b2c3d4e5f60713", "sg-0a1b2c3d4e5f60714", "sg-0a1b2c3d4e5f60715"]), /^tasks\[0\]\.serverless\.additionalSecurityGroupIds/],
  ])("%s", (_what, name, change, expected) => {
    const problems = fileProblems(name, change);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(expected)])
    );
  });

  test("the stack reads the PEM file; a file holding a private key is refused, a missing file named", () => {
    const config = checkEnvironment(
      JSON.stringify(fixture("complete")),
      "complete"
    ).config!;
    const pemFile = config.dms!.certificates!.source as { pemFile: string };
    const repository = mkdtempSync(join(tmpdir(), "parity-"));
    expect(
      () =>
        new MigrationStack(Testing.app(), "complete", {
          config,
          repositoryDirectory: repository,
        })
    ).toThrow(/`dms.certificates.source.pemFile` .* cannot be read/);
    mkdirSync(dirname(join(repository, pemFile.pemFile)), { recursive: true });
    writeFileSync(
      join(repository, pemFile.pemFile),
      `${PEM}-----BEGIN PRIVATE KEY-----\nMIIEsentinel\n-----END PRIVATE KEY-----\n`
    );
    expect(
      () =>
        new MigrationStack(Testing.app(), "complete", {
          config,
          repositoryDirectory: repository,
        })
    ).toThrow(/certificatePem.*holds a private key/);
  });
});
