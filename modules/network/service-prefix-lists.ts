import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { DataAwsPrefixList } from "@cdktf/provider-aws/lib/data-aws-prefix-list";
import { AwsAccount } from "../core/aws-account";
import { IPeer, Peer } from "./peer";

/** The AWS services whose gateway endpoints have a managed prefix list, and the stack-level id of its lookup. */
const PREFIX_LIST_IDS = { s3: "S3PrefixList", dynamodb: "DynamoDbPrefixList" } as const;

/**
 * The region's AWS-managed prefix list of `service` as a peer, looked up once per stack however many endpoints
 * reach the service (the name is the one AWS gives the list in the commercial partition; elsewhere give the
 * endpoint's own peer).
 */
export function servicePrefixListPeer(scope: Construct, service: keyof typeof PREFIX_LIST_IDS): IPeer {
  const stack = TerraformStack.of(scope);
  const id = PREFIX_LIST_IDS[service];
  const list = (stack.node.tryFindChild(id) as DataAwsPrefixList | undefined) ??
    new DataAwsPrefixList(stack, id, { name: `com.amazonaws.${AwsAccount.of(stack).region}.${service}` });
  return Peer.prefixList(list.id, `${service}-prefix-list`);
}
