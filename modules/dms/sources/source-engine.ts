import { Construct } from "constructs";
import { z } from "zod";
import { Problem } from "../../core/problem";
import { ProjectEnvironment } from "../../core/project-environment";
import { ISourceEndpoint } from "../endpoints/endpoint";
import { RenamedKeys } from "../endpoints/entry-schema";
import { IPostgresSourceDatabase } from "./postgres/endpoint";

/** What the stack hands every source engine besides the engine's own entry of the environment file. */
export interface SourceBuildContext extends ProjectEnvironment {
  /** The environment's database, which a source may read (a PostgreSQL source with `"database": "environment"`). */
  readonly database: IPostgresSourceDatabase;
  /** The environment's key, for the endpoint's secret and connection parameters. @default - AWS managed keys */
  readonly kmsKeyArn?: string;
  readonly secretRecoveryWindowInDays: number;
}

/**
 * A source engine, after aws-rds's `IInstanceEngine`
 * (https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-rds/lib/instance-engine.ts): everything the
 * rest of the code asks of an engine. It lives in the engine's folder and is listed once in `sources/registry.ts`.
 */
export interface SourceEngine<Schema extends SourceSchema = SourceSchema, Config = z.output<Schema>> {
  /** The environment file's discriminator, and DMS's `engine_name`. */
  readonly engine: string;
  /** The engine's entry in the environment file. */
  readonly schema: Schema;
  /** The key of the engine's settings in DMS's `DescribeEndpoints` answer, which the local summary and checks read. */
  readonly settingsKey: string;
  /** Whether the entry prepares the source for change capture, which `cdc` and `full-load-and-cdc` tasks need. */
  capturesChanges(config: Config): boolean;
  /** Whether the entry reads this environment's own database (which a task then cannot write to). @default - never */
  readsEnvironmentDatabase?(config: Config): boolean;
  /** The endpoint's own rules run on the props this entry builds, reported at the entry's fields. */
  problems(config: Config, environment?: SourceFileContext): Problem[];
  /** The SSM parameters the entry reads the login from, which must exist before a deployment (the local one seeds them). */
  parameterNames(config: Config): SourceParameterNames;
  /** Entry keys renamed since an earlier release, accepted for one more with a warning. @default - none */
  readonly renamedKeys?: RenamedKeys;
  build(scope: Construct, id: string, config: Config, context: SourceBuildContext): ISourceEndpoint & Construct;
}

/** What the file check knows of the rest of the environment file when it runs a source's rules. */
export interface SourceFileContext {
  /** Whether the environment has a customer-managed key (`encryption.customerManagedKeys`), which the stack passes as `kmsKeyArn`. */
  readonly environmentKey: boolean;
}

export interface SourceParameterNames {
  readonly usernameParameterName?: string;
  /** SecureStrings: the password, and any other secret the engine reads (an Oracle ASM password). */
  readonly passwordParameterNames: readonly string[];
}

/** An engine's entry of the environment file: an object told apart from the others by its `engine`. */
export type SourceSchema = z.ZodType<{ readonly engine: string }> & z.core.$ZodTypeDiscriminable;
