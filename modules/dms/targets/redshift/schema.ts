import { z } from "zod";
import { dmsId, ipv4Cidr, securityGroupId, ssmParameterName } from "../../../core/identifiers";
import { existingSecretCredentialsSchema } from "../../endpoints/entry-schema";

const CREATED_KEYS = ["name", "nodeType", "numberOfNodes", "masterUsername", "passwordVersion"] as const;
const EXISTING_KEYS = ["existingClusterId", "existingWorkgroupName"] as const;
const LOGIN_KEYS = ["username", "usernameParameter", "passwordParameter"] as const;
const SECRET_KEYS = ["secretArn", "secretKmsKeyArn"] as const;

const warehouseSchema = z
  .strictObject({
    name: z.string().optional().describe("Cluster to create: its identifier"),
    nodeType: z.string().optional().describe("Created cluster; default ra3.large"),
    numberOfNodes: z.number().int().optional().describe("Created cluster; default 1 (single-node)"),
    masterUsername: z.string().optional().describe("Created cluster; default dms_admin (its password is generated into SSM)"),
    passwordVersion: z.number().int().min(1).optional().describe("Created cluster: raise to rotate the master password; existing: raise after changing it in SSM"),
    databaseName: z.string().optional().describe("Default warehouse (created) or the cluster's own; required for a workgroup"),
    existingClusterId: z.string().optional().describe("Load this existing provisioned cluster"),
    existingWorkgroupName: z.string().optional().describe("Load this existing Redshift Serverless workgroup"),
    username: z.string().min(1).optional().describe("Existing warehouse: login name; or usernameParameter"),
    usernameParameter: ssmParameterName.optional().describe("Existing warehouse: SSM parameter holding the login name"),
    passwordParameter: ssmParameterName.optional().describe("Existing warehouse: SSM SecureString holding the password"),
    ...existingSecretCredentialsSchema.partial().shape,
    securityGroupId: securityGroupId.optional().describe("Existing warehouse: its security group, which DMS may reach on its port"),
    cidr: ipv4Cidr.optional().describe("Existing warehouse: its network, when there is no security group to name"),
  })
  .superRefine((warehouse, ctx) => {
    const existing = EXISTING_KEYS.filter((key) => warehouse[key] !== undefined);
    if (existing.length > 1) ctx.addIssue({ code: "custom", path: ["existingWorkgroupName"], message: "give existingClusterId or existingWorkgroupName, not both" });
    if (existing.length === 0) {
      if (warehouse.name === undefined) ctx.addIssue({ code: "custom", path: ["name"], message: "give the cluster to create, or existingClusterId / existingWorkgroupName" });
      for (const key of [...LOGIN_KEYS, ...SECRET_KEYS, "securityGroupId", "cidr"] as const) {
        if (warehouse[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only applies to an existing warehouse; a created cluster's login is its generated master user" });
      }
      return;
    }
    for (const key of CREATED_KEYS.filter((key) => key !== "passwordVersion")) {
      if (warehouse[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only applies to a cluster created here" });
    }
    if (warehouse.secretArn !== undefined) {
      // An existing secret holds the login (terraform-aws-modules/dms secrets_manager_arn).
      for (const key of [...LOGIN_KEYS, "passwordVersion"] as const) {
        if (warehouse[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "not with `secretArn` (the existing secret holds the login); allowed: SSM parameters or secretArn, not both" });
      }
    } else {
      if (warehouse.secretKmsKeyArn !== undefined) ctx.addIssue({ code: "custom", path: ["secretKmsKeyArn"], message: "only with `secretArn`" });
      if (warehouse.passwordParameter === undefined) ctx.addIssue({ code: "custom", path: ["passwordParameter"], message: "required for an existing warehouse (or `secretArn`, an existing secret)" });
      if ((warehouse.username === undefined) === (warehouse.usernameParameter === undefined)) {
        ctx.addIssue({ code: "custom", path: ["username"], message: "give exactly one login name: username, or usernameParameter" });
      }
    }
    if ((warehouse.securityGroupId === undefined) === (warehouse.cidr === undefined)) {
      ctx.addIssue({ code: "custom", path: ["securityGroupId"], message: "give exactly one of securityGroupId and cidr, where DMS may connect" });
    }
    if (warehouse.existingWorkgroupName !== undefined && warehouse.databaseName === undefined) {
      ctx.addIssue({ code: "custom", path: ["databaseName"], message: "required with existingWorkgroupName" });
    }
  })
  .describe("The warehouse: a cluster created here (private, encrypted, audited, enhanced VPC routing) or an existing cluster or workgroup");

const stagingBucketSchema = z
  .strictObject({
    name: z.string().optional().describe("Staging bucket to create; default a unique name starting <projectName>-<environment>-dms-"),
    forceDestroy: z.boolean().optional().describe("Let terraform destroy delete it with its objects; default false"),
    noncurrentVersionExpirationDays: z.number().int().min(1).optional().describe("Days old object versions are kept; default 30"),
  })
  .describe("The intermediate bucket DMS stages files in, created encrypted with the environment's key");

/** A Redshift target in an environment file. */
export const redshiftTargetSchema = z
  .strictObject({
    engine: z.literal("redshift"),
    endpointId: dmsId("an endpoint id").describe("DMS endpoint id, such as target-orders-warehouse"),
    warehouse: warehouseSchema,
    bucket: stagingBucketSchema.default({}),
    folder: z.string().min(1).optional().describe("Staging folder in the bucket; default the endpoint id"),
  })
  .describe("A DMS target endpoint loading Amazon Redshift through an intermediate S3 bucket");

export type RedshiftTargetConfig = z.output<typeof redshiftTargetSchema>;
