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
