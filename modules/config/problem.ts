import { Problem } from "../core/problem";

export interface FileProblem extends Problem {
  readonly file: string;
}

/** An environment file (or several) cannot be used; the message lists every problem, one per line. */
export class EnvironmentConfigError extends Error {
  constructor(readonly problems: readonly FileProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "EnvironmentConfigError";
  }
}

export function formatProblem(problem: FileProblem): string {
  const where = problem.path === "" ? problem.file : `${problem.file}: ${problem.path}`;
  return `${where} = ${problem.value}: ${problem.message}`;
}
