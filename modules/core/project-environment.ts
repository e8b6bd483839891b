import { Token } from "cdktf";
import type { ProviderScopeProps } from "./provider-scope";
import type { Rule } from "./rules";

/** The project and environment every construct is tagged and named with, and the provider it creates with. */
export interface ProjectEnvironment extends ProviderScopeProps {
  /** Project name, used in resource names and the `project_name` tag (Hackney convention). */
  readonly projectName: string;
  /** Environment name such as `development`, `staging` or `production`; used in names and the `Environment` tag. */
  readonly environment: string;
  /**
   * Whether the environment gets production guard rails (Multi-AZ, deletion protection, final snapshots, ...). A tier,
   * not a name: an environment called `prod` or `live` is production only when this says so.
   * @default - true when `environment` is "production"
   */
  readonly production?: boolean;
}

/** What a project or environment name may be: it goes into resource names, SSM paths and tags. */
const PROJECT_NAME = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;

const nameRule = (prop: "projectName" | "environment"): Rule<ProjectEnvironment> => ({
  path: [prop],
  when: (context) => typeof context[prop] !== "string" || (!Token.isUnresolved(context[prop]) && !PROJECT_NAME.test(context[prop])),
  message: "goes into resource names, SSM paths and tags; allowed: lowercase letters, digits and hyphens, starting with a letter",
});

/**
 * What every construct given a project and environment refuses (validateProps runs it on any props that have them),
 * and what the environment-file check runs on the file's `projectName` and `environment`.
 */
export const PROJECT_ENVIRONMENT_RULES: readonly Rule<ProjectEnvironment>[] = [nameRule("projectName"), nameRule("environment")];

/** Whether `props` carry a project and environment (their rules apply). */
export function hasProjectEnvironment(props: unknown): props is ProjectEnvironment {
  return typeof props === "object" && props !== null && "projectName" in props && "environment" in props;
}

/** The environment name that is production unless it says otherwise. */
export const PRODUCTION_ENVIRONMENT = "production";

/** Whether `context` gets production guard rails: its explicit tier, or else the name "production". */
export function isProduction(context: ProjectEnvironment): boolean {
  return context.production ?? context.environment === PRODUCTION_ENVIRONMENT;
}

/** The stack output that records the tier, read by the operations commands (which must guard as the stack does). */
export const ENVIRONMENT_TIER_OUTPUT = "environment_tier";

export type EnvironmentTier = "production" | "non-production";

export function environmentTier(context: ProjectEnvironment): EnvironmentTier {
  return isProduction(context) ? "production" : "non-production";
}

/** The context of a project and environment, with its tier decided once. */
export function projectContext(context: ProjectEnvironment): Required<Pick<ProjectEnvironment, "projectName" | "environment" | "production">> {
  return { projectName: context.projectName, environment: context.environment, production: isProduction(context) };
}

/** Names that read as production (or its rehearsal), which must state their tier rather than be guessed from it. */
export const PRODUCTION_LIKE_NAME = /(^|-)(prod|prd|production|live|preprod|pre-prod)(-|$)|production/;

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
