import { formatFieldProblem } from "../../../modules/config/problem";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { EnvironmentConfigError, checkEnvironment, loadEnvironments } from "../../../modules/config";
import { environmentJsonSchema } from "../../../modules/config/json-schema";
import { BUNDLED_ENVIRONMENTS, ENVIRONMENTS_DIR, environmentFile } from "../../helpers/environments";

const ENVIRONMENTS = ENVIRONMENTS_DIR;
const developmentFile = () => environmentFile("development");
const productionFile = () => environmentFile("production");

/** The problems of a file, as `path = value: message` lines. */
function problems(raw: unknown, name = "development"): string[] {
  return checkEnvironment(JSON.stringify(raw), name).problems.map(formatFieldProblem);
}

describe("bundled environment files", () => {
  test.each(BUNDLED_ENVIRONMENTS)("%s is valid", (name) => {
    const check = checkEnvironment(readFileSync(join(ENVIRONMENTS, `${name}.json`), "utf8"), name);
    expect(check.problems).toEqual([]);
    expect(check.config?.environment).toBe(name);
  });

  test("each names the published schema, which is generated from the same definition and up to date", () => {
    expect(readFileSync(join(ENVIRONMENTS, "schema.json"), "utf8")).toBe(environmentJsonSchema());
    for (const name of BUNDLED_ENVIRONMENTS) {
      expect(JSON.parse(readFileSync(join(ENVIRONMENTS, `${name}.json`), "utf8")).$schema).toBe("./schema.json");
    }
  });

  test("the JSON Schema refuses unknown keys, as synth does", () => {
    const schema = JSON.parse(environmentJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.database.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(["projectName", "environment", "region", "network", "backend", "database"]));
  });
});

describe("schema problems name the path, the bad value and what is allowed", () => {
  test("a misspelt key is an error that names the closest known key", () => {
    const file = developmentFile();
    file.database.multiAZ = true;
    expect(problems(file)).toEqual([
      expect.stringMatching(/^database\.multiAZ = true: unknown key \(did you mean "multiAz"\?\); allowed keys: engine, instances, serverlessCapacity, identifier, name, .*multiAz/),
    ]);
  });

  test("a key far from any known one lists the allowed keys", () => {
    const file = developmentFile();
    file.colour = "blue";
    expect(problems(file)).toEqual([
      'colour = "blue": unknown key; allowed keys: projectName, environment, production, region, accountId, tags, network, backend, database, dms, sources, targets, tasks, monitoring, encryption, adopt, acknowledgeReplacement, acknowledgePublicRanges',
    ]);
  });

  test("a wrong type shows the value and the expected type", () => {
    const file = developmentFile();
    file.database.port = "5432";
    expect(problems(file)).toEqual(['database.port = "5432": wrong type; allowed: number']);
  });

  test("a value outside a closed set lists the set", () => {
    const file = developmentFile();
    file.database.storageType = "standard";
    expect(problems(file)).toEqual(['database.storageType = "standard": not allowed; allowed: "gp3" | "gp2" | "io1" | "io2"']);
  });

  test("a missing field says it is required and of what kind", () => {
    const file = developmentFile();
    delete file.database.engineVersion;
    expect(problems(file)).toEqual(["database.engineVersion = (missing): required; allowed: string"]);
  });

  test("a malformed value says what format is allowed", () => {
    const file = developmentFile();
    file.database.name = "uh-mirror";
    expect(problems(file)).toEqual([
      'database.name = "uh-mirror": wrong format; allowed: a PostgreSQL name: a letter, then letters, digits or underscores (no hyphens)',
    ]);
  });

  test("a number out of range gives the limit", () => {
    const file = developmentFile();
    file.database.allocatedStorage = 10;
    expect(problems(file)).toEqual(["database.allocatedStorage = 10: allowed: a whole number of GiB from 20 to 65536"]);
  });

  test("every problem of a file is reported at once", () => {
    const file = developmentFile();
    file.region = "London";
    file.database.multiAZ = true;
    file.database.port = "x";
    expect(problems(file)).toHaveLength(3);
  });

  test("a file that is not JSON gives the line and column", () => {
    const check = checkEnvironment('{\n  "projectName": "x",\n  oops\n}', "development");
    expect(check.problems).toEqual([
      { path: "", value: "(not JSON)", message: expect.stringMatching(/^not valid JSON at line 3, column 3/) },
    ]);
  });
});

describe("guard rails, each with its own message", () => {
  test("production must be Multi-AZ", () => {
    const file = productionFile();
    file.database.multiAz = false;
    expect(problems(file, "production")).toEqual(["database.multiAz = false: production databases must be Multi-AZ; allowed: true"]);
  });

  test("production must keep deletion protection", () => {
    const file = productionFile();
    file.database.deletionProtection = false;
    expect(problems(file, "production")).toEqual([
      "database.deletionProtection = false: production databases must keep deletion protection (set `decommission: true` to destroy one on purpose); allowed: true",
    ]);
  });

  test("production must take a final snapshot", () => {
    const file = productionFile();
    file.database.skipFinalSnapshot = true;
    expect(problems(file, "production")).toEqual(["database.skipFinalSnapshot = true: production databases must take a final snapshot; allowed: false"]);
  });

  test("the same settings are fine outside production", () => {
    const file = developmentFile();
    Object.assign(file.database, { multiAz: false, deletionProtection: false, skipFinalSnapshot: true });
    expect(problems(file)).toEqual([]);
  });

  test("at least two private subnets", () => {
    const file = developmentFile();
    file.network.subnetIds = ["subnet-0a1b2c3d4e5f60718"];
    expect(problems(file)).toEqual([
      'network.subnetIds = ["subnet-0a1b2c3d4e5f60718"]: 1 subnet(s); allowed: at least two private subnets in two availability zones',
    ]);
  });

  test("nothing publicly accessible", () => {
    const file = developmentFile();
    file.database.publiclyAccessible = true;
    expect(problems(file)).toEqual(["database.publiclyAccessible = true: nothing may be publicly accessible; allowed: false"]);
  });

  test("no ingress from every address", () => {
    const file = developmentFile();
    file.database.allowedIngress = [{ cidr: "0.0.0.0/0", description: "everyone" }];
    expect(problems(file)).toEqual([
      'database.allowedIngress[0].cidr = "0.0.0.0/0": "0.0.0.0/0" would allow every address; name the network instead (allowed: /16 to /32)',
    ]);
  });

  test("an ingress rule names exactly one peer", () => {
    const file = developmentFile();
    file.database.allowedIngress = [{ description: "nobody" }];
    expect(problems(file)).toEqual(['database.allowedIngress[0] = {"description":"nobody"}: give exactly one of cidr and securityGroupId']);
  });

  test("the environment name matches the file name", () => {
    const file = developmentFile();
    file.environment = "staging";
    expect(problems(file)).toEqual(['environment = "staging": must match the file name; allowed: "development"']);
  });

  test("the network is given one way or the other", () => {
    const file = developmentFile();
    file.network.vpcName = "vpc-development-apis";
    expect(problems(file)).toEqual([expect.stringMatching(/^network = .*: give either vpcId with subnetIds, or vpcName/)]);
  });

  test("storage autoscaling needs a limit above the allocated storage", () => {
    const file = developmentFile();
    file.database.maxAllocatedStorage = 20;
    expect(problems(file)).toEqual(["database.maxAllocatedStorage = 20: must be larger than allocatedStorage (20) to turn on autoscaling"]);
  });
});

describe("no password, secret or key value anywhere in a file", () => {
  const advice = "an environment file must never hold a password, secret or key; keep it in SSM Parameter Store as a SecureString and give the parameter's name instead";

  test("a literal password is refused without being shown", () => {
    const file = developmentFile();
    file.database.password = "Sup3r-Secret-Pa55";
    const lines = problems(file);
    expect(lines).toEqual([`database.password = (not shown: a 17-character value): ${advice}`]);
    expect(lines.join("\n")).not.toContain("Sup3r-Secret-Pa55");
  });

  test("a secret under any key name is refused", () => {
    const file = developmentFile();
    file.database.masterPassword = "hunter2hunter2";
    file.backend.secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    expect(problems(file)).toEqual([
      `backend.secretKey = (not shown: an AWS secret access key): ${advice}`,
      `database.masterPassword = (not shown: a 14-character value): ${advice}`,
    ]);
  });

  test("an AWS access key id is refused wherever it is", () => {
    const file = developmentFile();
    file.tags.Owner = "AKIAIOSFODNN7EXAMPLE";
    expect(problems(file)).toEqual([`tags.Owner = (not shown: an AWS access key id): ${advice}`]);
  });

  test("a private key or a URL with a password is refused", () => {
    const file = developmentFile();
    file.tags.Key = "-----BEGIN RSA PRIVATE KEY-----\nMIIE...";
    file.tags.Source = "postgres://admin:letmein@10.0.0.5:5432/db";
    expect(problems(file)).toEqual([
      `tags.Key = (not shown: a private key): ${advice}`,
      `tags.Source = (not shown: a connection URL with a password in it): ${advice}`,
    ]);
  });

  test("SSM parameter names are what a file should hold", () => {
    const file = developmentFile();
    file.database.password = { existingParameterName: "/resident-information/development/postgres-password", version: 2 };
    expect(problems(file)).toEqual([]);
  });
});

describe("loadEnvironments", () => {
  function folder(files: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), "environments-"));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, `${name}.json`), JSON.stringify(content));
    return dir;
  }

  test("loads every file of a folder, in name order", () => {
    expect(loadEnvironments(ENVIRONMENTS).map((config) => config.environment)).toEqual(["addresses", "development", "documents", "mysql-warehouse", "oracle-aurora", "postgres-s3", "production", "sources-catalogue", "staging", "streams"]);
  });

  test("applies the documented defaults", () => {
    const [config] = loadEnvironments(ENVIRONMENTS, ["development"]);
    expect(config.database).toMatchObject({ storageType: "gp3", forceSsl: true, multiAz: false, publiclyAccessible: false, masterUsername: "migration_admin", iamDatabaseAuthentication: true });
    expect(config.backend.encrypt).toBe(true);
  });

  test("checks every file first and throws all their problems together, each naming its file", () => {
    const bad = productionFile();
    bad.database.multiAz = false;
    const misspelt = developmentFile();
    misspelt.database.engineVersoin = misspelt.database.engineVersion;
    delete misspelt.database.engineVersion;
    const dir = folder({ production: bad, development: misspelt });
    let error: EnvironmentConfigError | undefined;
    try {
      loadEnvironments(dir);
    } catch (caught) {
      error = caught as EnvironmentConfigError;
    }
    expect(error).toBeInstanceOf(EnvironmentConfigError);
    expect(error!.message.split("\n")).toEqual([
      expect.stringMatching(/development\.json: database\.engineVersoin = "16": unknown key \(did you mean "engineVersion"\?\)/),
      expect.stringMatching(/production\.json: database\.multiAz = false: production databases must be Multi-AZ/),
    ]);
  });

  test("refuses an environment that has no file", () => {
    expect(() => loadEnvironments(ENVIRONMENTS, ["qa"])).toThrow(/qa\.json = \(missing\): no such environment; allowed: addresses, development, documents, mysql-warehouse, oracle-aurora, postgres-s3, production, sources-catalogue, staging, streams/);
  });
});

describe("decommissioning production", () => {
  test("deletion protection may be off when the file says the database is being decommissioned", () => {
    const file = environmentFile("production");
    file.database.deletionProtection = false;
    file.database.decommission = true;
    expect(problems(file, "production")).toEqual([]);
  });
});

describe("the production tier", () => {
  const renamed = (environment: string, production?: boolean) => {
    const file: Record<string, unknown> = { ...environmentFile("production"), environment };
    if (production !== undefined) file.production = production;
    return checkEnvironment(JSON.stringify(file), environment);
  };

  test.each(["prod", "live", "prd", "pre-production", "preprod", "prod-eu", "uh-live"])(
    "a production-like name (%s) must state its tier instead of losing the guard rails",
    (name) => {
      expect(renamed(name).problems.map(formatFieldProblem)).toEqual([
        `production = (missing): "${name}" reads as production: say whether it gets the production guard rails; allowed: true, false`,
      ]);
    },
  );

  test("an explicit tier turns the guard rails on for any name", () => {
    const file = { ...environmentFile("staging"), environment: "live", production: true };
    const lines = checkEnvironment(JSON.stringify(file), "live").problems.map(formatFieldProblem);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^database\.multiAz = false: production databases must be Multi-AZ/)]));
  });

  test.each(["development", "staging", "products", "livery"])("other names (%s) need no tier", (name) => {
    const file = { ...environmentFile("staging"), environment: name };
    expect(checkEnvironment(JSON.stringify(file), name).problems).toEqual([]);
  });
});
