import { Construct } from "constructs";
import { Token } from "cdktf";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { Rule } from "../core/rules";

/** A VPC and the private subnets databases and replication instances are placed in. */
export interface PrivateSubnets {
  readonly vpcId: string;
  readonly subnetIds: string[];
}

/**
 * Subnet ids given as a list, for a database or a replication instance: two or more, so Multi-AZ and a standby have
 * two availability zones. A looked-up list is only known at apply time; PrivateSubnetLookup checks it there.
 */
export const PRIVATE_SUBNET_RULES: readonly Rule<{ readonly subnetIds?: readonly string[] }>[] = [
  {
    path: ["subnetIds"],
    when: ({ subnetIds }) => subnetIds !== undefined && !Token.isUnresolved(subnetIds) && subnetIds.length < 2,
    message: ({ subnetIds }) => `${subnetIds?.length} subnet(s); allowed: at least two private subnets in two availability zones`,
  },
];

export interface PrivateSubnetLookupProps {
  /** Value of the VPC's `Name` tag, in full (for example `vpc-staging-apis-staging`). */
  readonly vpcName: string;
  /** Tags that mark the VPC's private subnets. @default { Type: "private" } (the Hackney convention) */
  readonly subnetTags?: Readonly<Record<string, string>>;
}

/**
 * Finds a VPC by its `Name` tag and its private subnets by tag, as the Hackney modules do. Terraform
 * fails at plan time, with a clear message, unless the VPC has at least two such subnets.
 */
export class PrivateSubnetLookup extends Construct implements PrivateSubnets {
  readonly vpcId: string;
  readonly subnetIds: string[];

  constructor(scope: Construct, id: string, props: PrivateSubnetLookupProps) {
    super(scope, id);
    const vpc = new DataAwsVpc(this, "Vpc", { filter: [{ name: "tag:Name", values: [props.vpcName] }] });
    const tags = props.subnetTags ?? { Type: "private" };
    const subnets = new DataAwsSubnets(this, "Subnets", {
      filter: [
        { name: "vpc-id", values: [vpc.id] },
        ...Object.entries(tags).map(([key, value]) => ({ name: `tag:${key}`, values: [value] })),
      ],
      lifecycle: {
        postcondition: [
          {
            condition: "${length(self.ids) >= 2}",
            errorMessage: `VPC "${props.vpcName}" must have at least two private subnets tagged ${JSON.stringify(tags)}, in two availability zones.`,
          },
        ],
      },
    });
    this.vpcId = vpc.id;
    this.subnetIds = subnets.ids;
  }
}
