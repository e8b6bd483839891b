import { Construct } from "constructs";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { parameterGroupFamily } from "./engine-version";

export interface PostgresParameterGroupProps {
  /** PostgreSQL major version, such as `16`; it decides the family `postgres16`. */
  readonly majorVersion: string;
  /** Start of the group's name; Terraform appends a unique suffix so a new family can replace the group safely. */
  readonly namePrefix: string;
  /** Refuse unencrypted connections (`rds.force_ssl = 1`). @default true */
  readonly forceSsl?: boolean;
  /** Further parameters, by name. They apply at the next reboot (`pending-reboot`), which static parameters require. @default {} */
  readonly parameters?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A DB parameter group for one PostgreSQL major version that forces SSL unless told otherwise. */
export class PostgresParameterGroup extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: PostgresParameterGroupProps) {
    super(scope, id);
    const parameters: Record<string, string> = {
      ...((props.forceSsl ?? true) ? { "rds.force_ssl": "1" } : {}),
      ...props.parameters,
    };
    const group = new DbParameterGroup(this, "Resource", {
      namePrefix: props.namePrefix,
      family: parameterGroupFamily(props.majorVersion),
      description: `PostgreSQL ${props.majorVersion} parameters managed by Terraform`,
      parameter: Object.keys(parameters)
        .sort()
        .map((name) => ({ name, value: parameters[name], applyMethod: "pending-reboot" })),
      tags: props.tags,
      // A major-version upgrade changes the family, which replaces the group: create the new one first.
      lifecycle: { createBeforeDestroy: true },
    });
    this.name = group.name;
  }
}
