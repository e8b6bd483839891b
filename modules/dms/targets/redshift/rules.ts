import { Rule } from "../../../core/rules";
import { ENDPOINT_ID } from "../../endpoints/endpoint-rules";
import type { RedshiftClusterProps } from "./cluster";
import { BUCKET_FOLDER, CLUSTER_IDENTIFIER, REDSHIFT_NAME } from "./options";

/** What the endpoint rules read. */
export interface RedshiftEndpointSettings {
  readonly endpointId: string;
  /** Folder of the intermediate bucket DMS stages its files in. */
  readonly bucketFolder?: string;
}

/** What a Redshift target endpoint refuses (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Redshift.html). */
export const REDSHIFT_TARGET_RULES: readonly Rule<RedshiftEndpointSettings>[] = [
  { path: ["endpointId"], when: (props) => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
  {
    path: ["bucketFolder"],
    when: (props) => props.bucketFolder !== undefined && (!BUCKET_FOLDER.test(props.bucketFolder) || props.bucketFolder.split("/").some((part) => part === "." || part === "..")),
    message: "must be a relative folder such as \"dms/warehouse\": segments joined by single slashes, no leading or trailing slash",
  },
];

/** What the cluster rules read: its names and size, not its network. */
export type RedshiftClusterSettings = Pick<RedshiftClusterProps, "clusterIdentifier" | "nodeType" | "numberOfNodes" | "databaseName" | "masterUsername">;

/** What a cluster created by the library refuses (https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-clusters.html). */
export const REDSHIFT_CLUSTER_RULES: readonly Rule<RedshiftClusterSettings>[] = [
  {
    path: ["clusterIdentifier"],
    when: (props) => !CLUSTER_IDENTIFIER.test(props.clusterIdentifier),
    message: "must be up to 63 lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen",
  },
  {
    path: ["nodeType"],
    when: (props) => props.nodeType !== undefined && !/^ra3\.(large|xlplus|4xlarge|16xlarge)$/.test(props.nodeType),
    message: "must be an RA3 node type (ra3.large, ra3.xlplus, ra3.4xlarge, ra3.16xlarge): the others have no managed storage and are being retired",
  },
  {
    path: ["numberOfNodes"],
    when: (props) => props.numberOfNodes !== undefined && (!Number.isInteger(props.numberOfNodes) || props.numberOfNodes < 1 || props.numberOfNodes > 128),
    message: "must be a whole number of nodes, 1 to 128",
  },
  { path: ["databaseName"], when: (props) => props.databaseName !== undefined && !REDSHIFT_NAME.test(props.databaseName), message: "must be lowercase letters, digits and underscores" },
  {
    path: ["masterUsername"],
    when: (props) => props.masterUsername !== undefined && (!REDSHIFT_NAME.test(props.masterUsername) || ["rdsdb", "admin", "public", "user"].includes(props.masterUsername)),
    message: "must be lowercase letters, digits and underscores, and not a reserved name (rdsdb, admin, public, user)",
  },
];
