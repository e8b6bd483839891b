import { PostgresTargetEndpoint } from "../../../modules/dms/targets/postgres/endpoint";
import { SqlServerSourceEndpoint, SqlServerSourceEndpointProps } from "../../../modules/dms/sources/sql-server/endpoint";
import { Peer } from "../../../modules/network/peer";
import { sqlServerConnectionAttributes } from "../../../modules/dms/sources/sql-server/attributes";
import { dmsFixture, sqlServerProps } from "../../helpers/fixtures";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

function synthSource(props: SqlServerSourceEndpointProps = sqlServerProps()): TerraformJson {
  const stack = newStack();
  new SqlServerSourceEndpoint(stack, "Source", props);
  return synth(stack);
}

function sourceError(props: Partial<SqlServerSourceEndpointProps>): string {
  try {
    new SqlServerSourceEndpoint(newStack(), "Source", sqlServerProps(props));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the endpoint to refuse its props");
}

describe("SqlServerSourceEndpoint: the three change-capture modes", () => {
  test("MS-Replication: a sqlserver source, SSL required, options rendered into the connection attributes", () => {
    const endpoint = only(synthSource(sqlServerProps({ captureMode: "ms-replication", safeguardPolicy: "RELY_ON_SQL_SERVER_REPLICATION_AGENT" })), "aws_dms_endpoint");
    expect(endpoint).toMatchObject({
      endpoint_id: "source-mosaic-endpoint",
      endpoint_type: "source",
      engine_name: "sqlserver",
      database_name: "mostest",
      ssl_mode: "require",
      extra_connection_attributes: "safeguardPolicy=RELY_ON_SQL_SERVER_REPLICATION_AGENT",
    });
  });

  test("native MS-CDC on a self-managed server tells DMS not to require MS-Replication", () => {
    expect(sqlServerConnectionAttributes({ captureMode: "ms-cdc" })).toBe("ignoreMsReplicationEnablement=true");
    expect(sqlServerConnectionAttributes({ captureMode: "ms-cdc", setUpMsCdcForTables: true })).toBe(
      "setUpMsCdcForTables=true;ignoreMsReplicationEnablement=true",
    );
  });

  test("MS-CDC on RDS needs no replication override", () => {
    expect(sqlServerConnectionAttributes({ captureMode: "ms-cdc", hosting: "rds" })).toBe("");
  });

  test("full loads only: no change-capture attributes, and tasks see a source that cannot capture changes", () => {
    const stack = newStack();
    const source = new SqlServerSourceEndpoint(stack, "Source", sqlServerProps({ captureMode: "none" }));
    expect(source.capturesChanges).toBe(false);
    expect(only(synth(stack), "aws_dms_endpoint").extra_connection_attributes).toBe("");
  });

  test("renders every option in a fixed order", () => {
    expect(
      sqlServerConnectionAttributes({
        captureMode: "ms-replication",
        safeguardPolicy: "EXCLUSIVE_AUTOMATIC_TRUNCATION",
        readBackupOnly: true,
        setUpMsCdcForTables: true,
        alwaysOn: { pollAllReplicasForBackups: true, multiSubnetFailover: true, readFromSecondary: true },
      }),
    ).toBe(
      "safeguardPolicy=EXCLUSIVE_AUTOMATIC_TRUNCATION;readBackupOnly=Y;setUpMsCdcForTables=true;alwaysOnSharedSynchedBackupIsEnabled=false;MultiSubnetFailover=Yes;ApplicationIntent=ReadOnly",
    );
  });
});

describe("SqlServerSourceEndpoint: invalid combinations stop synth", () => {
  test("MS-Replication on RDS for SQL Server", () => {
    expect(sourceError({ hosting: "rds", captureMode: "ms-replication" })).toMatch(/test\/Source: `captureMode` = "ms-replication": RDS for SQL Server does not support MS-Replication/);
  });

  test("readBackupOnly on RDS", () => {
    expect(sourceError({ hosting: "rds", captureMode: "ms-cdc", readBackupOnly: true })).toMatch(/`readBackupOnly` = true: needs sysadmin and `sp_repldone`, which RDS/);
  });

  test("exclusive truncation on RDS", () => {
    expect(sourceError({ hosting: "rds", captureMode: "ms-cdc", safeguardPolicy: "EXCLUSIVE_AUTOMATIC_TRUNCATION" })).toMatch(
      /`safeguardPolicy` = "EXCLUSIVE_AUTOMATIC_TRUNCATION": exclusive truncation is not available on RDS/,
    );
  });

  test("change-capture options on a full-load-only source", () => {
    expect(sourceError({ captureMode: "none", safeguardPolicy: "RELY_ON_SQL_SERVER_REPLICATION_AGENT" })).toMatch(
      /`safeguardPolicy` = "RELY_ON_SQL_SERVER_REPLICATION_AGENT": only applies to change capture, but `captureMode` is "none"/,
    );
  });

  test("ignoring MS-Replication while relying on it", () => {
    expect(sourceError({ captureMode: "ms-replication", ignoreMsReplicationEnablement: true })).toMatch(
      /`ignoreMsReplicationEnablement` = true: contradicts `captureMode: "ms-replication"`/,
    );
  });

  test.each([["dmsLoginIsSysadmin", "RDS for SQL Server has no sysadmin logins"], ["setUpMsCdcForTables", "needs a sysadmin DMS login"]] as const)(
    "%s on RDS is refused by the construct, not late by the DBA script",
    (option, message) => {
      expect(sourceError({ hosting: "rds", captureMode: "ms-cdc", [option]: true })).toMatch(new RegExp(`\`${option}\` = true: ${message}`));
    },
  );

  test("every problem is reported at once, one line each", () => {
    const lines = sourceError({ hosting: "rds", captureMode: "ms-replication", readBackupOnly: true, dmsLoginIsSysadmin: true }).split("\n");
    expect(lines.map((line) => /`(\w+)`/.exec(line)?.[1])).toEqual(["captureMode", "readBackupOnly", "dmsLoginIsSysadmin"]);
    expect(lines.every((line) => line.startsWith("test/Source: "))).toBe(true);
  });

  test("DMS enabling CDC on a readable secondary", () => {
    expect(sourceError({ captureMode: "ms-cdc", setUpMsCdcForTables: true, alwaysOn: { readFromSecondary: true } })).toMatch(
      /cannot run on a readable secondary/,
    );
  });

  test("a host name without the network DMS may reach it in", () => {
    expect(sourceError({ serverName: "uhw-sql.hackney.internal" })).toMatch(/`allowedCidr` = \(missing\): required when the server \("uhw-sql.hackney.internal"\) is a host name/);
  });

  test("a server name no server listens on, and a range wider than a network", () => {
    for (const serverName of ["0.0.0.0", "127.0.0.1", "169.254.0.5", "255.255.255.255"]) {
      expect(sourceError({ serverName })).toMatch(/^test\/Source: `serverName` = "[0-9.]+": is not an address a server listens on.*allowed: a host name or the server's IPv4 address/);
    }
    expect(sourceError({ serverName: "uhw-sql.hackney.internal", allowedCidr: "0.0.0.0/1" })).toMatch(/^test\/Source: `allowedCidr` = "0\.0\.0\.0\/1": .*wider than \/16/);
  });

  test("a verify SSL mode without a CA certificate", () => {
    expect(sourceError({ sslMode: "verify-full" })).toMatch(/`certificateArn` = \(missing\): required with `sslMode: "verify-full"`/);
  });

  test("both or neither of username and usernameParameterName", () => {
    expect(sourceError({ credentials: { passwordParameterName: "/x/password" } })).toMatch(/`credentials` = .*: give exactly one login name: `username`, or the SSM parameter that holds it/);
  });
});

describe("endpoint credentials: through Secrets Manager, never in state", () => {
  const json = synthSource();
  const endpoint = only(json, "aws_dms_endpoint");
  const secretId = logicalId(json, "aws_secretsmanager_secret");

  test("the endpoint has no username, password, server or port, only the secret and its access role", () => {
    for (const attribute of ["username", "password", "server_name", "port"]) expect(endpoint[attribute]).toBeUndefined();
    expect(endpoint.secrets_manager_arn).toBe(`\${aws_secretsmanager_secret.${secretId}.arn}`);
    expect(endpoint.secrets_manager_access_role_arn).toBe(`\${aws_iam_role.${logicalId(json, "aws_iam_role")}.arn}`);
  });

  test("the secret is written write-only with username, password, host and port read ephemerally from SSM", () => {
    const version = only(json, "aws_secretsmanager_secret_version");
    expect(version.secret_string).toBeUndefined();
    expect(version.secret_string_wo_version).toBe(1);
    const reads = Object.keys(json.ephemeral.aws_ssm_parameter);
    expect(reads).toHaveLength(2);
    expect(version.secret_string_wo).toMatch(/^\$\{jsonencode\(\{"username" = ephemeral\.aws_ssm_parameter\.\S+\.value, "password" = ephemeral\.aws_ssm_parameter\.\S+\.value, "host" = "10\.80\.1\.21", "port" = 1433\}\)\}$/);
    expect(blocks(json, "aws_ssm_parameter", "ephemeral").map((read) => read.arn.split(":parameter").pop()).sort()).toEqual([
      "/mosaic/test-server/password",
      "/mosaic/test-server/username",
    ]);
  });

  test("the access role trusts the regional DMS principal and may only read that one secret", () => {
    const role = only(json, "aws_iam_role");
    const region = logicalId(json, "aws_region", "data");
    const partition = logicalId(json, "aws_partition", "data");
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal.Service).toEqual([
      `dms.\${data.aws_region.${region}.name}.\${data.aws_partition.${partition}.dns_suffix}`,
      `dms.\${data.aws_partition.${partition}.dns_suffix}`,
    ]);
    expect(JSON.parse(only(json, "aws_iam_role_policy").policy).Statement).toEqual([
      { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: `\${aws_secretsmanager_secret.${secretId}.arn}` },
    ]);
  });

  test("the endpoint waits for the secret's value and the role's policy", () => {
    expect(endpoint.depends_on).toEqual([
      `aws_secretsmanager_secret_version.${logicalId(json, "aws_secretsmanager_secret_version")}`,
      `aws_iam_role_policy.${logicalId(json, "aws_iam_role_policy")}`,
    ]);
  });

  test("a password change is pushed by raising its version; a literal username needs no SSM read", () => {
    const rotated = synthSource(sqlServerProps({ credentials: { username: "dms_reader", passwordParameterName: "/mosaic/test-server/password", passwordVersion: 4 } }));
    const version = only(rotated, "aws_secretsmanager_secret_version");
    expect(version.secret_string_wo_version).toBe(4);
    expect(version.secret_string_wo).toContain('"username" = "dms_reader"');
    expect(Object.keys(rotated.ephemeral.aws_ssm_parameter)).toHaveLength(1);
  });
});

describe("PostgresTargetEndpoint", () => {
  test("wired to a database of the project: its name, SSL required, and its own master password parameter", () => {
    const stack = newStack();
    dmsFixture(stack);
    const json = synth(stack);
    const target = blocks(json, "aws_dms_endpoint").find((e) => e.endpoint_type === "target")!;
    expect(target).toMatchObject({ endpoint_id: "target-mosaic-endpoint", engine_name: "postgres", database_name: "mosaic_mirror", ssl_mode: "require" });
    const dbId = logicalId(json, "aws_db_instance");
    const value = only(json, "aws_secretsmanager_secret_version").secret_string_wo;
    expect(value).toContain(`"username" = "migration_admin"`);
    expect(value).toContain(`"host" = aws_db_instance.${dbId}.address`);
    expect(value).toContain(`"port" = 5432`);
    // The same ephemeral read of the database's password parameter feeds the database and the secret.
    const [passwordRead] = Object.keys(json.ephemeral.aws_ssm_parameter);
    expect(value).toContain(`"password" = ephemeral.aws_ssm_parameter.${passwordRead}.value`);
    expect(only(json, "aws_db_instance").password_wo).toBe(`\${ephemeral.aws_ssm_parameter.${passwordRead}.value}`);
  });

  test("sets the Postgres settings provider 5.100.0 would otherwise send as 0", () => {
    const stack = newStack();
    dmsFixture(stack);
    const target = blocks(synth(stack), "aws_dms_endpoint").find((e) => e.endpoint_type === "target")!;
    expect(target.postgres_settings).toEqual({ max_file_size: 32768, execute_timeout: 60, heartbeat_frequency: 5, fail_tasks_on_lob_truncation: false });
  });

  test("is replaced when its settings change, since 5.100.0 never sends a settings-only update", () => {
    const stack = newStack();
    const { database, context } = dmsFixture(stack);
    new PostgresTargetEndpoint(stack, "Tuned", {
      ...context,
      endpointId: "target-tuned",
      database,
      settings: { afterConnectScript: "SET session_replication_role='replica'", maxFileSize: 512 },
    });
    const json = synth(stack);
    const trigger = Object.entries<any>(json.resource.terraform_data).find(([, data]) => data.triggers_replace.postgres_settings.maxFileSize === 512)!;
    expect(trigger[1].triggers_replace.postgres_settings.afterConnectScript).toBe("SET session_replication_role='replica'");
    const tuned = blocks(json, "aws_dms_endpoint").find((e) => e.endpoint_id === "target-tuned")!;
    expect(tuned.lifecycle.replace_triggered_by).toEqual([`terraform_data.${trigger[0]}`]);
    expect(tuned.postgres_settings).toMatchObject({ after_connect_script: "SET session_replication_role='replica'", max_file_size: 512 });
  });

  test("an external database: credentials from SSM, and only an egress rule from DMS to its network", () => {
    const stack = newStack();
    const { instance, context } = dmsFixture(stack);
    const external = new PostgresTargetEndpoint(stack, "External", {
      ...context,
      endpointId: "target-external",
      database: {
        serverName: "reporting.example.internal",
        port: 5500,
        databaseName: "reporting",
        credentials: { username: "dms", passwordParameterName: "/reporting/dms-password" },
        peer: Peer.ipv4("10.30.0.0/24"),
      },
    });
    external.allowConnectionsFrom(instance);
    const json = synth(stack);
    expect(blocks(json, "aws_vpc_security_group_egress_rule")).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.30.0.0/24", from_port: 5500, to_port: 5500, ip_protocol: "tcp" }),
    ]);
  });
});

describe("SSL modes per engine", () => {
  test("SQL Server refuses verify-ca, which AWS DMS does not support for it", () => {
    expect(sourceError({ sslMode: "verify-ca" as never, certificateArn: "arn:aws:dms:eu-west-2:111122223333:cert:ABC" })).toMatch(
      /`sslMode` = "verify-ca": not supported by this engine; allowed: none, require, verify-full/,
    );
  });
});
