import { PostgresPluginName, PostgresSourceHosting } from "./settings";
import { doBlock } from "./preparation/psql";

// The checks the DBA script runs before it changes anything
// (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html). A failed check raises an
// exception, which stops psql (ON_ERROR_STOP); what only deserves attention is a WARNING or a NOTICE.
// Configured values are read from the session settings `dms_prep.*`, never written into a DO body.

/** Who may run the script, which database it is connected to, and the server version. */
export function runnerChecks(hosting: PostgresSourceHosting, capturesChanges: boolean): string[] {
  const why = capturesChanges
    ? "Only a superuser may give a role the REPLICATION attribute and grant on every table."
    : "Only a superuser may grant on every table.";
  const runner =
    hosting === "rds"
      ? [
          "IF to_regrole('rds_superuser') IS NULL OR NOT pg_has_role('rds_superuser', 'MEMBER') THEN",
          "    RAISE EXCEPTION 'Run this script as the RDS master user (a member of rds_superuser); % is not one.', current_user;",
          "END IF;",
        ]
      : [
          "IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN",
          `    RAISE EXCEPTION 'Run this script as a superuser (such as postgres); % is not one. ${why}', current_user;`,
          "END IF;",
        ];
  return doBlock(
    ["major integer := current_setting('server_version_num')::integer / 10000;"],
    [
      "IF current_setting('server_version_num')::integer < 100000 THEN",
      "    RAISE EXCEPTION 'This script needs PostgreSQL 10 or later; the server runs %.', current_setting('server_version');",
      "END IF;",
      "IF current_database() <> current_setting('dms_prep.database') THEN",
      "    RAISE EXCEPTION 'Connected to database %, but this script prepares %: connect with dbname=%.',",
      "        current_database(), current_setting('dms_prep.database'), current_setting('dms_prep.database');",
      "END IF;",
      "IF current_setting('dms_prep.login') = '' THEN",
      "    RAISE EXCEPTION 'The DMS login name is empty: give it with --set=dms_login=<login name>.';",
      "END IF;",
      ...runner,
      "-- The oldest replication engine that reads each PostgreSQL version as a source (AWS DMS user guide).",
      "RAISE NOTICE 'PostgreSQL % as a DMS source needs a replication instance running DMS %.', major,",
      "    CASE",
      "        WHEN major <= 12 THEN 'of any supported version'",
      "        WHEN major = 13 THEN '3.4.3 or later'",
      "        WHEN major = 14 THEN '3.4.7 or later'",
      "        WHEN major = 15 THEN '3.5.1 or later'",
      "        WHEN major = 16 THEN '3.5.3 or later'",
      "        WHEN major = 17 THEN '3.6.1 or later'",
      "        ELSE 'of a version whose release notes list PostgreSQL ' || major",
      "    END;",
    ],
  );
}

/**
 * The server settings logical decoding needs. `cdcTasks` tasks read changes, each through its own slot and
 * WAL sender.
 */
export function changeCaptureChecks(hosting: PostgresSourceHosting, cdcTasks: number): string[] {
  const walLevelFix =
    hosting === "rds"
      ? [
          "    RAISE EXCEPTION 'wal_level is % (rds.logical_replication is %), but DMS change capture needs logical: set rds.logical_replication = 1 in the DB parameter group, reboot the instance, then run this script again.',",
          "        current_setting('wal_level'), coalesce(current_setting('rds.logical_replication', true), 'not set');",
        ]
      : [
          "    RAISE EXCEPTION 'wal_level is %, but DMS change capture needs logical: set wal_level = logical in postgresql.conf, restart PostgreSQL, then run this script again.',",
          "        current_setting('wal_level');",
        ];
  const settingsFix = hosting === "rds" ? "in the DB parameter group and reboot" : "in postgresql.conf and restart PostgreSQL";
  const workers =
    hosting === "rds"
      ? [
          "-- RDS: logical replication workers share max_worker_processes with autovacuum and parallel queries.",
          "IF pg_temp.setting('max_worker_processes') < pg_temp.setting('max_logical_replication_workers') + pg_temp.setting('autovacuum_max_workers') + pg_temp.setting('max_parallel_workers') THEN",
          "    RAISE WARNING 'max_worker_processes (%) is below max_logical_replication_workers + autovacuum_max_workers + max_parallel_workers (%): AWS advises raising it.',",
          "        pg_temp.setting('max_worker_processes'), pg_temp.setting('max_logical_replication_workers') + pg_temp.setting('autovacuum_max_workers') + pg_temp.setting('max_parallel_workers');",
          "END IF;",
        ]
      : [];
  return [
    "-- pg_settings gives numbers in their base unit (ms, MB), where current_setting adds units.",
    "CREATE OR REPLACE FUNCTION pg_temp.setting(name text) RETURNS bigint LANGUAGE sql STABLE AS",
    "    'SELECT setting::bigint FROM pg_catalog.pg_settings WHERE pg_settings.name = $1';",
    ...doBlock(
      [
        `cdc_tasks integer := ${cdcTasks};`,
        "slots_used integer := (SELECT count(*) FROM pg_replication_slots);",
        "sender_timeout bigint := pg_temp.setting('wal_sender_timeout');",
        "keep_size bigint := pg_temp.setting('max_slot_wal_keep_size');",
      ],
      [
        "IF pg_is_in_recovery() THEN",
        "    RAISE EXCEPTION 'This server is a standby (or a read replica): DMS cannot capture changes from it. Point the endpoint at the primary and run this script there.';",
        "END IF;",
        "IF current_setting('wal_level') <> 'logical' THEN",
        ...walLevelFix,
        "END IF;",
        "IF pg_temp.setting('max_replication_slots') < cdc_tasks THEN",
        `    RAISE EXCEPTION 'max_replication_slots is %, but % task(s) read changes and each holds a replication slot: raise it ${settingsFix}.',`,
        "        pg_temp.setting('max_replication_slots'), cdc_tasks;",
        "ELSIF pg_temp.setting('max_replication_slots') - slots_used < cdc_tasks THEN",
        "    RAISE WARNING 'Only % of % replication slots are free, and % task(s) read changes: drop stale slots (the last section lists inactive ones) or raise max_replication_slots.',",
        "        pg_temp.setting('max_replication_slots') - slots_used, pg_temp.setting('max_replication_slots'), cdc_tasks;",
        "END IF;",
        "IF pg_temp.setting('max_wal_senders') < greatest(cdc_tasks, 2) THEN",
        `    RAISE EXCEPTION 'max_wal_senders is %, but DMS needs more than 1 and at least one per task reading changes (%): raise it ${settingsFix}.',`,
        "        pg_temp.setting('max_wal_senders'), cdc_tasks;",
        "END IF;",
        "IF sender_timeout > 0 AND sender_timeout < 10000 THEN",
        "    RAISE EXCEPTION 'wal_sender_timeout is % ms: DMS fails below 10000 ms. Set it to 0 (no timeout) or between 10000 and 300000 ms.', sender_timeout;",
        "ELSIF sender_timeout > 300000 THEN",
        "    RAISE NOTICE 'wal_sender_timeout is % ms: AWS advises less than 5 minutes, so a Multi-AZ failover of the replication instance is noticed quickly.', sender_timeout;",
        "END IF;",
        ...workers,
        "IF keep_size IS NULL THEN",
        "    NULL; -- PostgreSQL 12 and older have no max_slot_wal_keep_size",
        "ELSIF keep_size < 0 THEN",
        "    RAISE NOTICE 'max_slot_wal_keep_size is unlimited: a slot whose task stops keeps WAL until the disk fills. Keep the WAL heartbeat on, and watch pg_replication_slots (on RDS, the CloudWatch metrics ReplicationSlotDiskUsage and OldestReplicationSlotLag).';",
        "ELSE",
        "    RAISE NOTICE 'max_slot_wal_keep_size is % MB: if a slot falls further behind, PostgreSQL removes WAL the task still needs and the task fails (it must then be reloaded).', keep_size;",
        "END IF;",
      ],
    ),
  ];
}

/** Whether the decoding plugin the endpoint names can work on this server. */
export function pluginChecks(plugin: PostgresPluginName, hosting: PostgresSourceHosting): string[] {
  if (plugin === "pglogical") {
    return doBlock(
      ["preloaded text;"],
      [
        "BEGIN",
        "    preloaded := current_setting('shared_preload_libraries');",
        "EXCEPTION WHEN insufficient_privilege THEN",
        "    RAISE EXCEPTION 'Cannot read shared_preload_libraries as %: run this script as %.', current_user,",
        `        ${hosting === "rds" ? "'the RDS master user'" : "'a superuser'"};`,
        "END;",
        "IF position(',pglogical,' IN ',' || translate(preloaded, ' \"', '') || ',') = 0 THEN",
        "    RAISE EXCEPTION 'The endpoint uses the pglogical plugin, but shared_preload_libraries (%) does not load it: add pglogical to shared_preload_libraries%, restart, then run this script again.',",
        `        preloaded, ${hosting === "rds" ? "' in the DB parameter group'" : "' in postgresql.conf'"};`,
        "END IF;",
        "IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pglogical') THEN",
        "    RAISE EXCEPTION 'The endpoint uses the pglogical plugin, but the pglogical extension is not installed on the server: install its package (for example postgresql-<version>-pglogical), then run this script again.';",
        "END IF;",
      ],
    );
  }
  if (hosting === "rds") {
    return [
      "-- test_decoding is part of RDS and Aurora PostgreSQL: nothing to check.",
      ...(plugin === "no-preference" ? pglogicalPresence() : []),
    ];
  }
  return [
    "-- test_decoding is a contrib module (not an extension): slots name it, and PostgreSQL loads it from its library",
    "-- directory. Distributions ship it in the contrib package.",
    ...doBlock(
      ["directory text := (SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR');", "suffix text;", "found boolean := false;"],
      [
        "FOREACH suffix IN ARRAY ARRAY['.so', '.dll', '.dylib'] LOOP",
        "    found := found OR (pg_stat_file(directory || '/test_decoding' || suffix, true)).size IS NOT NULL;",
        "END LOOP;",
        "IF found THEN",
        "    RAISE NOTICE 'Decoding plugin: test_decoding is installed in %.', directory;",
        "ELSE",
        "    RAISE WARNING 'test_decoding was not found in %: install the contrib package of this PostgreSQL (for example postgresql-contrib), or DMS cannot create its replication slot.', directory;",
        "END IF;",
      ],
    ),
    ...(plugin === "no-preference" ? pglogicalPresence() : []),
  ];
}

/** With `no-preference`, DMS uses pglogical when the extension is there: say which one it will use. */
function pglogicalPresence(): string[] {
  return doBlock(
    [],
    [
      "IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pglogical') THEN",
      "    RAISE NOTICE 'pluginName is no-preference and pglogical is installed in this database: DMS will decode with pglogical (tables need primary keys; REPLICA IDENTITY FULL does not work with it).';",
      "ELSE",
      "    RAISE NOTICE 'pluginName is no-preference and pglogical is not installed in this database: DMS will decode with test_decoding.';",
      "END IF;",
    ],
  );
}
