import { isProduction } from "../core/project-environment";
import { PathSegment, Problem, ProblemList } from "../core/problem";
import { acknowledgementRules } from "./acknowledgement-rules";
import { dmsRules } from "./dms-rules";
import { EnvironmentConfig } from "./schema/environment";

/**
 * Rules beyond the schema's types: consistency, security, and the production guard rails. Each rule has
 * its own message so a refused file says exactly which promise it breaks.
 */
export function guardRailProblems(config: EnvironmentConfig, fileName: string, raw: unknown): Problem[] {
  const problems = new ProblemList();
  if (config.environment !== fileName) {
    problems.add(["environment"], config.environment, `must match the file name; allowed: "${fileName}"`);
  }
  networkRules(config, problems);
  for (const path of pathsWhere(raw, (key, value) => key === "publiclyAccessible" && value === true)) {
    problems.add(path, true, "nothing may be publicly accessible; allowed: false");
  }
  databaseRules(config, raw, problems);
  dmsRules(config, problems);
  acknowledgementRules(config, problems);
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
  if (network.subnetIds !== undefined && network.subnetIds.length < 2) {
    problems.add(["network", "subnetIds"], network.subnetIds, "at least two private subnets are required, in two availability zones");
  }
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
  if (aurora && (database.instanceClass === "db.serverless") !== (database.serverlessCapacity !== undefined)) {
    problems.add(["database", "serverlessCapacity"], database.serverlessCapacity, "goes with instanceClass \"db.serverless\", and only with it");
  }
  database.allowedIngress.forEach((rule, index) => {
    const path = ["database", "allowedIngress", index];
    if ((rule.cidr === undefined) === (rule.securityGroupId === undefined)) {
      problems.add(path, rule, "give exactly one of cidr and securityGroupId");
    } else if (rule.cidr?.endsWith("/0")) {
      problems.add([...path, "cidr"], rule.cidr, "nothing may be publicly accessible; allow a named network, not every address");
    }
  });
  if (database.maxAllocatedStorage !== undefined && database.maxAllocatedStorage <= database.allocatedStorage) {
    problems.add(
      ["database", "maxAllocatedStorage"],
      database.maxAllocatedStorage,
      `must be larger than allocatedStorage (${database.allocatedStorage}) to turn on autoscaling`,
    );
  }
  if (isProduction(config.environment)) {
    if (!aurora && !database.multiAz) problems.add(["database", "multiAz"], database.multiAz, "production databases must be Multi-AZ; allowed: true");
    if (aurora && (database.instances ?? 1) < 2) {
      problems.add(["database", "instances"], database.instances ?? 1, "production Aurora clusters need 2 or more instances, in two zones; allowed: >= 2");
    }
    if (database.deletionProtection === false && !database.decommission) {
      problems.add(["database", "deletionProtection"], false, "production databases must have deletion protection; allowed: true");
    }
    if (database.skipFinalSnapshot) {
      problems.add(["database", "skipFinalSnapshot"], true, "production databases must take a final snapshot; allowed: false");
    }
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
