import { releaseFromOldState, removedBlocks, stateRmCommands } from "../../../cli/adopt/old-state";

const resource = (module: string | undefined, type: string, name: string, attributes: Record<string, unknown>) => ({ module, mode: "managed", type, name, instances: [{ attributes }] });

describe("leaving the old configuration: removed blocks for the adopted objects' addresses", () => {
  const state = {
    resources: [
      resource("module.postgres_db_staging", "aws_db_instance", "lbh-db", { identifier: "mosaic-db-staging", id: "db-ABC" }),
      resource("module.postgres_db_staging.module.db_security_group", "aws_security_group", "lbh_db_traffic", { id: "sg-0123456789abcdef0" }),
      resource("module.dms_setup_staging", "aws_dms_endpoint", "target", { endpoint_id: "target-mosaic" }),
      resource("module.dms_setup_staging", "aws_security_group", "dms_sg", { id: "sg-0fedcba9876543210" }),
      resource(undefined, "aws_iam_role", "dms-vpc-role", { name: "dms-vpc-role" }),
      resource(undefined, "aws_vpc", "apis", { id: "vpc-0a1b2c3d4e5f60718" }),
      { mode: "data", type: "aws_ssm_parameter", name: "password", instances: [{ attributes: { name: "/mosaic/staging/postgres-password" } }] },
    ],
  };
  const release = releaseFromOldState(state, {
    database: { identifier: "mosaic-db-staging", engine: "postgres", databaseName: "mosaic", masterUsername: "mosaic_admin", storageEncrypted: true },
    databaseSecurityGroup: { id: "sg-0123456789abcdef0", name: "allow_mosaic_db_traffic", description: "Managed by Terraform" },
    accountRoles: true,
    endpoints: { "target-mosaic": { endpointType: "target", engineName: "postgres", sslMode: "none" } },
  });

  test("a module holding an adopted object is removed whole; root resources one by one; the rest is left alone", () => {
    expect(release.addresses).toEqual(["module.postgres_db_staging", "module.dms_setup_staging", "aws_iam_role.dms-vpc-role"]);
    expect(release.forgotten).toEqual(["module.dms_setup_staging.aws_security_group.dms_sg"]);
  });

  test("the blocks never destroy, and the older-Terraform commands name the same addresses", () => {
    expect(removedBlocks(release)).toContain("removed {\n  from = module.postgres_db_staging\n\n  lifecycle {\n    destroy = false\n  }\n}\n");
    expect(removedBlocks(release)).not.toContain("destroy = true");
    expect(stateRmCommands(release).split("\n")).toEqual([
      "terraform state rm 'module.postgres_db_staging'",
      "terraform state rm 'module.dms_setup_staging'",
      "terraform state rm 'aws_iam_role.dms-vpc-role'",
    ]);
  });
});
