import { validateWith } from "../core/rules";
import { Construct } from "constructs";
import { renderValue } from "../core/problem";
import { Connections } from "../network/connections";
import { SsmPassword } from "../secrets/ssm-password";
import { DMS_TARGET_POSTGRES_VERSIONS, minimumDmsEngineForTarget, postgresMajorVersion } from "./engine-version";
import { DEFAULT_MASTER_USERNAME } from "./postgres-props";
import { IPostgresDatabase } from "./postgres-target";

/** A PostgreSQL RDS database made in another stack, as `PostgresDatabase.fromDatabaseAttributes` takes it. */
export interface PostgresDatabaseAttributes {
  /** The full RDS identifier, such as `mosaic-mirror-db-staging`. */
  readonly instanceIdentifier: string;
  /** Host name clients connect to (`aws_db_instance.address`). */
  readonly address: string;
  /** @default 5432 */
  readonly port?: number;
  readonly databaseName: string;
  /** The database's security group: rules this stack adds through `connections` are written on it. */
  readonly securityGroupId: string;
  /** Its PostgreSQL version, such as "16": which DMS engines can write to it depends on it. */
  readonly engineVersion: string;
  /** @default "migration_admin" */
  readonly masterUsername?: string;
  /** The existing SSM SecureString holding the master password; it is only read, as an ephemeral value. */
  readonly passwordParameterName: string;
  /** The password's version: raise it to push a changed password to DMS endpoints. @default 1 */
  readonly passwordVersion?: number;
}

/** What `PostgresDatabase.fromDatabaseAttributes` returns: nothing is created but the password read. */
export class ImportedPostgresDatabase extends Construct implements IPostgresDatabase {
  readonly instanceIdentifier: string;
  readonly address: string;
  readonly port: number;
  readonly databaseName: string;
  readonly securityGroupId: string;
  readonly masterUsername: string;
  readonly password: SsmPassword;
  readonly connections: Connections;
  readonly dmsEngineName = "postgres";
  readonly minimumDmsEngineVersion: string;

  constructor(scope: Construct, id: string, attrs: PostgresDatabaseAttributes) {
    super(scope, id);
    const major = postgresMajorVersion(attrs.engineVersion);
    const minimum = major === undefined ? undefined : minimumDmsEngineForTarget(major);
    const port = attrs.port ?? 5432;
    // Every problem at once, with the secret scan and the project names every construct gets.
    validateWith(this, attrs, [
      ...(minimum === undefined
        ? [{ path: "engineVersion", value: renderValue(attrs.engineVersion), message: `is not a PostgreSQL version DMS writes to; allowed: ${DMS_TARGET_POSTGRES_VERSIONS.join(", ")}` }]
        : []),
      ...(Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [{ path: "port", value: renderValue(port), message: "is not a TCP port; allowed: 1 to 65535" }]),
    ]);
    this.instanceIdentifier = attrs.instanceIdentifier;
    this.address = attrs.address;
    this.port = port;
    this.databaseName = attrs.databaseName;
    this.securityGroupId = attrs.securityGroupId;
    this.masterUsername = attrs.masterUsername ?? DEFAULT_MASTER_USERNAME;
    this.minimumDmsEngineVersion = minimum as string; // validateWith refused an undefined one
    this.password = new SsmPassword(this, "Password", { parameterName: attrs.passwordParameterName, generate: false, version: attrs.passwordVersion });
    this.connections = new Connections(this, { securityGroupId: attrs.securityGroupId, defaultPort: port });
  }

  get displayName(): string {
    return this.instanceIdentifier;
  }

  get writerInstanceIdentifier(): string {
    return this.instanceIdentifier;
  }
}
