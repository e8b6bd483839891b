import { isProduction } from "../core/project-environment";
import { PathSegment, Problem, formatPath, renderValue } from "../core/problem";
import { EnvironmentConfig } from "./schema/environment";

/**
 * Rules beyond the schema's types: consistency, security, and the production guard rails. Each rule has
 * its own message so a refused file says exactly which promise it breaks.
 */
export function guardRailProblems(config: EnvironmentConfig, fileName: string, raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const fail = (path: PathSegment[], value: unknown, message: string) =>
    problems.push({ path: formatPath(path), value: renderValue(value), message });

  if (config.environment !== fileName) {
    fail(["environment"], config.environment, `must match the file name; allowed: "${fileName}"`);
  }

  const { network } = config;
  const byIds = network.vpcId !== undefined || network.subnetIds !== undefined;
  const byLookup = network.vpcName !== undefined || network.subnetTags !== undefined;
  if (byIds === byLookup) {
    fail(["network"], network, "give either vpcId with subnetIds, or vpcName (with optional subnetTags) to look them up");
  } else if (byIds && (network.vpcId === undefined || network.subnetIds === undefined)) {
    fail(["network"], network, "vpcId and subnetIds go together; give both");
  }
  if (network.subnetIds !== undefined && network.subnetIds.length < 2) {
    fail(["network", "subnetIds"], network.subnetIds, "at least two private subnets are required, in two availability zones");
  }

  for (const path of pathsWhere(raw, (key, value) => key === "publiclyAccessible" && value === true)) {
    fail(path, true, "nothing may be publicly accessible; allowed: false");
  }

  const { database } = config;
  database.allowedIngress.forEach((rule, index) => {
    const path = ["database", "allowedIngress", index];
    if ((rule.cidr === undefined) === (rule.securityGroupId === undefined)) {
      fail(path, rule, "give exactly one of cidr and securityGroupId");
    } else if (rule.cidr?.endsWith("/0")) {
      fail([...path, "cidr"], rule.cidr, "nothing may be publicly accessible; allow a named network, not every address");
    }
  });
  if (database.maxAllocatedStorage !== undefined && database.maxAllocatedStorage <= database.allocatedStorage) {
    fail(["database", "maxAllocatedStorage"], database.maxAllocatedStorage, `must be larger than allocatedStorage (${database.allocatedStorage}) to turn on autoscaling`);
  }

  if (isProduction(config.environment)) {
    if (!database.multiAz) fail(["database", "multiAz"], database.multiAz, "production databases must be Multi-AZ; allowed: true");
    if (database.deletionProtection === false) {
      fail(["database", "deletionProtection"], false, "production databases must have deletion protection; allowed: true");
    }
    if (database.skipFinalSnapshot) {
      fail(["database", "skipFinalSnapshot"], true, "production databases must take a final snapshot; allowed: false");
    }
  }
  return problems;
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
