import { Construct } from "constructs";
import { REDSHIFT_ENCRYPTED } from "../../../core/provider-compat";
import { DataAwsRedshiftCluster } from "@cdktf/provider-aws/lib/data-aws-redshift-cluster";
import { DataAwsRedshiftserverlessWorkgroup } from "@cdktf/provider-aws/lib/data-aws-redshiftserverless-workgroup";
import { RedshiftCluster as RedshiftClusterResource } from "@cdktf/provider-aws/lib/redshift-cluster";
import { RedshiftClusterIamRoles } from "@cdktf/provider-aws/lib/redshift-cluster-iam-roles";
import { RedshiftLogging } from "@cdktf/provider-aws/lib/redshift-logging";
import { RedshiftParameterGroup } from "@cdktf/provider-aws/lib/redshift-parameter-group";
import { RedshiftSubnetGroup } from "@cdktf/provider-aws/lib/redshift-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { ProjectEnvironment, isProduction, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { Connections, IConnectable } from "../../../network/connections";
import { IPeer } from "../../../network/peer";
import { EndpointSecret } from "../../../secrets/endpoint-secret";
import { SsmPassword } from "../../../secrets/ssm-password";
import { ExistingEndpointSecret } from "../../../secrets/existing-endpoint-secret";
import { EndpointLogin, credentialsSecret } from "../../endpoints/endpoint-credentials";
import { AUDIT_LOG_EXPORTS, DEFAULT_DATABASE_NAME, DEFAULT_MASTER_USERNAME, DEFAULT_NODE_TYPE, REDSHIFT_PORT } from "./options";
import { REDSHIFT_CLUSTER_RULES } from "./rules";

/** What the endpoint's secret needs besides the login. */
export interface WarehouseSecretProps {
  readonly name: string;
  readonly kmsKeyArn?: string;
  readonly recoveryWindowInDays?: number;
  readonly tags?: Readonly<Record<string, string>>;
}

/** A Redshift warehouse DMS loads: a cluster created here, or an existing cluster or serverless workgroup. */
export interface IRedshiftWarehouse {
  readonly address: string;
  readonly port: number;
  readonly databaseName: string;
  /** What the replication instance must reach on the warehouse's port. */
  readonly peer: IPeer | IConnectable;
  /** The secret DMS reads the login from, created in `scope`. */
  endpointSecret(scope: Construct, props: WarehouseSecretProps): EndpointSecret | ExistingEndpointSecret;
  /** Lets the warehouse's COPY read the staging bucket with `roleArn`; only a cluster created here is changed by this library. */
  allowCopyWith(roleArn: string): void;
}

export interface RedshiftClusterProps extends ProjectEnvironment {
  /** Such as `orders-warehouse`. */
  readonly clusterIdentifier: string;
  readonly vpcId: string;
  /** The environment's private subnets. */
  readonly subnetIds: string[];
  /** The environment's key: the cluster and its master password's parameter are encrypted with it. @default - AWS managed keys */
  readonly kmsKeyArn?: string;
  /** @default "ra3.large" */
  readonly nodeType?: string;
  /** One node is a single-node cluster. @default 1 */
  readonly numberOfNodes?: number;
  /** @default "warehouse" */
  readonly databaseName?: string;
  /** @default "dms_admin" */
  readonly masterUsername?: string;
  /** Raise it to rotate the generated master password kept in SSM. @default 1 */
  readonly passwordVersion?: number;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * A provisioned Redshift cluster for DMS to load: private (no public address, enhanced VPC routing so COPY from S3
 * stays in the VPC), encrypted with the environment's key, TLS required by its parameter group, audit logs
 * (connections, users, user activity) to CloudWatch Logs, the master password generated into SSM and written
 * write-only, and a security group that lets in only what is allowed on 5439. Outside production it is deleted
 * without a final snapshot.
 */
export class RedshiftCluster extends Construct implements IRedshiftWarehouse, IConnectable {
  /** An existing provisioned cluster, looked up by identifier; DMS logs in with the credentials held in SSM. */
  static fromClusterId(scope: Construct, id: string, props: ExistingWarehouseProps & { readonly clusterIdentifier: string }): IRedshiftWarehouse {
    const cluster = new DataAwsRedshiftCluster(scope, `${id}Lookup`, { clusterIdentifier: props.clusterIdentifier });
    return new ExistingWarehouse(scope, id, { ...props, address: cluster.endpoint, port: cluster.port, databaseName: props.databaseName ?? cluster.databaseName });
  }

  /** An existing Redshift Serverless workgroup, looked up by name; DMS logs in with the credentials held in SSM. */
  static fromWorkgroupName(scope: Construct, id: string, props: ExistingWarehouseProps & { readonly workgroupName: string; readonly databaseName: string }): IRedshiftWarehouse {
    const workgroup = new DataAwsRedshiftserverlessWorkgroup(scope, `${id}Lookup`, { workgroupName: props.workgroupName });
    const endpoint = workgroup.endpoint.get(0);
    return new ExistingWarehouse(scope, id, { ...props, address: endpoint.address, port: endpoint.port, databaseName: props.databaseName });
  }

  readonly address: string;
  readonly port: number;
  readonly databaseName: string;
  readonly clusterIdentifier: string;
  readonly connections: Connections;
  private readonly masterUsername: string;
  private readonly password: SsmPassword;

  constructor(scope: Construct, id: string, props: RedshiftClusterProps) {
    super(scope, id);
    validateProps(this, props, REDSHIFT_CLUSTER_RULES);
    const tags = projectTags(props, props.clusterIdentifier, props.additionalTags);
    const nodes = props.numberOfNodes ?? 1;
    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      namePrefix: `redshift-${props.clusterIdentifier}-`,
      description: `Redshift cluster ${props.clusterIdentifier}: only what is allowed on ${REDSHIFT_PORT}`,
      vpcId: props.vpcId,
      tags,
      lifecycle: { createBeforeDestroy: true },
    });
    this.connections = new Connections(this, { securityGroupId: securityGroup.id, defaultPort: REDSHIFT_PORT });
    const subnetGroup = new RedshiftSubnetGroup(this, "SubnetGroup", {
      name: `${props.clusterIdentifier}-subnets`,
      description: `Private subnets of ${props.clusterIdentifier}`,
      subnetIds: props.subnetIds,
      tags,
    });
    const parameterGroup = new RedshiftParameterGroup(this, "Parameters", {
      name: `${props.clusterIdentifier}-parameters`,
      description: `TLS only and user activity logging for ${props.clusterIdentifier}`,
      family: "redshift-1.0",
      parameter: [
        { name: "require_ssl", value: "true" },
        { name: "enable_user_activity_logging", value: "true" },
      ],
      tags,
    });
    this.password = new SsmPassword(this, "MasterPassword", {
      parameterName: `/${props.projectName}/${props.environment}/redshift/${props.clusterIdentifier}/master-password`,
      version: props.passwordVersion,
      kmsKeyId: props.kmsKeyArn,
      tags,
    });
    this.masterUsername = props.masterUsername ?? DEFAULT_MASTER_USERNAME;
    const production = isProduction(props);
    const cluster = new RedshiftClusterResource(this, "Cluster", {
      clusterIdentifier: props.clusterIdentifier,
      nodeType: props.nodeType ?? DEFAULT_NODE_TYPE,
      clusterType: nodes > 1 ? "multi-node" : "single-node",
      numberOfNodes: nodes,
      databaseName: props.databaseName ?? DEFAULT_DATABASE_NAME,
      masterUsername: this.masterUsername,
      masterPasswordWo: this.password.value,
      masterPasswordWoVersion: this.password.version,
      port: REDSHIFT_PORT,
      encrypted: REDSHIFT_ENCRYPTED,
      kmsKeyId: props.kmsKeyArn,
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      clusterSubnetGroupName: subnetGroup.name,
      clusterParameterGroupName: parameterGroup.name,
      vpcSecurityGroupIds: [securityGroup.id],
      skipFinalSnapshot: !production,
      finalSnapshotIdentifier: production ? `${props.clusterIdentifier}-final` : undefined,
      tags,
    });
    new RedshiftLogging(this, "AuditLogging", {
      clusterIdentifier: cluster.clusterIdentifier,
      logDestinationType: "cloudwatch",
      logExports: [...AUDIT_LOG_EXPORTS],
    });
    this.address = cluster.dnsName;
    this.port = REDSHIFT_PORT;
    this.databaseName = props.databaseName ?? DEFAULT_DATABASE_NAME;
    this.clusterIdentifier = cluster.clusterIdentifier;
  }

  get peer(): IConnectable {
    return this;
  }

  /** DMS logs in as the master user, whose password lives only in SSM and ephemeral values. */
  endpointSecret(scope: Construct, props: WarehouseSecretProps): EndpointSecret {
    return new EndpointSecret(scope, "Credentials", { ...props, username: this.masterUsername, password: this.password, host: this.address, port: this.port });
  }

  allowCopyWith(roleArn: string): void {
    if (this.node.tryFindChild("CopyRole")) return;
    new RedshiftClusterIamRoles(this, "CopyRole", { clusterIdentifier: this.clusterIdentifier, iamRoleArns: [roleArn] });
  }
}

export interface ExistingWarehouseProps {
  /** The login DMS uses: from SSM, or an existing secret by ARN. */
  readonly credentials: EndpointLogin;
  /** @default - the cluster's own database (a workgroup needs it given) */
  readonly databaseName?: string;
  /** The warehouse's security group, or the network it is in: DMS may reach it there on its port. */
  readonly peer: IPeer | IConnectable;
}

class ExistingWarehouse extends Construct implements IRedshiftWarehouse {
  readonly address: string;
  readonly port: number;
  readonly databaseName: string;
  readonly peer: IPeer | IConnectable;
  private readonly credentials: EndpointLogin;

  constructor(scope: Construct, id: string, props: ExistingWarehouseProps & { address: string; port: number; databaseName: string }) {
    super(scope, id);
    this.address = props.address;
    this.port = props.port;
    this.databaseName = props.databaseName;
    this.peer = props.peer;
    this.credentials = props.credentials;
  }

  endpointSecret(scope: Construct, props: WarehouseSecretProps): EndpointSecret | ExistingEndpointSecret {
    return credentialsSecret(scope, { ...props, credentials: this.credentials, host: this.address, port: this.port });
  }

  // An existing warehouse's IAM roles are its owner's: the README says to associate the endpoint's role.
  allowCopyWith(): void {}
}
