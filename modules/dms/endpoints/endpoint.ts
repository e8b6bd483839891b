import { ProjectEnvironment } from "../../core/project-environment";
import { Rule } from "../../core/rules";
import type { TaskSettingsValues } from "../task-settings";
import { MigrationType } from "../migration-type";
import { IConnectable } from "../../network/connections";
import { TableSelection } from "../table-selection";
import type { Problem } from "../../core/problem";
import type { ObjectMappingRule } from "../table-mappings/object-mapping";

/** `require` encrypts without checking the certificate; the `verify-*` modes also need a `certificateArn`. */
export type DmsSslMode = "none" | "require" | "verify-ca" | "verify-full";

/** What every endpoint with a credentials secret takes, besides its own settings. */
export interface SecretEndpointProps extends ProjectEnvironment {
  /** Key for the endpoint's connection parameters and its secret. @default - AWS managed keys */
  readonly kmsKeyArn?: string;
  /** @default 7 */
  readonly secretRecoveryWindowInDays?: number;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/** A DMS endpoint that tasks can use. */
export interface IDmsEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  /** Lets what runs the replication (an instance, or a serverless replication) reach the endpoint's database: one TCP port, one peer. */
  allowConnectionsFrom(runner: IConnectable): void;
}

/** A task that reads from a source: what the source's DBA must prepare depends on it. */
export interface SourceReader {
  readonly replicationTaskId: string;
  readonly migrationType: MigrationType;
  readonly selections: readonly TableSelection[];
}

export interface ISourceEndpoint extends IDmsEndpoint {
  /** Whether the source is prepared for change data capture, which `cdc` and `full-load-and-cdc` tasks need. */
  readonly capturesChanges: boolean;
  /** Called by each task that reads this source, so the source's preparation covers its tables. */
  addReader(reader: SourceReader): void;
}

export interface ITargetEndpoint extends IDmsEndpoint {
  /** The oldest replication engine that can write to this target. @default - any */
  readonly minimumDmsEngineVersion?: string;
  /** Task settings this target cannot take (an OpenSearch index has no LOB columns), run by every task writing to it. @default - none */
  readonly refusesTaskSettings?: readonly Rule<TaskSettingsValues>[];
  /** Whether tasks writing here may carry object-mapping rules (DynamoDB, Kinesis and Kafka targets do). @default false */
  readonly takesObjectMapping?: boolean;
  /**
   * This target's own checks of a task's object-mapping rules (at positions `indexes` of the task's list), with
   * paths relative to the list, such as `[2].partitionKeyName`. @default - none
   */
  objectMappingProblems?(rules: readonly ObjectMappingRule[], indexes: readonly number[]): Problem[];
}
