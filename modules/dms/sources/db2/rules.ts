import { Rule } from "../../../core/rules";
import { endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import type { Db2SourceEndpointProps } from "./endpoint";
import { DB2_LSN, DB2_SSL_MODES } from "./options";

const onZos = (props: Db2SourceEndpointProps) => props.platform === "zos";
const fullLoadsOnly = (props: Db2SourceEndpointProps) => onZos(props) || props.captureChanges === false;
const CAPTURE_ONLY_OPTIONS = ["currentLsn", "maxKBytesPerRead", "setDataCaptureChanges", "archiveLogRetentionHours"] as const;

/**
 * What a Db2 source refuses (AWS DMS user guide: Db2 LUW, https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.DB2.html;
 * Db2 for z/OS, https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.DB2zOS.html). The endpoint runs this
 * table, and so does the environment-file check, on the same props.
 */
export const DB2_SOURCE_RULES: readonly Rule<Db2SourceEndpointProps>[] = [
  ...endpointRules<Db2SourceEndpointProps>(DB2_SSL_MODES),
  ...serverSourceRules<Db2SourceEndpointProps>((props) => props),
  {
    path: ["certificateArn"],
    when: (props) => (props.sslMode ?? "verify-ca") === "verify-ca" && props.certificateArn === undefined,
    message:
      'required with `sslMode: "verify-ca"` (the default): DMS encrypts Db2 connections only with the server\'s certificate imported into DMS; give it, or set `sslMode: "none"` to connect unencrypted',
  },
  {
    path: ["captureChanges"],
    when: (props) => onZos(props) && props.captureChanges === true,
    message: "DMS reads Db2 for z/OS in full loads only (no change data capture); allowed: false",
  },
  {
    path: ["hosting"],
    when: (props) => onZos(props) && props.hosting === "rds",
    message: 'Amazon RDS runs Db2 LUW only; allowed: "self-managed"',
  },
  {
    path: ["currentLsn"],
    when: (props) => props.currentLsn !== undefined && !DB2_LSN.test(props.currentLsn),
    message: 'must be a log sequence number in hexadecimal (12 to 32 digits) or "scan"',
  },
  {
    path: ["maxKBytesPerRead"],
    when: (props) => props.maxKBytesPerRead !== undefined && (!Number.isInteger(props.maxKBytesPerRead) || props.maxKBytesPerRead < 1),
    message: "must be a whole number of kilobytes, at least 1",
  },
  {
    path: ["archiveLogRetentionHours"],
    when: (props) => props.archiveLogRetentionHours !== undefined && (props.hosting ?? "self-managed") !== "rds",
    message: 'sets RDS for Db2\'s archive log retention (rdsadmin.set_archive_log_retention); a self-managed server keeps its own logs: needs `hosting: "rds"`',
  },
  {
    path: ["archiveLogRetentionHours"],
    when: (props) => props.archiveLogRetentionHours !== undefined && (!Number.isInteger(props.archiveLogRetentionHours) || props.archiveLogRetentionHours < 1),
    message: "must be a whole number of hours, at least 1",
  },
  ...CAPTURE_ONLY_OPTIONS.map(
    (option): Rule<Db2SourceEndpointProps> => ({
      path: [option],
      when: (props) => fullLoadsOnly(props) && props[option] !== undefined,
      message: (props) =>
        onZos(props) ? "only applies to change capture, which DMS does not do for Db2 for z/OS" : "only applies to change capture, but `captureChanges` is false (full loads only)",
    }),
  ),
];
