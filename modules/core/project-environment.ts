import type { ProviderScopeProps } from "./provider-scope";

/** The project and environment every construct is tagged and named with, and the provider it creates with. */
export interface ProjectEnvironment extends ProviderScopeProps {
  /** Project name, used in resource names and the `project_name` tag (Hackney convention). */
  readonly projectName: string;
  /** Environment name such as `development`, `staging` or `production`; used in names and the `Environment` tag. */
  readonly environment: string;
}

/** The environment whose resources get production guard rails (Multi-AZ, deletion protection, final snapshots). */
export const PRODUCTION_ENVIRONMENT = "production";

export function isProduction(environment: string): boolean {
  return environment === PRODUCTION_ENVIRONMENT;
}

/**
 * The tags the Hackney modules put on every resource, so that existing dashboards, cost reports and
 * AWS Backup selections keep matching. `Name` is added where the resource has one.
 */
export function projectTags(
  context: ProjectEnvironment,
  name?: string,
  additionalTags: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ...additionalTags,
    ...(name === undefined ? {} : { Name: name }),
    Environment: context.environment,
    project_name: context.projectName,
    "terraform-managed": "true",
  };
}
