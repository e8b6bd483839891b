import { IConstruct } from "constructs";

/**
 * A construct was given props it cannot build. The message starts with the construct path, so the
 * failing piece can be found in a large stack, and says which prop to change.
 */
export class ValidationError extends Error {
  constructor(scope: IConstruct, message: string) {
    super(`${scope.node.path}: ${message}`);
    this.name = "ValidationError";
  }
}
