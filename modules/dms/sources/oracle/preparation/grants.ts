import { OracleCdcReader } from "../options";
import { Section } from "./plsql";

// The privilege sections of the Oracle DBA script. Object names are AWS's (AWS DMS user guide, "User account
// privileges required on a self-managed Oracle source", "... on an AWS-managed Oracle source", and the
// LogMiner, Binary Reader and ASM privilege sections), granted on the real SYS objects (V_$..., not the V$
// synonyms), as AWS asks. Every block ends with "/"; GRANT is idempotent, so running them again changes nothing.

/**
 * SYS objects every DMS Oracle source user reads, in AWS's order (self-managed list; the RDS list has the
 * same objects). V_$CONTAINERS exists from 12c on and is granted there only.
 */
const DICTIONARY_OBJECTS: readonly string[] = [
  "V_$ARCHIVED_LOG",
  "V_$LOG",
  "V_$LOGFILE",
  "V_$LOGMNR_LOGS",
  "V_$LOGMNR_CONTENTS",
  "V_$DATABASE",
  "V_$THREAD",
  "V_$PARAMETER",
  "V_$NLS_PARAMETERS",
  "V_$TIMEZONE_NAMES",
  "V_$TRANSACTION",
  "ALL_INDEXES",
  "ALL_OBJECTS",
  "ALL_TABLES",
  "ALL_USERS",
  "ALL_CATALOG",
  "ALL_CONSTRAINTS",
  "ALL_CONS_COLUMNS",
  "ALL_TAB_COLS",
  "ALL_IND_COLUMNS",
  "ALL_ENCRYPTED_COLUMNS",
  "ALL_LOG_GROUPS",
  "ALL_TAB_PARTITIONS",
  "DBA_REGISTRY",
  "OBJ$",
];

export interface GrantOptions {
  readonly rds: boolean;
  /** Change capture is prepared (a task reads changes and the endpoint captures them). */
  readonly capture: boolean;
  readonly reader: OracleCdcReader;
  /** Binary Reader reads the logs from ASM. */
  readonly asm: boolean;
  /** `exposeViews=true`: DMS reads views, and needs SELECT on ALL_VIEWS. */
  readonly exposeViews: boolean;
}

/**
 * The declarations every grant block starts with: the DMS user, quoted, and `grant_sys(object, privilege)`,
 * which grants on a SYS object with GRANT (self-managed, as SYSDBA) or with the RDS procedure
 * `rdsadmin.rdsadmin_util.grant_sys_object` (RDS, where the master user cannot grant on SYS objects).
 */
function grantDeclarations(rds: boolean, variables: readonly string[] = []): string[] {
  const grantSys = rds
    ? ["        rdsadmin.rdsadmin_util.grant_sys_object(p_object, v_name, p_privilege);"]
    : ["        EXECUTE IMMEDIATE 'GRANT ' || p_privilege || ' ON SYS.' || p_object || ' TO ' || v_user;"];
  return [
    "DECLARE",
    "    v_name VARCHAR2(128) := :dms_user;",
    "    v_user VARCHAR2(130) := '\"' || v_name || '\"';",
    // PL/SQL wants every variable declared before the first subprogram.
    ...variables,
    "    PROCEDURE grant_sys(p_object VARCHAR2, p_privilege VARCHAR2 DEFAULT 'SELECT') IS",
    "    BEGIN",
    ...grantSys,
    "    END;",
  ];
}

/** What every DMS Oracle source needs, full loads included. */
export function dictionaryGrants(options: GrantOptions): Section {
  const lines = [
    options.rds
      ? "-- RDS: the master user grants on SYS objects with rdsadmin.rdsadmin_util.grant_sys_object, as AWS shows."
      : "-- As SYSDBA, on the SYS objects themselves.",
    ...grantDeclarations(options.rds, options.rds ? [] : ["    v_version VARCHAR2(30);"]),
  ];
  lines.push("BEGIN", "    EXECUTE IMMEDIATE 'GRANT SELECT ANY TRANSACTION TO ' || v_user;");
  lines.push(...DICTIONARY_OBJECTS.map((object) => `    grant_sys('${object}');`));
  lines.push("    IF DBMS_DB_VERSION.VERSION >= 12 THEN", "        grant_sys('V_$CONTAINERS');");
  if (options.rds) lines.push("        grant_sys('REGISTRY$SQLPATCH'); -- AWS: Oracle 12.1 and later");
  lines.push("    END IF;");
  if (options.rds) {
    lines.push(
      "    grant_sys('ALL_VIEWS'); -- in AWS's RDS list",
      "    EXECUTE IMMEDIATE 'GRANT SELECT ON DBA_TABLESPACES TO ' || v_user;",
      "    EXECUTE IMMEDIATE 'GRANT EXECUTE ON rdsadmin.rdsadmin_util TO ' || v_user;",
    );
  } else {
    lines.push(
      "    grant_sys('DBA_TABLESPACES');",
      "    -- AWS: DBA_OBJECTS only before Oracle 11.2.0.3.",
      "    SELECT version INTO v_version FROM v$instance;",
      "    IF DBMS_DB_VERSION.VERSION < 11 OR (DBMS_DB_VERSION.VERSION = 11 AND (DBMS_DB_VERSION.RELEASE < 2",
      "        OR TO_NUMBER(REGEXP_SUBSTR(v_version, '[0-9]+', 1, 4)) < 3)) THEN",
      "        grant_sys('DBA_OBJECTS');",
      "    END IF;",
    );
    if (options.exposeViews) lines.push("    grant_sys('ALL_VIEWS'); -- exposeViews=true");
  }
  lines.push(
    "    -- Not granted, since no option here needs them: SELECT on ENC$ (Transparent Data Encryption) and EXECUTE on",
    "    -- DBMS_CRYPTO (validation of LOB columns).",
    "    DBMS_OUTPUT.PUT_LINE('Granted the dictionary access DMS needs to ' || v_name || '.');",
    "END;",
    "/",
  );
  return { title: "Dictionary access every DMS Oracle source needs", lines };
}

/** What the chosen reader needs to read ongoing changes. */
export function changeCaptureGrants(options: GrantOptions): Section {
  const lines = [...grantDeclarations(options.rds), "BEGIN"];
  if (options.reader === "logminer") {
    lines.push(
      "    -- LogMiner: DMS starts LogMiner sessions and reads their contents (V_$LOGMNR_* are granted above).",
      "    grant_sys('DBMS_LOGMNR', 'EXECUTE');",
      "    -- LOGMINING exists from Oracle 12c on.",
      "    IF DBMS_DB_VERSION.VERSION >= 12 THEN",
      "        EXECUTE IMMEDIATE 'GRANT LOGMINING TO ' || v_user;",
      "    END IF;",
    );
  } else if (options.rds) {
    lines.push("    -- Binary Reader: DMS finds the log directories (granted READ in the next section).", "    grant_sys('DBA_DIRECTORIES');");
  } else {
    lines.push(
      "    -- Binary Reader: DMS reads the logs through Oracle directories it finds in DBA_DIRECTORIES, and copies",
      "    -- them with DBMS_FILE_TRANSFER when it uses its CopyToTempFolder method.",
      "    grant_sys('DBA_DIRECTORIES');",
      "    grant_sys('DBMS_FILE_TRANSFER', 'EXECUTE');",
      "    grant_sys('DBMS_FILE_GROUP', 'EXECUTE');",
    );
    if (options.asm) {
      lines.push("    -- ASM: DMS reads the platform of the logs it reads from ASM.", "    grant_sys('V_$TRANSPORTABLE_PLATFORM');");
    } else {
      lines.push(
        "    -- Logs on a file system: DMS creates its own directories (named DMS_...) over the log folders. Without this",
        "    -- privilege, create a directory for every log folder yourself and grant READ on it to the DMS user; DMS",
        "    -- never drops the directories it creates.",
        "    EXECUTE IMMEDIATE 'GRANT CREATE ANY DIRECTORY TO ' || v_user;",
      );
    }
  }
  const reader = options.reader === "logminer" ? "LogMiner" : "Binary Reader";
  lines.push(`    DBMS_OUTPUT.PUT_LINE('Granted what ${reader} needs to ' || v_name || '.');`, "END;", "/");
  return { title: `Change capture with ${reader}: the reader's privileges`, lines };
}
