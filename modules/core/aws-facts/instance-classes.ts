import { closest } from "../schema-problems";
import { DMS_INSTANCE_CLASS_MEMORY_GIB } from "./dms-instance-classes";

/** DMS replication instance classes: those of the memory table (dms-instance-classes.ts), so a class is added once for both the alarms and this check. */
export const DMS_INSTANCE_CLASSES: readonly string[] = Object.keys(DMS_INSTANCE_CLASS_MEMORY_GIB);

const SIZES = ["micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge", "48xlarge"];
/** Sizes from `from` to `to` on the EC2 ladder, without those in `except`. */
const sizes = (from: string, to: string, except: readonly string[] = []) =>
  SIZES.slice(SIZES.indexOf(from), SIZES.indexOf(to) + 1).filter((size) => !except.includes(size));

/**
 * RDS DB instance classes for PostgreSQL (RDS and Aurora), by family.
 * Source: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html and
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.SupportAurora.html,
 * checked 2026-12. Which class each engine version and region offers is not checked here.
 */
export const RDS_INSTANCE_CLASS_SIZES: Readonly<Record<string, readonly string[]>> = {
  "db.t3": sizes("micro", "2xlarge"),
  "db.t4g": sizes("micro", "2xlarge"),
  "db.m5": sizes("large", "24xlarge"),
  "db.m5d": sizes("large", "24xlarge"),
  "db.m6g": sizes("large", "16xlarge"),
  "db.m6gd": sizes("large", "16xlarge"),
  "db.m6i": sizes("large", "32xlarge"),
  "db.m6id": sizes("large", "32xlarge"),
  "db.m6idn": sizes("large", "32xlarge"),
  "db.m6in": sizes("large", "32xlarge"),
  "db.m7g": sizes("large", "16xlarge"),
  "db.m7i": sizes("large", "48xlarge"),
  "db.m8g": sizes("large", "48xlarge", ["32xlarge"]),
  "db.r5": sizes("large", "24xlarge"),
  "db.r5b": sizes("large", "24xlarge"),
  "db.r5d": sizes("large", "24xlarge"),
  "db.r6g": sizes("large", "16xlarge"),
  "db.r6gd": sizes("large", "16xlarge"),
  "db.r6i": sizes("large", "32xlarge"),
  "db.r6id": sizes("large", "32xlarge"),
  "db.r6idn": sizes("large", "32xlarge"),
  "db.r6in": sizes("large", "32xlarge"),
  "db.r7g": sizes("large", "16xlarge"),
  "db.r7i": sizes("large", "48xlarge"),
  "db.r8g": sizes("large", "48xlarge", ["32xlarge"]),
  "db.x2g": sizes("large", "16xlarge"),
  "db.x2iedn": sizes("xlarge", "32xlarge", ["12xlarge"]),
  "db.c6gd": sizes("medium", "16xlarge"),
  // Previous generation: RDS still runs databases on them (an adopted Hackney database on db.t2.micro), so they are
  // classes, not typos (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html).
  "db.t2": sizes("micro", "2xlarge"),
  "db.m4": ["large", "xlarge", "2xlarge", "4xlarge", "10xlarge", "16xlarge"],
  "db.r4": sizes("large", "16xlarge", ["12xlarge"]),
};

/** Aurora Serverless v2. */
const SERVERLESS = "db.serverless";

export const RDS_INSTANCE_CLASSES: readonly string[] = [
  ...Object.entries(RDS_INSTANCE_CLASS_SIZES).flatMap(([family, familySizes]) => familySizes.map((size) => `${family}.${size}`)),
  SERVERLESS,
];

function classProblem(instanceClass: string, known: readonly string[], what: string, examples: string): string | undefined {
  if (known.includes(instanceClass)) return undefined;
  const suggestion = closest(instanceClass, known);
  const families = [...new Set(known.map((name) => name.split(".").slice(0, 2).join(".")))];
  return (
    `"${instanceClass}" is not ${what}${suggestion ? ` (did you mean "${suggestion}"?)` : ""}` +
    `; allowed: <family>.<size> such as ${examples}, in the families ${families.join(", ")}`
  );
}

/** Why `instanceClass` is not a DMS replication instance class, with the closest one for a typo; undefined when it is. */
export function dmsInstanceClassProblem(instanceClass: string): string | undefined {
  return classProblem(instanceClass, DMS_INSTANCE_CLASSES, "a DMS replication instance class", "dms.t3.medium or dms.r6i.large");
}

/** Why `instanceClass` is not an RDS DB instance class, with the closest one for a typo; undefined when it is. */
export function rdsInstanceClassProblem(instanceClass: string): string | undefined {
  return classProblem(instanceClass, RDS_INSTANCE_CLASSES, "an RDS DB instance class", "db.t4g.micro or db.r7g.large");
}
