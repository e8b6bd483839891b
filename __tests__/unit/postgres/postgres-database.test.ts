import { TerraformOutput } from "cdktf";
import { ValidationError } from "../../../modules/core/errors";
import { PostgresDatabase, PostgresDatabaseProps } from "../../../modules/postgres/postgres-database";
import { postgresProps, productionPostgresProps } from "../../helpers/fixtures";
import { TerraformJson, blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

function synthDatabase(props: PostgresDatabaseProps = postgresProps()): TerraformJson {
  const stack = newStack();
  new PostgresDatabase(stack, "Db", props);
  return synth(stack);
}

function instance(props?: PostgresDatabaseProps): Record<string, any> {
  return only(synthDatabase(props), "aws_db_instance");
}

function buildError(props: PostgresDatabaseProps): string {
  try {
    new PostgresDatabase(newStack(), "Db", props);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the construct to refuse its props");
}

describe("PostgresDatabase names and tags (Hackney compatible)", () => {
  test("names the instance <identifier>-db-<environment> and tags it like the Hackney module", () => {
    const db = instance(postgresProps({ additionalTags: { BackupPolicy: "Dev", Name: "ignored" } }));
    expect(db.identifier).toBe("mosaic-mirror-db-development");
    expect(db.db_name).toBe("mosaic_mirror");
    expect(db.tags).toEqual({
      BackupPolicy: "Dev",
      Name: "mosaic_mirror-db-development",
      Environment: "development",
      project_name: "mosaic",
      "terraform-managed": "true",
    });
  });

  test("names the subnet group <db_name>-db-subnet-<environment> and places it in the given subnets", () => {
    const group = only(synthDatabase(), "aws_db_subnet_group");
    expect(group.name).toBe("mosaic_mirror-db-subnet-development");
    expect(group.subnet_ids).toEqual(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]);
  });

  test("keeps the security group's Hackney name prefix and Name tag but writes no inline rules", () => {
    const group = only(synthDatabase(), "aws_security_group");
    expect(group.name_prefix).toBe("allow_mosaic_mirror_db_traffic");
    expect(group.tags.Name).toBe("mosaic_mirror-development");
    expect(group.vpc_id).toBe("vpc-0123456789abcdef0");
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test("creates no security-group rule unless one is allowed", () => {
    const json = synthDatabase();
    expect(blocks(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(0);
    expect(blocks(json, "aws_security_group_rule")).toHaveLength(0);
  });
});

describe("PostgresDatabase storage", () => {
  test("always encrypts storage, on gp3 with 20 GiB by default, with the AWS managed key", () => {
    const db = instance();
    expect(db.storage_encrypted).toBe(true);
    expect(db.storage_type).toBe("gp3");
    expect(db.allocated_storage).toBe(20);
    expect(db.kms_key_id).toBeUndefined();
    expect(db.max_allocated_storage).toBeUndefined();
  });

  test("uses a customer KMS key, storage type and autoscaling limit when given", () => {
    const key = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const db = instance(postgresProps({ kmsKeyArn: key, storageType: "io1", allocatedStorage: 100, maxAllocatedStorage: 500 }));
    expect(db.kms_key_id).toBe(key);
    expect(db.storage_type).toBe("io1");
    expect(db.allocated_storage).toBe(100);
    expect(db.max_allocated_storage).toBe(500);
  });

  test("refuses an autoscaling limit that is not above the allocated storage", () => {
    expect(buildError(postgresProps({ allocatedStorage: 100, maxAllocatedStorage: 100 }))).toMatch(
      /Db: `maxAllocatedStorage` = 100: must be larger than allocatedStorage \(100\) to turn on autoscaling/,
    );
  });

  test("refuses less than 20 GiB", () => {
    expect(buildError(postgresProps({ allocatedStorage: 10 }))).toMatch(/`allocatedStorage` = 10: allowed: a whole number of GiB from 20 to 65536/);
  });
});

describe("PostgresDatabase engine", () => {
  test("follows minor releases when only the major version is given", () => {
    const db = instance(postgresProps({ engineVersion: "16" }));
    expect(db.engine).toBe("postgres");
    expect(db.engine_version).toBe("16");
    expect(db.auto_minor_version_upgrade).toBe(true);
  });

  test("turns automatic minor upgrades off when a minor release is pinned, so plans do not flap", () => {
    expect(instance(postgresProps({ engineVersion: "16.4" })).auto_minor_version_upgrade).toBe(false);
  });

  test("refuses a pinned minor release together with automatic minor upgrades", () => {
    expect(buildError(postgresProps({ engineVersion: "16.4", autoMinorVersionUpgrade: true }))).toMatch(
      /`autoMinorVersionUpgrade` = true: `engineVersion` "16.4" pins a minor release.*allowed: false, or the major version \("16"\)/,
    );
  });

  test.each(["19", "8.4", "9.3"])("refuses PostgreSQL %s, which DMS cannot write to", (engineVersion) => {
    expect(buildError(postgresProps({ engineVersion }))).toMatch(/cannot be a DMS target; allowed: 9\.4, .*, 18/);
  });

  test("refuses a version string that is not a version", () => {
    expect(buildError(postgresProps({ engineVersion: "latest" }))).toMatch(/`engineVersion` = "latest": is not a PostgreSQL version; allowed: a major such as "16"/);
  });

  test("allows a major-version upgrade only when asked", () => {
    expect(instance().allow_major_version_upgrade).toBe(false);
    expect(instance(postgresProps({ allowMajorVersionUpgrade: true })).allow_major_version_upgrade).toBe(true);
  });

  test("knows the oldest DMS engine able to write to it", () => {
    const stack = newStack();
    expect(new PostgresDatabase(stack, "A", postgresProps({ engineVersion: "17" })).minimumDmsEngineVersion).toBe("3.5.4");
    expect(new PostgresDatabase(stack, "B", postgresProps({ engineVersion: "14.12", identifier: "b" })).minimumDmsEngineVersion).toBe("3.4.7");
  });
});

describe("PostgresDatabase parameter group", () => {
  test("creates a group for the major version that forces SSL", () => {
    const json = synthDatabase();
    const group = only(json, "aws_db_parameter_group");
    expect(group.family).toBe("postgres16");
    expect(group.name_prefix).toBe("mosaic-mirror-db-development-postgres16-");
    expect(group.parameter).toEqual([{ name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" }]);
    expect(group.lifecycle).toEqual({ create_before_destroy: true });
    expect(only(json, "aws_db_instance").parameter_group_name).toBe(
      `\${aws_db_parameter_group.${logicalId(json, "aws_db_parameter_group")}.name}`,
    );
  });

  test("adds extra parameters, and leaves SSL optional only when told", () => {
    const group = only(synthDatabase(postgresProps({ forceSsl: false, parameters: { "rds.logical_replication": "1" } })), "aws_db_parameter_group");
    expect(group.parameter).toEqual([{ name: "rds.logical_replication", value: "1", apply_method: "pending-reboot" }]);
  });

  test("uses an existing group instead of creating one", () => {
    const json = synthDatabase(postgresProps({ parameterGroupName: "postgres-16" }));
    expect(blocks(json, "aws_db_parameter_group")).toHaveLength(0);
    expect(only(json, "aws_db_instance").parameter_group_name).toBe("postgres-16");
  });
});

describe("PostgresDatabase availability and protection", () => {
  test("is single-AZ, unprotected and snapshots on deletion by default outside production", () => {
    const db = instance();
    expect(db.multi_az).toBe(false);
    expect(db.deletion_protection).toBe(false);
    expect(db.skip_final_snapshot).toBe(false);
    expect(db.final_snapshot_identifier).toBe("mosaic-mirror-db-development-final");
    expect(db.lifecycle).toEqual({ prevent_destroy: false });
    expect(db.publicly_accessible).toBe(false);
  });

  test("skips the final snapshot outside production when told", () => {
    const db = instance(postgresProps({ skipFinalSnapshot: true }));
    expect(db.skip_final_snapshot).toBe(true);
    expect(db.final_snapshot_identifier).toBeUndefined();
  });

  test("in production, protects the database and stops Terraform planning its destruction", () => {
    const db = instance(productionPostgresProps());
    expect(db.multi_az).toBe(true);
    expect(db.deletion_protection).toBe(true);
    expect(db.lifecycle).toEqual({ prevent_destroy: true });
    expect(db.skip_final_snapshot).toBe(false);
  });

  test("refuses a single-AZ production database", () => {
    expect(buildError(productionPostgresProps({ multiAz: false }))).toMatch(/`multiAz` = false: production databases must be Multi-AZ; allowed: true/);
  });

  test("refuses a production database without deletion protection", () => {
    expect(buildError(productionPostgresProps({ deletionProtection: false }))).toMatch(/`deletionProtection` = false: production databases must keep deletion protection.*allowed: true/);
  });

  test("refuses a production database without a final snapshot", () => {
    expect(buildError(productionPostgresProps({ skipFinalSnapshot: true }))).toMatch(/`skipFinalSnapshot` = true: production databases must take a final snapshot; allowed: false/);
  });

  test("reports every production guard rail it breaks at once, as the environment-file check does (one rule table)", () => {
    expect(buildError(productionPostgresProps({ multiAz: false, deletionProtection: false, skipFinalSnapshot: true })).split("\n")).toEqual([
      "test/Db: `multiAz` = false: production databases must be Multi-AZ; allowed: true",
      "test/Db: `deletionProtection` = false: production databases must keep deletion protection (set `decommission: true` to destroy one on purpose); allowed: true",
      "test/Db: `skipFinalSnapshot` = true: production databases must take a final snapshot; allowed: false",
    ]);
  });

  test("refuses fewer than two subnets", () => {
    expect(buildError(postgresProps({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] }))).toMatch(/`subnetIds` = \["subnet-0aaaaaaaaaaaaaaa1"\]: 1 subnet\(s\); allowed: at least two private subnets/);
  });
});

describe("PostgresDatabase operations settings", () => {
  test("passes port, windows, retention and snapshot tagging through", () => {
    const db = instance(
      postgresProps({
        port: 5002,
        maintenanceWindow: "sun:07:00-sun:07:30",
        backupWindow: "00:01-00:31",
        backupRetentionDays: 30,
        copyTagsToSnapshot: false,
        applyImmediately: true,
        caCertIdentifier: "rds-ca-ecc384-g1",
      }),
    );
    expect(db).toMatchObject({
      port: 5002,
      maintenance_window: "sun:07:00-sun:07:30",
      backup_window: "00:01-00:31",
      backup_retention_period: 30,
      copy_tags_to_snapshot: false,
      apply_immediately: true,
      ca_cert_identifier: "rds-ca-ecc384-g1",
    });
  });

  test("defaults to port 5432, 7 days of backups, tags copied to snapshots and the RSA 2048 CA", () => {
    expect(instance()).toMatchObject({ port: 5432, backup_retention_period: 7, copy_tags_to_snapshot: true, ca_cert_identifier: "rds-ca-rsa2048-g1" });
  });

  test("turns Performance Insights on with its retention and key", () => {
    const key = "arn:aws:kms:eu-west-2:111122223333:key/abcd";
    const db = instance(postgresProps({ performanceInsights: { retentionDays: 31, kmsKeyArn: key } }));
    expect(db).toMatchObject({ performance_insights_enabled: true, performance_insights_retention_period: 31, performance_insights_kms_key_id: key });
    expect(instance().performance_insights_enabled).toBe(false);
  });

  test("refuses a Performance Insights retention AWS does not offer", () => {
    expect(buildError(postgresProps({ performanceInsights: { retentionDays: 30 } }))).toMatch(/`performanceInsights.retentionDays` = 30: allowed: 7, a multiple of 31 up to 713, or 731/);
  });

  test("exports the chosen logs to CloudWatch", () => {
    expect(instance(postgresProps({ logExports: ["postgresql", "upgrade"] })).enabled_cloudwatch_logs_exports).toEqual(["postgresql", "upgrade"]);
    expect(instance().enabled_cloudwatch_logs_exports).toBeUndefined();
  });

  test("creates the Enhanced Monitoring role it needs, and none when monitoring is off", () => {
    const json = synthDatabase(postgresProps({ monitoringInterval: 60 }));
    const db = only(json, "aws_db_instance");
    expect(db.monitoring_interval).toBe(60);
    expect(db.monitoring_role_arn).toBe(`\${aws_iam_role.${logicalId(json, "aws_iam_role")}.arn}`);
    expect(JSON.parse(only(json, "aws_iam_role").assume_role_policy).Statement[0].Principal.Service).toBe("monitoring.rds.amazonaws.com");
    expect(only(json, "aws_iam_role_policy_attachment").policy_arn).toMatch(/:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/);

    const off = synthDatabase();
    expect(only(off, "aws_db_instance").monitoring_interval).toBe(0);
    expect(blocks(off, "aws_iam_role")).toHaveLength(0);
  });
});

describe("PostgresDatabase validation of names", () => {
  test("refuses a database name PostgreSQL cannot use (the Hackney mosaic-mirror mistake)", () => {
    expect(buildError(postgresProps({ databaseName: "mosaic-mirror" }))).toMatch(/`databaseName` = "mosaic-mirror": PostgreSQL names cannot contain hyphens/);
  });

  test("refuses an identifier RDS cannot use", () => {
    expect(buildError(postgresProps({ identifier: "Mosaic_Mirror" }))).toMatch(/`identifier` = "Mosaic_Mirror": .*allowed: lowercase letters/);
  });

  test("refuses a master username that is not a plain name", () => {
    expect(buildError(postgresProps({ masterUsername: "/mosaic/staging/postgres-username" }))).toMatch(/`masterUsername`/);
  });
});

describe("PostgresDatabase outputs", () => {
  test("exposes address, port, name, security group and ARN", () => {
    const stack = newStack();
    const db = new PostgresDatabase(stack, "Db", postgresProps({ port: 5001 }));
    for (const [name, value] of Object.entries({ address: db.address, arn: db.arn, sg: db.securityGroupId })) {
      new TerraformOutput(stack, name, { value });
    }
    const json = synth(stack);
    const instanceId = logicalId(json, "aws_db_instance");
    expect(json.output.address.value).toBe(`\${aws_db_instance.${instanceId}.address}`);
    expect(json.output.arn.value).toBe(`\${aws_db_instance.${instanceId}.arn}`);
    expect(json.output.sg.value).toBe(`\${aws_security_group.${logicalId(json, "aws_security_group")}.id}`);
    expect(db.port).toBe(5001);
    expect(db.databaseName).toBe("mosaic_mirror");
    expect(db.instanceIdentifier).toBe("mosaic-mirror-db-development");
    expect(db.connections.defaultPort).toBe(5001);
  });
});

describe("PostgresDatabase as a DMS source", () => {
  test("turns on logical replication in its parameter group, next to SSL", () => {
    const stack = newStack();
    new PostgresDatabase(stack, "Db", postgresProps()).enableLogicalReplication();
    expect(only(synth(stack), "aws_db_parameter_group").parameter).toEqual([
      { name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" },
      { name: "rds.logical_replication", value: "1", apply_method: "pending-reboot" },
    ]);
  });

  test("cannot change an existing parameter group, and says what to do", () => {
    const db = new PostgresDatabase(newStack(), "Db", postgresProps({ parameterGroupName: "postgres-16" }));
    expect(() => db.enableLogicalReplication()).toThrow(/test\/Db: cannot turn on logical replication in the existing parameter group/);
  });
});

describe("PostgresDatabase decommissioning", () => {
  test("lifts deletion protection and the destroy prevention on purpose, keeping the production final snapshot", () => {
    const db = instance(productionPostgresProps({ decommission: true }));
    expect(db).toMatchObject({ deletion_protection: false, lifecycle: { prevent_destroy: false }, skip_final_snapshot: false });
  });

  test("cannot be combined with deletion protection", () => {
    expect(buildError(postgresProps({ decommission: true, deletionProtection: true }))).toMatch(/`decommission` = true: lifts deletion protection/);
  });
});

describe("PostgresDatabase settings behind AWS Security Hub controls", () => {
  test("creates the admin user under a name that is not the engine's default, unless an existing database keeps its own", () => {
    expect(instance().username).toBe("migration_admin");
    expect(instance(postgresProps({ masterUsername: "postgres" })).username).toBe("postgres");
  });

  test("allows IAM database authentication unless turned off", () => {
    expect(instance().iam_database_authentication_enabled).toBe(true);
    expect(instance(postgresProps({ iamDatabaseAuthentication: false })).iam_database_authentication_enabled).toBe(false);
  });
});

describe("PostgresDatabase runs the file check's rule tables and reports every problem at once", () => {
  test("an instance-class typo, an unreleased minor, overlapping windows, an aws: tag and a bad name in one ValidationError", () => {
    let thrown: unknown;
    try {
      new PostgresDatabase(newStack(), "Db", postgresProps({
        instanceClass: "db.t4g.mirco",
        engineVersion: "16.99",
        autoMinorVersionUpgrade: false,
        maintenanceWindow: "tue:10:00-tue:10:30",
        backupWindow: "10:15-10:45",
        additionalTags: { "aws:owner": "me" },
        databaseName: "mosaic-mirror",
      }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const lines = (thrown as ValidationError).message.split("\n");
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^test\/Db: `instanceClass` = "db\.t4g\.mirco": .*did you mean "db\.t4g\.micro"/),
      expect.stringMatching(/^test\/Db: `engineVersion` = "16\.99": .*allowed for 16: 16\.1 to 16\./),
      expect.stringMatching(/^test\/Db: `backupWindow` = "10:15-10:45": .*overlaps the maintenance window.*allowed: windows that do not overlap/),
      expect.stringMatching(/^test\/Db: `additionalTags\.aws:owner` = "aws:owner": .*allowed: any other prefix/),
      expect.stringMatching(/^test\/Db: `databaseName` = "mosaic-mirror": /),
    ]));
    expect(lines).toHaveLength(5);
  });

  test("a subnet given twice", () => {
    expect(buildError(postgresProps({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa1"] }))).toMatch(
      /`subnetIds\[1\]` = "subnet-0aaaaaaaaaaaaaaa1": is listed twice; allowed: distinct subnets/,
    );
  });
});
