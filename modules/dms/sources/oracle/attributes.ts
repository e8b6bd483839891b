import {
  DEFAULT_ASM_SERVICE,
  DEFAULT_ORACLE_PORT,
  OracleAsmOptions,
  OracleCdcReader,
  OracleHosting,
  OracleSecondaryOptions,
} from "./options";

/** How an Oracle source is read; rendered into extra connection attributes. */
export interface OracleChangeCaptureOptions extends OracleSecondaryOptions {
  /** @default "logminer" */
  readonly reader?: OracleCdcReader;
  /** @default "self-managed" */
  readonly hosting?: OracleHosting;
  /**
   * Whether the source is prepared for change data capture. False for a source that serves full loads only:
   * tasks reading changes are then refused, and the DBA script sets up no supplemental logging.
   * @default true
   */
  readonly captureChanges?: boolean;
  /** Binary Reader on redo logs kept in ASM (self-managed only). @default - the logs are not read through ASM */
  readonly asm?: OracleAsmOptions;
  /**
   * RDS for Oracle 11.2 or 12.1 with Binary Reader only: the instance's DB name (`ORCL` unless set otherwise),
   * for AWS's path-prefix attributes (`...;oraclePathPrefix=/rdsdbdata/db/<DB NAME>_A/;usePathPrefix=/rdsdbdata/log/;
   * replacePathPrefix=true`). AWS documents only `useLogminerReader=N;useBfile=Y` for RDS for Oracle 12.2, 18c
   * and 19c, and RDS now offers 19c and later only.
   * @default - RDS for Oracle 12.2 or later: no path-prefix attributes
   */
  readonly rdsLegacyPathPrefixDbName?: string;
}

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

function integerIn(value: number | undefined, min: number, max: number): boolean {
  return value === undefined || (Number.isInteger(value) && value >= min && value <= max);
}

/**
 * Invalid combinations of reader, hosting and options, one message each (AWS DMS user guide, Oracle as a
 * source: https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.Oracle.html). Empty when the options can work.
 */
export function oracleOptionProblems(options: OracleChangeCaptureOptions): string[] {
  const problems: string[] = [];
  const rds = (options.hosting ?? "self-managed") === "rds";
  const binaryReader = options.reader === "binary-reader";
  const { asm } = options;

  if (options.captureChanges === false) {
    if (options.reader === "binary-reader") {
      problems.push('`reader: "binary-reader"` reads ongoing changes, but `captureChanges` is false (full loads only)');
    }
    for (const option of CHANGE_CAPTURE_OPTIONS) {
      if (options[option] !== undefined) {
        problems.push(`\`${option}\` only applies to change capture, but \`captureChanges\` is false (full loads only)`);
      }
    }
  }
  if (asm !== undefined) {
    if (!binaryReader) {
      problems.push('`asm` settings only apply to Binary Reader (`reader: "binary-reader"`); LogMiner reads ASM-stored logs through the database itself');
    }
    if (rds) problems.push("RDS for Oracle has no ASM that DMS can reach (DMS does not support an ASM proxy to RDS); remove `asm`");
    if (!ATTRIBUTE_VALUE.test(asm.user)) problems.push(`\`asm.user\` "${asm.user}" must be a user name without spaces, ";" or "="`);
    if (!ATTRIBUTE_VALUE.test(asm.server) || asm.server.includes(":") || asm.server.includes("/")) {
      problems.push(`\`asm.server\` "${asm.server}" must be a host name or IPv4 address (give the port as \`asm.port\`)`);
    }
    if (!integerIn(asm.port, 1, 65535)) problems.push(`\`asm.port\` ${asm.port} is not a TCP port`);
    if (asm.serviceName !== undefined && !ATTRIBUTE_VALUE.test(asm.serviceName)) {
      problems.push(`\`asm.serviceName\` "${asm.serviceName}" must be a service name without spaces, ";" or "="`);
    }
    if (asm.passwordParameterName.length === 0) problems.push("`asm.passwordParameterName` is empty");
  }
  for (const option of ["parallelAsmReadThreads", "readAheadBlocks"] as const) {
    if (options[option] !== undefined && asm === undefined) {
      problems.push(`\`${option}\` tunes Binary Reader on ASM, but no \`asm\` is configured`);
    }
  }
  if (!integerIn(options.parallelAsmReadThreads, 2, 8)) {
    problems.push(`\`parallelAsmReadThreads\` ${options.parallelAsmReadThreads} must be a whole number from 2 to 8`);
  }
  if (!integerIn(options.readAheadBlocks, 1000, 200000)) {
    problems.push(`\`readAheadBlocks\` ${options.readAheadBlocks} must be a whole number from 1000 to 200000`);
  }
  if (options.rdsLegacyPathPrefixDbName !== undefined) {
    if (!rds || !binaryReader) {
      problems.push('`rdsLegacyPathPrefixDbName` only applies to Binary Reader on RDS for Oracle (`hosting: "rds"`, `reader: "binary-reader"`)');
    }
    if (!RDS_DB_NAME.test(options.rdsLegacyPathPrefixDbName)) {
      problems.push(`\`rdsLegacyPathPrefixDbName\` "${options.rdsLegacyPathPrefixDbName}" is not an RDS for Oracle DB name (a letter, then up to 7 letters or digits)`);
    }
  }
  // LOG_ARCHIVE_DEST_1 to LOG_ARCHIVE_DEST_31.
  for (const option of ["archivedLogDestId", "additionalArchivedLogDestId"] as const) {
    if (!integerIn(options[option], 1, 31)) problems.push(`\`${option}\` ${options[option]} must be an archive destination id from 1 to 31`);
  }
  if (options.additionalArchivedLogDestId !== undefined) {
    if (options.archivedLogDestId === undefined) {
      problems.push("`additionalArchivedLogDestId` is used together with `archivedLogDestId`; set both");
    } else if (options.additionalArchivedLogDestId === options.archivedLogDestId) {
      problems.push("`additionalArchivedLogDestId` must name another destination than `archivedLogDestId`");
    }
  }
  if (!integerIn(options.numberDataTypeScale, -2, 38)) {
    problems.push(`\`numberDataTypeScale\` ${options.numberDataTypeScale} must be a whole number from 0 to 38, or -1 (FLOAT) or -2 (VARCHAR)`);
  }
  if (options.useDirectPathFullLoad !== undefined) {
    problems.push("`useDirectPathFullLoad` is a setting of Oracle targets (direct-path loads into Oracle tables); it does nothing on a source");
  }
  return problems;
}

const yesNo = (value: boolean): string => (value ? "Y" : "N");

/**
 * The `extra_connection_attributes` string: provider 5.100.0 has no `oracle_settings` block, so every option
 * travels here, named as in AWS's attribute table. LogMiner is DMS's default and needs no attribute. The order
 * is fixed so the string, and therefore the plan, never changes by itself.
 */
export function oracleConnectionAttributes(options: OracleChangeCaptureOptions): string {
  const attributes: [string, string][] = [];
  if (options.reader === "binary-reader") {
    attributes.push(["useLogminerReader", "N"], ["useBfile", "Y"]);
    if (options.rdsLegacyPathPrefixDbName !== undefined) {
      // AWS's attributes for Binary Reader on RDS for Oracle 11.2 and 12.1 (`{$DATABASE_NAME}` is the DB name).
      attributes.push(
        ["accessAlternateDirectly", "false"],
        ["useAlternateFolderForOnline", "true"],
        ["oraclePathPrefix", `/rdsdbdata/db/${options.rdsLegacyPathPrefixDbName.toUpperCase()}_A/`],
        ["usePathPrefix", "/rdsdbdata/log/"],
        ["replacePathPrefix", "true"],
      );
    }
  }
  const { asm } = options;
  if (asm !== undefined) {
    attributes.push(
      ["asm_user", asm.user],
      ["asm_server", `${asm.server}:${asm.port ?? DEFAULT_ORACLE_PORT}/${asm.serviceName ?? DEFAULT_ASM_SERVICE}`],
    );
  }
  if (options.parallelAsmReadThreads !== undefined) attributes.push(["parallelASMReadThreads", String(options.parallelAsmReadThreads)]);
  if (options.readAheadBlocks !== undefined) attributes.push(["readAheadBlocks", String(options.readAheadBlocks)]);
  if (options.archivedLogDestId !== undefined) attributes.push(["archivedLogDestId", String(options.archivedLogDestId)]);
  if (options.additionalArchivedLogDestId !== undefined) {
    attributes.push(["additionalArchivedLogDestId", String(options.additionalArchivedLogDestId)]);
  }
  if (options.archivedLogsOnly !== undefined) attributes.push(["archivedLogsOnly", yesNo(options.archivedLogsOnly)]);
  if (options.addSupplementalLogging !== undefined) attributes.push(["addSupplementalLogging", yesNo(options.addSupplementalLogging)]);
  if (options.readTableSpaceName !== undefined) attributes.push(["readTableSpaceName", String(options.readTableSpaceName)]);
  if (options.numberDataTypeScale !== undefined) attributes.push(["numberDataTypeScale", String(options.numberDataTypeScale)]);
  if (options.exposeViews !== undefined) attributes.push(["exposeViews", String(options.exposeViews)]);
  if (options.allowSelectNestedTables !== undefined) attributes.push(["allowSelectNestedTables", String(options.allowSelectNestedTables)]);
  // `useDirectPathFullLoad` is refused by oracleOptionProblems and never rendered.
  return attributes.map(([key, value]) => `${key}=${value}`).join(";");
}
