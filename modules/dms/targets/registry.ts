import { z } from "zod";
import { engineUnion } from "../endpoints/engine-union";
import { babelfishTarget } from "./babelfish";
import { mysqlTarget } from "./mysql";
import { dynamoDbTarget } from "./dynamodb";
import { kafkaTarget } from "./kafka";
import { kinesisTarget } from "./kinesis";
import { opensearchTarget } from "./opensearch";
import { oracleTarget } from "./oracle";
import { neptuneTarget } from "./neptune";
import { redisTarget } from "./redis";
import { redshiftTarget } from "./redshift";
import { s3Target } from "./s3";
import { sqlServerTarget } from "./sqlserver";
import { sybaseTarget } from "./sybase";
import { TargetEngine, TargetSchema } from "./target-engine";

/** Every engine of the environment file's `targets`. Adding one is its folder and one line here. */
export const TARGET_ENGINES = [s3Target, opensearchTarget, redshiftTarget, mysqlTarget, sqlServerTarget, babelfishTarget, oracleTarget, sybaseTarget, redisTarget, neptuneTarget, kinesisTarget, kafkaTarget, dynamoDbTarget] as const;

/** A target entry of the environment file: one of the engines' entries, told apart by `engine`. */
export const targetSchema = engineUnion(TARGET_ENGINES);

export type TargetConfig = z.output<typeof targetSchema>;

/** The engine of an entry without `engine`: every target was S3 before other targets existed. */
export const DEFAULT_TARGET_ENGINE = s3Target.engine;

/** The engine of a target entry; an entry without `engine` is an S3 target, as every target was before. */
export function targetEngineOf(target: TargetConfig): TargetEngine<TargetSchema, TargetConfig> {
  const engine = target.engine ?? DEFAULT_TARGET_ENGINE;
  return TARGET_ENGINES.find((candidate) => candidate.engine === engine) as TargetEngine<TargetSchema, TargetConfig>;
}
