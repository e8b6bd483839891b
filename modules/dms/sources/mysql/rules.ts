import { Rule } from "../../../core/rules";
import { endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import type { MysqlSourceEndpointProps } from "./endpoint";
import { MAX_BINLOG_RETENTION_HOURS, MYSQL_SSL_MODES } from "./options";

const onRds = (props: MysqlSourceEndpointProps) => (props.hosting ?? "self-managed") === "rds";
const fullLoadsOnly = (props: MysqlSourceEndpointProps) => props.captureChanges === false;
const CAPTURE_ONLY_OPTIONS = ["binlogRetentionHours", "requireBinlogChecksumNone", "eventsPollInterval"] as const;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/");
  } catch {
    return false;
  }
}

/**
 * What a MySQL, MariaDB or Aurora MySQL source refuses (AWS DMS user guide, "Using a MySQL-compatible database as a
 * source", https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html). The endpoint runs this table,
 * and so does the environment-file check, on the same props.
 */
export const MYSQL_SOURCE_RULES: readonly Rule<MysqlSourceEndpointProps>[] = [
  ...endpointRules<MysqlSourceEndpointProps>(MYSQL_SSL_MODES),
  ...serverSourceRules<MysqlSourceEndpointProps>((props) => props),
  {
    path: ["hosting"],
    when: (props) => props.flavor === "aurora-mysql" && !onRds(props),
    message: 'Aurora MySQL always runs on RDS; allowed: "rds"',
  },
  {
    path: ["binlogRetentionHours"],
    when: (props) => props.binlogRetentionHours !== undefined && (!Number.isInteger(props.binlogRetentionHours) || props.binlogRetentionHours < 1),
    message: "must be a whole number of hours, at least 1",
  },
  {
    path: ["binlogRetentionHours"],
    when: (props) => onRds(props) && props.binlogRetentionHours !== undefined && props.binlogRetentionHours > MAX_BINLOG_RETENTION_HOURS[props.flavor ?? "mysql"],
    message: (props) => `RDS keeps binary logs at most ${MAX_BINLOG_RETENTION_HOURS[props.flavor ?? "mysql"]} hours for ${props.flavor ?? "mysql"}`,
  },
  {
    path: ["eventsPollInterval"],
    when: (props) => props.eventsPollInterval !== undefined && (!Number.isInteger(props.eventsPollInterval) || props.eventsPollInterval < 1),
    message: "must be a whole number of seconds, at least 1",
  },
  {
    path: ["serverTimezone"],
    when: (props) => props.serverTimezone !== undefined && !isTimeZone(props.serverTimezone),
    message: 'must be a time zone in Area/Location form, such as "Europe/London"',
  },
  ...CAPTURE_ONLY_OPTIONS.map(
    (option): Rule<MysqlSourceEndpointProps> => ({
      path: [option],
      when: (props) => fullLoadsOnly(props) && props[option] !== undefined && props[option] !== false,
      message: "only applies to change capture, but `captureChanges` is false (full loads only)",
    }),
  ),
];
