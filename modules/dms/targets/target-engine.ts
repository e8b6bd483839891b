import { Construct } from "constructs";
import { z } from "zod";
import { Problem } from "../../core/problem";
import { ProjectEnvironment } from "../../core/project-environment";
import { Rule } from "../../core/rules";
import { PrivateSubnets } from "../../network/private-subnets";
import { ITargetEndpoint } from "../endpoints/endpoint";
import { RenamedKeys } from "../endpoints/entry-schema";
import type { TaskSettingsValues } from "../task-settings";
import type { ObjectMappingRule } from "../table-mappings/object-mapping";

/** What the stack hands every target engine besides the engine's own entry of the environment file. */
export interface TargetBuildContext extends ProjectEnvironment {
  /** The environment's key. @default - AWS managed keys */
  readonly kmsKeyArn?: string;
  /** The environment's VPC and private subnets, for a target the engine creates there (a search domain, a warehouse). */
  readonly network: PrivateSubnets;
  /** Deleted endpoint secrets can be restored this many days (0 outside production). */
  readonly secretRecoveryWindowInDays: number;
}

/**
 * A target engine of the environment file's `targets` (the environment's own database is the `database` target):
 * what the rest of the code asks of it. It lives in the engine's folder and is listed once in `targets/registry.ts`.
 */
export interface TargetEngine<Schema extends TargetSchema = TargetSchema, Config = z.output<Schema>> {
  /** The environment file's discriminator. */
  readonly engine: string;
  readonly schema: Schema;
  /** The key of the engine's settings in DMS's `DescribeEndpoints` answer. */
  readonly settingsKey: string;
  /** Entry keys renamed since an earlier release, accepted for one more with a warning. @default - none */
  readonly renamedKeys?: RenamedKeys;
  /**
   * The endpoint's own rules run on the props this entry builds, reported at the entry's fields; `environment` is
   * the file's project, environment and tier, for rules that differ in production. @default - not production
   */
  problems(config: Config, environment?: ProjectEnvironment): Problem[];
  /**
   * Task settings a task writing to this target cannot take, checked on the file's merged settings at file-check
   * time (the endpoint's `refusesTaskSettings` checks them again when a task is built). @default - none
   */
  readonly refusesTaskSettings?: readonly Rule<TaskSettingsValues>[];
  /** Whether tasks writing to this target may carry object-mapping rules (the endpoint says the same). @default false */
  readonly takesObjectMapping?: boolean;
  /** The endpoint's checks of a task's object-mapping rules, run on the entry at file-check time. @default - none */
  objectMappingProblems?(config: Config, rules: readonly ObjectMappingRule[], indexes: readonly number[]): Problem[];
  /** Builds the endpoint and whatever it writes to; `name` is the entry's key in `targets`. */
  build(scope: Construct, name: string, config: Config, context: TargetBuildContext): ITargetEndpoint & Construct;
}

export type TargetSchema = z.ZodType<{ readonly engine?: string }> & z.core.$ZodTypeDiscriminable;
