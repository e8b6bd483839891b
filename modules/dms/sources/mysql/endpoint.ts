import { Construct } from "constructs";
import { ServerSourceBaseProps, ServerSourceEndpoint } from "../../endpoints/server-source-endpoint";
import { MysqlSourceAttributes, mysqlConnectionAttributes } from "./attributes";
import {
  DEFAULT_BINLOG_RETENTION_HOURS,
  DEFAULT_MYSQL_PORT,
  MYSQL_ENGINE_NAMES,
  MysqlFlavor,
  MysqlHosting,
  MysqlSslMode,
} from "./options";
import { mysqlPreparationSql } from "./preparation/script";
import { MYSQL_SOURCE_RULES } from "./rules";
import { scriptPasswordSource } from "../../endpoints/endpoint-credentials";

export interface MysqlSourceEndpointProps extends Omit<ServerSourceBaseProps, "sslMode" | "databaseName">, MysqlSourceAttributes {
  /** The DMS endpoint id, such as `source-orders-mysql`. */
  readonly endpointId: string;
  /** @default "mysql" */
  readonly flavor?: MysqlFlavor;
  /** @default "self-managed" */
  readonly hosting?: MysqlHosting;
  /** IP address or host name of the server (for Aurora, the cluster's writer endpoint). */
  readonly serverName: string;
  /** @default 3306 */
  readonly port?: number;
  /** @default "require" */
  readonly sslMode?: MysqlSslMode;
  /** Whether the source is prepared for change capture (binary log reading); false serves full loads only. @default true */
  readonly captureChanges?: boolean;
  /** Hours of binary logs the DBA script makes the server keep, at least. @default 24 */
  readonly binlogRetentionHours?: number;
  /**
   * Require `binlog_checksum=NONE`, which DMS 3.4.7 and earlier need. The engine versions this library accepts
   * (3.5.4 and later) read checksummed binary logs, so it is only for a source shared with an older DMS.
   * @default false
   */
  readonly requireBinlogChecksumNone?: boolean;
}

/**
 * A MySQL, MariaDB or Aurora MySQL source endpoint, read from the binary log for change capture. Its options are
 * typed and rendered into `extra_connection_attributes` (provider 5.100.0 has no `mysql_settings`); impossible
 * combinations stop synth. Credentials reach DMS through a Secrets Manager secret, never through state. Synth
 * writes the SQL the source's DBA must run (binary log settings, the login and its grants on exactly the
 * selected tables) to `dba/<endpoint id>.sql` next to the stack.
 */
export class MysqlSourceEndpoint extends ServerSourceEndpoint<MysqlSourceEndpointProps> {
  readonly flavor: MysqlFlavor;
  readonly hosting: MysqlHosting;
  /** A MySQL endpoint names no database: DMS reads the databases the task's selection rules name. */
  declare readonly databaseName: undefined;

  constructor(scope: Construct, id: string, props: MysqlSourceEndpointProps) {
    const flavor = props.flavor ?? "mysql";
    super(scope, id, props, (checked) => ({
      engineName: MYSQL_ENGINE_NAMES[flavor],
      label: "MySQL source",
      defaultPort: DEFAULT_MYSQL_PORT,
      defaultSslMode: "require",
      rules: MYSQL_SOURCE_RULES,
      extraConnectionAttributes: mysqlConnectionAttributes(checked),
      capturesChanges: checked.captureChanges ?? true,
    }));
    this.flavor = flavor;
    this.hosting = props.hosting ?? "self-managed";
  }

  /** The SQL the source's DBA must run for the tables the tasks read and whether any of them captures changes. */
  preparationScript(): string {
    const { props } = this;
    return mysqlPreparationSql({
      ...this.serverScriptInput(),
      flavor: this.flavor,
      hosting: this.hosting,
      requireSsl: this.sslMode !== "none",
      ...scriptPasswordSource(props.credentials),
      binlogRetentionHours: props.binlogRetentionHours ?? DEFAULT_BINLOG_RETENTION_HOURS,
      requireBinlogChecksumNone: props.requireBinlogChecksumNone ?? false,
    });
  }
}
