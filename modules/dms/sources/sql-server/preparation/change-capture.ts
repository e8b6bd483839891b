import { TableSelection } from "../../../table-selection";
import { Section, nLiteral, raise, selectionPredicate } from "./tsql";

// The change-capture sections of the DBA preparation script
// (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SQLServer.CDC.html). Their batches end with GO.

/** Session temp table holding the selected tables, so the later batches all see the same set. */
export const SELECTED_TABLES = "#dms_selected_tables";

/** One day, AWS's value: the RDS capture job then leaves a day of changes in the log for DMS. */
export const POLLING_INTERVAL = 86399;

/** The source database, as an identifier and as a literal. */
export interface SourceDatabase {
  /** `[name]` */
  readonly identifier: string;
  /** `N'name'` */
  readonly literal: string;
}

/** Stops the script unless a distributor exists, with Microsoft's procedures as commented-out guidance. */
export function distributorCheck(): string[] {
  return [
    "-- MS-Replication needs a distributor, configured once per instance (AWS DMS user guide). A NULL distribution server",
    "-- from sp_get_distributor means there is none. To configure one, in SSMS right-click Replication >",
    "-- Configure Distribution and accept the defaults, or run Microsoft's procedures (not executed here):",
    "--   DECLARE @server sysname = @@SERVERNAME;",
    "--   EXEC sys.sp_adddistributor @distributor = @server;",
    "--   EXEC sys.sp_adddistributiondb @database = N'distribution', @security_mode = 1;",
    "--   EXEC sys.sp_adddistpublisher @publisher = @server, @distribution_db = N'distribution', @security_mode = 1;",
    "DECLARE @distributor TABLE (",
    "    installed int NULL,",
    "    distribution_server sysname NULL,",
    "    distribution_db_installed int NULL,",
    "    is_distribution_publisher int NULL,",
    "    has_remote_distribution_publisher int NULL",
    ");",
    "INSERT INTO @distributor EXEC sys.sp_get_distributor;",
    "IF NOT EXISTS (SELECT 1 FROM @distributor WHERE distribution_server IS NOT NULL)",
    ...raise(
      "No distributor is configured on this instance. Configure distribution (SSMS: Replication > Configure Distribution, defaults; or sp_adddistributor, sp_adddistributiondb, sp_adddistpublisher as shown in this script), then run this script again.",
    ),
    "GO",
  ];
}

/**
 * Resolves the selection rules against `sys.tables` into {@link SELECTED_TABLES}, with whether each table has
 * a primary key or a unique index MS-CDC can use, and stops when nothing matches.
 */
export function selectedTables(db: SourceDatabase, selections: readonly TableSelection[]): Section {
  return {
    title: "The tables the DMS tasks select",
    lines: [
      "-- DMS's % wildcard matches like LIKE's %. DMS's _ and [ are literal, so they are bracketed in the patterns.",
      "-- Exclude rules win over include rules, as in DMS.",
      `USE ${db.identifier};`,
      "GO",
      `IF OBJECT_ID(N'tempdb..${SELECTED_TABLES}') IS NOT NULL DROP TABLE ${SELECTED_TABLES};`,
      "SELECT",
      "    s.name AS schema_name,",
      "    t.name AS table_name,",
      "    t.object_id,",
      "    CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.indexes AS pk WHERE pk.object_id = t.object_id AND pk.is_primary_key = 1)",
      "        THEN 1 ELSE 0 END AS bit) AS has_primary_key,",
      "    -- MS-CDC net changes need a unique index whose key columns are NOT NULL (SQL Server error 22838).",
      "    (SELECT TOP (1) i.name FROM sys.indexes AS i",
      "        WHERE i.object_id = t.object_id AND i.is_unique = 1 AND i.is_primary_key = 0",
      "            AND i.has_filter = 0 AND i.is_disabled = 0 AND i.is_hypothetical = 0",
      "            AND NOT EXISTS (",
      "                SELECT 1 FROM sys.index_columns AS ic",
      "                JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id",
      "                WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id",
      "                    AND ic.is_included_column = 0 AND c.is_nullable = 1)",
      "        ORDER BY i.index_id) AS unique_index_name",
      `INTO ${SELECTED_TABLES}`,
      "FROM sys.tables AS t",
      "JOIN sys.schemas AS s ON s.schema_id = t.schema_id",
      "WHERE t.is_ms_shipped = 0",
      "    AND s.name <> N'cdc'",
      ...selectionPredicate(selections, "s.name", "t.name", "    "),
      ";",
      `SELECT schema_name, table_name, has_primary_key, unique_index_name FROM ${SELECTED_TABLES} ORDER BY schema_name, table_name;`,
      `IF NOT EXISTS (SELECT 1 FROM ${SELECTED_TABLES})`,
      ...raise(
        `No table in ${db.identifier} matches the selection rules. Check the database and the rules (names are matched with the database collation).`,
      ),
      "GO",
    ],
  };
}

export interface PublicationOptions {
  readonly db: SourceDatabase;
  /** The DMS login is sysadmin: DMS creates the publication itself. */
  readonly dmsLoginIsSysadmin: boolean;
  /** `EXCLUSIVE_AUTOMATIC_TRUNCATION`: no Log Reader Agent, DMS truncates the log itself. */
  readonly exclusiveTruncation: boolean;
  /** The publication's description. */
  readonly description: string;
}

// AWS: AR_PUBLICATION_0000<DBID> (four zeros) when DBID < 10, otherwise AR_PUBLICATION_000<DBID>.
const PUBLICATION_NAME =
  "DECLARE @publication sysname = N'AR_PUBLICATION_' + CASE WHEN DB_ID() < 10 THEN N'0000' ELSE N'000' END + CAST(DB_ID() AS nvarchar(10));";

/** The MS-Replication publication for the selected tables with a primary key, unless DMS makes it. */
export function publication(options: PublicationOptions): Section {
  const title = "MS-Replication: the publication for tables with a primary key";
  if (options.dmsLoginIsSysadmin) {
    return {
      title,
      lines: [
        "-- The DMS login is sysadmin, so DMS creates the publication AR_PUBLICATION_000<DBID> itself for the selected tables",
        "-- with a primary key when the task starts (the distributor checked above must exist). Nothing to do here.",
        "-- The publication stays when the task is deleted; a sysadmin must drop it (AWS DMS user guide).",
      ],
    };
  }
  const logReader = options.exclusiveTruncation
    ? [
        "    -- No Log Reader Agent: with EXCLUSIVE_AUTOMATIC_TRUNCATION DMS marks the log itself (sp_repldone), which only",
        "    -- works while no replication agent reads this database.",
      ]
    : [
        "    -- The Log Reader Agent marks the log as read so that it can be truncated. It runs as the SQL Server Agent",
        "    -- service account and impersonates it to connect (no @job_login), as AWS's wizard steps choose.",
        "    EXEC sys.sp_addlogreader_agent @publisher_security_mode = 1;",
      ];
  return {
    title,
    lines: [
      "-- The DMS login is not sysadmin, so the publication is made here, as AWS's New Publication wizard steps make it",
      "-- (AWS DMS user guide). DMS finds it by name: AR_PUBLICATION_000<DBID>. It stays when the DMS task is deleted.",
      `USE ${options.db.identifier};`,
      "GO",
      "IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND is_published = 1)",
      "BEGIN",
      `    EXEC sys.sp_replicationdboption @dbname = ${options.db.literal}, @optname = N'publish', @value = N'true';`,
      ...logReader,
      "END;",
      "GO",
      PUBLICATION_NAME,
      "IF NOT EXISTS (SELECT 1 FROM dbo.syspublications WHERE name = @publication)",
      "BEGIN",
      "    EXEC sys.sp_addpublication",
      "        @publication = @publication,",
      `        @description = ${nLiteral(options.description)},`,
      "        @sync_method = N'concurrent',",
      "        @repl_freq = N'continuous',",
      "        @status = N'active',",
      "        @allow_push = N'true',",
      "        @allow_pull = N'true',",
      "        @independent_agent = N'true',",
      "        @immediate_sync = N'true',",
      "        @replicate_ddl = 1;",
      "    EXEC sys.sp_addpublication_snapshot @publication = @publication, @publisher_security_mode = 1;",
      "END;",
      "GO",
      "-- An article for every selected table with a primary key; tables without one are captured through MS-CDC below.",
      PUBLICATION_NAME,
      "DECLARE @schema sysname, @table sysname, @article sysname, @added int = 0;",
      "DECLARE dms_articles CURSOR LOCAL FAST_FORWARD FOR",
      `    SELECT d.schema_name, d.table_name FROM ${SELECTED_TABLES} AS d`,
      "    WHERE d.has_primary_key = 1",
      "        AND NOT EXISTS (",
      "            SELECT 1 FROM dbo.sysarticles AS a",
      "            JOIN dbo.syspublications AS p ON p.pubid = a.pubid",
      "            WHERE p.name = @publication AND a.objid = d.object_id)",
      "    ORDER BY d.schema_name, d.table_name;",
      "OPEN dms_articles;",
      "FETCH NEXT FROM dms_articles INTO @schema, @table;",
      "WHILE @@FETCH_STATUS = 0",
      "BEGIN",
      "    SET @article = LEFT(@schema + N'_' + @table, 128);",
      "    EXEC sys.sp_addarticle @publication = @publication, @article = @article,",
      "        @source_owner = @schema, @source_object = @table, @type = N'logbased';",
      "    PRINT N'Published ' + QUOTENAME(@schema) + N'.' + QUOTENAME(@table) + N' in ' + @publication;",
      "    SET @added += 1;",
      "    FETCH NEXT FROM dms_articles INTO @schema, @table;",
      "END;",
      "CLOSE dms_articles;",
      "DEALLOCATE dms_articles;",
      "-- AWS's steps create a snapshot immediately. DMS itself does not need it, so a failure is only reported.",
      "IF @added > 0",
      "BEGIN",
      "    BEGIN TRY",
      "        EXEC sys.sp_startpublication_snapshot @publication = @publication;",
      "    END TRY",
      "    BEGIN CATCH",
      "        PRINT N'WARNING: the snapshot agent did not start: ' + ERROR_MESSAGE();",
      "    END CATCH;",
      "END;",
      "GO",
    ],
  };
}

export interface MsCdcOptions {
  readonly db: SourceDatabase;
  readonly rds: boolean;
  /** MS-Replication mode: only the selected tables without a primary key need MS-CDC. */
  readonly onlyTablesWithoutPrimaryKey: boolean;
  /** `setUpMsCdcForTables=true`: DMS enables MS-CDC itself. */
  readonly dmsEnablesCdc: boolean;
}

/** MS-CDC on the database and on the selected tables (all, or those without a primary key). */
export function msCdc(options: MsCdcOptions): Section {
  const { db } = options;
  const withoutPk = options.onlyTablesWithoutPrimaryKey;
  const which = withoutPk ? "the selected tables without a primary key" : "every selected table";
  const title = withoutPk ? "MS-CDC for the selected tables without a primary key" : "MS-CDC on the database and every selected table";
  if (options.dmsEnablesCdc) {
    return {
      title,
      lines: [
        `-- setUpMsCdcForTables=true: DMS enables MS-CDC itself on the database and on ${which} when the task`,
        "-- starts (DMS 3.4.7 or later). That needs the DMS login to be sysadmin, so nothing is enabled here; the grants",
        "-- above stay, because DMS still reads with them.",
        ...(options.rds ? [] : ["-- SQL Server Agent must run: the capture and cleanup jobs are Agent jobs."]),
      ],
    };
  }
  const enableDatabase = options.rds
    ? [
        "-- RDS: the master user enables MS-CDC with the RDS procedure instead of sys.sp_cdc_enable_db.",
        "USE [master];",
        "GO",
        `IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE name = ${db.literal} AND is_cdc_enabled = 1)`,
        `    EXEC msdb.dbo.rds_cdc_enable_db ${db.literal};`,
        "GO",
        `USE ${db.identifier};`,
        "GO",
      ]
    : [
        "-- sys.sp_cdc_enable_db needs sysadmin (Microsoft); a schema or user already named cdc blocks it.",
        ...(withoutPk ? ["-- Only needed when a selected table has no primary key."] : []),
        `USE ${db.identifier};`,
        "GO",
        "IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND is_cdc_enabled = 1)",
        ...(withoutPk ? [`    AND EXISTS (SELECT 1 FROM ${SELECTED_TABLES} WHERE has_primary_key = 0)`] : []),
        "    EXEC sys.sp_cdc_enable_db;",
        "GO",
      ];
  return {
    title,
    lines: [
      ...enableDatabase,
      `-- MS-CDC on ${withoutPk ? "each selected table without a primary key" : "each selected table"} not yet tracked, with`,
      "-- @role_name = NULL (no gating role; DMS reads as db_owner). A primary key or a NOT NULL unique index allows",
      "-- net changes; other tables get the plain form (AWS DMS user guide).",
      "DECLARE @schema sysname, @table sysname, @has_primary_key bit, @unique_index sysname;",
      "DECLARE dms_cdc_tables CURSOR LOCAL FAST_FORWARD FOR",
      `    SELECT d.schema_name, d.table_name, d.has_primary_key, d.unique_index_name FROM ${SELECTED_TABLES} AS d`,
      "    JOIN sys.tables AS t ON t.object_id = d.object_id",
      `    WHERE t.is_tracked_by_cdc = 0${withoutPk ? " AND d.has_primary_key = 0" : ""}`,
      "    ORDER BY d.schema_name, d.table_name;",
      "OPEN dms_cdc_tables;",
      "FETCH NEXT FROM dms_cdc_tables INTO @schema, @table, @has_primary_key, @unique_index;",
      "WHILE @@FETCH_STATUS = 0",
      "BEGIN",
      "    IF @has_primary_key = 1",
      "        EXEC sys.sp_cdc_enable_table @source_schema = @schema, @source_name = @table, @role_name = NULL,",
      "            @supports_net_changes = 1;",
      "    ELSE IF @unique_index IS NOT NULL",
      "        EXEC sys.sp_cdc_enable_table @source_schema = @schema, @source_name = @table, @role_name = NULL,",
      "            @index_name = @unique_index, @supports_net_changes = 1;",
      "    ELSE",
      "        EXEC sys.sp_cdc_enable_table @source_schema = @schema, @source_name = @table, @role_name = NULL;",
      "    PRINT N'MS-CDC enabled on ' + QUOTENAME(@schema) + N'.' + QUOTENAME(@table);",
      "    FETCH NEXT FROM dms_cdc_tables INTO @schema, @table, @has_primary_key, @unique_index;",
      "END;",
      "CLOSE dms_cdc_tables;",
      "DEALLOCATE dms_cdc_tables;",
      "GO",
    ],
  };
}

/** RDS: a one-day capture-job polling interval, so changes stay in the log until DMS has read them. */
export function rdsCaptureJob(db: SourceDatabase, multiAz: boolean): Section {
  const lines = [
    `-- The capture job marks the log as read; polling once a day (${POLLING_INTERVAL} s) leaves a day of changes for DMS.`,
    "-- If a DMS task stops for more than about an hour: stop the capture job, resume the task, wait until",
    "-- CDCLatencySource is 0, then start the capture job again, or the log fills up (AWS DMS user guide).",
    "-- If the log keeps growing with log_reuse_wait_desc = REPLICATION, raise @maxtrans and @maxscans with",
    "-- sys.sp_cdc_change_job so that maxtrans x maxscans is about the daily number of changes.",
    `USE ${db.identifier};`,
    "GO",
    "IF NOT EXISTS (SELECT 1 FROM sys.tables WHERE is_tracked_by_cdc = 1)",
    ...raise(`No table in ${db.identifier} has MS-CDC, so there is no capture job to configure.`),
    `EXEC sys.sp_cdc_change_job @job_type = N'capture', @pollinginterval = ${POLLING_INTERVAL};`,
    "-- A restart applies the new interval. Stopping a job that is not running fails, which is fine here.",
    "BEGIN TRY",
    "    EXEC sys.sp_cdc_stop_job @job_type = N'capture';",
    "    WAITFOR DELAY '00:00:05'; -- the stop request is asynchronous",
    "END TRY",
    "BEGIN CATCH",
    "    PRINT N'The capture job was not running: ' + ERROR_MESSAGE();",
    "END CATCH;",
    "EXEC sys.sp_cdc_start_job @job_type = N'capture';",
    "GO",
  ];
  if (multiAz) {
    lines.push(
      "-- Multi-AZ: store the interval for the standby too, so it still applies after a failover.",
      `EXEC rdsadmin..rds_set_configuration N'cdc_capture_pollinginterval', ${POLLING_INTERVAL};`,
      "GO",
    );
  }
  lines.push(
    "-- KB4459220: some SQL Server builds turn an interval above 3599 s into 5 s, and DMS then loses changes. Check",
    "-- the stored value, and compare the build printed below with the builds the KB lists as fixed.",
    "IF EXISTS (",
    "    SELECT 1 FROM msdb.dbo.cdc_jobs",
    `    WHERE database_id = DB_ID() AND job_type = N'capture' AND pollinginterval <> ${POLLING_INTERVAL}`,
    ")",
    ...raise(
      `The capture job's polling interval is not ${POLLING_INTERVAL} s: this SQL Server build resets it (KB4459220). Apply the cumulative update that fixes KB4459220, then run this script again.`,
    ),
    "PRINT N'SQL Server build (check it against KB4459220): ' + CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128));",
    "GO",
  );
  return { title: "RDS: keep changes in the log until DMS has read them", lines };
}
