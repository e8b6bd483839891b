import { Rule } from "../../../core/rules";
import { serverTargetRules } from "../../endpoints/server-target";
import type { TaskSettingsValues } from "../../task-settings";
import type { BabelfishTargetEndpointProps } from "./endpoint";
import { BABELFISH_ALL_SSL_MODES, BABELFISH_DATABASE_NAME, BABELFISH_SSL_MODES } from "./options";

const connectionOf = (props: BabelfishTargetEndpointProps) => props.connection ?? "postgresql";

/**
 * What a Babelfish for Aurora PostgreSQL target refuses (AWS DMS user guide, "Using Babelfish as a target",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Babelfish.html, and the Babelfish part of
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.PostgreSQL.html).
 */
export const BABELFISH_TARGET_RULES: readonly Rule<BabelfishTargetEndpointProps>[] = [
  ...serverTargetRules<BabelfishTargetEndpointProps>(BABELFISH_ALL_SSL_MODES, (props) => props.sslMode ?? "require"),
  {
    path: ["sslMode"],
    when: (props) => !BABELFISH_SSL_MODES[connectionOf(props)].includes(props.sslMode ?? "require"),
    message: (props) => `not supported on the ${connectionOf(props)} connection; allowed: ${BABELFISH_SSL_MODES[connectionOf(props)].join(", ")}`,
  },
  {
    path: ["babelfishDatabaseName"],
    when: (props) => !BABELFISH_DATABASE_NAME.test(props.babelfishDatabaseName),
    message: "must be the T-SQL database's name: letters, digits and _, starting with a letter or _, up to 63",
  },
  {
    path: ["babelfishDatabaseName"],
    when: (props) => ["master", "tempdb", "msdb", "babelfish_db"].includes(props.babelfishDatabaseName.toLowerCase()),
    message: "must be a user database, not master, tempdb, msdb or babelfish_db",
  },
  {
    path: ["credentials", "username"],
    when: (props) => props.credentials.username !== undefined && !BABELFISH_DATABASE_NAME.test(props.credentials.username),
    message: "must be a plain login name: letters, digits and _ (the DBA script writes it in T-SQL)",
  },
];

/**
 * DMS writes to tables created beforehand on Babelfish (it would create a timestamp column as binary(8)), so the
 * only table preparation modes are DO_NOTHING and TRUNCATE_BEFORE_LOAD (both user guide pages above).
 */
export const BABELFISH_REFUSED_TASK_SETTINGS: readonly Rule<TaskSettingsValues>[] = [
  {
    path: ["FullLoadSettings", "TargetTablePrepMode"],
    when: (settings) => settings.FullLoadSettings?.TargetTablePrepMode === "DROP_AND_CREATE",
    message: "a Babelfish target's tables are created beforehand with their T-SQL DDL; allowed: DO_NOTHING, TRUNCATE_BEFORE_LOAD",
  },
];
