/** The parts of `terraform show -json <plan>` the guard reads. */
export interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly action_reason?: string;
    readonly change: { readonly actions: readonly string[] };
  }[];
}

// Terraform's reasons for deleting an object the configuration no longer has
// (https://developer.hashicorp.com/terraform/internals/json-format#change-representation).
const UNDECLARED = new Set(["delete_because_no_resource_config", "delete_because_no_module"]);

/**
 * The addresses a plan would destroy because the environment does not declare them: objects of another
 * configuration's state (the old state reused by mistake, a wrong backend key) or ones dropped from the file.
 * Replacements and the destroy command's own deletes are not among them.
 */
export function undeclaredDestroys(plan: PlanJson): string[] {
  return (plan.resource_changes ?? [])
    .filter((change) => change.change.actions.includes("delete") && !change.change.actions.includes("create") && UNDECLARED.has(change.action_reason ?? ""))
    .map((change) => change.address);
}

/** Why a deploy is refused, or undefined when the plan destroys nothing undeclared. */
export function undeclaredDestroyProblem(plan: PlanJson, environment: string): string | undefined {
  const addresses = undeclaredDestroys(plan);
  if (addresses.length === 0) return undefined;
  return (
    `refusing to apply ${environment}: the plan would destroy ${addresses.length} object(s) this environment does not declare:\n` +
    addresses.map((address) => `  ${address}`).join("\n") +
    `\nThe state holds objects of another configuration (reused state, or a wrong backend key?). Leave them with \`removed\` blocks ` +
    `(destroy = false) or \`terraform state rm\` in that configuration, or declare them; see README "Adopting an existing setup".`
  );
}
