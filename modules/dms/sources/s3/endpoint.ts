import { Construct } from "constructs";
import { DmsS3Endpoint } from "@cdktf/provider-aws/lib/dms-s3-endpoint";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsAccount } from "../../../core/aws-account";
import { ValidationError } from "../../../core/errors";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { useProvider } from "../../../core/provider-scope";
import { validateProps } from "../../../core/rules";
import { dmsTrustPolicy } from "../../../core/trust-policy";
import { claimAwsName } from "../../../core/unique-names";
import { IConnectable } from "../../../network/connections";
import { IPeer } from "../../../network/peer";
import { servicePrefixListPeer } from "../../../network/service-prefix-lists";
import { IDmsTargetBucket } from "../../../storage/dms-target-bucket";
import { ISourceEndpoint, SourceReader } from "../../endpoints/endpoint";
import { s3SourceRules } from "./rules";
import { S3SourceTable, externalTableDefinition } from "./table-definition";

export interface S3SourceEndpointProps extends ProjectEnvironment {
  /** Such as `source-hr-landing`. */
  readonly endpointId: string;
  /** The bucket DMS reads: `new DmsTargetBucket(...)` (encrypted, versioned, TLS only) or `DmsTargetBucket.fromExisting(...)`. */
  readonly bucket: IDmsTargetBucket;
  /** Folder in the bucket holding the tables' folders. @default - the bucket's root */
  readonly bucketFolder?: string;
  /** The tables DMS reads, with their columns: the external table definition. */
  readonly tables: readonly S3SourceTable[];
  /**
   * Folder of change files (.csv with an operation column first), under `bucketFolder` when one is set. Without it
   * the source serves full loads only.
   * @default - no change capture
   */
  readonly cdcPath?: string;
  /** @default "," */
  readonly csvDelimiter?: string;
  /** @default "\n" */
  readonly csvRowDelimiter?: string;
  /** 1 when each file starts with a header row. @default 0 */
  readonly ignoreHeaderRows?: number;
  /** Read quoted fields as RFC 4180 describes. @default true (DMS's default) */
  readonly rfc4180?: boolean;
  /**
   * Where the replication instance reaches S3 on HTTPS; the security group of an S3 interface endpoint, when the VPC uses one.
   * @default - the region's S3 prefix list, for a gateway endpoint or NAT
   */
  readonly s3Peer?: IPeer;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}



/**
 * An S3 source endpoint (`aws_dms_s3_endpoint`): .csv files described by a typed external table definition, read
 * with a role created here that may get objects only under the endpoint's folder, list only that folder and use the
 * bucket's key only through S3. A change-file folder (`cdcPath`) makes it a change-capture source.
 */
export class S3SourceEndpoint extends Construct implements ISourceEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly capturesChanges: boolean;
  /** The role DMS assumes to read the bucket. */
  readonly serviceAccessRoleArn: string;
  /** The external table definition sent to DMS. */
  readonly externalTableDefinition: string;
  private readonly tables: readonly S3SourceTable[];
  private readonly s3Peer?: IPeer;

  constructor(scope: Construct, id: string, props: S3SourceEndpointProps) {
    super(scope, id);
    useProvider(this, props.provider);
    claimAwsName(this, "DMS endpoint", props.endpointId);
    validateProps(this, props, s3SourceRules(props));
    const { bucket } = props;
    const tags = projectTags(props, props.endpointId, props.additionalTags);

    const role = new IamRole(this, "AccessRole", {
      namePrefix: "dms-s3-source-",
      description: `Lets DMS read the files of source endpoint ${props.endpointId} from S3`,
      assumeRolePolicy: dmsTrustPolicy(this),
      tags,
    });
    const policy = new IamRolePolicy(this, "ReadObjects", {
      role: role.id,
      name: "read-dms-source-files",
      policy: JSON.stringify(s3SourceRolePolicy(this, bucket, props.bucketFolder)),
    });

    this.externalTableDefinition = externalTableDefinition(props.tables);
    const endpoint = new DmsS3Endpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "source",
      bucketName: bucket.bucketName,
      bucketFolder: props.bucketFolder,
      expectedBucketOwner: bucket.ownerAccountId,
      serviceAccessRoleArn: role.arn,
      externalTableDefinition: this.externalTableDefinition,
      cdcPath: props.cdcPath,
      csvDelimiter: props.csvDelimiter ?? ",",
      csvRowDelimiter: props.csvRowDelimiter ?? "\n",
      ignoreHeaderRows: props.ignoreHeaderRows ?? 0,
      rfc4180: props.rfc4180 ?? true,
      tags,
      dependsOn: [policy, ...bucket.dependables],
    });

    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.capturesChanges = props.cdcPath !== undefined;
    this.serviceAccessRoleArn = role.arn;
    this.tables = props.tables;
    this.s3Peer = props.s3Peer;
  }

  /** A task may only name tables the definition has: DMS would find nothing else, and fail the task at run time. */
  addReader(reader: SourceReader): void {
    const unknown = reader.selections.filter(
      (rule) =>
        rule.action !== "exclude" &&
        !rule.schemaName.includes("%") &&
        !rule.tableName.includes("%") &&
        !this.tables.some((table) => table.owner === rule.schemaName && table.name === rule.tableName),
    );
    if (unknown.length > 0) {
      throw new ValidationError(
        this,
        `task "${reader.replicationTaskId}" selects ${unknown.map((rule) => `${rule.schemaName}.${rule.tableName}`).join(", ")}, which the external table definition does not have; defined: ${this.tables.map((table) => `${table.owner}.${table.name}`).join(", ")}`,
      );
    }
  }

  /** DMS reaches S3 over HTTPS: one egress rule on the instance's security group, port 443, to S3 only. */
  allowConnectionsFrom(runner: IConnectable): void {
    const peer = this.s3Peer ?? servicePrefixListPeer(this, "s3");
    runner.connections.allowTo(peer, 443, "HTTPS to Amazon S3 (DMS S3 source)");
  }
}

/** The least privilege DMS needs to read an S3 source: get objects under the folder, list that folder, decrypt through S3. */
export function s3SourceRolePolicy(scope: Construct, bucket: IDmsTargetBucket, bucketFolder: string | undefined): Record<string, unknown> {
  const statements: Record<string, unknown>[] = [
    {
      Sid: "ReadObjects",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: bucketFolder === undefined ? `${bucket.bucketArn}/*` : `${bucket.bucketArn}/${bucketFolder}/*`,
    },
    {
      Sid: "ListFolder",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucket.bucketArn,
      ...(bucketFolder === undefined ? {} : { Condition: { StringLike: { "s3:prefix": [bucketFolder, `${bucketFolder}/*`] } } }),
    },
  ];
  if (bucket.kmsKeyArn !== undefined) {
    const { region, dnsSuffix } = AwsAccount.of(scope);
    statements.push({
      Sid: "DecryptThroughS3",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: bucket.kmsKeyArn,
      Condition: { StringEquals: { "kms:ViaService": `s3.${region}.${dnsSuffix}` } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
