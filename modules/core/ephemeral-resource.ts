import { Construct } from "constructs";
import { ITerraformDependable, TerraformElement, TerraformProvider, Token, dependable, ref } from "cdktf";
import { requireTerraformForWriteOnly } from "./terraform-version";

/** Terraform attribute values of an ephemeral block, in Terraform's snake_case; tokens are allowed. */
export type EphemeralAttributes = Readonly<Record<string, string | number | boolean | undefined>>;

export interface EphemeralResourceProps {
  /** Terraform type, for example `aws_ssm_parameter`. */
  readonly type: string;
  /** Arguments of the block, keyed by their Terraform (snake_case) names. */
  readonly attributes: EphemeralAttributes;
  /** @default - only the dependencies implied by references */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * An `ephemeral "<type>" "<name>"` block (Terraform 1.10+). CDKTF 0.21 has no class for these, so this
 * element writes the block itself. An ephemeral value is never stored in plan or state; it may only be
 * passed to write-only arguments (`*_wo`), provider blocks, or other ephemeral blocks.
 */
export class EphemeralResource extends TerraformElement {
  readonly terraformResourceType: string;
  private readonly attributes: EphemeralAttributes;
  private readonly dependsOn: ITerraformDependable[];
  /** @default - the stack's default provider for the block's type */
  provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: EphemeralResourceProps) {
    super(scope, id, `ephemeral.${props.type}`);
    this.terraformResourceType = props.type;
    this.attributes = props.attributes;
    this.dependsOn = props.dependsOn ?? [];
    // Ephemeral values exist only to feed write-only arguments: the stack must say which Terraform that needs.
    requireTerraformForWriteOnly(this);
  }

  /** A reference to one of the block's result attributes, such as `value`. */
  getStringAttribute(attribute: string): string {
    return Token.asString(
      ref(`ephemeral.${this.terraformResourceType}.${this.friendlyUniqueId}.${attribute}`, this.cdktfStack),
    );
  }

  override toTerraform(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.attributes)) {
      if (value !== undefined) body[key] = value;
    }
    if (this.provider) body.provider = this.provider.fqn;
    if (this.dependsOn.length > 0) body.depends_on = this.dependsOn.map((dependency) => dependable(dependency));
    body["//"] = this.constructNodeMetadata;
    return { ephemeral: { [this.terraformResourceType]: { [this.friendlyUniqueId]: body } } };
  }
}
