import { PostgresSourceHosting } from "./settings";
import { Section, doBlock, quotedIdentifier } from "./preparation/psql";

// The change-capture sections of the DBA script
// (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html):
// the pglogical extension, the schema of DMS's heartbeat table, the DDL-capture objects, and the replication slots.

/** `CREATE EXTENSION pglogical`, once the checks have found it preloaded and installed. */
export function pglogicalExtension(): Section {
  return {
    title: "The pglogical extension",
    lines: [
      "-- The checks found pglogical in shared_preload_libraries and among the available extensions.",
      "CREATE EXTENSION IF NOT EXISTS pglogical;",
      ...doBlock(
        [],
        [
          "RAISE NOTICE 'pglogical % is installed in this database. AWS documents pglogical sources with a superuser DMS login (rds_superuser on RDS): if the task fails on a permission error in the pglogical schema, that is the missing piece.',",
          "    (SELECT extversion FROM pg_extension WHERE extname = 'pglogical');",
        ],
      ),
    ],
  };
}

/**
 * The schema of DMS's heartbeat table (`awsdms_heartbeat`, which DMS creates when the task starts), and the
 * right of the DMS login to create it there.
 */
export function heartbeatSchema(schema: string): Section {
  return {
    title: `The WAL heartbeat's schema ${quotedIdentifier(schema)}`,
    lines: [
      "-- With heartbeatEnable, DMS creates the table awsdms_heartbeat in the heartbeat schema and updates it every",
      "-- heartbeatFrequency minutes, so the slot's restart_lsn moves on and WAL is released even when the selected",
      "-- tables are idle. Only the DMS login gets CREATE in this schema.",
      `CREATE SCHEMA IF NOT EXISTS ${quotedIdentifier(schema)};`,
      ...doBlock(
        ["login text := current_setting('dms_prep.login');", "schema text := current_setting('dms_prep.heartbeat_schema');"],
        [
          "EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', schema, login);",
          "IF schema = 'public' THEN",
          "    RAISE NOTICE 'Login % may create objects in public, where other roles resolve unqualified names: a dedicated heartbeatSchema is safer.', login;",
          "ELSE",
          "    RAISE NOTICE 'Login % may create its heartbeat table in schema %.', login, schema;",
          "END IF;",
        ],
      ),
    ],
  };
}

/**
 * The DDL-capture objects DMS needs with `captureDdls` (its table, function and event trigger), made the
 * way AWS describes for a DMS login that is not the master user (CHAP_Source.PostgreSQL, "Migrating an
 * Amazon RDS for PostgreSQL database without using the master user account"), with two changes: the
 * function names what it calls in pg_catalog, since it runs with the DMS login's rights on every role's
 * DDL; and nothing is granted to PUBLIC, since the function runs as the owner of the table it writes.
 */
export function ddlCapture(schema: string, hosting: PostgresSourceHosting): Section {
  const qualified = quotedIdentifier(schema);
  return {
    title: `DDL capture: the table, function and event trigger in ${qualified}`,
    lines: [
      "-- captureDdls is on: DMS reads the rows this event trigger writes to learn of CREATE, ALTER and DROP TABLE.",
      `CREATE SCHEMA IF NOT EXISTS ${qualified};`,
      `CREATE TABLE IF NOT EXISTS ${qualified}.awsdms_ddl_audit (`,
      "    c_key    bigserial PRIMARY KEY,",
      "    c_time   timestamp,   -- when the DDL ran",
      "    c_user   varchar(64), -- who ran it",
      "    c_txn    varchar(16), -- its transaction id",
      "    c_tag    varchar(24), -- CREATE TABLE, ALTER TABLE, DROP TABLE or CREATE TABLE AS",
      "    c_oid    integer,     -- unused",
      "    c_name   varchar(64), -- unused",
      "    c_schema varchar(64), -- the session's current schema, which resolves unqualified names in c_ddlqry",
      "    c_ddlqry text         -- the statement",
      ");",
      `SELECT to_regprocedure('${qualified.replace(/'/g, "''")}.awsdms_intercept_ddl()') IS NULL AS dms_create_ddl_function \\gset`,
      "\\if :dms_create_ddl_function",
      `CREATE FUNCTION ${qualified}.awsdms_intercept_ddl()`,
      "    RETURNS event_trigger",
      "    LANGUAGE plpgsql",
      "    SECURITY DEFINER",
      "AS $function$",
      "DECLARE",
      "    _qry text;",
      "BEGIN",
      "    IF tg_tag OPERATOR(pg_catalog.=) ANY (ARRAY['CREATE TABLE', 'ALTER TABLE', 'DROP TABLE', 'CREATE TABLE AS']) THEN",
      "        _qry := pg_catalog.current_query();",
      `        INSERT INTO ${qualified}.awsdms_ddl_audit`,
      "        VALUES (DEFAULT, current_timestamp, current_user, CAST(pg_catalog.txid_current() AS pg_catalog.varchar(16)),",
      "            tg_tag, 0, '', current_schema, _qry);",
      `        DELETE FROM ${qualified}.awsdms_ddl_audit;`,
      "    END IF;",
      "END",
      "$function$;",
      "\\endif",
      ...doBlock(
        [
          "login text := current_setting('dms_prep.login');",
          "login_oid oid := (SELECT oid FROM pg_roles WHERE rolname = current_setting('dms_prep.login'));",
          "schema text := current_setting('dms_prep.ddl_schema');",
          "audit regclass := format('%I.awsdms_ddl_audit', current_setting('dms_prep.ddl_schema'))::regclass;",
          "intercept regprocedure := format('%I.awsdms_intercept_ddl()', current_setting('dms_prep.ddl_schema'))::regprocedure;",
          "existing regprocedure;",
        ],
        [
          ...(hosting === "rds"
            ? [
                "-- The master user may hand objects to the DMS login only as a member of it.",
                "IF NOT pg_has_role(login, 'MEMBER') THEN",
                "    EXECUTE format('GRANT %I TO %I', login, current_user);",
                "END IF;",
              ]
            : []),
          "EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema, login);",
          "-- The DMS login owns the table and the function, which runs as its owner (SECURITY DEFINER).",
          "IF (SELECT relowner FROM pg_class WHERE oid = audit) <> login_oid THEN",
          "    EXECUTE format('ALTER TABLE %s OWNER TO %I', audit, login);",
          "END IF;",
          "IF (SELECT proowner FROM pg_proc WHERE oid = intercept) <> login_oid THEN",
          "    EXECUTE format('ALTER FUNCTION %s OWNER TO %I', intercept, login);",
          "END IF;",
          "SELECT evtfoid INTO existing FROM pg_event_trigger WHERE evtname = 'awsdms_intercept_ddl';",
          "IF NOT FOUND THEN",
          "    EXECUTE format('CREATE EVENT TRIGGER awsdms_intercept_ddl ON ddl_command_end EXECUTE PROCEDURE %s', intercept);",
          "    RAISE NOTICE 'Created the event trigger awsdms_intercept_ddl, which records DDL in %.', audit;",
          "ELSIF existing <> intercept THEN",
          "    RAISE WARNING 'The event trigger awsdms_intercept_ddl already runs %, not %: drop it (DROP EVENT TRIGGER awsdms_intercept_ddl) and run this script again, or set ddlArtifactsSchema to its schema.',",
          "        existing, intercept;",
          "ELSE",
          "    RAISE NOTICE 'The event trigger awsdms_intercept_ddl records DDL in %.', audit;",
          "END IF;",
        ],
      ),
    ],
  };
}

/** What `captureDdls: false` means for the source, in place of the objects. */
export function noDdlCapture(): Section {
  return {
    title: "DDL capture",
    lines: [
      "-- captureDdls is off: DMS creates no event trigger or audit table here, and does not replicate schema changes.",
      "-- After a change to a selected table's columns, reload the table (or turn captureDdls on and run this script again).",
    ],
  };
}

/** The slot the endpoint names, if any, and every inactive logical slot of the database, which keeps WAL. */
export function replicationSlots(): Section {
  return {
    title: "Replication slots",
    lines: [
      "-- Each task reading changes holds a logical slot. A slot whose task stopped or was deleted keeps WAL until it is",
      "-- dropped: slots outlive their tasks.",
      ...doBlock(
        [
          "wanted text := current_setting('dms_prep.slot_name');",
          "wanted_plugin text := current_setting('dms_prep.plugin');",
          "item record;",
        ],
        [
          "IF wanted <> '' THEN",
          "    SELECT * INTO item FROM pg_replication_slots WHERE slot_name = wanted;",
          "    IF NOT FOUND THEN",
          "        RAISE WARNING 'The endpoint reads slot %, which does not exist. Create it just before the task starts (until then it keeps WAL): SELECT pg_create_logical_replication_slot(%, %);',",
          "            wanted, quote_literal(wanted), quote_literal(CASE WHEN wanted_plugin = 'pglogical' THEN 'pglogical' ELSE 'test_decoding' END);",
          "    ELSIF item.slot_type <> 'logical' OR item.database <> current_database() THEN",
          "        RAISE EXCEPTION 'Slot % is a % slot of database %, but the endpoint needs a logical slot of %.',",
          "            wanted, item.slot_type, coalesce(item.database::text, '(none)'), current_database();",
          "    ELSIF wanted_plugin NOT IN ('', item.plugin) THEN",
          "        RAISE WARNING 'Slot % decodes with %, but the endpoint names %.', wanted, item.plugin, wanted_plugin;",
          "    ELSE",
          "        RAISE NOTICE 'Slot % exists (plugin %, %).', wanted, item.plugin, CASE WHEN item.active THEN 'in use' ELSE 'not in use' END;",
          "    END IF;",
          "END IF;",
          "FOR item IN",
          "    SELECT slot_name, plugin,",
          "        coalesce(pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)), 'an unknown amount') AS retained",
          "    FROM pg_replication_slots",
          "    WHERE slot_type = 'logical' AND database = current_database() AND NOT active",
          "    ORDER BY slot_name",
          "LOOP",
          "    RAISE WARNING 'Logical slot % (plugin %) is not in use and keeps % of WAL. If its DMS task was deleted, drop it: SELECT pg_drop_replication_slot(%);',",
          "        item.slot_name, item.plugin, item.retained, quote_literal(item.slot_name);",
          "END LOOP;",
        ],
      ),
    ],
  };
}
