import { SOURCE_ENGINES } from "./sources/registry";
import { TARGET_ENGINES } from "./targets/registry";

/** What the scripts and checks read from an engine's settings in DMS's `DescribeEndpoints` answer. */
export interface DescribedEndpointSettings {
  readonly SecretsManagerSecretId?: string;
  readonly SecretsManagerAccessRoleArn?: string;
  readonly ServiceAccessRoleArn?: string;
}

/** The settings keys of every registered engine (`MicrosoftSQLServerSettings`, `S3Settings`, ...). */
export const ENDPOINT_SETTINGS_KEYS: readonly string[] = [...new Set([...SOURCE_ENGINES, ...TARGET_ENGINES].map((engine) => engine.settingsKey))];

/** The engine settings of one described endpoint, whichever engine it is. */
export function endpointSettings(endpoint: object): DescribedEndpointSettings | undefined {
  const described = endpoint as Record<string, DescribedEndpointSettings | undefined>;
  return ENDPOINT_SETTINGS_KEYS.map((key) => described[key]).find((settings) => settings !== undefined);
}
