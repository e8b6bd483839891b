import { TableSelection } from "../../../table-selection";
import { Section, notOracleMaintained, raise, selectionPredicate } from "./plsql";

// The change-capture sections of the Oracle DBA script (AWS DMS user guide, "Setting up supplemental logging"
// and "Configuring an AWS-managed Oracle source":
// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.Oracle.html).
// Every block ends with "/" and checks the current state before it changes anything.

/** Minimal supplemental logging on the database, which DMS needs whatever the table-level logging. */
export function databaseSupplementalLogging(rds: boolean): Section {
  const enable = rds
    ? [
        "        -- RDS: the master user cannot ALTER DATABASE; AWS's procedure does it.",
        "        rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD');",
      ]
    : ["        EXECUTE IMMEDIATE 'ALTER DATABASE ADD SUPPLEMENTAL LOG DATA';"];
  return {
    title: "Minimal supplemental logging on the database",
    lines: [
      "-- YES or IMPLICIT means it is on. In a multitenant database it must be on in CDB$ROOT as well.",
      ...(rds
        ? [
            "-- AWS's RDS steps also turn on PRIMARY KEY logging for the whole database (alter_supplemental_logging('ADD',",
            "-- 'PRIMARY KEY')); this script adds it per selected table instead, which AWS offers for a subset of tables.",
          ]
        : []),
      "DECLARE",
      "    v_minimal VARCHAR2(8);",
      "BEGIN",
      "    SELECT supplemental_log_data_min INTO v_minimal FROM v$database;",
      "    IF v_minimal IN ('YES', 'IMPLICIT') THEN",
      "        DBMS_OUTPUT.PUT_LINE('Minimal supplemental logging is already on (' || v_minimal || ').');",
      "    ELSE",
      ...enable,
      "        DBMS_OUTPUT.PUT_LINE('Minimal supplemental logging turned on.');",
      "    END IF;",
      "END;",
      "/",
    ],
  };
}

/** RDS: keep archived redo logs long enough for DMS to read them, without shortening a longer setting. */
export function rdsArchivedLogRetention(hours: number): Section {
  return {
    title: `RDS: keep archived redo logs for at least ${hours} hours`,
    lines: [
      `-- DMS reads archived logs that RDS would otherwise delete soon after backing them up. ${hours} hours of`,
      "-- archived logs must fit in the instance's storage (AWS: a typical hour of archived logs times the hours).",
      "-- A longer retention already set is kept.",
      "DECLARE",
      "    v_hours NUMBER;",
      "BEGIN",
      "    BEGIN",
      "        -- The table show_configuration reads (UNCONFIRMED name); when it cannot be read the value is set.",
      "        EXECUTE IMMEDIATE q'[SELECT TO_NUMBER(value) FROM rdsadmin.rds_configuration WHERE name = 'archivelog retention hours']'",
      "            INTO v_hours;",
      "    EXCEPTION",
      "        WHEN OTHERS THEN",
      "            v_hours := NULL;",
      "    END;",
      `    IF v_hours IS NULL OR v_hours < ${hours} THEN`,
      `        rdsadmin.rdsadmin_util.set_configuration('archivelog retention hours', ${hours});`,
      "        -- AWS: the commit is required for the change to take effect.",
      "        COMMIT;",
      `        DBMS_OUTPUT.PUT_LINE('Archived redo logs are now kept for ${hours} hours.');`,
      "    ELSE",
      "        DBMS_OUTPUT.PUT_LINE('Archived redo logs are already kept for ' || v_hours || ' hours.');",
      "    END IF;",
      "END;",
      "/",
    ],
  };
}

/** RDS with Binary Reader: AWS's server-level log directories, readable by the DMS user. */
export function rdsLogDirectories(): Section {
  return {
    title: "RDS: the log directories Binary Reader reads",
    lines: [
      "-- AWS: the master user creates ONLINELOG_DIR and ARCHIVELOG_DIR with the RDS procedures (which also revoke",
      "-- DROP ANY DIRECTORY from the master user), and the DMS user reads them.",
      "DECLARE",
      "    v_name VARCHAR2(128) := :dms_user;",
      "    v_count PLS_INTEGER;",
      "BEGIN",
      "    SELECT COUNT(*) INTO v_count FROM all_directories WHERE directory_name = 'ARCHIVELOG_DIR';",
      "    IF v_count = 0 THEN",
      "        rdsadmin.rdsadmin_master_util.create_archivelog_dir;",
      "    END IF;",
      "    SELECT COUNT(*) INTO v_count FROM all_directories WHERE directory_name = 'ONLINELOG_DIR';",
      "    IF v_count = 0 THEN",
      "        rdsadmin.rdsadmin_master_util.create_onlinelog_dir;",
      "    END IF;",
      "    EXECUTE IMMEDIATE 'GRANT READ ON DIRECTORY ONLINELOG_DIR TO \"' || v_name || '\"';",
      "    EXECUTE IMMEDIATE 'GRANT READ ON DIRECTORY ARCHIVELOG_DIR TO \"' || v_name || '\"';",
      "    DBMS_OUTPUT.PUT_LINE('ONLINELOG_DIR and ARCHIVELOG_DIR are readable by ' || v_name || '.');",
      "END;",
      "/",
    ],
  };
}

export interface SelectedTablesOptions {
  readonly selections: readonly TableSelection[];
  /** Add table-level supplemental logging (change capture is prepared). */
  readonly capture: boolean;
  /** `addSupplementalLogging=Y`: DMS adds PRIMARY KEY logging itself and needs ALTER on the tables. */
  readonly dmsAddsPrimaryKeyLogging: boolean;
  /** `exposeViews=true`: DMS also reads the selected views. */
  readonly exposeViews: boolean;
}

/**
 * Resolves the selection rules against DBA_TABLES when the script runs, grants SELECT on every selected
 * table (and ALTER when DMS adds PRIMARY KEY logging), and adds the table-level supplemental logging AWS
 * describes: PRIMARY KEY for a table with a primary key, a log group on the columns of the first unique
 * index (by name, as DMS picks it) for a table with only unique indexes, ALL columns for the rest.
 */
export function selectedTables(options: SelectedTablesOptions): Section {
  const { capture } = options;
  const title = capture
    ? "The tables the DMS tasks select: SELECT grants and table-level supplemental logging"
    : "The tables the DMS tasks select: SELECT grants";
  const lines = [
    "-- DMS's % wildcard matches like LIKE's %; DMS's _ is a literal character, so it is escaped. Names match",
    "-- case-sensitively, as in DMS: Oracle stores unquoted names in upper case. Exclude rules win over include",
    "-- rules. Oracle's own schemas, temporary, nested, external and dropped tables are never selected.",
    "-- Tables created later are not covered: run the script again after creating tables the rules select.",
  ];
  if (capture) {
    lines.push(
      options.dmsAddsPrimaryKeyLogging
        ? "-- addSupplementalLogging=Y: DMS adds PRIMARY KEY logging to tables with a primary key itself (with ALTER,"
        : "-- Table-level logging, as AWS describes it: PRIMARY KEY for a table with a primary key; for a table with",
      options.dmsAddsPrimaryKeyLogging
        ? "-- granted here), so only tables without one get logging here: a log group on the columns of the first"
        : "-- unique indexes only, a log group on the columns of the first one by name (the index DMS picks); ALL",
      options.dmsAddsPrimaryKeyLogging
        ? "-- unique index by name (the index DMS picks), or ALL columns when there is no unique index."
        : "-- columns for the rest. A table with ALL columns logging already needs nothing more.",
      "-- A filter or transformation on other columns needs those columns logged too (AWS): add them to a log group.",
    );
  }
  lines.push(
    "DECLARE",
    "    v_name VARCHAR2(128) := :dms_user;",
    "    v_tables PLS_INTEGER := 0;",
    "    v_changed PLS_INTEGER := 0;",
  );
  if (capture) {
    lines.push(
      "    v_count PLS_INTEGER;",
      "    v_table VARCHAR2(300);",
      "    v_index_owner VARCHAR2(128);",
      "    v_index VARCHAR2(128);",
      "    v_columns VARCHAR2(32767);",
    );
  }
  lines.push(
    "    FUNCTION q(p_name VARCHAR2) RETURN VARCHAR2 IS",
    "    BEGIN",
    "        RETURN '\"' || p_name || '\"';",
    "    END;",
    "BEGIN",
    "    FOR sel IN (",
    "        SELECT t.owner, t.table_name, o.object_id,",
    "            (SELECT COUNT(*) FROM dba_constraints c",
    "                WHERE c.owner = t.owner AND c.table_name = t.table_name AND c.constraint_type = 'P') AS primary_keys",
    "        FROM dba_tables t",
    "        JOIN dba_objects o ON o.owner = t.owner AND o.object_name = t.table_name AND o.object_type = 'TABLE'",
    "        WHERE t.temporary = 'N' AND t.nested = 'NO' AND t.secondary = 'N' AND t.dropped = 'NO'",
    "            AND (t.iot_type IS NULL OR t.iot_type = 'IOT')",
    "            AND NOT EXISTS (SELECT 1 FROM dba_external_tables e WHERE e.owner = t.owner AND e.table_name = t.table_name)",
    ...notOracleMaintained("t.owner", "            "),
    ...selectionPredicate(options.selections, "t.owner", "t.table_name", "            "),
    "        ORDER BY t.owner, t.table_name",
    "    ) LOOP",
    "        v_tables := v_tables + 1;",
    "        EXECUTE IMMEDIATE 'GRANT SELECT ON ' || q(sel.owner) || '.' || q(sel.table_name) || ' TO ' || q(v_name);",
  );
  if (options.dmsAddsPrimaryKeyLogging) {
    lines.push("        EXECUTE IMMEDIATE 'GRANT ALTER ON ' || q(sel.owner) || '.' || q(sel.table_name) || ' TO ' || q(v_name);");
  }
  if (capture) lines.push(...tableLogging(options.dmsAddsPrimaryKeyLogging));
  lines.push("    END LOOP;", "    IF v_tables = 0 THEN");
  lines.push(
    raise(
      "No table matches the selection rules. DMS matches names case-sensitively and Oracle stores unquoted names in upper case: check the rules (for example HR.%, not hr.%).",
    ),
    "    END IF;",
  );
  if (options.exposeViews) {
    lines.push(
      "    -- exposeViews=true: DMS also loads the selected views, once, as tables.",
      "    FOR v IN (",
      "        SELECT w.owner, w.view_name FROM dba_views w",
      "        WHERE 1 = 1",
      ...notOracleMaintained("w.owner", "            "),
      ...selectionPredicate(options.selections, "w.owner", "w.view_name", "            "),
      "        ORDER BY w.owner, w.view_name",
      "    ) LOOP",
      "        EXECUTE IMMEDIATE 'GRANT SELECT ON ' || q(v.owner) || '.' || q(v.view_name) || ' TO ' || q(v_name);",
      "    END LOOP;",
    );
  }
  lines.push(
    capture
      ? "    DBMS_OUTPUT.PUT_LINE(v_tables || ' selected tables readable by ' || v_name || '; supplemental logging added to ' || v_changed || '.');"
      : "    DBMS_OUTPUT.PUT_LINE(v_tables || ' selected tables readable by ' || v_name || '.');",
    "END;",
    "/",
  );
  return { title, lines };
}

/** The loop body that adds one selected table's supplemental logging, unless it has it already. */
function tableLogging(dmsAddsPrimaryKeyLogging: boolean): string[] {
  const primaryKey = dmsAddsPrimaryKeyLogging
    ? ["            NULL; -- addSupplementalLogging=Y: DMS adds PRIMARY KEY logging when the task starts."]
    : [
        "            SELECT COUNT(*) INTO v_count FROM dba_log_groups g",
        "            WHERE g.owner = sel.owner AND g.table_name = sel.table_name AND g.log_group_type = 'PRIMARY KEY LOGGING';",
        "            IF v_count = 0 THEN",
        "                EXECUTE IMMEDIATE 'ALTER TABLE ' || v_table || ' ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS';",
        "                v_changed := v_changed + 1;",
        "                DBMS_OUTPUT.PUT_LINE('PRIMARY KEY supplemental logging added to ' || v_table || '.');",
        "            END IF;",
      ];
  return [
    "        v_table := q(sel.owner) || '.' || q(sel.table_name);",
    "        SELECT COUNT(*) INTO v_count FROM dba_log_groups g",
    "        WHERE g.owner = sel.owner AND g.table_name = sel.table_name AND g.log_group_type = 'ALL COLUMN LOGGING';",
    "        IF v_count > 0 THEN",
    "            NULL; -- ALL columns logging covers whatever DMS needs.",
    "        ELSIF sel.primary_keys > 0 THEN",
    ...primaryKey,
    "        ELSE",
    "            -- The first unique index by name, as DMS picks it; DMS does not support function-based indexes.",
    "            v_index := NULL;",
    "            FOR i IN (",
    "                SELECT x.owner, x.index_name FROM dba_indexes x",
    "                WHERE x.table_owner = sel.owner AND x.table_name = sel.table_name AND x.uniqueness = 'UNIQUE'",
    "                    AND x.index_type NOT LIKE 'FUNCTION-BASED%'",
    "                ORDER BY x.index_name",
    "            ) LOOP",
    "                v_index_owner := i.owner;",
    "                v_index := i.index_name;",
    "                EXIT;",
    "            END LOOP;",
    "            IF v_index IS NULL THEN",
    "                EXECUTE IMMEDIATE 'ALTER TABLE ' || v_table || ' ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS';",
    "                v_changed := v_changed + 1;",
    "                DBMS_OUTPUT.PUT_LINE('ALL columns supplemental logging added to ' || v_table || ' (no key, no unique index).');",
    "            ELSE",
    "                -- Nothing to do when an ALWAYS log group already holds every column of the index.",
    "                SELECT COUNT(*) INTO v_count FROM dba_log_groups g",
    "                WHERE g.owner = sel.owner AND g.table_name = sel.table_name",
    "                    AND g.log_group_type = 'USER LOG GROUP' AND g.always = 'ALWAYS'",
    "                    AND NOT EXISTS (",
    "                        SELECT 1 FROM dba_ind_columns ic",
    "                        WHERE ic.index_owner = v_index_owner AND ic.index_name = v_index",
    "                            AND NOT EXISTS (",
    "                                SELECT 1 FROM dba_log_group_columns gc",
    "                                WHERE gc.owner = g.owner AND gc.log_group_name = g.log_group_name",
    "                                    AND gc.table_name = g.table_name AND gc.column_name = ic.column_name));",
    "                IF v_count = 0 THEN",
    "                    v_columns := NULL;",
    "                    FOR c IN (",
    "                        SELECT ic.column_name FROM dba_ind_columns ic",
    "                        WHERE ic.index_owner = v_index_owner AND ic.index_name = v_index",
    "                        ORDER BY ic.column_position",
    "                    ) LOOP",
    "                        v_columns := v_columns || CASE WHEN v_columns IS NOT NULL THEN ', ' END || q(c.column_name);",
    "                    END LOOP;",
    "                    -- DMS_<object id>: unique, and short enough for the 30-byte names of Oracle before 12.2.",
    "                    EXECUTE IMMEDIATE 'ALTER TABLE ' || v_table || ' ADD SUPPLEMENTAL LOG GROUP ' || q('DMS_' || sel.object_id)",
    "                        || ' (' || v_columns || ') ALWAYS';",
    "                    v_changed := v_changed + 1;",
    "                    DBMS_OUTPUT.PUT_LINE('Supplemental log group on the columns of unique index ' || v_index || ' added to ' || v_table || '.');",
    "                END IF;",
    "            END IF;",
    "        END IF;",
  ];
}
