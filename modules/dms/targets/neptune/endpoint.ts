import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsAccount } from "../../../core/aws-account";
import { ValidationError } from "../../../core/errors";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { StackFile } from "../../../core/stack-file";
import { serviceTrustPolicy, stackArn } from "../../../core/trust-policy";
import { Connections, IConnectable } from "../../../network/connections";
import { IPeer, Peer, hostCidr } from "../../../network/peer";
import { servicePrefixListPeer } from "../../../network/service-prefix-lists";
import { IDmsTargetBucket, stagingFolderStatements } from "../../../storage/dms-target-bucket";
import { ITargetEndpoint } from "../../endpoints/endpoint";
import { GraphMapping, graphMappingDocument } from "./graph-mapping";
import { NEPTUNE_TARGET_RULES } from "./rules";

export const DEFAULT_NEPTUNE_PORT = 8182;

/**
 * The Neptune data-plane actions DMS's loads need (engine 1.2.0.0 and later), on the one cluster
 * (https://docs.aws.amazon.com/neptune/latest/userguide/iam-dp-actions.html).
 */
export const NEPTUNE_DATA_ACTIONS = [
  "neptune-db:ReadDataViaQuery",
  "neptune-db:WriteDataViaQuery",
  "neptune-db:DeleteDataViaQuery",
  "neptune-db:StartLoaderJob",
  "neptune-db:GetLoaderJobStatus",
  "neptune-db:CancelLoaderJob",
] as const;

/** What the Neptune rules read: the endpoint's settings, without the bucket. */
export interface NeptuneTargetSettings {
  /** Such as `target-cases-graph`. */
  readonly endpointId: string;
  /** The cluster's writer endpoint, such as `cases-graph.cluster-abc123.eu-west-2.neptune.amazonaws.com`. */
  readonly serverName: string;
  /** @default 8182 */
  readonly port?: number;
  /** The cluster's resource id (`cluster-...`), which IAM policies name. Required with `iamAuthEnabled`. @default - none */
  readonly clusterResourceId?: string;
  /** Sign DMS's requests with the endpoint's role (`IamAuthEnabled`). @default true */
  readonly iamAuthEnabled?: boolean;
  /** The cluster's security group: the replication instance is let into it on the port only. @default - none: give `allowedCidr` */
  readonly securityGroupId?: string;
  /** The cluster's network, when there is no security group to name. @default - none */
  readonly allowedCidr?: string;
  /** Folder of the staging bucket DMS writes its CSV files to. @default - the endpoint id */
  readonly bucketFolder?: string;
  /** Milliseconds DMS waits before retrying a bulk load (`ErrorRetryDuration`). @default 250 */
  readonly errorRetryDuration?: number;
  /** Kilobytes of CSV DMS stages before a bulk load (`MaxFileSize`). @default 1048576 */
  readonly maxFileSize?: number;
  /** Bulk-load retries before the task fails (`MaxRetryCount`). @default 5 */
  readonly maxRetryCount?: number;
  /** How rows become a property graph (Gremlin) or RDF triples (R2RML). */
  readonly graphMapping: GraphMapping;
}

export interface NeptuneTargetEndpointProps extends ProjectEnvironment, NeptuneTargetSettings {
  /** The bucket DMS stages CSV files in before Neptune's bulk loader reads them: a `DmsTargetBucket` with a KMS key. */
  readonly bucket: IDmsTargetBucket;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * An Amazon Neptune target endpoint for an existing cluster (referenced by its endpoint and resource id). DMS
 * writes CSV files to a folder of a staging bucket, and Neptune's bulk loader reads them with the endpoint's role,
 * which is trusted by DMS and Neptune (`rds.amazonaws.com`) in this account only and may use that folder, the
 * bucket's key through S3, and (IAM authentication, the default) the data-plane actions on that cluster only.
 * Provider 5.100.0 has no `neptune_settings`, so the settings go into `extra_connection_attributes`; it has no task
 * `TaskData` either, so the graph-mapping configuration is written next to the stack as
 * `neptune/<endpoint id>.graph-mapping.json` (Gremlin) or `.ttl` (R2RML), to attach with
 * `aws dms modify-replication-task --task-data file://...`
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.TaskData.html). Add the role to the cluster's IAM
 * roles so the loader may use it. Neptune takes HTTPS only, so DMS takes no SSL mode for it.
 */
export class NeptuneTargetEndpoint extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly serviceAccessRoleArn: string;
  readonly bucketFolder: string;
  readonly port: number;
  readonly extraConnectionAttributes: string;
  /** The graph-mapping configuration's file, next to the stack. */
  readonly graphMappingFile: StackFile;
  private readonly peer: IPeer | IConnectable;

  constructor(scope: Construct, id: string, props: NeptuneTargetEndpointProps) {
    super(scope, id);
    validateProps(this, props, NEPTUNE_TARGET_RULES);
    const { bucket } = props;
    if (bucket.kmsKeyArn === undefined) {
      throw new ValidationError(this, "the staging bucket of a Neptune target needs a KMS key: its CSV files hold the migrated data");
    }
    const folder = props.bucketFolder ?? props.endpointId;
    const iamAuth = props.iamAuthEnabled ?? true;
    this.port = props.port ?? DEFAULT_NEPTUNE_PORT;
    const tags = projectTags(props, props.endpointId, props.additionalTags);
    const account = AwsAccount.of(this);
    const role = new IamRole(this, "AccessRole", {
      namePrefix: "dms-neptune-",
      description: `Lets DMS stage, and Neptune bulk-load, the files of endpoint ${props.endpointId}`,
      assumeRolePolicy: serviceTrustPolicy(this, [...account.dmsServicePrincipals, `rds.${account.dnsSuffix}`], {
        // Neptune clusters are RDS cluster resources (arn:aws:rds:<region>:<account>:cluster:<name>).
        sourceArns: [stackArn(this, "dms", "*"), stackArn(this, "rds", "cluster:*")],
      }),
      tags,
    });
    const { region, dnsSuffix } = account;
    const policy = new IamRolePolicy(this, "StagingAccess", {
      role: role.id,
      name: "neptune-staging",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          ...stagingFolderStatements(bucket, folder, region, dnsSuffix),
          ...(iamAuth
            ? [{ Sid: "LoadThisCluster", Effect: "Allow", Action: [...NEPTUNE_DATA_ACTIONS], Resource: stackArn(this, "neptune-db", `${props.clusterResourceId}/*`) }]
            : []),
        ],
      }),
    });
    this.extraConnectionAttributes = [
      `s3BucketName=${bucket.bucketName}`,
      `s3BucketFolder=${folder}`,
      `serviceAccessRoleArn=${role.arn}`,
      `iamAuthEnabled=${iamAuth}`,
      ...(props.errorRetryDuration !== undefined ? [`errorRetryDuration=${props.errorRetryDuration}`] : []),
      ...(props.maxFileSize !== undefined ? [`maxFileSize=${props.maxFileSize}`] : []),
      ...(props.maxRetryCount !== undefined ? [`maxRetryCount=${props.maxRetryCount}`] : []),
    ].join(";");
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "target",
      engineName: "neptune",
      serverName: props.serverName,
      port: this.port,
      extraConnectionAttributes: this.extraConnectionAttributes,
      tags,
      dependsOn: [policy, ...bucket.dependables],
    });
    const document = graphMappingDocument(props.graphMapping);
    this.graphMappingFile = new StackFile(this, "GraphMapping", { fileName: `neptune/${props.endpointId}.graph-mapping.${document.extension}`, content: document.text });
    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.serviceAccessRoleArn = role.arn;
    this.bucketFolder = folder;
    this.peer =
      props.securityGroupId !== undefined
        ? { connections: new Connections(this, { securityGroupId: props.securityGroupId, defaultPort: this.port }) }
        : Peer.ipv4((props.allowedCidr ?? hostCidr(props.serverName)) as string);
  }

  /** The instance reaches the cluster on its port only (let into a named group on that port), and S3 on 443 for its staging files. */
  allowConnectionsFrom(runner: IConnectable): void {
    runner.connections.allowTo(this.peer, this.port, `Neptune target ${this.endpointId}`);
    runner.connections.allowTo(servicePrefixListPeer(this, "s3"), 443, "HTTPS to Amazon S3 (DMS S3 target)");
  }
}

