import { Rule } from "../../../core/rules";
import { serverTargetRules } from "../../endpoints/server-target";
import type { SqlServerTargetEndpointProps } from "./endpoint";
import { SQLSERVER_NAME, SQLSERVER_TARGET_SSL_MODES } from "./options";

/**
 * What a SQL Server target refuses (AWS DMS user guide, "Using a Microsoft SQL Server database as a target",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.SQLServer.html).
 */
export const SQLSERVER_TARGET_RULES: readonly Rule<SqlServerTargetEndpointProps>[] = [
  ...serverTargetRules<SqlServerTargetEndpointProps>(SQLSERVER_TARGET_SSL_MODES, (props) => props.sslMode ?? "require"),
  { path: ["databaseName"], when: (props) => !SQLSERVER_NAME.test(props.databaseName), message: "must be a plain SQL Server name: letters, digits, _ @ # $ -, starting with a letter or _" },
  {
    path: ["bcpPacketSize"],
    when: (props) => props.bcpPacketSize !== undefined && (!Number.isInteger(props.bcpPacketSize) || props.bcpPacketSize < 1 || props.bcpPacketSize > 100000),
    message: "must be a whole number of bytes, 1 to 100000",
  },
  {
    path: ["bcpPacketSize"],
    when: (props) => props.useBcpFullLoad === false && props.bcpPacketSize !== undefined,
    message: "only applies to BCP loads, but `useBcpFullLoad` is false",
  },
  {
    path: ["controlTablesFileGroup"],
    when: (props) => props.controlTablesFileGroup !== undefined && !SQLSERVER_NAME.test(props.controlTablesFileGroup),
    message: "must be a plain SQL Server name: letters, digits, _ @ # $ -, starting with a letter or _",
  },
  {
    path: ["credentials", "username"],
    when: (props) => props.credentials.username !== undefined && !SQLSERVER_NAME.test(props.credentials.username),
    message: "must be a plain SQL Server login name (the DBA script writes it in brackets)",
  },
];
