import { ProjectEnvironment } from "../core/project-environment";
import { SourceReader } from "./endpoints/endpoint";
import { MigrationType } from "./migration-type";
import { TableSelection } from "./table-selection";

/** What the DBA script of a source reached by address (SQL Server, Oracle) depends on, whatever the engine. */
export interface SourcePreparationInput extends ProjectEnvironment {
  /** The DMS source endpoint id; the script is named after it. */
  readonly endpointId: string;
  /** IP or host name of the server, as the endpoint has it. */
  readonly serverName: string;
  readonly port: number;
  /** The database (for Oracle, the service name or SID) the endpoint connects to. */
  readonly databaseName: string;
  /** The union of the selection rules of every task reading this source. */
  readonly selections: readonly TableSelection[];
  /** The migration types of those tasks; change capture is only prepared when one of them reads changes. */
  readonly migrationTypes: readonly MigrationType[];
}

/** That input for a source endpoint (its address) and the tasks reading it. */
export function sourcePreparationInput(
  project: ProjectEnvironment,
  source: Pick<SourcePreparationInput, "endpointId" | "serverName" | "port" | "databaseName">,
  readers: readonly SourceReader[],
): SourcePreparationInput {
  return {
    projectName: project.projectName,
    environment: project.environment,
    endpointId: source.endpointId,
    serverName: source.serverName,
    port: source.port,
    databaseName: source.databaseName,
    selections: readers.flatMap((reader) => reader.selections),
    migrationTypes: readers.map((reader) => reader.migrationType),
  };
}
