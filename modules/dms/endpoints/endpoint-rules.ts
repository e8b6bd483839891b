import { IConstruct } from "constructs";
import { ValidationError } from "../../core/errors";
import { DmsSslMode } from "./endpoint";

/** DMS endpoint ids: letters, digits and single hyphens, starting with a letter, not ending with a hyphen. */
export const ENDPOINT_ID = /^[a-zA-Z](?!.*--)(?:[a-zA-Z0-9-]{0,253}[a-zA-Z0-9])?$/;

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
