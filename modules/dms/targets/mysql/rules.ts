import { Rule } from "../../../core/rules";
import type { TaskSettingsValues } from "../../task-settings";
import { serverTargetRules } from "../../endpoints/server-target";
import type { MysqlTargetEndpointProps } from "./endpoint";
import { MYSQL_DATABASE_NAME, MYSQL_TARGET_SSL_MODES } from "./options";

const specificDatabase = (props: MysqlTargetEndpointProps) => props.targetDbType === "specific-database";
const wholeNumber = (value: number | undefined, min: number, max: number) => value !== undefined && (!Number.isInteger(value) || value < min || value > max);

/**
 * What a MySQL, MariaDB or Aurora MySQL target refuses (AWS DMS user guide, "Using a MySQL-compatible database as a
 * target", https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.MySQL.html). The endpoint runs this table,
 * and so does the environment-file check, on the same props.
 */
export const MYSQL_TARGET_RULES: readonly Rule<MysqlTargetEndpointProps>[] = [
  ...serverTargetRules<MysqlTargetEndpointProps>(MYSQL_TARGET_SSL_MODES, (props) => props.sslMode ?? "require"),
  {
    path: ["hosting"],
    when: (props) => props.flavor === "aurora-mysql" && (props.hosting ?? "self-managed") !== "rds",
    message: 'Aurora MySQL always runs on RDS; allowed: "rds"',
  },
  {
    path: ["databaseName"],
    when: (props) => specificDatabase(props) && props.databaseName === undefined,
    message: 'required with `targetDbType: "specific-database"`: the database every table is written to',
  },
  {
    path: ["databaseName"],
    when: (props) => props.databaseName !== undefined && !MYSQL_DATABASE_NAME.test(props.databaseName),
    message: "must be 1 to 64 letters, digits, _, $ or -",
  },
  {
    path: ["databases"],
    when: (props) => !specificDatabase(props) && (props.databases ?? []).length === 0,
    message: 'list the databases DMS writes to (each source schema, after renames), so the DBA script can grant them; or use `targetDbType: "specific-database"`',
  },
  {
    path: ["databases"],
    when: (props) => specificDatabase(props) && props.databases !== undefined,
    message: 'only applies to `targetDbType: "multiple-databases"`; with "specific-database" every table goes to `databaseName`',
  },
  {
    path: ["databases"],
    when: (props) => (props.databases ?? []).some((name) => !MYSQL_DATABASE_NAME.test(name)),
    message: "each must be 1 to 64 letters, digits, _, $ or -",
  },
  { path: ["parallelLoadThreads"], when: (props) => wholeNumber(props.parallelLoadThreads, 1, 5), message: "must be a whole number of threads, 1 to 5" },
  { path: ["maxFileSize"], when: (props) => wholeNumber(props.maxFileSize, 1, 1048576), message: "must be a whole number of KB, 1 to 1048576 (1 GB)" },
];

/**
 * A MySQL-family target takes the database from the source schema (or `databaseName`): AWS says to leave
 * `TargetMetadata.TargetSchema` empty for it (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.TargetMetadata.html).
 */
export const MYSQL_TARGET_REFUSED_TASK_SETTINGS: readonly Rule<TaskSettingsValues>[] = [
  {
    path: ["TargetMetadata", "TargetSchema"],
    when: (settings) => (settings.TargetMetadata?.TargetSchema ?? "") !== "",
    message: 'must stay empty for a MySQL-family target: name the database with `databaseName` (targetDbType "specific-database") or a rename rule',
  },
];
