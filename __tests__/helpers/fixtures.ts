import { Construct } from "constructs";
import { DmsAccountRoles } from "../../modules/dms/account-roles";
import { PostgresTargetEndpoint } from "../../modules/dms/targets/postgres/endpoint";
import { SqlServerSourceEndpointProps } from "../../modules/dms/sources/sql-server/endpoint";
import { ReplicationInstance } from "../../modules/dms/replication-instance";
import { Peer } from "../../modules/network/peer";
import { PostgresDatabase, PostgresDatabaseProps } from "../../modules/postgres/postgres-database";

/** The smallest valid props of a development database; tests override what they exercise. */
export function postgresProps(overrides: Partial<PostgresDatabaseProps> = {}): PostgresDatabaseProps {
  return {
    projectName: "mosaic",
    environment: "development",
    identifier: "mosaic-mirror",
    databaseName: "mosaic_mirror",
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    engineVersion: "16",
    instanceClass: "db.t4g.micro",
    ...overrides,
  };
}

/** Props that satisfy the production guard rails. */
export function productionPostgresProps(overrides: Partial<PostgresDatabaseProps> = {}): PostgresDatabaseProps {
  return postgresProps({ environment: "production", multiAz: true, ...overrides });
}

/** A development DMS set-up: account roles, a replication instance, the project database and its target endpoint. */
export function dmsFixture(stack: Construct, overrides: { environment?: string; engineVersion?: string; postgresVersion?: string } = {}) {
  const environment = overrides.environment ?? "development";
  const context = { projectName: "mosaic", environment };
  const network = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"] };
  const roles = new DmsAccountRoles(stack, "Roles", { mode: "create" });
  const instance = new ReplicationInstance(stack, "Instance", {
    ...context,
    ...network,
    replicationInstanceId: `${environment}-dms-instance`,
    instanceClass: "dms.t3.medium",
    engineVersion: overrides.engineVersion ?? "3.6.1",
    multiAz: environment === "production",
    accountRoles: roles,
  });
  const database = new PostgresDatabase(
    stack,
    "Db",
    postgresProps({ environment, multiAz: environment === "production", engineVersion: overrides.postgresVersion ?? "16" }),
  );
  const target = new PostgresTargetEndpoint(stack, "Target", { ...context, endpointId: "target-mosaic-endpoint", database });
  return { context, network, roles, instance, database, target };
}

/** A SQL Server source with SSM-held credentials. */
export function sqlServerProps(overrides: Partial<SqlServerSourceEndpointProps> = {}): SqlServerSourceEndpointProps {
  return {
    projectName: "mosaic",
    environment: "development",
    endpointId: "source-mosaic-endpoint",
    serverName: "10.80.1.21",
    databaseName: "mostest",
    captureMode: "ms-replication",
    credentials: { usernameParameterName: "/mosaic/test-server/username", passwordParameterName: "/mosaic/test-server/password" },
    ...overrides,
  };
}

/** What an app adds so the fixture's instance (if any) can read endpoint credentials (synth with validations requires it). */
export function allowSecretsManager(stack: Construct): void {
  const instance = stack.node.tryFindChild("Instance") as ReplicationInstance | undefined;
  instance?.connections.allowTo(Peer.securityGroup("sg-0secretsmanager0001", "secrets-manager-endpoint"), 443, "Secrets Manager");
}
