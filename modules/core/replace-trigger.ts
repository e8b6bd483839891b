import { Construct } from "constructs";
import { TerraformResource, anyToTerraform, dependable, hashMapper } from "cdktf";

/**
 * `terraform_data` holding only `triggers_replace`. cdktf's own `DataResource` writes the same block, but
 * validates each instance by running `terraform version` during synth (50-70 ms apiece, most of the synth time of a
 * stack with many tasks, and a synth that fails where Terraform is not installed). Terraform itself checks that
 * it supports `terraform_data` (1.4+; this project needs 1.11 for write-only arguments anyway).
 */
class TerraformData extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly triggersReplace: Readonly<Record<string, unknown>>,
  ) {
    super(scope, id, { terraformResourceType: "terraform_data", terraformGeneratorMetadata: { providerName: "terraform" } });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapper(anyToTerraform)(this.triggersReplace) };
  }
}

/**
 * A `terraform_data` that is replaced whenever `value` changes. Put the returned address in a resource's
 * `lifecycle.replaceTriggeredBy` to replace that resource too, for changes its provider cannot apply in place.
 */
export function replaceTrigger(scope: Construct, id: string, value: Readonly<Record<string, unknown>>): string {
  const trigger = new TerraformData(scope, id, value);
  // cdktf 0.21 renders a resource given to replaceTriggeredBy as "${terraform_data.x}", which Terraform
  // refuses; it wants the bare address, which is what `dependable` renders.
  return dependable(trigger);
}
