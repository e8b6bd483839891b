import { z } from "zod";
import { engineUnion } from "../endpoints/engine-union";
import { azureSqlDatabaseSource, azureSqlManagedInstanceSource } from "./azure-sql";
import { db2Source, db2ZosSource } from "./db2";
import { mongodbSource } from "./mongodb";
import { mysqlSource } from "./mysql";
import { oracleSource } from "./oracle";
import { postgresSource } from "./postgres";
import { s3Source } from "./s3";
import { SourceEngine, SourceSchema } from "./source-engine";
import { sqlServerSource } from "./sql-server";
import { sybaseSource } from "./sybase";

/** Every source engine. Adding one is its folder and one line here. */
export const SOURCE_ENGINES = [sqlServerSource, oracleSource, postgresSource, mysqlSource, db2Source, db2ZosSource, sybaseSource, azureSqlDatabaseSource, azureSqlManagedInstanceSource, s3Source, mongodbSource] as const;

/** A source entry of the environment file: one of the engines' entries, told apart by `engine`. */
export const sourceSchema = engineUnion(SOURCE_ENGINES);

export type SourceConfig = z.output<typeof sourceSchema>;

/** The engine of a source entry. */
export function sourceEngineOf(source: SourceConfig): SourceEngine<SourceSchema, SourceConfig> {
  // The union above is made of these schemas, so an entry's `engine` always finds its engine.
  return SOURCE_ENGINES.find((candidate) => candidate.engine === source.engine) as SourceEngine<SourceSchema, SourceConfig>;
}

/** Whether a source entry reads this environment's own database. */
export function readsEnvironmentDatabase(source: SourceConfig): boolean {
  return sourceEngineOf(source).readsEnvironmentDatabase?.(source) ?? false;
}
