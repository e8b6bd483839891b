import { checkEnvironment } from "../../../modules/config";
import { environmentFile } from "../../helpers/environments";

/** The problems of a production file changed by `edit`, as `path = value: message` lines. */
function productionProblems(edit: (file: Record<string, any>) => void): string[] {
  const file = environmentFile("production");
  edit(file);
  return checkEnvironment(JSON.stringify(file), "production").problems.map((p) => `${p.path} = ${p.value}: ${p.message}`);
}

describe("production refuses settings that would fail AWS Security Hub controls", () => {
  test("an unencrypted endpoint connection (DMS.9), wherever sslMode is", () => {
    expect(productionProblems((file) => (file.sources.uht.sslMode = "none"))).toEqual([
      'sources.uht.sslMode = "none": production connections must be encrypted (Security Hub DMS.9); allowed: require, verify-ca, verify-full',
    ]);
  });

  test("a database accepting unencrypted connections", () => {
    expect(productionProblems((file) => (file.database.forceSsl = false))).toEqual([
      "database.forceSsl = false: production databases must refuse unencrypted connections; allowed: true",
    ]);
  });

  test("fewer than 7 days of backups (RDS.11)", () => {
    expect(productionProblems((file) => (file.database.backupRetentionDays = 6))).toEqual([
      "database.backupRetentionDays = 6: production databases keep at least 7 days of backups (Security Hub RDS.11); allowed: >= 7",
    ]);
    expect(productionProblems((file) => (file.database.backupRetentionDays = 7))).toEqual([]);
  });

  test("Enhanced Monitoring off (RDS.6)", () => {
    expect(productionProblems((file) => (file.database.monitoringInterval = 0))).toEqual([
      "database.monitoringInterval = 0: production databases need Enhanced Monitoring (Security Hub RDS.6); allowed: 1, 5, 10, 15, 30, 60",
    ]);
  });

  test("log exports missing (RDS.9)", () => {
    expect(productionProblems((file) => (file.database.logExports = ["postgresql"]))).toEqual([
      `database.logExports = ["postgresql"]: production databases export postgresql and upgrade logs (Security Hub RDS.9); missing: upgrade`,
    ]);
    expect(productionProblems((file) => delete file.database.logExports)).toEqual([
      "database.logExports = []: production databases export postgresql and upgrade logs (Security Hub RDS.9); missing: postgresql, upgrade",
    ]);
  });

  test("the engine's default port (RDS.23)", () => {
    expect(productionProblems((file) => (file.database.port = 5432))).toEqual([
      "database.port = 5432: production databases do not listen on the engine's default port (Security Hub RDS.23); allowed: 1150-65535 except 5432",
    ]);
  });

  test("IAM database authentication off (RDS.10)", () => {
    expect(productionProblems((file) => (file.database.iamDatabaseAuthentication = false))).toEqual([
      "database.iamDatabaseAuthentication = false: production databases allow IAM database authentication (Security Hub RDS.10, RDS.12); allowed: true",
    ]);
  });

  test("outside production the same settings are allowed", () => {
    const file = environmentFile("development");
    Object.assign(file.database, { forceSsl: false, backupRetentionDays: 0, monitoringInterval: 0, logExports: [], port: 5432, iamDatabaseAuthentication: false });
    file.sources.uht.sslMode = "none";
    expect(checkEnvironment(JSON.stringify(file), "development").problems).toEqual([]);
  });

  test("an existing production database keeps its admin user name", () => {
    expect(productionProblems((file) => (file.database.masterUsername = "postgres"))).toEqual([]);
  });
});
