import { PathSegment, ProblemList, formatPath } from "../core/problem";
import { awsRegionProblem } from "../core/aws-facts/regions";
import {
  DATABASE_FACT_RULES,
  REPLICATION_INSTANCE_FACT_RULES,
  SCHEDULE_FACT_RULES,
  STACK_TAGS,
  tagMapProblems,
} from "../core/aws-facts/fact-rules";
import { fileProblems } from "../core/rules";
import { ipv4CidrProblem } from "../network/cidr-rules";
import { EnvironmentConfig } from "./schema/environment";


/**
 * The offline AWS facts (modules/core/aws-facts) on an environment file: the same rule tables the constructs
 * run, on the props each section builds, plus the facts only the file as a whole knows: its region, its account,
 * its network ranges and their acknowledgements.
 */
export function awsFactRules(config: EnvironmentConfig, raw: unknown, problems: ProblemList): void {
  const regionProblem = awsRegionProblem(config.region);
  if (regionProblem) problems.add(["region"], config.region, regionProblem);

  problems.addAll(["database"], fileProblems(DATABASE_FACT_RULES, config.database));
  const instance = config.dms?.replicationInstance;
  if (instance) {
    // The table reads the window as `maintenanceWindow`, as the construct passes it; the entry names it as the props do.
    const facts = { instanceClass: instance.instanceClass, maintenanceWindow: instance.preferredMaintenanceWindow };
    problems.addAll(["dms", "replicationInstance"], fileProblems(REPLICATION_INSTANCE_FACT_RULES, facts, { maintenanceWindow: "preferredMaintenanceWindow" }));
  }
  (config.tasks ?? []).forEach((task, index) => {
    if (task.schedule) problems.addAll(["tasks", index, "schedule"], fileProblems(SCHEDULE_FACT_RULES, task.schedule));
  });

  problems.items.push(...tagMapProblems(["tags"], config.tags, STACK_TAGS));
  problems.items.push(...tagMapProblems(["database", "additionalTags"], config.database.additionalTags, STACK_TAGS + Object.keys(config.tags).length));

  const subnets = config.network.subnetIds ?? [];
  subnets.forEach((subnet, index) => {
    const first = subnets.indexOf(subnet);
    if (first !== index) problems.add(["network", "subnetIds", index], subnet, `is listed twice (also network.subnetIds[${first}]); allowed: distinct subnets`);
  });

  arnRules(config, raw, problems);
  networkRangeRules(config, raw, problems);
}

/** Services whose ARNs carry no region (IAM) or no account (S3): those parts are not compared. */
const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws)?:(.+)$/;

/**
 * Every ARN in the file (KMS keys, a shared replication instance, certificates, topics, existing domains, ...) names
 * an object in the environment's region and, when `accountId` is set, its account: DMS, RDS, SNS and KMS cannot use
 * an object in another region, and an ARN from another account is a copy-paste slip more often than a grant.
 */
function arnRules(config: EnvironmentConfig, raw: unknown, problems: ProblemList): void {
  visitStrings(raw, [], (path, value) => {
    const match = ARN.exec(value);
    if (!match) return;
    const [, partition, service, region, account] = match;
    if (partition !== "aws") {
      problems.add(path, value, `is an ARN of the ${partition} partition; allowed: arn:aws:... (the regions of the aws partition)`);
    } else if (region !== "" && region !== config.region) {
      problems.add(path, value, `names a ${service} object in ${region}, not this environment's region; allowed: arn:aws:${service}:${config.region}:...`);
    } else if (config.accountId !== undefined && account !== undefined && account !== "aws" && account !== config.accountId) {
      problems.add(path, value, `names a ${service} object in account ${account}, not this environment's accountId; allowed: arn:aws:${service}:${region}:${config.accountId}:...`);
    }
  });
}

/** Keys whose values are IPv4 ranges let in by a security-group rule: `cidr`, `allowedCidr`, and any other `...Cidr`. */
const RANGE_KEY = /^(cidr|[A-Za-z]+Cidr)$/;

/** Where the stack passes an acknowledgement on to `Peer.ipv4`; a source's or target's range must be private. */
const ACKNOWLEDGEABLE = [/^database\.allowedIngress\[\d+\]\.cidr$/, /^dms\.secretsManagerAccess\.cidr$/];

/**
 * Every range the file lets in follows the network rule (modules/network/cidr-rules.ts): a network address, no wider
 * than /16, private unless `acknowledgePublicRanges` names it with a reason. An acknowledgement that names no range
 * of the file is refused too, so a typo never stands as a record of a decision.
 */
function networkRangeRules(config: EnvironmentConfig, raw: unknown, problems: ProblemList): void {
  const acknowledged = new Set(config.acknowledgePublicRanges.map((entry) => entry.cidr));
  const used = new Set<string>();
  // A range an engine's own rule table already refused (a source's `allowedCidr`) is reported once.
  const reported = new Set(problems.items.map((problem) => problem.path));
  visitStrings(raw, [], (path, value) => {
    const key = path[path.length - 1];
    if (typeof key !== "string" || !RANGE_KEY.test(key) || path[0] === "acknowledgePublicRanges") return;
    used.add(value);
    if (reported.has(formatPath(path))) return;
    const acknowledgeable = ACKNOWLEDGEABLE.some((place) => place.test(formatPath(path)));
    const problem = ipv4CidrProblem(value, { acknowledgePublicRange: acknowledgeable && acknowledged.has(value) });
    if (problem) {
      const hint = problem.includes("outside private address space") && acknowledgeable ? ` (acknowledgePublicRanges: [{ "cidr": "${value}", "reason": "..." }])` : "";
      problems.add(path, value, `${problem}${hint}`);
    }
  });
  config.acknowledgePublicRanges.forEach((entry, index) => {
    if (!used.has(entry.cidr)) {
      problems.add(["acknowledgePublicRanges", index, "cidr"], entry.cidr, `is not a range this file lets in; allowed: ${[...used].sort().join(", ") || "(none)"}`);
    }
  });
}

/** Calls `visit` with every string value of parsed JSON and its path, once each (linear in the input). */
function visitStrings(root: unknown, path: PathSegment[], visit: (path: PathSegment[], value: string) => void): void {
  if (typeof root === "string") visit(path, root);
  else if (Array.isArray(root)) root.forEach((child, index) => visitStrings(child, [...path, index], visit));
  else if (root !== null && typeof root === "object") {
    for (const [key, child] of Object.entries(root)) visitStrings(child, [...path, key], visit);
  }
}
