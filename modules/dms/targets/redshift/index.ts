import { fileProblems, nestProblems } from "../../../core/rules";
import { Peer } from "../../../network/peer";
import { DmsTargetBucket } from "../../../storage/dms-target-bucket";
import { TargetEngine } from "../target-engine";
import { IRedshiftWarehouse, RedshiftCluster } from "./cluster";
import { RedshiftTargetEndpoint } from "./endpoint";
import { REDSHIFT_CLUSTER_RULES, REDSHIFT_TARGET_RULES } from "./rules";
import { RedshiftTargetConfig, redshiftTargetSchema } from "./schema";

function clusterSettings(target: RedshiftTargetConfig) {
  const { name, nodeType, numberOfNodes, databaseName, masterUsername } = target.warehouse;
  return { clusterIdentifier: name as string, nodeType, numberOfNodes, databaseName, masterUsername };
}

const created = (target: RedshiftTargetConfig) => target.warehouse.existingClusterId === undefined && target.warehouse.existingWorkgroupName === undefined;

export const redshiftTarget: TargetEngine<typeof redshiftTargetSchema> = {
  engine: "redshift",
  schema: redshiftTargetSchema,
  settingsKey: "RedshiftSettings",
  problems: (target) => [
    ...fileProblems(REDSHIFT_TARGET_RULES, { endpointId: target.endpointId, bucketFolder: target.folder }, { bucketFolder: "folder" }),
    ...(created(target) ? nestProblems(["warehouse"], fileProblems(REDSHIFT_CLUSTER_RULES, clusterSettings(target), { clusterIdentifier: "name" })) : []),
  ],
  build: (scope, name, target, context) => {
    const { warehouse: entry } = target;
    const existing = () => ({
      credentials:
        entry.secretArn !== undefined
          ? { secretArn: entry.secretArn, secretKmsKeyArn: entry.secretKmsKeyArn }
          : {
              username: entry.username,
              usernameParameterName: entry.usernameParameter,
              passwordParameterName: entry.passwordParameter as string,
              passwordVersion: entry.passwordVersion,
            },
      databaseName: entry.databaseName,
      peer: entry.securityGroupId !== undefined ? Peer.securityGroup(entry.securityGroupId, `redshift-${name}`) : Peer.ipv4(entry.cidr as string),
    });
    const warehouse: IRedshiftWarehouse =
      entry.existingClusterId !== undefined
        ? RedshiftCluster.fromClusterId(scope, `Warehouse-${name}`, { ...existing(), clusterIdentifier: entry.existingClusterId })
        : entry.existingWorkgroupName !== undefined
          ? RedshiftCluster.fromWorkgroupName(scope, `Warehouse-${name}`, { ...existing(), workgroupName: entry.existingWorkgroupName, databaseName: entry.databaseName as string })
          : new RedshiftCluster(scope, `Warehouse-${name}`, {
              projectName: context.projectName,
              environment: context.environment,
              ...clusterSettings(target),
              passwordVersion: entry.passwordVersion,
              vpcId: context.network.vpcId,
              subnetIds: context.network.subnetIds,
              kmsKeyArn: context.kmsKeyArn,
            });
    const bucket = new DmsTargetBucket(scope, `Bucket-${name}`, {
      projectName: context.projectName,
      environment: context.environment,
      bucketName: target.bucket.name,
      kmsKeyArn: context.kmsKeyArn,
      forceDestroy: target.bucket.forceDestroy,
      noncurrentVersionExpirationDays: target.bucket.noncurrentVersionExpirationDays,
    });
    return new RedshiftTargetEndpoint(scope, `Target-${name}`, {
      projectName: context.projectName,
      environment: context.environment,
      endpointId: target.endpointId,
      warehouse,
      bucket,
      bucketFolder: target.folder,
      kmsKeyArn: context.kmsKeyArn,
      secretRecoveryWindowInDays: context.secretRecoveryWindowInDays,
    });
  },
};
