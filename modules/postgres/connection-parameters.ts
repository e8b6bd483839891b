import { Construct } from "constructs";
import { Token } from "cdktf";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { claimAwsName } from "../core/unique-names";

export interface ConnectionParametersProps {
  /** Path the parameters are written under, such as `/mosaic/staging`. */
  readonly prefix: string;
  readonly username: string;
  readonly hostname: string;
  readonly port: number;
  readonly databaseName: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Publishes how to reach a database as plain SSM parameters (`<prefix>/postgres-username`, `-hostname`,
 * `-port`, `-database`), the names Hackney teams create by hand today. The password is not among them.
 */
export class ConnectionParameters extends Construct {
  readonly parameterNames: Readonly<Record<"username" | "hostname" | "port" | "database", string>>;

  constructor(scope: Construct, id: string, props: ConnectionParametersProps) {
    super(scope, id);
    const values = {
      username: props.username,
      hostname: props.hostname,
      port: Token.isUnresolved(props.port) ? Token.asString(props.port) : String(props.port),
      database: props.databaseName,
    };
    const names = {} as Record<keyof typeof values, string>;
    for (const [key, value] of Object.entries(values) as [keyof typeof values, string][]) {
      names[key] = `${props.prefix}/postgres-${key}`;
      claimAwsName(this, "SSM parameter", names[key]);
      new SsmParameter(this, key, { name: names[key], type: "String", value, tags: props.tags });
    }
    this.parameterNames = names;
  }
}
