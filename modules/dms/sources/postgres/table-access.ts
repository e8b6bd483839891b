import { TableSelection } from "../../table-selection";
import { PostgresSourceHosting } from "./settings";
import { Section, describeSelection, doBlock, likePattern, sqlLiteral } from "./preparation/psql";

// The sections of the DBA script that decide what the DMS login may read: the selected tables, resolved when
// the script runs; the login; and its grants.

/** Session temp table of the tables the rules select; the later sections read it. */
export const SELECTED_TABLES = "pg_temp.dms_selected_tables";

/**
 * Resolves the selection rules against `pg_class` into {@link SELECTED_TABLES}: ordinary and partitioned
 * tables outside the system schemas, matched by any include or explicit rule and by no exclude rule
 * (exclusions win, as in DMS). Stops when nothing matches.
 */
export function selectedTables(selections: readonly TableSelection[]): Section {
  const rows = selections.map((rule, index) => {
    const exact = rule.action === "explicit";
    const values = [
      String(index + 1),
      sqlLiteral(rule.action),
      sqlLiteral(likePattern(rule.schemaName, exact)),
      sqlLiteral(likePattern(rule.tableName, exact)),
    ];
    return `    (${values.join(", ")})${index === selections.length - 1 ? ";" : ","} -- ${describeSelection(rule)}`;
  });
  const matches = "n.nspname LIKE r.schema_like ESCAPE '\\' AND c.relname LIKE r.table_like ESCAPE '\\'";
  return {
    title: "The tables the DMS tasks select",
    lines: [
      "-- DMS's % wildcard matches like LIKE's %; DMS's _ and \\ are literal, so they are escaped in the patterns below",
      "-- (and an explicit rule's % too). Exclude rules win over include rules, as in DMS.",
      "SET client_min_messages = warning; -- no notice when the tables do not exist yet",
      `DROP TABLE IF EXISTS pg_temp.dms_selection_rules, ${SELECTED_TABLES};`,
      "SET client_min_messages = notice;",
      "CREATE TEMP TABLE dms_selection_rules (rule_position integer, action text, schema_like text, table_like text);",
      "INSERT INTO pg_temp.dms_selection_rules (rule_position, action, schema_like, table_like) VALUES",
      ...rows,
      "CREATE TEMP TABLE dms_selected_tables AS",
      "SELECT",
      "    n.nspname::text AS schema_name,",
      "    c.relname::text AS table_name,",
      "    c.oid AS table_oid,",
      "    c.relpersistence,",
      "    c.relreplident,",
      "    EXISTS (SELECT 1 FROM pg_index AS i WHERE i.indrelid = c.oid AND i.indisprimary) AS has_primary_key",
      "FROM pg_class AS c",
      "JOIN pg_namespace AS n ON n.oid = c.relnamespace",
      "WHERE c.relkind IN ('r', 'p')",
      "    AND c.relpersistence <> 't'",
      "    AND n.nspname NOT IN ('pg_catalog', 'information_schema')",
      "    AND n.nspname NOT LIKE 'pg\\_toast%' ESCAPE '\\'",
      "    AND EXISTS (SELECT 1 FROM pg_temp.dms_selection_rules AS r",
      `        WHERE r.action <> 'exclude' AND ${matches})`,
      "    AND NOT EXISTS (SELECT 1 FROM pg_temp.dms_selection_rules AS r",
      `        WHERE r.action = 'exclude' AND ${matches});`,
      ...doBlock(
        [
          `selected integer := (SELECT count(*) FROM ${SELECTED_TABLES});`,
          "names text := (SELECT string_agg(format('%I.%I', schema_name, table_name), ', ' ORDER BY schema_name, table_name)",
          `    FROM (SELECT schema_name, table_name FROM ${SELECTED_TABLES} ORDER BY schema_name, table_name LIMIT 50) AS first);`,
        ],
        [
          "IF selected = 0 THEN",
          "    RAISE EXCEPTION 'No table of database % matches the selection rules in this script''s header: create the tables first (a DMS task that selects nothing fails), or correct the rules and synth again.', current_database();",
          "END IF;",
          "RAISE NOTICE 'The tasks select % table(s): %.', selected, names || CASE WHEN selected > 50 THEN ', ...' ELSE '' END;",
        ],
      ),
    ],
  };
}

/**
 * The login DMS connects with. The password is sent to the server only when the login does not exist
 * yet, through a session setting read by the block that creates it (a SELECT, which pg_stat_statements
 * records without its values), and cleared straight after; an existing login keeps its password.
 */
export function login(capturesChanges: boolean): Section {
  const lines = [
    "-- Keep this session's statements out of the server log while the password is about (allowed to superusers).",
    ...doBlock(
      [],
      [
        "BEGIN",
        "    PERFORM set_config('log_statement', 'none', false);",
        "    PERFORM set_config('log_min_duration_statement', '-1', false);",
        "EXCEPTION WHEN insufficient_privilege THEN",
        "    RAISE NOTICE 'Statement logging stays as configured (%).', SQLERRM;",
        "END;",
      ],
    ),
    "SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'dms_login') AS dms_create_login \\gset",
    "\\if :dms_create_login",
    "SELECT set_config('dms_prep.password', :'dms_password', false) <> '' AS dms_password_given \\gset",
    ...doBlock(
      ["login text := current_setting('dms_prep.login');"],
      [
        "IF current_setting('dms_prep.password') = '' THEN",
        "    RAISE EXCEPTION 'Login % does not exist and no password was given: set DMS_PASSWORD from the SSM parameter % as the header shows, then run this script again.',",
        "        login, current_setting('dms_prep.password_parameter');",
        "END IF;",
        "EXECUTE format('CREATE ROLE %I WITH LOGIN PASSWORD %L', login, current_setting('dms_prep.password'));",
        "RAISE NOTICE 'Created the login %, with the password held in %.', login, current_setting('dms_prep.password_parameter');",
      ],
    ),
    "SELECT set_config('dms_prep.password', '', false) AS dms_password_cleared \\gset",
    "\\else",
    ...doBlock(
      ["login text := current_setting('dms_prep.login');"],
      [
        "RAISE NOTICE 'Login % already exists; its password is unchanged. To rotate it, ALTER ROLE it with the new value of %, then raise passwordVersion in the configuration.',",
        "    login, current_setting('dms_prep.password_parameter');",
        "IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = login) THEN",
        "    EXECUTE format('ALTER ROLE %I WITH LOGIN', login);",
        "    RAISE NOTICE 'Role % could not log in; it now can.', login;",
        "END IF;",
      ],
    ),
    "\\endif",
    ...doBlock(
      ["login text := current_setting('dms_prep.login');"],
      [
        "EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), login);",
        ...(capturesChanges
          ? [
              "-- DMS keeps some transactions idle between uses (AWS DMS user guide): this timeout must not end them.",
              "IF current_setting('idle_in_transaction_session_timeout') <> '0' THEN",
              "    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET idle_in_transaction_session_timeout = 0', login, current_database());",
              "    RAISE NOTICE 'idle_in_transaction_session_timeout is %; it is now 0 for % in this database.',",
              "        current_setting('idle_in_transaction_session_timeout'), login;",
              "END IF;",
            ]
          : []),
      ],
    ),
  ];
  return { title: "The login DMS connects with", lines };
}

/** USAGE on the selected tables' schemas and SELECT on each of them, nothing else; other access is reported. */
export function readAccess(): Section {
  return {
    title: "Read access to exactly the selected tables",
    lines: [
      "-- GRANT is idempotent. A table outside the selection gets no grant; grants made earlier are reported, not revoked.",
      ...doBlock(
        ["login text := current_setting('dms_prep.login');", "item record;", "refused text[] := '{}';", "granted integer := 0;"],
        [
          `FOR item IN SELECT DISTINCT schema_name FROM ${SELECTED_TABLES} ORDER BY schema_name LOOP`,
          "    BEGIN",
          "        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', item.schema_name, login);",
          "    EXCEPTION WHEN insufficient_privilege THEN",
          "        refused := refused || format('schema %I', item.schema_name);",
          "    END;",
          "END LOOP;",
          `FOR item IN SELECT schema_name, table_name FROM ${SELECTED_TABLES} ORDER BY schema_name, table_name LOOP`,
          "    BEGIN",
          "        EXECUTE format('GRANT SELECT ON TABLE %I.%I TO %I', item.schema_name, item.table_name, login);",
          "        granted := granted + 1;",
          "    EXCEPTION WHEN insufficient_privilege THEN",
          "        refused := refused || format('%I.%I', item.schema_name, item.table_name);",
          "    END;",
          "END LOOP;",
          "IF cardinality(refused) > 0 THEN",
          "    RAISE EXCEPTION 'Could not grant to % on: % (% is not their owner). Run this script as their owner, or GRANT the owning role to %, then run it again.',",
          "        login, array_to_string(refused, ', '), current_user, current_user;",
          "END IF;",
          "RAISE NOTICE 'Login % may read the % selected table(s): USAGE on their schemas, SELECT on each.', login, granted;",
        ],
      ),
      ...doBlock(
        ["login text := current_setting('dms_prep.login');", "login_oid oid := (SELECT oid FROM pg_roles WHERE rolname = current_setting('dms_prep.login'));", "others text;"],
        [
          "SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', ' ORDER BY n.nspname, c.relname) INTO others",
          "FROM pg_class AS c",
          "JOIN pg_namespace AS n ON n.oid = c.relnamespace",
          "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')",
          "    AND c.relowner <> login_oid",
          `    AND c.oid NOT IN (SELECT table_oid FROM ${SELECTED_TABLES})`,
          "    AND EXISTS (SELECT 1 FROM aclexplode(c.relacl) AS a WHERE a.grantee = login_oid AND a.privilege_type = 'SELECT');",
          "IF others IS NOT NULL THEN",
          "    RAISE WARNING 'Login % was granted SELECT outside the selection, which this script leaves alone: %. Revoke what DMS should not read (REVOKE SELECT ON <table> FROM %).',",
          "        login, others, login;",
          "END IF;",
          "IF (SELECT rolsuper FROM pg_roles WHERE oid = login_oid) THEN",
          "    RAISE WARNING 'Login % is a superuser, so it reads every table whatever the grants: a dedicated login with these grants is safer.', login;",
          "ELSIF to_regrole('pg_read_all_data') IS NOT NULL THEN",
          "    IF pg_has_role(login_oid, 'pg_read_all_data', 'MEMBER') THEN",
          "        RAISE WARNING 'Login % is a member of pg_read_all_data, so it reads every table whatever the grants.', login;",
          "    END IF;",
          "END IF;",
        ],
      ),
    ],
  };
}

/** Logical replication rights: the REPLICATION attribute, or on RDS the `rds_replication` role. */
export function replicationRights(hosting: PostgresSourceHosting): Section {
  const body =
    hosting === "rds"
      ? [
          "-- RDS has no REPLICATION attribute for its users: rds_replication lets a role manage and read logical slots.",
          "IF pg_has_role(login, 'rds_replication', 'MEMBER') THEN",
          "    RAISE NOTICE 'Login % already has rds_replication.', login;",
          "ELSE",
          "    EXECUTE format('GRANT rds_replication TO %I', login);",
          "    RAISE NOTICE 'Granted rds_replication to %: it may create and read logical replication slots.', login;",
          "END IF;",
        ]
      : [
          "IF (SELECT rolsuper OR rolreplication FROM pg_roles WHERE rolname = login) THEN",
          "    RAISE NOTICE 'Login % already has the REPLICATION attribute (or is a superuser).', login;",
          "ELSE",
          "    EXECUTE format('ALTER ROLE %I WITH REPLICATION', login);",
          "    RAISE NOTICE 'Gave login % the REPLICATION attribute: it may create and read logical replication slots.', login;",
          "END IF;",
        ];
  return {
    title: "Logical replication rights",
    lines: [
      "-- AWS's own examples make the DMS login a superuser (rds_superuser on RDS). This script gives it what change",
      "-- capture uses instead: replication rights, read access to the selected tables, and the schemas of DMS's objects.",
      ...doBlock(["login text := current_setting('dms_prep.login');"], body),
    ],
  };
}

/** Tables whose UPDATEs and DELETEs logical decoding cannot give DMS, and tables not in the WAL at all. */
export function replicaIdentityNotes(): Section {
  return {
    title: "Tables DMS cannot fully capture (notes only; no table is changed)",
    lines: [
      "-- Logical decoding identifies an updated or deleted row by its replica identity: the primary key by default.",
      "-- REPLICA IDENTITY FULL works with test_decoding (at the cost of more WAL) but not with pglogical.",
      ...doBlock(
        ["item record;", "pglogical boolean := current_setting('dms_prep.plugin') = 'pglogical';", "noted integer := 0;"],
        [
          `FOR item IN SELECT * FROM ${SELECTED_TABLES} ORDER BY schema_name, table_name LOOP`,
          "    IF item.relpersistence = 'u' THEN",
          "        RAISE WARNING '%.% is UNLOGGED: its changes never reach the WAL, so DMS captures none (a full load still copies it).',",
          "            quote_ident(item.schema_name), quote_ident(item.table_name);",
          "        noted := noted + 1;",
          "    ELSIF item.relreplident = 'n' THEN",
          "        RAISE WARNING '%.% has REPLICA IDENTITY NOTHING: DMS cannot capture its UPDATEs and DELETEs. Use ALTER TABLE ... REPLICA IDENTITY DEFAULT (with a primary key) or FULL.',",
          "            quote_ident(item.schema_name), quote_ident(item.table_name);",
          "        noted := noted + 1;",
          "    ELSIF item.relreplident = 'd' AND NOT item.has_primary_key THEN",
          "        RAISE WARNING '%.% has no primary key: DMS cannot capture its UPDATEs and DELETEs. Add a primary key%.',",
          "            quote_ident(item.schema_name), quote_ident(item.table_name),",
          "            CASE WHEN pglogical THEN ' (pglogical cannot use REPLICA IDENTITY FULL)'",
          "                ELSE format(', or run ALTER TABLE %I.%I REPLICA IDENTITY FULL (more WAL)', item.schema_name, item.table_name) END;",
          "        noted := noted + 1;",
          "    ELSIF item.relreplident = 'f' AND pglogical THEN",
          "        RAISE WARNING '%.% uses REPLICA IDENTITY FULL, which pglogical does not support: give it a primary key.',",
          "            quote_ident(item.schema_name), quote_ident(item.table_name);",
          "        noted := noted + 1;",
          "    END IF;",
          "END LOOP;",
          "IF noted = 0 THEN",
          "    RAISE NOTICE 'Every selected table has a usable replica identity.';",
          "END IF;",
        ],
      ),
    ],
  };
}
