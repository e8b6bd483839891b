import { z } from "zod";
import { tagMap } from "../../core/identifiers";

export const networkSchema = z
  .strictObject({
    vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, "a VPC id like vpc-0123456789abcdef0").optional()
      .describe("VPC id; give it with subnetIds, or give vpcName to look both up"),
    subnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, "a subnet id like subnet-0123456789abcdef0")).optional()
      .describe("Private subnet ids, in at least two availability zones"),
    vpcName: z.string().min(1).optional()
      .describe("Value of the VPC's Name tag, in full; its private subnets are found by subnetTags"),
    subnetTags: tagMap.optional()
      .describe("Tags of the private subnets when looking them up; default { \"Type\": \"private\" }"),
  })
  .describe("Where databases and replication instances go: private subnets only");

export type NetworkConfig = z.output<typeof networkSchema>;
