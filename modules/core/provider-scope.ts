import { Aspects, IAspect, TerraformDataSource, TerraformProvider, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { EphemeralResource } from "./ephemeral-resource";

/** What every construct of this library accepts besides its own settings. */
export interface ProviderScopeProps {
  /**
   * The AWS provider every resource of the construct is created with, for a second region or account (an
   * `AwsProvider` with an `alias`). @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

const providerByScope = new WeakMap<IConstruct, TerraformProvider>();

/** The provider given to the nearest enclosing construct of this library, if any. */
export function scopedProvider(construct: IConstruct): TerraformProvider | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const provider = providerByScope.get(scope);
    if (provider) return provider;
  }
  return undefined;
}

/** Gives each resource, data source and ephemeral block without a provider its nearest construct's provider. */
const assignProviders: IAspect = {
  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource || node instanceof TerraformDataSource || node instanceof EphemeralResource)) return;
    if (node.provider !== undefined) return;
    const provider = scopedProvider(node);
    if (provider) node.provider = provider;
  },
};

/**
 * Creates everything under `scope` with `provider` (when given). Applied at synth, so the constructs keep creating
 * resources as before and the inner construct's provider wins where two are nested.
 */
export function useProvider(scope: IConstruct, provider: TerraformProvider | undefined): void {
  if (provider === undefined) return;
  providerByScope.set(scope, provider);
  Aspects.of(scope).add(assignProviders);
}
