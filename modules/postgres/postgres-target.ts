import { IConnectable } from "../network/connections";
import { SsmPassword } from "../secrets/ssm-password";

/**
 * A PostgreSQL database of this project that a DMS target endpoint can be wired to automatically:
 * address, port, name, master credentials, and the security group DMS is let through.
 */
export interface IPostgresTargetDatabase extends IConnectable {
  readonly address: string;
  readonly port: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly password: SsmPassword;
  /** `postgres`, or `aurora-postgresql` for Aurora. */
  readonly dmsEngineName: "postgres" | "aurora-postgresql";
  /** The oldest DMS replication engine that can write to this database. */
  readonly minimumDmsEngineVersion: string;
  /** A short name for rule descriptions, such as the instance identifier. */
  readonly displayName: string;
  /** The DB instance that takes writes (an Aurora cluster's first instance): its RDS metrics are per instance. */
  readonly writerInstanceIdentifier: string;
}

/**
 * A PostgreSQL RDS database a DMS endpoint or task can be wired to: one made here (`PostgresDatabase`), or one made in
 * another stack and described by its attributes (`PostgresDatabase.fromDatabaseAttributes`).
 */
export interface IPostgresDatabase extends IPostgresTargetDatabase {
  /** The full RDS identifier. */
  readonly instanceIdentifier: string;
  /** The security group in front of the database; `connections` writes its rules there. */
  readonly securityGroupId: string;
}
