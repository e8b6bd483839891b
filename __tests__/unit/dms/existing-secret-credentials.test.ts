import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { ValidationError } from "../../../modules/core/errors";
import {
  ExistingSecretCredentials,
  credentialsSecret,
} from "../../../modules/dms/endpoints/endpoint-credentials";
import { passwordCommand } from "../../../modules/dms/endpoints/preparation-script";
import { mysqlPreparationSql } from "../../../modules/dms/sources/mysql/preparation/script";
import { OracleSourceEndpoint } from "../../../modules/dms/sources/oracle/endpoint";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { environmentFile } from "../../helpers/environments";
import { TerraformJson, blocks, newStack } from "../../helpers/synth";

// terraform-aws-modules/dms `secrets_manager_arn`: an endpoint's login in a secret made elsewhere, by ARN, on every
// engine whose entry has `credentials` (the server-source kit, PostgreSQL's external server, MongoDB, the server-target
// kit). The stack writes no secret and reads no SSM parameter for it; the access role may read that ARN only.

const REGION = "eu-west-2";
const ACCOUNT = "123456789012";
const secretArn = (name: string) =>
  `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9`;
const READ = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"];
/**
 * The DMS engines whose settings object provider 5.100.0 sends secrets_manager_arn in (internal/service/dms/endpoint.go;
 * `docdb`, `azuredb`, `azure-sql-managed-instance` and `neptune` get only the top-level fields, so no secret).
 */
const FORWARDS_SECRET = [
  "aurora",
  "aurora-postgresql",
  "mariadb",
  "mysql",
  "postgres",
  "mongodb",
  "oracle",
  "redshift",
  "sqlserver",
  "babelfish",
  "sybase",
  "db2",
  "db2-zos",
];

type Entries = Record<string, Record<string, any>>;

/** Gives each named entry an existing secret (the first one with its key), and returns the file's old parameter names. */
function useSecrets(
  entries: Entries,
  names: readonly string[],
  credentialsOf = (entry: Record<string, any>) => entry
): string[] {
  const oldParameters: string[] = [];
  names.forEach((name, index) => {
    const holder = credentialsOf(entries[name]);
    oldParameters.push(
      ...[
        holder.credentials.usernameParameterName,
        holder.credentials.passwordParameterName,
      ].filter((value) => value !== undefined)
    );
    holder.credentials =
      index === 0
        ? { secretArn: secretArn(name), secretKmsKeyArn: KEY_ARN }
        : { secretArn: secretArn(name) };
  });
  return oldParameters;
}

function synthFile(
  environment: string,
  file: Record<string, any>
): { json: TerraformJson; scripts: Map<string, string> } {
  const check = checkEnvironment(JSON.stringify(file), environment);
  if (check.config === undefined)
    throw new Error(
      check.problems.map((p) => `${p.path}: ${p.message}`).join("\n")
    );
  const stack = new MigrationStack(Testing.app(), environment, {
    config: check.config,
  });
  const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
  const scripts = new Map<string, string>();
  for (const child of stack.node.findAll()) {
    const script = child as {
      preparationScript?: () => string;
      preparationSql?: () => string;
      endpointId?: string;
    };
    if (typeof script.endpointId !== "string") continue;
    const text =
      script.preparationScript?.call(child) ??
      script.preparationSql?.call(child);
    if (text !== undefined) scripts.set(script.endpointId, text);
  }
  return { json, scripts };
}

/** What each endpoint's access role may do: its policy statements, found through the endpoint's role reference. */
function accessStatements(json: TerraformJson, endpointId: string): unknown[] {
  const endpoint = blocks(json, "aws_dms_endpoint").find(
    (block) => block.endpoint_id === endpointId
  ) as Record<string, any>;
  const role = /^\$\{aws_iam_role\.(\S+)\.arn\}$/.exec(
    endpoint.secrets_manager_access_role_arn
  )?.[1];
  const policies = blocks(json, "aws_iam_role_policy").filter(
    (policy) => policy.role === `\${aws_iam_role.${role}.id}`
  );
  return policies.flatMap((policy) => JSON.parse(policy.policy).Statement);
}

function expectReadsOnlyItsSecret(
  json: TerraformJson,
  scripts: Map<string, string>,
  endpointId: string,
  name: string,
  withKey: boolean,
  scriptReadsPassword = true
): void {
  const endpoint = blocks(json, "aws_dms_endpoint").find(
    (block) => block.endpoint_id === endpointId
  ) as Record<string, any>;
  expect(endpoint.secrets_manager_arn).toBe(secretArn(name));
  expect(FORWARDS_SECRET).toContain(endpoint.engine_name);
  expect(accessStatements(json, endpointId)).toEqual([
    { Effect: "Allow", Action: READ, Resource: secretArn(name) },
    ...(withKey
      ? [{ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN }]
      : []),
  ]);
  const script = scripts.get(endpointId);
  expect(script).toBeDefined();
  if (!scriptReadsPassword) return;
  expect(script).toContain(
    `aws secretsmanager get-secret-value --secret-id ${secretArn(
      name
    )} --query SecretString --output text | jq -r .password`
  );
  expect(script).not.toMatch(/aws ssm get-parameter --with-decryption/);
}

describe("server sources, and the server-target kit (mysql-warehouse: a MariaDB source; MySQL, Oracle, SQL Server, Babelfish and SAP ASE targets)", () => {
  const targets = [
    "reporting",
    "ledger",
    "finance",
    "finance-babelfish",
    "billing",
  ];
  const file = environmentFile("mysql-warehouse");
  const oldParameters = [
    ...useSecrets(file.sources, ["shop"]),
    ...useSecrets(file.targets, targets),
  ];
  const { json, scripts } = synthFile("mysql-warehouse", file);

  test("each endpoint reads its existing secret, through a role that may read that ARN only (and decrypt with its key when given)", () => {
    expectReadsOnlyItsSecret(
      json,
      scripts,
      "source-orders-mariadb",
      "shop",
      true
    );
    targets.forEach((name, index) =>
      expectReadsOnlyItsSecret(
        json,
        scripts,
        file.targets[name].endpointId,
        name,
        index === 0
      )
    );
  });

  test("no secret is written and no SSM parameter is read for them", () => {
    const text = JSON.stringify(json);
    for (const parameter of oldParameters)
      expect(text).not.toContain(parameter);
    const written = blocks(json, "aws_secretsmanager_secret").map((secret) =>
      JSON.stringify(secret)
    );
    for (const id of [
      "source-orders-mariadb",
      ...targets.map((name) => file.targets[name].endpointId),
    ]) {
      expect(written.filter((secret) => secret.includes(id))).toEqual([]);
    }
  });

  test("a script that creates the login reads the password from the secret and never prints it", () => {
    const mysql = scripts.get("source-orders-mariadb") as string;
    expect(mysql).toContain(
      `printf "SET @dms_password = FROM_BASE64('%s');\\n" "$(printf %s "$(${passwordCommand(
        { passwordSecretArn: secretArn("shop") }
      )})" | base64 -w0)"`
    );
    expect(mysql).toContain(
      `"$(printf %s "$(aws secretsmanager get-secret-value --secret-id ${secretArn(
        "shop"
      )} --query SecretString --output text | jq -r .username)" | base64 -w0)"`
    );
    expect(scripts.get("target-orders-billing")).toContain(
      `"$(aws secretsmanager get-secret-value --secret-id ${secretArn(
        "billing"
      )} --query SecretString --output text | jq -r .password | sed "s/'/''/g")"`
    );
    expect(scripts.get("target-orders-finance")).toContain(
      `DMS_PASSWORD="\`aws secretsmanager get-secret-value --secret-id ${secretArn(
        "finance"
      )}`
    );
    // The Oracle target's user is the script's second argument: the secret's username when no name is configured.
    expect(scripts.get("target-orders-ledger")).toContain(
      `"$(aws secretsmanager get-secret-value --secret-id ${secretArn(
        "ledger"
      )} --query SecretString --output text | jq -r .username)"`
    );
  });
});

describe("the MongoDB source and a PostgreSQL source on a server of its own (documents)", () => {
  const file = environmentFile("documents");
  file.sources.relationships.database = {
    serverName: "10.90.1.10",
    databaseName: "relationships",
    credentials: {
      usernameParameterName: "/cases/relationships/username",
      passwordParameterName: "/cases/relationships/password",
    },
  };
  const oldParameters = [
    ...useSecrets(file.sources, ["casework"]),
    ...useSecrets(file.sources, ["relationships"], (entry) => entry.database),
  ];
  const { json, scripts } = synthFile("documents", file);

  test("both read their existing secrets only", () => {
    expectReadsOnlyItsSecret(
      json,
      scripts,
      file.sources.casework.endpointId,
      "casework",
      true
    );
    expectReadsOnlyItsSecret(
      json,
      scripts,
      "source-cases-relationships",
      "relationships",
      true
    );
    const text = JSON.stringify(json);
    for (const parameter of oldParameters)
      expect(text).not.toContain(parameter);
  });

  test("the PostgreSQL script takes the login name from the secret too", () => {
    expect(scripts.get("source-cases-relationships")).toContain(
      `--set=dms_login="$(aws secretsmanager get-secret-value --secret-id ${secretArn(
        "relationships"
      )} --query SecretString --output text | jq -r .username)"`
    );
  });
});

describe("a SQL Server source (development), built from the file", () => {
  const file = environmentFile("development");
  useSecrets(file.sources, ["uht"]);
  const { json, scripts } = synthFile("development", file);

  test("reads its existing secret, and its script creates the login with the secret's password", () => {
    expectReadsOnlyItsSecret(
      json,
      scripts,
      file.sources.uht.endpointId,
      "uht",
      true
    );
    expect(scripts.get(file.sources.uht.endpointId)).toContain(
      `read from the \`password\` of the Secrets Manager secret ${secretArn(
        "uht"
      )}.`
    );
  });
});

describe("sources on servers of their own without a login in their script (sources-catalogue: Db2, Db2 for z/OS, SAP ASE, Azure SQL)", () => {
  const names = ["ledger", "mainframe", "billing", "portal", "accounts"];
  const file = environmentFile("sources-catalogue");
  useSecrets(file.sources, names);
  const { json, scripts } = synthFile("sources-catalogue", file);

  test("each reads its existing secret, written with an engine the provider forwards it for (Azure SQL as sqlserver)", () => {
    names.forEach((name, index) =>
      expectReadsOnlyItsSecret(
        json,
        scripts,
        file.sources[name].endpointId,
        name,
        index === 0,
        ["portal", "accounts"].includes(name)
      )
    );
  });

  test("the Db2 and SAP ASE scripts name the login from the secret's username", () => {
    for (const name of ["ledger", "mainframe", "billing"]) {
      expect(scripts.get(file.sources[name].endpointId)).toContain(
        `$(aws secretsmanager get-secret-value --secret-id ${secretArn(
          name
        )} --query SecretString --output text | jq -r .username)`
      );
    }
  });
});

describe("an existing Redshift warehouse (mysql-warehouse), its login in an existing secret", () => {
  const file = environmentFile("mysql-warehouse");
  file.targets.warehouse.warehouse = {
    existingClusterId: "analytics",
    secretArn: secretArn("warehouse"),
    securityGroupId: "sg-0123456789abcdef0",
  };
  const { json } = synthFile("mysql-warehouse", file);

  test("the endpoint reads that secret through a role limited to it", () => {
    const endpoint = blocks(json, "aws_dms_endpoint").find(
      (block) => block.endpoint_id === file.targets.warehouse.endpointId
    ) as Record<string, any>;
    expect(endpoint.engine_name).toBe("redshift");
    expect(endpoint.secrets_manager_arn).toBe(secretArn("warehouse"));
    expect(accessStatements(json, endpoint.endpoint_id)).toEqual([
      { Effect: "Allow", Action: READ, Resource: secretArn("warehouse") },
    ]);
  });
});

describe("refusals", () => {
  const problems = (
    environment: string,
    change: (file: Record<string, any>) => void
  ): string[] => {
    const file = environmentFile(environment);
    change(file);
    return checkEnvironment(JSON.stringify(file), environment).problems.map(
      (problem) => `${problem.path}: ${problem.message}`
    );
  };

  test.each<[string, string, (file: Record<string, any>) => void, RegExp]>([
    [
      "not a secret ARN",
      "development",
      (f) =>
        (f.sources.uht.credentials = {
          secretArn: "arn:aws:ssm:eu-west-2:123456789012:parameter/uht",
        }),
      /^sources\.uht\.credentials\.secretArn: wrong format; allowed: a Secrets Manager secret ARN$/,
    ],
    [
      "a key alias for the key",
      "development",
      (f) =>
        (f.sources.uht.credentials = {
          secretArn: secretArn("uht"),
          secretKmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/dms`,
        }),
      /^sources\.uht\.credentials\.secretKmsKeyArn: wrong format; allowed: a KMS key ARN$/,
    ],
    [
      "a secret in another region",
      "development",
      (f) =>
        (f.sources.uht.credentials = {
          secretArn:
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:uht-AbCdEf",
        }),
      /^sources\.uht\.credentials\.secretArn: names a secretsmanager object in eu-west-1, not this environment's region/,
    ],
    [
      "a secret in another account",
      "development",
      (f) => {
        f.accountId = "210987654321";
        f.sources.uht.credentials = { secretArn: secretArn("uht") };
      },
      /^sources\.uht\.credentials\.secretArn: names a secretsmanager object in account 123456789012, not this environment's accountId/,
    ],
    [
      "both a secret and a password parameter",
      "development",
      (f) => (f.sources.uht.credentials.secretArn = secretArn("uht")),
      /^sources\.uht\.credentials\.passwordParameterName: not with `secretArn`/,
    ],
    [
      "a secret and a login name",
      "mysql-warehouse",
      (f) =>
        (f.targets.reporting.credentials = {
          secretArn: secretArn("reporting"),
          username: "dms_writer",
        }),
      /^targets\.reporting\.credentials\.username: not with `secretArn`/,
    ],
    [
      "a key without a secret",
      "mysql-warehouse",
      (f) => (f.targets.ledger.credentials.secretKmsKeyArn = KEY_ARN),
      /^targets\.ledger\.credentials\.secretKmsKeyArn: only with `secretArn`/,
    ],
    [
      "neither a secret nor a password parameter",
      "mysql-warehouse",
      (f) => (f.targets.finance.credentials = { username: "dms_writer" }),
      /^targets\.finance\.credentials\.passwordParameterName: required; allowed: an SSM parameter name \(or `secretArn`/,
    ],
    [
      "an unknown key",
      "documents",
      (f) =>
        (f.sources.casework.credentials = {
          secretArn: secretArn("casework"),
          kmsKeyArn: KEY_ARN,
        }),
      /^sources\.casework\.credentials\.kmsKeyArn: unknown key; allowed keys: .*secretArn, secretKmsKeyArn$/,
    ],
  ])("%s", (_what, environment, change, expected) => {
    expect(problems(environment, change)).toEqual(
      expect.arrayContaining([expect.stringMatching(expected)])
    );
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      "with an SSM password",
      {
        existingClusterId: "analytics",
        secretArn: secretArn("w"),
        passwordParameter: "/w/password",
        securityGroupId: "sg-0123456789abcdef0",
      },
      /^targets\.warehouse\.warehouse\.passwordParameter: not with `secretArn`/,
    ],
    [
      "on a cluster created here",
      { name: "orders-warehouse", secretArn: secretArn("w") },
      /^targets\.warehouse\.warehouse\.secretArn: only applies to an existing warehouse/,
    ],
    [
      "a key without a secret",
      {
        existingClusterId: "analytics",
        username: "u",
        passwordParameter: "/w/p",
        secretKmsKeyArn: KEY_ARN,
        securityGroupId: "sg-0123456789abcdef0",
      },
      /^targets\.warehouse\.warehouse\.secretKmsKeyArn: only with `secretArn`/,
    ],
  ])("a Redshift warehouse's secret %s", (_what, warehouse, expected) => {
    expect(
      problems(
        "mysql-warehouse",
        (f) => (f.targets.warehouse.warehouse = warehouse)
      )
    ).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  test("an Oracle source on ASM cannot use an existing secret: the stack cannot add the ASM password to it", () => {
    const base = {
      projectName: "p",
      environment: "development",
      endpointId: "source-erp-oracle",
      serverName: "10.20.0.5",
      databaseName: "ERP",
      reader: "binary-reader" as const,
      credentials: { secretArn: secretArn("erp") },
      asm: {
        user: "asmuser",
        server: "10.20.0.6",
        passwordParameterName: "/erp/asm-password",
      },
    };
    expect(() => new OracleSourceEndpoint(newStack(), "Oracle", base)).toThrow(
      /asm\.passwordParameterName.*not with `credentials\.secretArn`/s
    );
  });

  test("a construct given both kinds of credentials names what does not belong, instead of using the secret silently", () => {
    const credentials = {
      secretArn: secretArn("x"),
      passwordParameterName: "/x/password",
      username: "dms",
    } as unknown as ExistingSecretCredentials;
    const build = () =>
      credentialsSecret(newStack(), {
        name: "x",
        credentials,
        host: "10.0.0.1",
        port: 1433,
      });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(
      /`credentials\.username` = "dms": not with `secretArn`[\s\S]*`credentials\.passwordParameterName` = "\/x\/password": not with `secretArn`/
    );
  });

  test("a DBA script refuses a password source it cannot read: neither, both, or not an ARN", () => {
    const input: Parameters<typeof mysqlPreparationSql>[0] = {
      projectName: "p",
      environment: "e",
      endpointId: "src",
      serverName: "10.0.0.1",
      port: 3306,
      flavor: "mysql",
      hosting: "self-managed",
      requireSsl: true,
      dmsLogin: "dms",
      capturesChanges: false,
      binlogRetentionHours: 24,
      requireBinlogChecksumNone: false,
      selections: [{ action: "include", schemaName: "shop", tableName: "%" }],
    };
    expect(() => mysqlPreparationSql(input)).toThrow(
      /give exactly one of `passwordParameterName` and `passwordSecretArn`/
    );
    expect(() =>
      mysqlPreparationSql({
        ...input,
        passwordParameterName: "/p",
        passwordSecretArn: secretArn("x"),
      })
    ).toThrow(/exactly one/);
    expect(() =>
      mysqlPreparationSql({
        ...input,
        passwordSecretArn:
          "arn:aws:secretsmanager:eu-west-2:1:secret:x; rm -rf /",
      })
    ).toThrow(/is not a Secrets Manager secret ARN/);
  });
});
