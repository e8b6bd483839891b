import { IConstruct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { tagProblems } from "../../core/aws-facts/tags";
import { ValidationError } from "../../core/errors";
import { Problem } from "../../core/problem";
import { throwIfProblems } from "../../core/rules";

/** Every tag of `tags` AWS would refuse, each at `<prop>.<key>` (or `<prop>` for too many). */
export function tagMapProblems(prop: string, tags: Readonly<Record<string, string>>): Problem[] {
  return tagProblems(tags).map((problem) => ({
    path: problem.key === undefined ? prop : `${prop}.${problem.key}`,
    value: problem.key === undefined ? `${Object.keys(tags).length} tags` : JSON.stringify(problem.inValue ? tags[problem.key] : problem.key),
    message: problem.message,
  }));
}

/**
 * Adds `tags` to the one `aws_dms_endpoint` under `endpoint` (an engine's endpoint construct), as
 * terraform-aws-modules/dms's per-endpoint `tags`. The endpoint's own tags (Name, Environment, project) win over a
 * tag of the same key. Throws a `ValidationError` listing every tag AWS would refuse, counted with the ones it has.
 */
export function addEndpointTags(endpoint: IConstruct, tags: Readonly<Record<string, string>>): void {
  if (Object.keys(tags).length === 0) return;
  const resources = endpoint.node.findAll().filter((child): child is DmsEndpoint => child instanceof DmsEndpoint);
  if (resources.length !== 1) throw new ValidationError(endpoint, `\`tags\` needs exactly one DMS endpoint under this construct, found ${resources.length}`);
  const [resource] = resources;
  const merged = { ...tags, ...(resource.tagsInput ?? {}) };
  throwIfProblems(endpoint, tagMapProblems("tags", merged));
  resource.tags = merged;
}
