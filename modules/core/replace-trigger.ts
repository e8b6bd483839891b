import { Construct } from "constructs";
import { DataResource, dependable } from "cdktf";

/**
 * A `terraform_data` that is replaced whenever `value` changes. Put the returned address in a resource's
 * `lifecycle.replaceTriggeredBy` to replace that resource too, for changes its provider cannot apply in place.
 */
export function replaceTrigger(scope: Construct, id: string, value: Readonly<Record<string, unknown>>): string {
  const trigger = new DataResource(scope, id, { triggersReplace: value });
  // cdktf 0.21 renders a resource given to replaceTriggeredBy as "${terraform_data.x}", which Terraform
  // refuses; it wants the bare address, which is what `dependable` renders.
  return dependable(trigger);
}
