import { IConstruct } from "constructs";
import { TerraformStack } from "cdktf";

/**
 * The Terraform version this library's stacks need: ephemeral blocks arrived in 1.10 and write-only arguments
 * (`password_wo`, `value_wo`, `secret_string_wo`) in 1.11
 * (https://developer.hashicorp.com/terraform/language/resources/ephemeral/write-only).
 */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.11";

const recorded = new WeakSet<TerraformStack>();

/**
 * Writes `terraform { required_version = ">= 1.11" }` into the stack of `scope`, once, so an older Terraform stops
 * at init with a clear message instead of failing on an unknown `*_wo` argument. CDKTF 0.21 has no typed setting for
 * `required_version` (TerraformStack only types providers and backends), hence the override.
 */
export function requireTerraformForWriteOnly(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (recorded.has(stack)) return;
  recorded.add(stack);
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
}
