import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { Construct } from "constructs";
import { TerraformStack, Testing } from "cdktf";
import { z } from "zod";
import { postgresSource } from "../../../modules/dms/sources/postgres";
import { postgresSourceSchema } from "../../../modules/dms/sources/postgres/schema";
import { formatFieldProblem } from "../../../modules/config/problem";
import { sqlServerSourceSchema } from "../../../modules/dms/sources/sql-server/schema";
import {
  ExternalPostgresSource,
  PostgresSourceEndpoint,
  PostgresSourceEndpointProps,
} from "../../../modules/dms/sources/postgres/endpoint";
import { SourceReader } from "../../../modules/dms/endpoints/endpoint";
import { PostgresPreparationInput, postgresPreparationSql } from "../../../modules/dms/sources/postgres/preparation/script";
import { resolvePostgresSourceSettings } from "../../../modules/dms/sources/postgres/settings";
import { likePattern } from "../../../modules/dms/sources/postgres/preparation/psql";
import { ReplicationTask } from "../../../modules/dms/replication-task";
import { TableMappings } from "../../../modules/dms/table-mappings";
import { Peer } from "../../../modules/network/peer";
import { PostgresDatabase } from "../../../modules/postgres/postgres-database";
import { allowSecretsManager, dmsFixture, postgresProps } from "../../helpers/fixtures";
import { secretHandlingProblems } from "../../helpers/secret-scan";
import { TerraformJson, blocks, newStack, only, synth } from "../../helpers/synth";

const CONTEXT = { projectName: "mosaic", environment: "development" };
const EXTERNAL: ExternalPostgresSource = {
  serverName: "10.80.1.30",
  port: 5433,
  databaseName: "casework",
  credentials: { username: "dms_reader", passwordParameterName: "/mosaic/casework/dms-password" },
};
const MAPPINGS = new TableMappings()
  .include({ schema: "public", table: "case%" })
  .exclude({ schema: "public", table: "case_audit" })
  .lowercase("column", { schema: "%", table: "%", column: "%" });

function externalProps(overrides: Partial<PostgresSourceEndpointProps> = {}): PostgresSourceEndpointProps {
  return { ...CONTEXT, endpointId: "source-casework-pg", database: EXTERNAL, ...overrides };
}

/** A second database of the project, read by DMS (the fixture's own database is the target). */
function legacyDatabase(stack: Construct, overrides: Parameters<typeof postgresProps>[0] = {}): PostgresDatabase {
  return new PostgresDatabase(stack, "Legacy", postgresProps({ identifier: "legacy", databaseName: "legacy", port: 5301, ...overrides }));
}

function sourceOf(json: TerraformJson): Record<string, any> {
  return blocks(json, "aws_dms_endpoint").find((endpoint) => endpoint.endpoint_type === "source")!;
}

function synthExternal(overrides: Partial<PostgresSourceEndpointProps> = {}): TerraformJson {
  const stack = newStack();
  new PostgresSourceEndpoint(stack, "Source", externalProps(overrides));
  return synth(stack);
}

function endpointError(overrides: Partial<PostgresSourceEndpointProps>): string {
  try {
    new PostgresSourceEndpoint(newStack(), "Source", externalProps(overrides));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the endpoint to refuse its props");
}

const DEFAULT_SETTINGS = {
  capture_ddls: false,
  ddl_artifacts_schema: "awsdms",
  execute_timeout: 60,
  fail_tasks_on_lob_truncation: false,
  heartbeat_enable: true,
  heartbeat_frequency: 5,
  heartbeat_schema: "awsdms",
  map_boolean_as_boolean: false,
  map_jsonb_as_clob: false,
  map_long_varchar_as: "wstring",
  max_file_size: 32768,
  plugin_name: "test-decoding",
};

describe("PostgresSourceEndpoint reading a database of this project", () => {
  function build(captureChanges?: boolean) {
    const stack = newStack();
    const fixture = dmsFixture(stack);
    const database = legacyDatabase(stack);
    const source = new PostgresSourceEndpoint(stack, "Source", { ...CONTEXT, endpointId: "source-legacy-pg", database, captureChanges });
    return { stack, ...fixture, database, source };
  }

  test("is a postgres source endpoint on the database, SSL required, credentials only through the secret", () => {
    const { stack } = build();
    const json = synth(stack);
    const endpoint = sourceOf(json);
    expect(endpoint).toMatchObject({
      endpoint_id: "source-legacy-pg",
      endpoint_type: "source",
      engine_name: "postgres",
      database_name: "legacy",
      ssl_mode: "require",
    });
    for (const attribute of ["username", "password", "server_name", "port"]) expect(endpoint[attribute]).toBeUndefined();
    expect(endpoint.secrets_manager_arn).toMatch(/^\$\{aws_secretsmanager_secret\.\S+\.arn\}$/);
    expect(endpoint.secrets_manager_access_role_arn).toMatch(/^\$\{aws_iam_role\.\S+\.arn\}$/);
  });

  test("its secret holds the database's master user, address and port, and the password only ephemerally", () => {
    const { stack } = build();
    const json = synth(stack);
    const legacy = Object.entries<any>(json.resource.aws_db_instance).find(([, db]) => db.identifier === "legacy-db-development")!;
    const versions = blocks(json, "aws_secretsmanager_secret_version").map((version) => version.secret_string_wo as string);
    const secret = versions.find((value) => value.includes(`aws_db_instance.${legacy[0]}.address`))!;
    expect(secret).toContain('"username" = "migration_admin"');
    expect(secret).toContain('"port" = 5301');
    expect(secret).toMatch(/"password" = ephemeral\.aws_ssm_parameter\.\S+\.value/);
    expect(secretHandlingProblems(json)).toEqual([]);
    expect(JSON.stringify(json)).not.toMatch(/"password"\s*:/);
  });

  test("turns on logical replication in the database's parameter group, next to forced SSL", () => {
    const { stack } = build();
    const groups = blocks(synth(stack), "aws_db_parameter_group");
    const legacy = groups.find((group) => group.name_prefix.startsWith("legacy-db-development"))!;
    expect(legacy.parameter).toEqual([
      { name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" },
      { name: "rds.logical_replication", value: "1", apply_method: "pending-reboot" },
    ]);
    // The target database is left as it was.
    const mirror = groups.find((group) => group.name_prefix.startsWith("mosaic-mirror"))!;
    expect(mirror.parameter).toEqual([{ name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" }]);
  });

  test("a full-load-only source leaves the parameter group alone and cannot feed a cdc task", () => {
    const { stack, source, instance, target } = build(false);
    expect(source.capturesChanges).toBe(false);
    const legacy = blocks(synth(stack), "aws_db_parameter_group").find((group) => group.name_prefix.startsWith("legacy"))!;
    expect(legacy.parameter).toEqual([{ name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" }]);
    expect(
      () =>
        new ReplicationTask(stack, "Cdc", {
          ...CONTEXT,
          replicationTaskId: "legacy-cdc",
          migrationType: "cdc",
          replicationInstance: instance,
          source,
          target,
          tableMappings: MAPPINGS,
        }),
    ).toThrow(/`migrationType` = "cdc": needs a source that captures changes, but source-legacy-pg is set up for full loads only/);
  });

  test("a task opens the database's port to the replication instance, and only that", () => {
    const { stack, source, instance, target } = build();
    new ReplicationTask(stack, "Task", {
      ...CONTEXT,
      replicationTaskId: "legacy-to-mirror",
      migrationType: "full-load-and-cdc",
      replicationInstance: instance,
      source,
      target,
      tableMappings: MAPPINGS,
    });
    const json = synth(stack);
    const group = (name: string) => `\${aws_security_group.${Object.keys(json.resource.aws_security_group).find((id) => id.startsWith(name))}.id}`;
    const [instanceGroup, databaseGroup] = [group("Instance"), group("Legacy")];
    const ingress = blocks(json, "aws_vpc_security_group_ingress_rule").filter((rule) => rule.from_port === 5301);
    expect(ingress).toEqual([
      expect.objectContaining({ security_group_id: databaseGroup, referenced_security_group_id: instanceGroup, to_port: 5301, ip_protocol: "tcp" }),
    ]);
    expect(blocks(json, "aws_vpc_security_group_egress_rule").filter((rule) => rule.from_port === 5301)).toEqual([
      expect.objectContaining({ security_group_id: instanceGroup, referenced_security_group_id: databaseGroup }),
    ]);
  });

  test("a database with an existing parameter group cannot have logical replication turned on", () => {
    const stack = newStack();
    const database = legacyDatabase(stack, { parameterGroupName: "shared-postgres16" });
    expect(() => new PostgresSourceEndpoint(stack, "Source", { ...CONTEXT, endpointId: "source-legacy-pg", database })).toThrow(
      /cannot turn on logical replication in the existing parameter group `parameterGroupName`/,
    );
    // A full-load-only source does not need it.
    expect(
      () => new PostgresSourceEndpoint(stack, "FullLoad", { ...CONTEXT, endpointId: "source-legacy-full", database, captureChanges: false }),
    ).not.toThrow();
  });
});

describe("PostgresSourceEndpoint settings", () => {
  test("gives every field of postgres_settings, with secure defaults", () => {
    expect(sourceOf(synthExternal()).postgres_settings).toEqual(DEFAULT_SETTINGS);
  });

  test("renders the typed settings", () => {
    const settings = {
      pluginName: "pglogical",
      slotName: "dms_casework",
      heartbeatFrequency: 1,
      heartbeatSchema: "dms_heartbeat",
      captureDdls: true,
      ddlArtifactsSchema: "dms_ddl",
      executeTimeout: 300,
      mapBooleanAsBoolean: true,
      mapJsonbAsClob: true,
      mapLongVarcharAs: "nclob",
    } as const;
    expect(sourceOf(synthExternal({ settings })).postgres_settings).toEqual({
      ...DEFAULT_SETTINGS,
      plugin_name: "pglogical",
      slot_name: "dms_casework",
      heartbeat_frequency: 1,
      heartbeat_schema: "dms_heartbeat",
      capture_ddls: true,
      ddl_artifacts_schema: "dms_ddl",
      execute_timeout: 300,
      map_boolean_as_boolean: true,
      map_jsonb_as_clob: true,
      map_long_varchar_as: "nclob",
    });
  });

  test("the heartbeat is off by default on a full-load-only source", () => {
    expect(sourceOf(synthExternal({ captureChanges: false })).postgres_settings.heartbeat_enable).toBe(false);
  });

  test("is replaced when its settings change, since 5.100.0 never sends a settings-only update", () => {
    const json = synthExternal({ settings: { heartbeatFrequency: 2 } });
    const [triggerId, trigger] = Object.entries<any>(json.resource.terraform_data)[0];
    expect(trigger.triggers_replace.postgres_settings).toMatchObject({ heartbeatFrequency: 2, heartbeatEnable: true, maxFileSize: 32768 });
    expect(sourceOf(json).lifecycle.replace_triggered_by).toEqual([`terraform_data.${triggerId}`]);
  });
});

describe("PostgresSourceEndpoint reading an external database", () => {
  test("its secret holds the server, port and the login read from SSM", () => {
    const json = synthExternal();
    const secret = only(json, "aws_secretsmanager_secret_version").secret_string_wo;
    expect(secret).toMatch(/^\$\{jsonencode\(\{"username" = "dms_reader", "password" = ephemeral\.aws_ssm_parameter\.\S+\.value, "host" = "10\.80\.1\.30", "port" = 5433\}\)\}$/);
    expect(blocks(json, "aws_ssm_parameter", "ephemeral").map((read) => read.arn.split(":parameter").pop())).toEqual(["/mosaic/casework/dms-password"]);
    expect(secretHandlingProblems(json)).toEqual([]);
  });

  test("the replication instance may reach the server's address on its port, and nothing else", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    new PostgresSourceEndpoint(stack, "Source", externalProps()).allowConnectionsFrom(instance);
    expect(blocks(synth(stack), "aws_vpc_security_group_egress_rule")).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.80.1.30/32", from_port: 5433, to_port: 5433, ip_protocol: "tcp" }),
    ]);
  });

  test("a host name is reached through the peer given", () => {
    const stack = newStack();
    const { instance } = dmsFixture(stack);
    const database = { ...EXTERNAL, serverName: "casework.hackney.internal", port: undefined, peer: Peer.ipv4("10.80.0.0/16") };
    new PostgresSourceEndpoint(stack, "Source", externalProps({ database })).allowConnectionsFrom(instance);
    expect(blocks(synth(stack), "aws_vpc_security_group_egress_rule")).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.80.0.0/16", from_port: 5432, to_port: 5432 }),
    ]);
  });
});

describe("PostgresSourceEndpoint validation messages", () => {
  const cases: [string, Partial<PostgresSourceEndpointProps>, RegExp][] = [
    ["an endpoint id DMS refuses", { endpointId: "source_pg" }, /test\/Source: `endpointId` = "source_pg": must be letters, digits and single hyphens/],
    ["a verify SSL mode without a CA certificate", { sslMode: "verify-ca" }, /`certificateArn` = \(missing\): required with `sslMode: "verify-ca"`/],
    [
      "a host name without a peer",
      { database: { ...EXTERNAL, serverName: "casework.hackney.internal" } },
      /`database.allowedCidr` = \(missing\): required when the server \("casework.hackney.internal"\) is a host name/,
    ],
    ["a port that is not a TCP port", { database: { ...EXTERNAL, port: 70000 } }, /`database.port` = 70000: not a TCP port; allowed: 1-65535/],
    ["an unknown hosting", { database: { ...EXTERNAL, hosting: "azure" as any } }, /`database.hosting` = "azure": not allowed; allowed: self-managed, rds/],
    [
      "both a username and its parameter",
      { database: { ...EXTERNAL, credentials: { username: "dms", usernameParameterName: "/x/username", passwordParameterName: "/x/password" } } },
      /`database.credentials` = .*: give exactly one login name/,
    ],
    ["an unknown plugin", { settings: { pluginName: "wal2json" as any } }, /`pluginName` "wal2json" is not a decoding plugin; allowed: test-decoding, pglogical, no-preference\b/],
    ["a slot name PostgreSQL refuses", { settings: { slotName: "DMS-Slot" } }, /`slotName` "DMS-Slot" must be 1 to 63 lowercase letters, digits and underscores/],
    ["a schema name that needs quoting", { settings: { heartbeatSchema: "Heart Beat" } }, /`heartbeatSchema` "Heart Beat" must be a lowercase PostgreSQL name/],
    ["a reserved schema name", { settings: { captureDdls: true, ddlArtifactsSchema: "pg_dms" } }, /`ddlArtifactsSchema` "pg_dms" must be a lowercase PostgreSQL name/],
    ["a fractional heartbeat frequency", { settings: { heartbeatFrequency: 2.5 } }, /`heartbeatFrequency` must be a whole number of minutes of at least 1, got 2.5/],
    ["a zero timeout", { settings: { executeTimeout: 0 } }, /`executeTimeout` must be a whole number of seconds of at least 1, got 0/],
    ["heartbeat options with the heartbeat off", { settings: { heartbeatEnable: false, heartbeatFrequency: 1 } }, /`heartbeatFrequency` only applies with `heartbeatEnable: true`/],
    ["a DDL schema without DDL capture", { settings: { ddlArtifactsSchema: "dms_ddl" } }, /`ddlArtifactsSchema` only applies with `captureDdls: true`/],
    [
      "change-capture settings on a full-load-only source",
      { captureChanges: false, settings: { slotName: "dms_slot", captureDdls: true } },
      /`settings.slotName` = "dms_slot": `slotName` only applies to change capture, but `captureChanges` is false \(full loads only\)\n.*`settings.captureDdls` = true: `captureDdls` only applies to change capture/,
    ],
    ["an unknown long varchar mapping", { settings: { mapLongVarcharAs: "text" as any } }, /`mapLongVarcharAs` "text" is not allowed; allowed: wstring, clob, nclob/],
  ];
  test.each(cases)("refuses %s", (_name, overrides, message) => {
    expect(endpointError(overrides)).toMatch(message);
  });
});

describe("the DBA script a PostgreSQL source writes at synth", () => {
  function synthDba(build: (stack: TerraformStack) => void): string {
    const stack = newStack();
    build(stack);
    allowSecretsManager(stack);
    return join(Testing.fullSynth(stack), "stacks", "test", "dba");
  }

  function withTasks(stack: TerraformStack, database: "project" | "external") {
    const { instance, target } = dmsFixture(stack);
    const source = new PostgresSourceEndpoint(
      stack,
      "Source",
      database === "project" ? { ...CONTEXT, endpointId: "source-legacy-pg", database: legacyDatabase(stack) } : externalProps(),
    );
    const common = { ...CONTEXT, replicationInstance: instance, source, target };
    new ReplicationTask(stack, "Cases", { ...common, replicationTaskId: "cases", migrationType: "full-load-and-cdc", tableMappings: MAPPINGS });
    new ReplicationTask(stack, "Staff", {
      ...common,
      replicationTaskId: "staff",
      migrationType: "full-load",
      tableMappings: new TableMappings().include({ schema: "hr", table: "staff" }),
    });
  }

  test("covers the tables and migration types of every task reading the source", () => {
    const script = readFileSync(join(synthDba((stack) => withTasks(stack, "external")), "source-casework-pg.sql"), "utf8");
    expect(script).toContain('-- DBA preparation script for the AWS DMS source endpoint "source-casework-pg" (PostgreSQL)');
    expect(script).toContain("-- Server:           10.80.1.30:5433");
    expect(script).toContain("-- Migration types:  full-load, full-load-and-cdc (1 task reads changes: 1 replication slot)");
    expect(script).toContain("(1, 'include', 'public', 'case%'), -- include public.case%");
    expect(script).toContain("(2, 'exclude', 'public', 'case\\_audit'), -- exclude public.case_audit");
    expect(script).toContain("(3, 'include', 'hr', 'staff'); -- include hr.staff");
    expect(script).toContain("\\set dms_login 'dms_reader'");
    expect(script).toContain("ALTER ROLE %I WITH REPLICATION");
  });

  test("for a database of the project: the master user, the RDS way, and its password parameter", () => {
    const script = readFileSync(join(synthDba((stack) => withTasks(stack, "project")), "source-legacy-pg.sql"), "utf8");
    expect(script).toContain("-- Server:           the RDS instance legacy-db-development, port 5301");
    expect(script).toContain("-- Hosting:          rds (Amazon RDS or Aurora PostgreSQL)");
    expect(script).toContain("\\set dms_login 'migration_admin'");
    expect(script).toContain('psql "host=<host of the RDS instance legacy-db-development> port=5301 dbname=legacy sslmode=require user=<master user>"');
    expect(script).toContain("--with-decryption --name /mosaic/development/postgres-password");
    expect(script).toContain("GRANT rds_replication TO %I");
    expect(script).not.toContain("${");
  });

  test("is written identically on every synth", () => {
    const first = readFileSync(join(synthDba((stack) => withTasks(stack, "external")), "source-casework-pg.sql"), "utf8");
    const second = readFileSync(join(synthDba((stack) => withTasks(stack, "external")), "source-casework-pg.sql"), "utf8");
    expect(second).toBe(first);
  });

  test("is not written while no task reads the source", () => {
    const dir = synthDba((stack) => new PostgresSourceEndpoint(stack, "Source", externalProps()));
    expect(existsSync(dir)).toBe(false);
  });

  test("names each script after its endpoint, one per source", () => {
    const dir = synthDba((stack) => {
      const { instance, target } = dmsFixture(stack);
      for (const id of ["source-a-pg", "source-b-pg"]) {
        const source = new PostgresSourceEndpoint(stack, id, externalProps({ endpointId: id }));
        new ReplicationTask(stack, `${id}-task`, {
          ...CONTEXT,
          replicationTaskId: `${id}-task`,
          migrationType: "full-load",
          replicationInstance: instance,
          source,
          target,
          tableMappings: MAPPINGS,
        });
      }
    });
    expect(["source-a-pg.sql", "source-b-pg.sql"].map((file) => existsSync(join(dir, file)))).toEqual([true, true]);
  });
});

describe("postgresPreparationSql", () => {
  const READER: SourceReader = {
    replicationTaskId: "cases",
    migrationType: "full-load-and-cdc",
    selections: [
      { action: "include", schemaName: "public", tableName: "case%" },
      { action: "exclude", schemaName: "public", tableName: "case_audit" },
    ],
  };
  function input(overrides: Partial<PostgresPreparationInput> = {}, settings: Parameters<typeof resolvePostgresSourceSettings>[0] = {}): PostgresPreparationInput {
    const capturesChanges = overrides.capturesChanges ?? true;
    return {
      projectName: "mosaic",
      environment: "staging",
      endpointId: "source-casework-pg",
      serverName: "10.80.1.30",
      port: 5432,
      databaseName: "casework",
      hosting: "self-managed",
      capturesChanges,
      settings: resolvePostgresSourceSettings(settings, capturesChanges),
      readers: [READER],
      dmsLogin: "dms_reader",
      passwordParameterName: "/mosaic/casework/dms-password",
      ...overrides,
    };
  }
  const script = (overrides: Partial<PostgresPreparationInput> = {}, settings = {}) => postgresPreparationSql(input(overrides, settings));
  function refusal(overrides: Partial<PostgresPreparationInput>): string {
    try {
      postgresPreparationSql(input(overrides));
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("expected the generator to refuse its input");
  }
  /** The script without its comment lines. */
  const statements = (sql: string) =>
    sql
      .split("\n")
      .filter((line) => !line.trimStart().startsWith("--"))
      .join("\n");

  test("the header says what it prepares, who runs it and how, with the password read from SSM at run time", () => {
    const sql = script();
    const header = sql.split("\\set ON_ERROR_STOP on")[0];
    expect(header).toContain("-- Project:          mosaic");
    expect(header).toContain("-- Environment:      staging");
    expect(header).toContain("-- Database:         casework");
    expect(header).toContain("-- Decoding plugin:  test-decoding");
    expect(header).toContain("-- WAL heartbeat:    every 5 minute(s), table awsdms_heartbeat in schema awsdms");
    expect(header).toContain("-- DDL capture:      off");
    expect(header).toContain("-- Who runs it: a superuser (such as postgres)");
    expect(header).toContain(
      "-- It follows the AWS DMS user guide, PostgreSQL as a source:\n" +
        "--   https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html\n",
    );
    expect(header).toContain(
      '--   DMS_PASSWORD="$(aws ssm get-parameter --with-decryption --name /mosaic/casework/dms-password --query Parameter.Value --output text)" \\',
    );
    expect(header).toContain('--     psql "host=10.80.1.30 port=5432 dbname=casework sslmode=require user=<superuser>" \\');
    expect(sql).toContain("\\set dms_password `printf '%s' \"$DMS_PASSWORD\"`");
  });

  test("never holds a password: it creates the login from the psql variable, only when the login is missing", () => {
    const sql = statements(script());
    expect(sql).not.toMatch(/PASSWORD\s+'/i);
    expect(sql).toContain("SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'dms_login') AS dms_create_login \\gset");
    expect(sql).toContain("SELECT set_config('dms_prep.password', :'dms_password', false) <> '' AS dms_password_given \\gset");
    expect(sql).toContain("EXECUTE format('CREATE ROLE %I WITH LOGIN PASSWORD %L', login, current_setting('dms_prep.password'));");
    expect(sql).toContain("SELECT set_config('dms_prep.password', '', false) AS dms_password_cleared \\gset");
  });

  test("a login known only in SSM is asked for on the command line", () => {
    const sql = script({ dmsLogin: undefined, usernameParameterName: "/mosaic/casework/dms-username" });
    expect(sql).toContain(
      '--set=dms_login="$(aws ssm get-parameter --with-decryption --name /mosaic/casework/dms-username --query Parameter.Value --output text)"',
    );
    expect(sql).toContain("\\if :{?dms_login}\n\\else\nDO $dms$ BEGIN RAISE EXCEPTION 'Give the DMS login");
  });

  test("resolves DMS patterns as LIKE patterns: _ and \\ escaped, an explicit rule's % too", () => {
    expect(likePattern("case_%", false)).toBe("case\\_%");
    expect(likePattern("a\\b", false)).toBe("a\\\\b");
    expect(likePattern("100%_done", true)).toBe("100\\%\\_done");
    const sql = script({ readers: [{ ...READER, selections: [{ action: "explicit", schemaName: "public", tableName: "rate_%" }] }] });
    expect(sql).toContain("(1, 'explicit', 'public', 'rate\\_\\%'); -- explicit public.rate_%");
  });

  test("grants SELECT on the selected tables only, and leaves other grants to the DBA", () => {
    const sql = script();
    expect(sql).toContain("EXECUTE format('GRANT SELECT ON TABLE %I.%I TO %I', item.schema_name, item.table_name, login);");
    expect(sql).toContain("EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', item.schema_name, login);");
    expect(statements(sql)).not.toMatch(/ON ALL TABLES|^\s*REVOKE|format\('REVOKE/m);
    expect(sql).toContain("AND NOT EXISTS (SELECT 1 FROM pg_temp.dms_selection_rules AS r\n        WHERE r.action = 'exclude'");
  });

  test("self-managed: superuser runs it, REPLICATION attribute, test_decoding looked for", () => {
    const sql = script();
    expect(sql).toContain("IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN");
    expect(sql).toContain("EXECUTE format('ALTER ROLE %I WITH REPLICATION', login);");
    expect(sql).toContain("pg_stat_file(directory || '/test_decoding' || suffix, true)");
    expect(sql).not.toContain("rds_replication");
  });

  test("RDS: the master user runs it, rds_replication instead of REPLICATION", () => {
    const sql = script({ hosting: "rds" });
    expect(sql).toContain("IF to_regrole('rds_superuser') IS NULL OR NOT pg_has_role('rds_superuser', 'MEMBER') THEN");
    expect(sql).toContain("EXECUTE format('GRANT rds_replication TO %I', login);");
    expect(sql).toContain("set rds.logical_replication = 1 in the DB parameter group, reboot the instance");
    expect(sql).not.toContain("WITH REPLICATION");
  });

  test("checks the change-capture prerequisites", () => {
    const sql = script();
    expect(sql).toContain("IF current_setting('wal_level') <> 'logical' THEN");
    expect(sql).toContain("IF pg_temp.setting('max_replication_slots') < cdc_tasks THEN");
    expect(sql).toContain("IF pg_temp.setting('max_wal_senders') < greatest(cdc_tasks, 2) THEN");
    expect(sql).toContain("IF sender_timeout > 0 AND sender_timeout < 10000 THEN");
    expect(sql).toContain("IF pg_is_in_recovery() THEN");
    expect(sql).toContain("ELSIF item.relreplident = 'd' AND NOT item.has_primary_key THEN");
  });

  test("pglogical: preloading checked, extension created; test_decoding needs no extension", () => {
    const sql = script({}, { pluginName: "pglogical" });
    expect(sql).toContain("IF position(',pglogical,' IN ',' || translate(preloaded, ' \"', '') || ',') = 0 THEN");
    expect(sql).toContain("CREATE EXTENSION IF NOT EXISTS pglogical;");
    expect(statements(script())).not.toContain("CREATE EXTENSION");
  });

  test("heartbeat schema created for the login; DDL capture objects only when asked", () => {
    const sql = script();
    expect(sql).toContain('CREATE SCHEMA IF NOT EXISTS "awsdms";');
    expect(sql).toContain("EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', schema, login);");
    expect(statements(sql)).not.toContain("EVENT TRIGGER");
    const ddl = script({}, { captureDdls: true, ddlArtifactsSchema: "dms_ddl" });
    expect(ddl).toContain('CREATE TABLE IF NOT EXISTS "dms_ddl".awsdms_ddl_audit (');
    expect(ddl).toContain("CREATE EVENT TRIGGER awsdms_intercept_ddl ON ddl_command_end EXECUTE PROCEDURE %s");
    expect(statements(ddl)).not.toMatch(/TO PUBLIC/i);
  });

  test("a named slot is checked, never created", () => {
    const sql = script({}, { slotName: "dms_casework" });
    expect(sql).toContain("SET dms_prep.slot_name = 'dms_casework';");
    expect(statements(sql)).not.toMatch(/PERFORM pg_create_logical_replication_slot/);
  });

  test("full loads only: no replication rights and no change-capture checks", () => {
    const sql = script({ capturesChanges: false, readers: [{ ...READER, migrationType: "full-load" }] });
    expect(sql).toContain("-- The endpoint serves full loads only (captureChanges: false), so no change capture is set up.");
    expect(sql).not.toContain("wal_level");
    expect(sql).not.toContain("REPLICATION");
    const later = script({ readers: [{ ...READER, migrationType: "full-load" }] });
    expect(later).toContain("-- No task reads ongoing changes yet (migration types: full-load), so no change capture is set up.");
  });

  test("is deterministic and counts one slot per task reading changes", () => {
    const readers: SourceReader[] = [READER, { ...READER, replicationTaskId: "cases-2", migrationType: "cdc" }];
    expect(script({ readers })).toBe(script({ readers }));
    expect(script({ readers })).toContain("cdc_tasks integer := 2;");
    expect(script({ readers })).toContain("(2 tasks read changes: 2 replication slots)");
  });

  const refusals: [string, Partial<PostgresPreparationInput>, RegExp][] = [
    ["no task", { readers: [] }, /postgresPreparationSql \(endpoint "source-casework-pg"\): no task reads this source/],
    ["a cdc task on a full-load-only endpoint", { capturesChanges: false }, /task cases reads ongoing changes \(full-load-and-cdc\), but the endpoint is set up for full loads only/],
    ["only exclusions", { readers: [{ ...READER, selections: [READER.selections[1]] }] }, /the selection rules select no table/],
    ["a line break in a name", { readers: [{ ...READER, selections: [{ action: "include", schemaName: "public", tableName: "a\nb" }] }] }, /`readers\[0\]\.selections\[0\]\.tableName` contains a control character or line break/],
    ["a server name that would break the shell command", { serverName: "db;rm -rf" }, /`serverName` "db;rm -rf" is not a host name or IP address/],
    ["a login name that is not plain", { dmsLogin: "dms'reader" }, /`dmsLogin` "dms'reader" is not a plain role name/],
    ["a port out of range", { port: 0 }, /`port` 0 is not a TCP port/],
    ["a database name PostgreSQL would cut", { databaseName: "d".repeat(64) }, /`databaseName` is longer than 63 characters/],
  ];
  test.each(refusals)("refuses %s", (_name, overrides, message) => {
    expect(refusal(overrides)).toMatch(message);
  });
});

describe("postgresSourceSchema", () => {
  const entry = (value: Record<string, unknown>) => ({ engine: "postgres", endpointId: "source-casework-pg", ...value });
  const parse = (value: Record<string, unknown>) => postgresSourceSchema.safeParse(entry(value));
  const problems = (value: Record<string, unknown>) => {
    const parsed = postgresSourceSchema.parse(entry(value));
    return postgresSource.problems(parsed).map(formatFieldProblem);
  };
  const external = {
    serverName: "10.80.1.30",
    databaseName: "casework",
    credentials: { username: "dms_reader", passwordParameterName: "/mosaic/casework/dms-password" },
  };

  test("names the environment's own database, leaving the defaults to the construct", () => {
    expect(parse({ database: "environment" }).data).toEqual({ engine: "postgres", endpointId: "source-casework-pg", database: "environment" });
  });

  test("accepts an external server with settings", () => {
    expect(parse({ database: { ...external, hosting: "rds" }, settings: { pluginName: "test-decoding", heartbeatFrequency: 1, captureDdls: true } }).success).toBe(true);
  });

  test("an external server needs its name, database and password parameter: the schema says so by its shape", () => {
    const paths = (parse({ database: {} }).error?.issues ?? []).flatMap((issue) => ("errors" in issue ? [issue.code] : [issue.path.join(".")]));
    expect(parse({ database: {} }).success).toBe(false);
    expect(paths.length).toBeGreaterThan(0);
    expect(parse({ database: "the-environment" }).success).toBe(false);
  });

  test("a host name needs the network DMS may reach it in, never every address; one login name", () => {
    expect(problems({ database: { ...external, serverName: "casework.hackney.internal" } })).toEqual([
      'database.allowedCidr = (missing): required when the server ("casework.hackney.internal") is a host name, to limit where DMS may connect',
    ]);
    expect(problems({ database: { ...external, allowedCidr: "0.0.0.0/0" } })).toEqual([
      'database.allowedCidr = "0.0.0.0/0": "0.0.0.0/0" would allow every address; name the network instead (allowed: /16 to /32)',
    ]);
    expect(problems({ database: { ...external, credentials: { passwordParameterName: "/x/password" } } })).toEqual([
      'database.credentials = {"passwordParameterName":"/x/password"}: give exactly one login name: `username`, or the SSM parameter that holds it',
    ]);
  });

  test("reports settings problems on their field", () => {
    expect(problems({ database: external, settings: { heartbeatEnable: false, heartbeatSchema: "dms" } })).toEqual([
      'settings.heartbeatSchema = "dms": `heartbeatSchema` only applies with `heartbeatEnable: true`',
    ]);
    expect(problems({ database: external, captureChanges: false, settings: { slotName: "dms_slot" } })).toEqual([
      'settings.slotName = "dms_slot": `slotName` only applies to change capture, but `captureChanges` is false (full loads only)',
    ]);
    expect(problems({ database: external, sslMode: "verify-full" })).toEqual([
      'certificateArn = (missing): required with `sslMode: "verify-full"` (the CA certificate imported into DMS)',
    ]);
  });

  test("refuses unknown keys and values", () => {
    expect(parse({ database: external, settings: { pluginNmae: "pglogical" } }).error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["pluginNmae"] });
    expect(parse({ database: external, settings: { pluginName: "wal2json" } }).error?.issues[0]).toMatchObject({
      code: "invalid_value",
      path: ["settings", "pluginName"],
    });
  });

  test("joins the SQL Server source in a union on engine", () => {
    const sources = z.discriminatedUnion("engine", [sqlServerSourceSchema, postgresSourceSchema]);
    expect(sources.safeParse(entry({ database: "environment" })).success).toBe(true);
    expect(z.toJSONSchema(postgresSourceSchema, { io: "input" })).toMatchObject({ properties: { engine: { const: "postgres" } } });
  });
});
