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
  return problem.path === "" ? `${problem.file}${describeValue(problem)}` : `${problem.file}: ${formatFieldProblem(problem)}`;
}

/** `field = value: what is wrong`; the value is left out when the problem is about a whole entry. */
export function formatFieldProblem(problem: Problem): string {
  return `${problem.path}${describeValue(problem)}`;
}

const describeValue = (problem: Problem) => (problem.value === "" ? `: ${problem.message}` : ` = ${problem.value}: ${problem.message}`);
