import { Rule } from "../../../core/rules";
import { isExistingSecret } from "../../endpoints/endpoint-credentials";
import { endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import type { OracleSourceEndpointProps } from "./endpoint";

type Props = OracleSourceEndpointProps;

/** What goes into an attribute value must not end the attribute or the string (`;`), nor start another (`=`). */
const ATTRIBUTE_VALUE = /^[^\s;=]+$/;
const RDS_DB_NAME = /^[A-Za-z][A-Za-z0-9]{0,7}$/;

/** Options that only mean something when DMS reads ongoing changes. */
const CHANGE_CAPTURE_OPTIONS = [
  "addSupplementalLogging",
  "archivedLogDestId",
  "additionalArchivedLogDestId",
  "archivedLogsOnly",
  "parallelAsmReadThreads",
  "readAheadBlocks",
  "asm",
  "rdsLegacyPathPrefixDbName",
] as const;

const onRds = (props: Props) => props.hosting === "rds";
const binaryReader = (props: Props) => props.reader === "binary-reader";
const fullLoadsOnly = (props: Props) => props.captureChanges === false;
const outside = (value: number | undefined, min: number, max: number) => value !== undefined && !(Number.isInteger(value) && value >= min && value <= max);

/**
 * What an Oracle source refuses (AWS DMS user guide, "Using an Oracle database as a source for AWS DMS",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.Oracle.html). The endpoint runs this table, and so
 * does the environment-file check, on the same props.
 */
export const ORACLE_SOURCE_RULES: readonly Rule<Props>[] = [
  ...endpointRules<Props>(["none", "verify-ca"]),
  ...serverSourceRules<Props>((props) => props),
  {
    // DMS encrypts Oracle connections only with an Oracle wallet imported as a DMS certificate.
    path: ["certificateArn"],
    when: (props) => (props.sslMode ?? "verify-ca") === "verify-ca" && props.certificateArn === undefined,
    message: 'required with `sslMode: "verify-ca"` (the default): DMS encrypts Oracle connections only with an Oracle wallet imported as a DMS certificate; give it, or set `sslMode: "none"` to connect unencrypted',
  },
  {
    path: ["reader"],
    when: (props) => fullLoadsOnly(props) && binaryReader(props),
    message: "Binary Reader reads ongoing changes, but `captureChanges` is false (full loads only)",
  },
  ...CHANGE_CAPTURE_OPTIONS.map(
    (option): Rule<Props> => ({
      path: [option],
      when: (props) => fullLoadsOnly(props) && props[option] !== undefined,
      message: "only applies to change capture, but `captureChanges` is false (full loads only)",
    }),
  ),
  {
    path: ["asm"],
    when: (props) => props.asm !== undefined && !binaryReader(props),
    message: 'only applies to Binary Reader (`reader: "binary-reader"`); LogMiner reads ASM-stored logs through the database itself',
  },
  {
    path: ["asm"],
    when: (props) => props.asm !== undefined && onRds(props),
    message: "RDS for Oracle has no ASM that DMS can reach (DMS does not support an ASM proxy to RDS); remove it",
  },
  { path: ["asm", "user"], when: (props) => props.asm !== undefined && !ATTRIBUTE_VALUE.test(props.asm.user), message: 'a user name without spaces, ";" or "="' },
  {
    path: ["asm", "server"],
    when: (props) => props.asm !== undefined && (!ATTRIBUTE_VALUE.test(props.asm.server) || /[:/]/.test(props.asm.server)),
    message: "a host name or IPv4 address (give the port as `asm.port`)",
  },
  { path: ["asm", "port"], when: (props) => outside(props.asm?.port, 1, 65535), message: "not a TCP port; allowed: 1-65535" },
  {
    path: ["asm", "serviceName"],
    when: (props) => props.asm?.serviceName !== undefined && !ATTRIBUTE_VALUE.test(props.asm.serviceName),
    message: 'a service name without spaces, ";" or "="',
  },
  { path: ["asm", "passwordParameterName"], when: (props) => props.asm?.passwordParameterName === "", message: "empty; name the SSM SecureString" },
  {
    // The stack cannot write the ASM password into a secret it does not own: DMS reads both from the secret's password.
    path: ["asm", "passwordParameterName"],
    when: (props) => props.asm !== undefined && isExistingSecret(props.credentials),
    message: "not with `credentials.secretArn`: the stack cannot add the ASM password to a secret it does not own; allowed: SSM credentials with asm",
  },
  ...(["parallelAsmReadThreads", "readAheadBlocks"] as const).map(
    (option): Rule<Props> => ({
      path: [option],
      when: (props) => props[option] !== undefined && props.asm === undefined,
      message: "tunes Binary Reader on ASM, but no `asm` is configured",
    }),
  ),
  { path: ["parallelAsmReadThreads"], when: (props) => outside(props.parallelAsmReadThreads, 2, 8), message: "allowed: a whole number from 2 to 8" },
  { path: ["readAheadBlocks"], when: (props) => outside(props.readAheadBlocks, 1000, 200000), message: "allowed: a whole number from 1000 to 200000" },
  {
    path: ["rdsLegacyPathPrefixDbName"],
    when: (props) => props.rdsLegacyPathPrefixDbName !== undefined && !(onRds(props) && binaryReader(props)),
    message: 'only applies to Binary Reader on RDS for Oracle (`hosting: "rds"`, `reader: "binary-reader"`)',
  },
  {
    path: ["rdsLegacyPathPrefixDbName"],
    when: (props) => props.rdsLegacyPathPrefixDbName !== undefined && !RDS_DB_NAME.test(props.rdsLegacyPathPrefixDbName),
    message: "not an RDS for Oracle DB name (a letter, then up to 7 letters or digits)",
  },
  // LOG_ARCHIVE_DEST_1 to LOG_ARCHIVE_DEST_31.
  ...(["archivedLogDestId", "additionalArchivedLogDestId"] as const).map(
    (option): Rule<Props> => ({ path: [option], when: (props) => outside(props[option], 1, 31), message: "allowed: an archive destination id from 1 to 31" }),
  ),
  {
    path: ["additionalArchivedLogDestId"],
    when: (props) => props.additionalArchivedLogDestId !== undefined && props.archivedLogDestId === undefined,
    message: "used together with `archivedLogDestId`; set both",
  },
  {
    path: ["additionalArchivedLogDestId"],
    when: (props) => props.additionalArchivedLogDestId !== undefined && props.additionalArchivedLogDestId === props.archivedLogDestId,
    message: "must name another destination than `archivedLogDestId`",
  },
  {
    path: ["numberDataTypeScale"],
    when: (props) => outside(props.numberDataTypeScale, -2, 38),
    message: "allowed: a whole number from 0 to 38, or -1 (FLOAT) or -2 (VARCHAR)",
  },
  {
    path: ["useDirectPathFullLoad"],
    when: (props) => props.useDirectPathFullLoad !== undefined,
    message: "a setting of Oracle targets (direct-path loads into Oracle tables); it does nothing on a source",
  },
];
