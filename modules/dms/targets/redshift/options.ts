export const REDSHIFT_PORT = 5439;

/** A single node of the smallest RA3 type: the cheapest provisioned cluster that has managed storage and audit logging. */
export const DEFAULT_NODE_TYPE = "ra3.large";
export const DEFAULT_DATABASE_NAME = "warehouse";
export const DEFAULT_MASTER_USERNAME = "dms_admin";

/** What the audit log of a created cluster records, to CloudWatch Logs (https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html). */
export const AUDIT_LOG_EXPORTS = ["connectionlog", "userlog", "useractivitylog"] as const;

/** Cluster identifiers: lowercase letters, digits and single hyphens, starting with a letter, up to 63 characters. */
export const CLUSTER_IDENTIFIER = /^[a-z](?!.*--)[a-z0-9-]{0,62}(?<!-)$/;
/** Redshift database and user names: lowercase letters, digits, underscores, starting with a letter or underscore. */
export const REDSHIFT_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** A relative folder: letters, digits and ! - _ . ' ( ), segments joined by single slashes. */
export const BUCKET_FOLDER = /^[A-Za-z0-9!_.'()-]+(\/[A-Za-z0-9!_.'()-]+)*$/;
