import { Construct } from "constructs";
import { IPostgresTargetDatabase } from "../../postgres/postgres-target";
import { EndpointSecret } from "../../secrets/endpoint-secret";
import { CredentialsSecretProps, EndpointCredentials, credentialsSecret } from "./endpoint-credentials";

export const DEFAULT_POSTGRES_PORT = 5432;

/** What both PostgreSQL endpoints know of a server outside this project. */
export interface ExternalPostgresServer {
  readonly serverName: string;
  readonly port?: number;
  readonly credentials: EndpointCredentials;
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
