import { SafeguardPolicy, SqlServerCaptureMode, SqlServerHosting } from "./options";

/** Settings for an Always On availability group source. */
export interface AlwaysOnOptions {
  /** Poll every replica for log backups instead of relying on synchronised backup metadata. @default false */
  readonly pollAllReplicasForBackups?: boolean;
  /** Try every IP of the listener, so DMS reconnects after a failover. @default false */
  readonly multiSubnetFailover?: boolean;
  /** Read from a readable secondary (DMS 3.4.7+). @default false */
  readonly readFromSecondary?: boolean;
}

/** How a SQL Server source captures changes; rendered into extra connection attributes. */
export interface SqlServerChangeCaptureOptions {
  readonly captureMode: SqlServerCaptureMode;
  /** @default "self-managed" */
  readonly hosting?: SqlServerHosting;
  /** @default - DMS's default, RELY_ON_SQL_SERVER_REPLICATION_AGENT */
  readonly safeguardPolicy?: SafeguardPolicy;
  /** Read changes from log backups only, never the active log (needs sysadmin; not on RDS). @default false */
  readonly readBackupOnly?: boolean;
  /** Let DMS enable MS-CDC on the database and tables itself (DMS 3.4.7+, needs sysadmin). @default false */
  readonly setUpMsCdcForTables?: boolean;
  /** Tell DMS not to require MS-Replication. @default - true for `ms-cdc` on a self-managed source, as AWS's assessment expects */
  readonly ignoreMsReplicationEnablement?: boolean;
  /** @default - not an availability group */
  readonly alwaysOn?: AlwaysOnOptions;
}

/**
 * The `extra_connection_attributes` string: provider 5.100.0 has no SQL Server settings block, so every
 * option travels here. The order is fixed so the string, and therefore the plan, never changes by itself.
 */
export function sqlServerConnectionAttributes(options: SqlServerChangeCaptureOptions): string {
  const rds = (options.hosting ?? "self-managed") === "rds";
  const attributes: [string, string][] = [];
  if (options.safeguardPolicy) attributes.push(["safeguardPolicy", options.safeguardPolicy]);
  if (options.readBackupOnly) attributes.push(["readBackupOnly", "Y"]);
  if (options.setUpMsCdcForTables) attributes.push(["setUpMsCdcForTables", "true"]);
  const ignoreReplication = options.ignoreMsReplicationEnablement ?? (options.captureMode === "ms-cdc" && !rds);
  if (ignoreReplication) attributes.push(["ignoreMsReplicationEnablement", "true"]);
  if (options.alwaysOn?.pollAllReplicasForBackups) attributes.push(["alwaysOnSharedSynchedBackupIsEnabled", "false"]);
  if (options.alwaysOn?.multiSubnetFailover) attributes.push(["MultiSubnetFailover", "Yes"]);
  if (options.alwaysOn?.readFromSecondary) attributes.push(["ApplicationIntent", "ReadOnly"]);
  return attributes.map(([key, value]) => `${key}=${value}`).join(";");
}
