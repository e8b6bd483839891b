import { IConstruct } from "constructs";
import { Problem } from "./problem";

/**
 * A construct was given props it cannot build. It lists every problem at once, one line each, each starting
 * with the construct path and naming the prop, so the failing piece can be found in a large stack.
 */
export class ValidationError extends Error {
  /** Every problem found; a plain message is one problem about the props as a whole. */
  readonly problems: readonly Problem[];

  /** @param scope the construct, or for a factory that has none (`Peer.ipv4`), its name */
  constructor(scope: IConstruct | string, problems: string | readonly Problem[]) {
    const list = typeof problems === "string" ? [{ path: "", value: "", message: problems }] : problems;
    const where = typeof scope === "string" ? scope : scope.node.path;
    super(list.map((problem) => `${where}: ${describeProblem(problem)}`).join("\n"));
    this.name = "ValidationError";
    this.problems = list;
  }
}

/** `prop = value: message`, or the message alone when it is about the props as a whole. */
export function describeProblem(problem: Problem): string {
  return problem.path === "" ? problem.message : `\`${problem.path}\` = ${problem.value}: ${problem.message}`;
}
