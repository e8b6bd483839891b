import { IConstruct } from "constructs";
import { ValidationError } from "../../core/errors";
import { DmsSslMode } from "./endpoint";

/** DMS endpoint ids: letters, digits and single hyphens, starting with a letter, not ending with a hyphen. */
export const ENDPOINT_ID = /^[a-zA-Z](?!.*--)(?:[a-zA-Z0-9-]{0,253}[a-zA-Z0-9])?$/;

/** The `verify-*` SSL modes check the server against a CA certificate, so they need one. */
export function checkSsl(scope: IConstruct, sslMode: DmsSslMode | undefined, certificateArn: string | undefined): void {
  if ((sslMode === "verify-ca" || sslMode === "verify-full") && certificateArn === undefined) {
    throw new ValidationError(scope, `\`sslMode: "${sslMode}"\` needs \`certificateArn\` (the CA certificate imported into DMS)`);
  }
}
