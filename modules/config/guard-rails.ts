import { PRODUCTION_ENVIRONMENT, PRODUCTION_LIKE_NAME, PROJECT_ENVIRONMENT_RULES, isProduction, projectContext } from "../core/project-environment";
import { PathSegment, Problem, ProblemList } from "../core/problem";
import { fileProblems } from "../core/rules";
import { AURORA_CLUSTER_RULES, POSTGRES_DATABASE_RULES } from "../postgres/guard-rules";
import { PRIVATE_SUBNET_RULES } from "../network/private-subnets";
import { acknowledgementRules } from "./acknowledgement-rules";
import { awsFactRules } from "./aws-fact-rules";
import { crossRules } from "./cross-rules";
import { dmsRules } from "./dms-rules";
import { EnvironmentConfig } from "./schema/environment";

/**
 * Rules beyond the schema's types: consistency, security, and the production guard rails. Each rule has
 * its own message so a refused file says exactly which promise it breaks.
 */
export function guardRailProblems(config: EnvironmentConfig, fileName: string, raw: unknown): Problem[] {
  const problems = new ProblemList();
  // The names every construct checks (validateProps), checked here by the same table.
  problems.items.push(...fileProblems(PROJECT_ENVIRONMENT_RULES, config));
  if (config.environment !== fileName) {
    problems.add(["environment"], config.environment, `must match the file name; allowed: "${fileName}"`);
  }
  if (config.production === undefined && config.environment !== PRODUCTION_ENVIRONMENT && PRODUCTION_LIKE_NAME.test(config.environment)) {
    problems.add(["production"], undefined, `"${config.environment}" reads as production: say whether it gets the production guard rails; allowed: true, false`);
  }
  networkRules(config, problems);
  for (const path of pathsWhere(raw, (key, value) => key === "publiclyAccessible" && value === true)) {
    problems.add(path, true, "nothing may be publicly accessible; allowed: false");
  }
  databaseRules(config, raw, problems);
  if (isProduction(config)) productionSecurityHubRules(config, raw, problems);
  dmsRules(config, problems);
  acknowledgementRules(config, problems);
  awsFactRules(config, raw, problems);
  crossRules(config, problems);
  return problems.items;
}

function networkRules({ network }: EnvironmentConfig, problems: ProblemList): void {
  const byIds = network.vpcId !== undefined || network.subnetIds !== undefined;
  const byLookup = network.vpcName !== undefined || network.subnetTags !== undefined;
  if (byIds === byLookup) {
    problems.add(["network"], network, "give either vpcId with subnetIds, or vpcName (with optional subnetTags) to look them up");
  } else if (byIds && (network.vpcId === undefined || network.subnetIds === undefined)) {
    problems.add(["network"], network, "vpcId and subnetIds go together; give both");
  }
  problems.addAll(["network"], fileProblems(PRIVATE_SUBNET_RULES, network));
}

function databaseRules(config: EnvironmentConfig, raw: unknown, problems: ProblemList): void {
  const { database } = config;
  const given = (raw as { database?: Record<string, unknown> }).database ?? {};
  const aurora = database.engine === "aurora-postgresql";
  // Options of one engine only; their defaults make them always present, so the file's own keys are read.
  const onlyFor = aurora ? ["multiAz", "allocatedStorage", "maxAllocatedStorage", "storageType"] : ["instances", "serverlessCapacity"];
  for (const key of onlyFor) {
    if (key in given) {
      problems.add(["database", key], given[key], aurora
        ? "not used by Aurora: its storage grows by itself and availability comes from instances"
        : "Aurora only; set engine \"aurora-postgresql\" to use it");
    }
  }
  database.allowedIngress.forEach((rule, index) => {
    const path = ["database", "allowedIngress", index];
    if ((rule.cidr === undefined) === (rule.securityGroupId === undefined)) {
      problems.add(path, rule, "give exactly one of cidr and securityGroupId");
    }
    // The range itself is checked with every other range of the file (aws-fact-rules.ts).
  });
  // The database construct's own rule table, on the props this entry builds.
  const props = { ...database, ...projectContext(config) };
  problems.addAll(["database"], aurora ? fileProblems(AURORA_CLUSTER_RULES, props) : fileProblems(POSTGRES_DATABASE_RULES, props));
}

/** Backup days production keeps at least: the default minimum of AWS Security Hub RDS.11. */
export const PRODUCTION_MINIMUM_BACKUP_DAYS = 7;

/**
 * Production settings behind the AWS Security Hub controls the README lists: a production file cannot turn
 * off what those controls check (https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html).
 */
function productionSecurityHubRules(config: EnvironmentConfig, raw: unknown, problems: ProblemList): void {
  const { database } = config;
  const aurora = database.engine === "aurora-postgresql";
  for (const path of pathsWhere(raw, (key, value) => key === "sslMode" && value === "none")) {
    problems.add(path, "none", "production connections must be encrypted (Security Hub DMS.9); allowed: require, verify-ca, verify-full");
  }
  if (!database.forceSsl) problems.add(["database", "forceSsl"], false, "production databases must refuse unencrypted connections; allowed: true");
  if (database.backupRetentionDays < PRODUCTION_MINIMUM_BACKUP_DAYS) {
    problems.add(["database", "backupRetentionDays"], database.backupRetentionDays,
      `production databases keep at least ${PRODUCTION_MINIMUM_BACKUP_DAYS} days of backups (Security Hub RDS.11); allowed: >= ${PRODUCTION_MINIMUM_BACKUP_DAYS}`);
  }
  if (database.monitoringInterval === 0) {
    problems.add(["database", "monitoringInterval"], 0, "production databases need Enhanced Monitoring (Security Hub RDS.6); allowed: 1, 5, 10, 15, 30, 60");
  }
  // RDS.9 asks an RDS PostgreSQL instance for both logs; RDS.37 asks an Aurora cluster for postgresql.
  const requiredLogs = aurora ? ["postgresql"] : ["postgresql", "upgrade"];
  const missingLogs = requiredLogs.filter((log) => !database.logExports.includes(log as (typeof database.logExports)[number]));
  if (missingLogs.length > 0) {
    problems.add(["database", "logExports"], database.logExports,
      `production databases export ${requiredLogs.join(" and ")} logs (Security Hub ${aurora ? "RDS.37" : "RDS.9"}); missing: ${missingLogs.join(", ")}`);
  }
  if (database.port === 5432) {
    problems.add(["database", "port"], 5432, "production databases do not listen on the engine's default port (Security Hub RDS.23); allowed: 1150-65535 except 5432");
  }
  if (!database.iamDatabaseAuthentication) {
    problems.add(["database", "iamDatabaseAuthentication"], false, "production databases allow IAM database authentication (Security Hub RDS.10, RDS.12); allowed: true");
  }
}

function pathsWhere(root: unknown, match: (key: string, value: unknown) => boolean): PathSegment[][] {
  const found: PathSegment[][] = [];
  const visit = (value: unknown, path: PathSegment[]) => {
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, Array.isArray(value) ? Number(key) : key];
      if (match(key, child)) found.push(childPath);
      visit(child, childPath);
    }
  };
  visit(root, []);
  return found;
}
