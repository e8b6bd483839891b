import { readFileSync } from "fs";
import { isAbsolute, relative, resolve } from "path";
import { Construct } from "constructs";
import { S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig } from "../config/schema/environment";
import { ENVIRONMENT_TIER_OUTPUT, environmentTier, projectContext, projectTags } from "../core/project-environment";
import { EnvironmentKey } from "../encryption/environment-key";
import { Peer } from "../network/peer";
import { PrivateSubnetLookup, PrivateSubnets } from "../network/private-subnets";
import { AuroraPostgresCluster } from "../postgres/aurora-postgres-cluster";
import { PostgresDatabase } from "../postgres/postgres-database";
import { ValidationError } from "../core/errors";
import { AdoptionResult, adoptExisting } from "../adoption/adopt";
import { DmsMigration } from "./dms-migration";
import { DmsCertificateSource } from "../dms/certificate";
import { LocalEmulatorTarget, localBackendSettings, localEmulatorProblem, localProviderSettings } from "./local-emulator";

export interface MigrationStackProps {
  /** A checked environment file (see `loadEnvironments`). */
  readonly config: EnvironmentConfig;
  /** Deploy to the local AWS emulator instead of AWS; only `npm run deploy:local` sets it. @default - AWS */
  readonly localEmulator?: LocalEmulatorTarget;
  /** Only the plan report's what-if plan (never applied) sets it: lifts production's replacement refusal. @default false */
  readonly unguardedForReport?: boolean;
  /** The directory `dms.certificates[*].pemFile` paths are relative to: the repository. @default - the working directory */
  readonly repositoryDirectory?: string;
}

/**
 * Everything one environment file describes: provider, remote state, an optional customer-managed key,
 * network, the database (RDS PostgreSQL or Aurora PostgreSQL), and DMS.
 */
export class MigrationStack extends TerraformStack {
  readonly database: PostgresDatabase | AuroraPostgresCluster;
  readonly dms?: DmsMigration;
  readonly kmsKeyArn?: string;
  /** The import blocks and legacy-setting warnings of the file's `adopt` section. */
  readonly adoption: AdoptionResult;

  constructor(scope: Construct, id: string, props: MigrationStackProps) {
    super(scope, id);
    const { config, localEmulator } = props;
    const localProblem = localEmulator && localEmulatorProblem(localEmulator);
    if (localProblem) throw new ValidationError(this, localProblem);

    new AwsProvider(this, "aws", {
      region: config.region,
      allowedAccountIds: config.accountId ? [config.accountId] : undefined,
      defaultTags: [{ tags: projectTags(config, undefined, config.tags) }],
      ...(localEmulator ? localProviderSettings(localEmulator) : {}),
    });
    this.configureBackend(config, localEmulator);

    const context = projectContext(config);
    if (config.encryption?.customerManagedKeys) {
      this.kmsKeyArn = new EnvironmentKey(this, "EnvironmentKey", { ...context, existingKeyArn: config.encryption.existingKeyArn }).keyArn;
    }
    const network = this.network(config);
    this.database = this.createDatabase(config, network);
    config.database.allowedIngress.forEach((rule, index) => {
      const acknowledgePublicRange = config.acknowledgePublicRanges.some((entry) => entry.cidr === rule.cidr);
      const peer = rule.cidr ? Peer.ipv4(rule.cidr, { acknowledgePublicRange }) : Peer.securityGroup(rule.securityGroupId as string, `allowed-${index}`);
      this.database.connections.allowDefaultPortFrom(peer, rule.description);
    });

    const { dms } = config;
    if (dms) {
      const certificates = this.readCertificates(dms, props.repositoryDirectory ?? process.cwd());
      this.dms = new DmsMigration(this, "Dms", { config: { ...config, dms }, network, database: this.database, kmsKeyArn: this.kmsKeyArn, unguardedForReport: props.unguardedForReport, certificates });
    }

    this.adoption = adoptExisting({ stack: this, database: this.database, dms: this.dms }, config);
    this.outputs(config);
  }

  /** The file's certificates, each `pemFile` replaced by the PEM text read from it: the stack reads files, constructs never do. */
  private readCertificates(dms: NonNullable<EnvironmentConfig["dms"]>, directory: string): Record<string, DmsCertificateSource> {
    const certificates: Record<string, DmsCertificateSource> = {};
    for (const [key, entry] of Object.entries(dms.certificates ?? {})) {
      if (!("pemFile" in entry)) {
        certificates[key] = entry;
        continue;
      }
      const path = resolve(directory, entry.pemFile);
      const inside = relative(directory, path);
      if (inside.startsWith("..") || isAbsolute(inside)) {
        throw new ValidationError(this, `\`dms.certificates.${key}.pemFile\` "${entry.pemFile}" is outside the repository (${directory})`);
      }
      try {
        certificates[key] = { certificateId: entry.certificateId, certificatePem: readFileSync(path, "utf8"), additionalTags: entry.tags };
      } catch {
        throw new ValidationError(this, `\`dms.certificates.${key}.pemFile\` "${entry.pemFile}" cannot be read from ${directory}`);
      }
    }
    return certificates;
  }

  private createDatabase(config: EnvironmentConfig, network: PrivateSubnets): PostgresDatabase | AuroraPostgresCluster {
    // The file's database entry is the props of its construct, less the wiring and the peers added below.
    const { engine, name, allowedIngress: _peers, publiclyAccessible: _private, kmsKeyArn, performanceInsights, password, ...shared } = config.database;
    const { instances, serverlessCapacity, allocatedStorage, maxAllocatedStorage, storageType, multiAz, ...common } = shared;
    const key = kmsKeyArn ?? this.kmsKeyArn;
    const props = {
      ...common,
      ...projectContext(config),
      vpcId: network.vpcId,
      subnetIds: network.subnetIds,
      databaseName: name,
      kmsKeyArn: key,
      performanceInsights: performanceInsights?.enabled
        ? { retentionDays: performanceInsights.retentionDays, kmsKeyArn: performanceInsights.kmsKeyArn ?? key }
        : undefined,
      password: { ...password, kmsKeyId: password.kmsKeyId ?? key },
    };
    return engine === "aurora-postgresql"
      ? new AuroraPostgresCluster(this, "TargetDatabase", { ...props, instances, serverlessCapacity })
      : new PostgresDatabase(this, "TargetDatabase", { ...props, allocatedStorage, maxAllocatedStorage, storageType, multiAz });
  }

  private configureBackend(config: EnvironmentConfig, localEmulator?: LocalEmulatorTarget): void {
    const { backend } = config;
    const s3 = new S3Backend(this, {
      bucket: backend.bucket,
      key: backend.key ?? `${config.projectName}/${config.environment}/terraform.tfstate`,
      region: backend.region ?? config.region,
      encrypt: backend.encrypt,
      // The emulator has no customer key for state; AWS's own server-side encryption still applies.
      kmsKeyId: localEmulator ? undefined : backend.kmsKeyId,
      dynamodbTable: backend.dynamodbTable,
      ...(localEmulator ? localBackendSettings(localEmulator) : {}),
    });
    // Terraform 1.10+ locks with a lock object next to the state; cdktf 0.21 has no typed `useLockfile`.
    if (backend.dynamodbTable === undefined) s3.addOverride("use_lockfile", true);
  }

  private network(config: EnvironmentConfig): PrivateSubnets {
    const { network } = config;
    if (network.vpcName !== undefined) {
      return new PrivateSubnetLookup(this, "Network", { vpcName: network.vpcName, subnetTags: network.subnetTags });
    }
    return { vpcId: network.vpcId as string, subnetIds: network.subnetIds as string[] };
  }

  private outputs(config: EnvironmentConfig): void {
    const db = this.database;
    const values: Record<string, string | number | Record<string, string>> = {
      // The tier the guard rails were built for, so the operations commands guard the same way (not by the name).
      [ENVIRONMENT_TIER_OUTPUT]: environmentTier(config),
      database_address: db.address,
      database_port: db.port,
      database_name: db.databaseName,
      database_arn: db.arn,
      database_security_group_id: db.securityGroupId,
      database_password_parameter: db.password.parameterName,
    };
    if (this.dms) {
      const { replicationInstance, databaseTarget, sources, targets, tasks, serverless } = this.dms;
      if (replicationInstance) {
        values.dms_replication_instance_arn = replicationInstance.replicationInstanceArn;
        // Hackney's dms_full_setup output, which callers used to open their database to DMS by hand.
        values.dms_instance_sg = replicationInstance.connections.securityGroupId;
        // A shared instance's owner must allow these; this stack does not write them (README "Changing live replication").
        const required = replicationInstance.connections.rulesRequiredOfOwner;
        if (required.length > 0) values.dms_shared_instance_rules_required_of_owner = Object.fromEntries(required.map((rule, index) => [String(index + 1), rule]));
      }
      if (databaseTarget) values.dms_target_endpoint_arn = databaseTarget.endpointArn;
      values.dms_source_endpoint_arns = Object.fromEntries(Object.values(sources).map((s) => [s.endpointId, s.endpointArn]));
      if (Object.keys(targets).length > 0) {
        values.dms_s3_target_endpoint_arns = Object.fromEntries(Object.values(targets).map((t) => [t.endpointId, t.endpointArn]));
      }
      values.dms_replication_task_arns = Object.fromEntries(tasks.map((t) => [t.replicationTaskId, t.replicationTaskArn]));
      if (serverless.length > 0) {
        values.dms_replication_config_arns = Object.fromEntries(serverless.map((s) => [s.replicationConfigId, s.replicationConfigArn]));
      }
    }
    for (const [name, value] of Object.entries(values)) new TerraformOutput(this, name, { value });
  }
}
