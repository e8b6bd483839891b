import { IConstruct } from "constructs";
import { ValidationError } from "../../core/errors";
import { hostCidr } from "../../network/peer";
import { DmsSslMode } from "./endpoint";

/** DMS endpoint ids: letters, digits and single hyphens, starting with a letter, not ending with a hyphen. */
export const ENDPOINT_ID = /^[a-zA-Z](?!.*--)(?:[a-zA-Z0-9-]{0,253}[a-zA-Z0-9])?$/;

/** Throws unless `value`, the prop `prop`, is a DMS identifier (endpoints, tasks and replication configs share the rule). */
export function checkIdentifier(scope: IConstruct, prop: string, value: string): void {
  if (!ENDPOINT_ID.test(value)) {
    throw new ValidationError(scope, `\`${prop}\` "${value}" must be letters, digits and single hyphens, starting with a letter`);
  }
}

/** Where DMS may reach a source server: `allowedCidr`, or the server's own address; a host name needs `allowedCidr`. */
export function sourceCidr(scope: IConstruct, serverName: string, allowedCidr: string | undefined): string {
  const cidr = allowedCidr ?? hostCidr(serverName);
  if (cidr === undefined) {
    throw new ValidationError(scope, `\`allowedCidr\` is required when \`serverName\` ("${serverName}") is a host name, to limit where DMS may connect`);
  }
  return cidr;
}

/**
 * The SSL modes each engine supports (AWS DMS user guide, "Using SSL with AWS DMS"): SQL Server has no
 * `verify-ca`, PostgreSQL has them all.
 */
export const SUPPORTED_SSL_MODES = {
  sqlserver: ["none", "require", "verify-full"],
  postgres: ["none", "require", "verify-ca", "verify-full"],
} as const satisfies Record<string, readonly DmsSslMode[]>;

/** An SSL mode the engine supports; the `verify-*` modes check the server against a CA certificate, so they need one. */
export function checkSsl(
  scope: IConstruct,
  sslMode: DmsSslMode | undefined,
  certificateArn: string | undefined,
  supported: readonly DmsSslMode[] = SUPPORTED_SSL_MODES.postgres,
): void {
  if (sslMode !== undefined && !supported.includes(sslMode)) {
    throw new ValidationError(scope, `\`sslMode: "${sslMode}"\` is not supported by this engine; allowed: ${supported.join(", ")}`);
  }
  if ((sslMode === "verify-ca" || sslMode === "verify-full") && certificateArn === undefined) {
    throw new ValidationError(scope, `\`sslMode: "${sslMode}"\` needs \`certificateArn\` (the CA certificate imported into DMS)`);
  }
}
