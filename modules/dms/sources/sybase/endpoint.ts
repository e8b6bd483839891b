import { Construct } from "constructs";
import { ServerSourceEndpoint, ServerSourceEndpointProps } from "../../endpoints/server-source-endpoint";
import { SybaseSourceAttributes, sybaseConnectionAttributes } from "./attributes";
import { DEFAULT_SYBASE_PORT, SybaseSslMode } from "./options";
import { sybasePreparationScript } from "./preparation/script";
import { SYBASE_SOURCE_RULES } from "./rules";

export interface SybaseSourceEndpointProps extends Omit<ServerSourceEndpointProps, "sslMode">, SybaseSourceAttributes {
  /** @default 5000 */
  readonly port?: number;
  /** @default "require" */
  readonly sslMode?: SybaseSslMode;
  /** Whether the source is prepared for change capture (the replication agent API); false serves full loads only. @default true */
  readonly captureChanges?: boolean;
}

/**
 * An SAP ASE (Sybase) source endpoint, read through ASE's replication API for change capture. Options are typed and
 * rendered into `extra_connection_attributes` (provider 5.100.0 has no `sybase_settings`); the login reaches DMS
 * through a Secrets Manager secret. Synth writes the isql script its DBA runs to `dba/<endpoint id>.sql`: the
 * replication agent threads, the login's roles, the tables marked for replication when DMS does not mark them,
 * and SELECT on the selected tables.
 */
export class SybaseSourceEndpoint extends ServerSourceEndpoint<SybaseSourceEndpointProps> {
  constructor(scope: Construct, id: string, props: SybaseSourceEndpointProps) {
    super(scope, id, props, (checked) => ({
      engineName: "sybase",
      label: "SAP ASE source",
      defaultPort: DEFAULT_SYBASE_PORT,
      defaultSslMode: "require",
      rules: SYBASE_SOURCE_RULES,
      // Written out for change capture, so what DMS does does not hang on its own default.
      extraConnectionAttributes: sybaseConnectionAttributes({
        ...checked,
        enableReplication: checked.captureChanges === false ? undefined : (checked.enableReplication ?? true),
      }),
      capturesChanges: checked.captureChanges !== false,
    }));
  }

  /** The isql script the source's DBA runs for the tables the tasks read. */
  preparationScript(): string {
    const { props } = this;
    return sybasePreparationScript({
      ...this.serverScriptInput(),
      dmsMarksTables: props.enableReplication ?? true,
    });
  }
}
