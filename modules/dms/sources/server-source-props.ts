import { SecretEndpointProps } from "../endpoints/endpoint";
import { SourceBuildContext } from "./source-engine";

/** What a source entry of the environment file has besides its engine's options: its `engine`, and its own key. */
interface SourceEntry {
  readonly engine: string;
  readonly kmsKeyArn?: string;
}

/**
 * The props of a source endpoint for one entry of the environment file: the entry less its `engine`, with the stack's
 * context (its key unless the entry names one). Without a context, as the file check calls it, the project and
 * environment are empty: the engines' rules do not read them.
 */
export function serverSourceProps<Entry extends SourceEntry>(
  entry: Entry,
  context: Partial<SourceBuildContext> = {},
): Omit<Entry, "engine" | "kmsKeyArn"> & Required<Pick<SecretEndpointProps, "projectName" | "environment">> & SecretEndpointProps {
  const { engine: _engine, kmsKeyArn, ...options } = entry;
  return {
    ...options,
    projectName: context.projectName ?? "",
    environment: context.environment ?? "",
    production: context.production,
    kmsKeyArn: kmsKeyArn ?? context.kmsKeyArn,
    secretRecoveryWindowInDays: context.secretRecoveryWindowInDays,
  };
}
