import { PostgresDatabaseProps } from "../../modules/postgres/postgres-database";

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
