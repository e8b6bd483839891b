import { Construct } from "constructs";
import { ServerSourceEndpoint, ServerSourceEndpointProps } from "../../endpoints/server-source-endpoint";
import { Db2ChangeCaptureOptions, db2ConnectionAttributes } from "./attributes";
import { DB2_ENGINE_NAMES, DEFAULT_ARCHIVE_LOG_RETENTION_HOURS, DEFAULT_DB2_PORT, Db2Hosting, Db2Platform, Db2SslMode } from "./options";
import { db2PreparationScript } from "./preparation/script";
import { DB2_SOURCE_RULES } from "./rules";

export interface Db2SourceEndpointProps extends Omit<ServerSourceEndpointProps, "sslMode">, Db2ChangeCaptureOptions {
  /** Db2 for Linux, UNIX and Windows (DMS engine `db2`) or Db2 for z/OS (`db2-zos`, full loads only). @default "luw" */
  readonly platform?: Db2Platform;
  /** @default "self-managed" */
  readonly hosting?: Db2Hosting;
  /** The database (LUW) or location (z/OS) name. */
  readonly databaseName: string;
  /** @default 50000 */
  readonly port?: number;
  /** Db2 takes `none` or `verify-ca` (the server's certificate imported into DMS, `certificateArn`). @default "verify-ca" */
  readonly sslMode?: Db2SslMode;
  /** Whether the source is prepared for change capture; Db2 for z/OS serves full loads only. @default - true for LUW, false for z/OS */
  readonly captureChanges?: boolean;
  /** Hours of archive logs an RDS for Db2 source keeps for DMS (`rdsadmin.set_archive_log_retention`). @default 24 on RDS */
  readonly archiveLogRetentionHours?: number;
}

/**
 * An IBM Db2 source endpoint: Db2 LUW (also RDS for Db2), read from its recoverable logs for change capture, or Db2
 * for z/OS, full loads only. Options are typed and rendered into `extra_connection_attributes` (provider 5.100.0 has no
 * `ibm_db2_settings`); the login reaches DMS through a Secrets Manager secret. Synth writes the Db2 CLP script its DBA
 * runs to `dba/<endpoint id>.sql`: the LOGARCHMETH1 check, the login's authorities, DATA CAPTURE CHANGES when DMS does
 * not set it, and SELECT on the selected tables.
 */
export class Db2SourceEndpoint extends ServerSourceEndpoint<Db2SourceEndpointProps> {
  readonly platform: Db2Platform;
  readonly hosting: Db2Hosting;

  constructor(scope: Construct, id: string, props: Db2SourceEndpointProps) {
    const platform = props.platform ?? "luw";
    super(scope, id, props, (checked) => ({
      engineName: DB2_ENGINE_NAMES[platform],
      label: platform === "zos" ? "Db2 for z/OS source" : "Db2 source",
      defaultPort: DEFAULT_DB2_PORT,
      defaultSslMode: "verify-ca",
      rules: DB2_SOURCE_RULES,
      extraConnectionAttributes: db2ConnectionAttributes(checked),
      capturesChanges: platform === "luw" && checked.captureChanges !== false,
    }));
    this.platform = platform;
    this.hosting = props.hosting ?? "self-managed";
  }

  /** The Db2 CLP script the source's DBA runs for the tables the tasks read. */
  preparationScript(): string {
    const { props } = this;
    return db2PreparationScript({
      ...this.serverScriptInput(),
      platform: this.platform,
      hosting: this.hosting,
      dmsSetsDataCaptureChanges: props.setDataCaptureChanges ?? true,
      archiveLogRetentionHours: props.archiveLogRetentionHours ?? DEFAULT_ARCHIVE_LOG_RETENTION_HOURS,
    });
  }
}
