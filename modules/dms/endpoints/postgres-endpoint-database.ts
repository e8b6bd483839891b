import { Construct } from "constructs";
import { DmsEndpoint, DmsEndpointPostgresSettings } from "@cdktf/provider-aws/lib/dms-endpoint";
import { replaceTrigger } from "../../core/replace-trigger";
import { IPostgresTargetDatabase } from "../../postgres/postgres-target";
import { EndpointSecret } from "../../secrets/endpoint-secret";
import { DmsSslMode } from "./endpoint";
import { CredentialsSecretProps, EndpointLogin, credentialsSecret } from "./endpoint-credentials";

export const DEFAULT_POSTGRES_PORT = 5432;

/** What both PostgreSQL endpoints know of a server outside this project. */
export interface ExternalPostgresServer {
  readonly serverName: string;
  readonly databaseName: string;
  readonly port?: number;
  readonly credentials: EndpointLogin;
}

/** Whether an endpoint's database is one of this project's (wired by reference) rather than an external server. */
export function isProjectDatabase<D extends IPostgresTargetDatabase>(database: D | ExternalPostgresServer): database is D {
  return (database as D).connections !== undefined;
}

/** The endpoint's secret: a project database's master login, or an external server's login from SSM. */
export function postgresEndpointSecret(
  scope: Construct,
  database: IPostgresTargetDatabase | ExternalPostgresServer,
  props: Omit<CredentialsSecretProps, "credentials" | "host" | "port" | "additionalPasswordParameterNames">,
): EndpointSecret {
  return isProjectDatabase(database)
    ? new EndpointSecret(scope, "Credentials", {
        ...props,
        username: database.masterUsername,
        password: database.password,
        host: database.address,
        port: database.port,
      })
    : credentialsSecret(scope, { ...props, credentials: database.credentials, host: database.serverName, port: database.port ?? DEFAULT_POSTGRES_PORT });
}

export interface PostgresDmsEndpointProps {
  readonly endpointType: "source" | "target";
  readonly endpointId: string;
  readonly database: IPostgresTargetDatabase | ExternalPostgresServer;
  readonly secret: EndpointSecret;
  /**
   * Every field given: provider 5.100.0 sends the unset fields of a present block as 0 or false
   * (https://github.com/hashicorp/terraform-provider-aws/issues/47884).
   */
  readonly settings: DmsEndpointPostgresSettings;
  readonly sslMode?: DmsSslMode;
  readonly certificateArn?: string;
  readonly kmsKeyArn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The `aws_dms_endpoint` of a PostgreSQL source or target. Provider 5.100.0 never sends a settings-only change
 * on update (https://github.com/hashicorp/terraform-provider-aws/issues/35834), so a change of `settings` replaces the
 * endpoint instead of being dropped silently.
 */
export function postgresDmsEndpoint(scope: Construct, props: PostgresDmsEndpointProps): DmsEndpoint {
  const { database, secret, settings } = props;
  const settingsTrigger = replaceTrigger(scope, "SettingsTrigger", { postgres_settings: settings });
  return new DmsEndpoint(scope, "Endpoint", {
    endpointId: props.endpointId,
    endpointType: props.endpointType,
    engineName: isProjectDatabase(database) ? database.dmsEngineName : "postgres",
    databaseName: database.databaseName,
    sslMode: props.sslMode ?? "require",
    certificateArn: props.certificateArn,
    kmsKeyArn: props.kmsKeyArn,
    secretsManagerArn: secret.secretArn,
    secretsManagerAccessRoleArn: secret.accessRoleArn,
    postgresSettings: settings,
    tags: props.tags,
    dependsOn: secret.dependables,
    lifecycle: { replaceTriggeredBy: [settingsTrigger] },
  });
}
