import { Construct } from "constructs";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import { parameterGroupFamily } from "./engine-version";

export interface PostgresParameterGroupProps {
  /** PostgreSQL major version, such as `16`; it decides the family `postgres16`. */
  readonly majorVersion: string;
  /** A cluster parameter group for Aurora (family `aurora-postgresql16`) rather than an instance one. @default false */
  readonly cluster?: boolean;
  /** Start of the group's name; Terraform appends a unique suffix so a new family can replace the group safely. */
  readonly namePrefix: string;
  /** Refuse unencrypted connections (`rds.force_ssl = 1`). @default true */
  readonly forceSsl?: boolean;
  /** Further parameters, by name. They apply at the next reboot (`pending-reboot`), which static parameters require. @default {} */
  readonly parameters?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A parameter group (instance, or Aurora cluster) for one PostgreSQL major version that forces SSL unless told otherwise. */
export class PostgresParameterGroup extends Construct {
  readonly name: string;
  private readonly group: DbParameterGroup | RdsClusterParameterGroup;
  private readonly parameters: Record<string, string>;

  constructor(scope: Construct, id: string, props: PostgresParameterGroupProps) {
    super(scope, id);
    this.parameters = { ...((props.forceSsl ?? true) ? { "rds.force_ssl": "1" } : {}), ...props.parameters };
    const config = {
      namePrefix: props.namePrefix,
      family: parameterGroupFamily(props.majorVersion, props.cluster),
      description: `PostgreSQL ${props.majorVersion} parameters managed by Terraform`,
      tags: props.tags,
      // A major-version upgrade changes the family, which replaces the group: create the new one first.
      lifecycle: { createBeforeDestroy: true },
    };
    this.group = props.cluster ? new RdsClusterParameterGroup(this, "Resource", config) : new DbParameterGroup(this, "Resource", config);
    this.render();
    this.name = this.group.name;
  }

  /** Sets parameters after the group was created, such as those a DMS source needs; later values win. */
  addParameters(parameters: Readonly<Record<string, string>>): void {
    Object.assign(this.parameters, parameters);
    this.render();
  }

  private render(): void {
    this.group.putParameter(
      Object.keys(this.parameters)
        .sort()
        .map((name) => ({ name, value: this.parameters[name], applyMethod: "pending-reboot" })),
    );
  }
}
