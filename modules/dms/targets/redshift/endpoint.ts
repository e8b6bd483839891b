import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsAccount } from "../../../core/aws-account";
import { ValidationError } from "../../../core/errors";
import { servicePrefixListPeer } from "../../../network/service-prefix-lists";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { serviceTrustPolicy, stackArn } from "../../../core/trust-policy";
import { IConnectable } from "../../../network/connections";
import { IDmsTargetBucket, stagingFolderStatements } from "../../../storage/dms-target-bucket";
import { ITargetEndpoint } from "../../endpoints/endpoint";
import { IRedshiftWarehouse } from "./cluster";
import { REDSHIFT_TARGET_RULES } from "./rules";

export interface RedshiftTargetEndpointProps extends ProjectEnvironment {
  /** Such as `target-orders-warehouse`. */
  readonly endpointId: string;
  /** `new RedshiftCluster(...)`, `RedshiftCluster.fromClusterId(...)` or `RedshiftCluster.fromWorkgroupName(...)`. */
  readonly warehouse: IRedshiftWarehouse;
  /** The intermediate bucket DMS stages its files in before COPY: a `DmsTargetBucket` with a KMS key. */
  readonly bucket: IDmsTargetBucket;
  /** Folder of the bucket DMS stages in. @default - the endpoint id */
  readonly bucketFolder?: string;
  /** Key for the endpoint's connection parameters and secret. @default - AWS managed keys */
  readonly kmsKeyArn?: string;
  /** @default 7 */
  readonly secretRecoveryWindowInDays?: number;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * A Redshift target endpoint: DMS writes CSV files to a folder of an intermediate bucket, encrypted with the
 * bucket's key (SSE-KMS), and loads them with COPY. The service access role created here is trusted by DMS and
 * Redshift in this account only and may use only that folder and that key, through S3 only. The login reaches DMS
 * through a Secrets Manager secret. Redshift endpoints always use TLS, so DMS takes no SSL mode for them
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html); a created cluster requires it.
 */
export class RedshiftTargetEndpoint extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly serviceAccessRoleArn: string;
  readonly bucketFolder: string;
  private readonly warehouse: IRedshiftWarehouse;

  constructor(scope: Construct, id: string, props: RedshiftTargetEndpointProps) {
    super(scope, id);
    validateProps(this, props, REDSHIFT_TARGET_RULES);
    const { bucket, warehouse } = props;
    if (bucket.kmsKeyArn === undefined) {
      throw new ValidationError(this, "the staging bucket of a Redshift target needs a KMS key: SSE-KMS is the only mode this endpoint writes");
    }
    const folder = props.bucketFolder ?? props.endpointId;
    const tags = projectTags(props, props.endpointId, props.additionalTags);
    const account = AwsAccount.of(this);
    const role = new IamRole(this, "AccessRole", {
      namePrefix: "dms-redshift-",
      description: `Lets DMS stage, and Redshift COPY, the files of endpoint ${props.endpointId}`,
      assumeRolePolicy: serviceTrustPolicy(this, [...account.dmsServicePrincipals, `redshift.${account.dnsSuffix}`], {
        sourceArns: [stackArn(this, "dms", "*"), stackArn(this, "redshift", "*")],
      }),
      tags,
    });
    const { region, dnsSuffix } = account;
    const policy = new IamRolePolicy(this, "StagingAccess", {
      role: role.id,
      name: "redshift-staging",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          ...stagingFolderStatements(bucket, folder, region, dnsSuffix),
        ],
      }),
    });
    warehouse.allowCopyWith(role.arn);

    const secret = warehouse.endpointSecret(this, {
      name: props.endpointId,
      kmsKeyArn: props.kmsKeyArn,
      recoveryWindowInDays: props.secretRecoveryWindowInDays,
      tags,
    });
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "target",
      engineName: "redshift",
      databaseName: warehouse.databaseName,
      kmsKeyArn: props.kmsKeyArn,
      secretsManagerArn: secret.secretArn,
      secretsManagerAccessRoleArn: secret.accessRoleArn,
      redshiftSettings: {
        bucketName: bucket.bucketName,
        bucketFolder: folder,
        encryptionMode: "SSE_KMS",
        serverSideEncryptionKmsKeyId: bucket.kmsKeyArn,
        serviceAccessRoleArn: role.arn,
      },
      tags,
      dependsOn: [...secret.dependables, policy, ...bucket.dependables],
    });
    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.serviceAccessRoleArn = role.arn;
    this.bucketFolder = folder;
    this.warehouse = warehouse;
  }

  /** DMS reaches the warehouse on its port only, and S3 on 443 (its staging files), through the region's S3 prefix list. */
  allowConnectionsFrom(runner: IConnectable): void {
    runner.connections.allowTo(this.warehouse.peer, this.warehouse.port, `Redshift target ${this.endpointId}`);
    runner.connections.allowTo(servicePrefixListPeer(this, "s3"), 443, "HTTPS to Amazon S3 (DMS S3 target)");
  }
}

