import { Construct } from "constructs";
import { ServerTargetEndpoint, ServerTargetProps } from "../../endpoints/server-target";
import {
  DEFAULT_MYSQL_TARGET_PORT,
  MYSQL_TARGET_ENGINE_NAMES,
  MysqlTargetAttributes,
  MysqlTargetFlavor,
  MysqlTargetHosting,
  MysqlTargetSslMode,
  mysqlTargetAttributes,
} from "./options";
import { mysqlTargetPreparationSql } from "./preparation/script";
import { MYSQL_TARGET_REFUSED_TASK_SETTINGS, MYSQL_TARGET_RULES } from "./rules";
import { scriptPasswordSource } from "../../endpoints/endpoint-credentials";

export interface MysqlTargetEndpointProps extends ServerTargetProps, MysqlTargetAttributes {
  /** @default "mysql" */
  readonly flavor?: MysqlTargetFlavor;
  /** @default "self-managed" */
  readonly hosting?: MysqlTargetHosting;
  /** @default "require" */
  readonly sslMode?: MysqlTargetSslMode;
  /** The database every table goes to; required with `targetDbType: "specific-database"`. @default - none */
  readonly databaseName?: string;
  /**
   * With `targetDbType: "multiple-databases"` (the default): the databases DMS writes to, one per source schema
   * after renames. The DBA script creates them and grants the login on them only.
   * @default - none (required with "multiple-databases")
   */
  readonly databases?: readonly string[];
}

/**
 * A MySQL, MariaDB or Aurora MySQL target endpoint on a server outside this project. Its typed options go into
 * `extra_connection_attributes` (provider 5.100.0 has no `mysql_settings`), SSL is `require` by default, and synth
 * writes the SQL the target's DBA runs: `local_infile` (DMS loads with LOAD DATA LOCAL INFILE), the login and its
 * grants on exactly the target databases and DMS's control database.
 */
export class MysqlTargetEndpoint extends ServerTargetEndpoint<MysqlTargetEndpointProps> {
  constructor(scope: Construct, id: string, props: MysqlTargetEndpointProps) {
    super(scope, id, props, {
      engineName: (p) => MYSQL_TARGET_ENGINE_NAMES[p.flavor ?? "mysql"],
      label: "MySQL target",
      defaultPort: () => DEFAULT_MYSQL_TARGET_PORT,
      sslMode: (p) => p.sslMode ?? "require",
      databaseName: (p) => p.databaseName,
      extraConnectionAttributes: mysqlTargetAttributes,
      rules: MYSQL_TARGET_RULES,
      refusesTaskSettings: MYSQL_TARGET_REFUSED_TASK_SETTINGS,
      preparationScript: (p, port) =>
        mysqlTargetPreparationSql({
          projectName: p.projectName,
          environment: p.environment,
          endpointId: p.endpointId,
          serverName: p.serverName,
          port,
          flavor: p.flavor ?? "mysql",
          hosting: p.hosting ?? "self-managed",
          requireSsl: (p.sslMode ?? "require") !== "none",
          dmsLogin: p.credentials.username,
          usernameParameterName: p.credentials.usernameParameterName,
          ...scriptPasswordSource(p.credentials),
          databases: p.targetDbType === "specific-database" ? [p.databaseName as string] : [...(p.databases ?? [])],
        }),
    });
  }
}
