import { Rule } from "../../../core/rules";
import { SUPPORTED_SSL_MODES, endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import type { SqlServerSourceEndpointProps } from "./endpoint";

const onRds = (props: SqlServerSourceEndpointProps) => props.hosting === "rds";
const fullLoadsOnly = (props: SqlServerSourceEndpointProps) => props.captureMode === "none";
const CAPTURE_ONLY_OPTIONS = ["safeguardPolicy", "readBackupOnly", "setUpMsCdcForTables", "ignoreMsReplicationEnablement"] as const;

/**
 * What a SQL Server source refuses (AWS DMS user guide, "Using a Microsoft SQL Server database as a source",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SQLServer.html). The endpoint runs this table, and so
 * does the environment-file check, on the same props.
 */
export const SQL_SERVER_SOURCE_RULES: readonly Rule<SqlServerSourceEndpointProps>[] = [
  ...endpointRules<SqlServerSourceEndpointProps>(SUPPORTED_SSL_MODES.sqlserver),
  ...serverSourceRules<SqlServerSourceEndpointProps>((props) => props),
  {
    path: ["captureMode"],
    when: (props) => onRds(props) && props.captureMode === "ms-replication",
    message: 'RDS for SQL Server does not support MS-Replication; allowed: "ms-cdc", "none"',
  },
  {
    path: ["readBackupOnly"],
    when: (props) => onRds(props) && props.readBackupOnly === true,
    message: "needs sysadmin and `sp_repldone`, which RDS for SQL Server does not allow; allowed: false",
  },
  {
    path: ["safeguardPolicy"],
    when: (props) => onRds(props) && props.safeguardPolicy === "EXCLUSIVE_AUTOMATIC_TRUNCATION",
    message: "exclusive truncation is not available on RDS for SQL Server; allowed: RELY_ON_SQL_SERVER_REPLICATION_AGENT",
  },
  {
    path: ["dmsLoginIsSysadmin"],
    when: (props) => onRds(props) && props.dmsLoginIsSysadmin === true,
    message: "RDS for SQL Server has no sysadmin logins; allowed: false",
  },
  {
    path: ["setUpMsCdcForTables"],
    when: (props) => onRds(props) && props.setUpMsCdcForTables === true,
    message: "needs a sysadmin DMS login, which RDS for SQL Server does not have; leave MS-CDC to the DBA script (the master user); allowed: false",
  },
  ...CAPTURE_ONLY_OPTIONS.map(
    (option): Rule<SqlServerSourceEndpointProps> => ({
      path: [option],
      when: (props) => fullLoadsOnly(props) && props[option] !== undefined && props[option] !== false,
      message: 'only applies to change capture, but `captureMode` is "none" (full loads only)',
    }),
  ),
  {
    path: ["ignoreMsReplicationEnablement"],
    when: (props) => props.captureMode === "ms-replication" && props.ignoreMsReplicationEnablement === true,
    message: 'contradicts `captureMode: "ms-replication"`',
  },
  {
    path: ["setUpMsCdcForTables"],
    when: (props) => props.alwaysOn?.readFromSecondary === true && props.setUpMsCdcForTables === true,
    message: "cannot run on a readable secondary (`alwaysOn.readFromSecondary`)",
  },
];
