/**
 * The corpus of bad environment files: each case is one small change to a bundled file, with the field the check
 * must name and what it must say is allowed. Generated here (not stored), so a change to a bundled file keeps the
 * corpus current; __tests__/unit/config/bad-file-corpus.test.ts runs every case through the loader.
 */
import { environmentFile } from "./environments";

export type Kind =
  | "json"
  | "size and nesting"
  | "schema"
  | "network range"
  | "secret"
  | "region"
  | "instance class"
  | "engine version"
  | "schedule"
  | "window"
  | "tags"
  | "arn"
  | "subnets"
  | "cross-field"
  | "production tier";

export interface BadFileCase {
  readonly kind: Kind;
  readonly name: string;
  /** The bundled environment changed. */
  readonly environment: string;
  /** The file's text, after the change. */
  readonly text: string;
  /** The field path the check must report (`""` for the file as a whole). */
  readonly field: string;
  /** Text the message must contain: what is allowed (or, for a secret, the advice). */
  readonly allowed: string;
  /** A value that must never appear in the output (a secret). @default - none */
  readonly secret?: string;
}

type File = Record<string, any>;

const cases: BadFileCase[] = [];

/** A case made by changing the parsed file. */
function edit(kind: Kind, name: string, environment: string, field: string, allowed: string, change: (file: File) => void, secret?: string): void {
  const file = environmentFile(environment);
  change(file);
  cases.push({ kind, name, environment, text: JSON.stringify(file, null, 2), field, allowed, secret });
}

/** A case made by changing the file's text (what JSON.parse cannot express: duplicate keys, BOMs, depth). */
function text(kind: Kind, name: string, environment: string, field: string, allowed: string, change: (text: string) => string): void {
  const original = JSON.stringify(environmentFile(environment), null, 2);
  cases.push({ kind, name, environment, text: change(original), field, allowed });
}

const PRIVATE = "allowed: a range inside 10.0.0.0/8";
const WIDE = "allowed: /16 (the largest VPC) to /32";
const EVERY = "allowed: /16 to /32";
const HOST_BITS = "allowed: a network address";
const SECRET = "keep it in SSM Parameter Store";

// --- the JSON itself -------------------------------------------------------------------------------------
text("json", "a key given twice", "development", "region", "each key once", (t) => t.replace('"region":', '"region": "eu-west-1",\n  "region":'));
text("json", "a nested key given twice", "staging", "database.port", "each key once", (t) => t.replace('"port": 5302', '"port": 5302, "port": 5303'));
text("json", "a UTF-8 byte-order mark", "development", "", "save the file without it", (t) => `\uFEFF${t}`);
text("json", "a trailing comma", "development", "", "not valid JSON", (t) => t.replace(/\n}\s*$/, ",\n}"));
text("json", "a comment", "staging", "", "not valid JSON", (t) => t.replace("{", "{ // staging\n"));
text("size and nesting", "a 5 MB string", "development", "", "at most 1,048,576 bytes", (t) => t.replace('"Dev"', `"${"x".repeat(5_000_000)}"`));
text("size and nesting", "an array nested 10,000 deep", "development", `deep${"[0]".repeat(31)}`, "at most 32 levels", (t) => t.replace('"tags": {', `"deep": ${"[".repeat(10_000)}${"]".repeat(10_000)}, "tags": {`));
text("size and nesting", "objects nested 40 deep", "staging", `deep${".a".repeat(31)}`, "at most 32 levels", (t) => t.replace('"tags": {', `"deep": ${'{"a":'.repeat(40)}1${"}".repeat(40)}, "tags": {`));

// --- schema: unknown keys, wrong types, names ------------------------------------------------------------
edit("schema", "a misspelt database key", "staging", "database.instanceClas", 'did you mean "instanceClass"', (f) => { f.database.instanceClas = f.database.instanceClass; delete f.database.instanceClass; });
edit("schema", "a project name with spaces", "development", "projectName", "lowercase letters, digits and hyphens", (f) => (f.projectName = "resident information"));
edit("schema", "port 0", "development", "database.port", "1150", (f) => (f.database.port = 0));
edit("schema", "a port as a string", "staging", "database.port", "number", (f) => (f.database.port = "5302"));
edit("schema", "a task id with two hyphens", "development", "tasks[0].replicationTaskId", "single hyphens", (f) => (f.tasks[0].replicationTaskId = "uht--mirror"));
edit("schema", "an unknown migration type", "production", "tasks[0].migrationType", "full-load-and-cdc", (f) => (f.tasks[0].migrationType = "full-load-and-cdc-and-more"));
edit("schema", "an unknown sslMode", "development", "dms.targetEndpoint.sslMode", "verify-full", (f) => (f.dms.targetEndpoint.sslMode = "required"));
edit("schema", "a publicly accessible database", "development", "database.publiclyAccessible", "allowed: false", (f) => (f.database.publiclyAccessible = true));
edit("schema", "an environment that does not match its file", "staging", "environment", 'allowed: "staging"', (f) => (f.environment = "stage"));

// --- network ranges: every place a range appears ----------------------------------------------------------
const rangePlaces: [string, string, (f: File, cidr: string) => void][] = [
  ["development", "database.allowedIngress[0].cidr", (f, cidr) => (f.database.allowedIngress = [{ cidr, description: "Analysts" }])],
  ["development", "dms.secretsManagerAccess.cidr", (f, cidr) => (f.dms.secretsManagerAccess = { cidr })],
  ["production", "sources.uhw.allowedCidr", (f, cidr) => (f.sources.uhw.allowedCidr = cidr)],
  ["oracle-aurora", "dms.secretsManagerAccess.cidr", (f, cidr) => (f.dms.secretsManagerAccess = { cidr })],
];
for (const [environment, field, place] of rangePlaces) {
  edit("network range", `every address at ${field} (${environment})`, environment, field, EVERY, (f) => place(f, "0.0.0.0/0"));
  edit("network range", `half of IPv4 at ${field} (${environment})`, environment, field, WIDE, (f) => place(f, "0.0.0.0/1"));
  edit("network range", `a /8 at ${field} (${environment})`, environment, field, WIDE, (f) => place(f, "10.0.0.0/8"));
  edit("network range", `host bits at ${field} (${environment})`, environment, field, HOST_BITS, (f) => place(f, "10.20.1.5/16"));
  edit("network range", `a public range at ${field} (${environment})`, environment, field, PRIVATE, (f) => place(f, "203.0.113.0/24"));
}
edit("network range", "the other half of IPv4 beside the first", "development", "database.allowedIngress[1].cidr", WIDE, (f) => {
  f.database.allowedIngress = [{ securityGroupId: "sg-0a1b2c3d4e5f60718", description: "Bastion" }, { cidr: "128.0.0.0/1", description: "Half" }];
});
edit("network range", "an acknowledgement without a reason", "development", "acknowledgePublicRanges[0].reason", ">= 10 characters", (f) => {
  f.database.allowedIngress = [{ cidr: "203.0.113.0/24", description: "Partner" }];
  f.acknowledgePublicRanges = [{ cidr: "203.0.113.0/24", reason: "" }];
});
edit("network range", "an acknowledgement of a range the file does not use", "production", "acknowledgePublicRanges[0].cidr", "allowed: 10.80.0.0/24", (f) => {
  f.acknowledgePublicRanges = [{ cidr: "198.51.100.0/24", reason: "Partner's published egress range" }];
});
edit("network range", "an acknowledged public range that is too wide", "production", "sources.uhw.allowedCidr", WIDE, (f) => {
  f.sources.uhw.allowedCidr = "198.0.0.0/8";
  f.acknowledgePublicRanges = [{ cidr: "198.0.0.0/8", reason: "Partner's published egress range" }];
});
edit("network range", "a range that is not an address", "staging", "database.allowedIngress[0].cidr", "10.20.0.0/16", (f) => (f.database.allowedIngress = [{ cidr: "10.300.0.0/16", description: "Typo" }]));

// --- secrets: every kind, in places whose key does not say "password" --------------------------------------
const secrets: [string, string][] = [
  ["an AWS access key id", "AKIAIOSFODNN7EXAMPLQ"],
  ["an AWS secret access key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKQ"],
  ["a password in a connection URL", "postgres://admin:Tr0ub4dor-and-3@10.80.1.21:5432/uh"],
  ["a private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"],
  ["a password phrase", "password=Summer2026!Hackney"],
];
const secretPlaces: [string, string, (f: File, value: string) => void][] = [
  ["development", "tags.Note", (f, value) => (f.tags.Note = value)],
  ["staging", "database.allowedIngress[0].description", (f, value) => (f.database.allowedIngress = [{ securityGroupId: "sg-0a1b2c3d4e5f60718", description: value }])],
  ["oracle-aurora", "dms.targetEndpoint.settings.afterConnectScript", (f, value) => (f.dms.targetEndpoint.settings.afterConnectScript = value)],
  ["development", "database.additionalTags.Owner", (f, value) => (f.database.additionalTags = { Owner: value })],
];
for (const [environment, field, place] of secretPlaces) {
  for (const [what, value] of secrets) edit("secret", `${what} at ${field} (${environment})`, environment, field, SECRET, (f) => place(f, value), value.split("\n")[0]);
}
edit("secret", "a password as the database password", "development", "database.password", SECRET, (f) => (f.database.password = "Correct-Horse-Battery-9"), "Correct-Horse-Battery-9");
edit("secret", "a password where a parameter name goes", "production", "sources.uht.credentials.passwordParameterName", SECRET, (f) => (f.sources.uht.credentials.passwordParameterName = "Tr0ub4dor&3xyz!"), "Tr0ub4dor&3xyz!");

// --- offline AWS facts ----------------------------------------------------------------------------------
edit("region", "a region typo", "development", "region", 'did you mean "eu-west-2"', (f) => (f.region = "eu-wset-2"));
edit("region", "a region that does not exist", "staging", "region", "allowed: af-south-1", (f) => (f.region = "eu-west-9"));
edit("region", "a region of another partition", "production", "region", "allowed: af-south-1", (f) => (f.region = "us-gov-west-1"));
edit("instance class", "db.t4g.mirco", "development", "database.instanceClass", 'did you mean "db.t4g.micro"', (f) => (f.database.instanceClass = "db.t4g.mirco"));
edit("instance class", "a size the family lacks", "staging", "database.instanceClass", "in the families", (f) => (f.database.instanceClass = "db.m7g.micro"));
edit("instance class", "an Aurora class typo", "oracle-aurora", "database.instanceClass", 'did you mean "db.r6g.large"', (f) => (f.database.instanceClass = "db.r6g.larg"));
edit("instance class", "dms.t3.smal", "development", "dms.replicationInstance.instanceClass", 'did you mean "dms.t3.small"', (f) => (f.dms.replicationInstance.instanceClass = "dms.t3.smal"));
edit("instance class", "an RDS class for DMS", "production", "dms.replicationInstance.instanceClass", "dms.t3.medium or dms.r6i.large", (f) => (f.dms.replicationInstance.instanceClass = "dms.m7g.large"));
edit("engine version", "an unreleased DMS version", "development", "dms.replicationInstance.engineVersion", "allowed: 3.5.4, 3.6.1", (f) => (f.dms.replicationInstance.engineVersion = "3.7.0"));
edit("engine version", "an end-of-life DMS version", "production", "dms.replicationInstance.engineVersion", "3.6.1", (f) => (f.dms.replicationInstance.engineVersion = "3.4.7"));
edit("engine version", "an unknown DMS version on an existing instance", "staging", "dms.existingReplicationInstance.engineVersion", "3.6.1", (f) => (f.dms.existingReplicationInstance.engineVersion = "3.9.9"));
edit("engine version", "a PostgreSQL minor that does not exist", "development", "database.engineVersion", "allowed for 16: 16.1 to 16.", (f) => (f.database.engineVersion = "16.99"));
edit("engine version", "a PostgreSQL major RDS does not offer", "staging", "database.engineVersion", "allowed: 11, 12", (f) => (f.database.engineVersion = "9"));
edit("engine version", "a PostgreSQL major past the list", "production", "database.engineVersion", "allowed: 11, 12", (f) => (f.database.engineVersion = "25"));
const scheduled = (f: File, schedule: Record<string, string>) => {
  f.tasks[1].schedule = schedule;
};
edit("schedule", "cron with minute 99", "production", "tasks[1].schedule.expression", "allowed: 0-59", (f) => scheduled(f, { expression: "cron(99 1 * * ? *)" }));
edit("schedule", "cron with hour 24", "production", "tasks[1].schedule.expression", "allowed: 0-23", (f) => scheduled(f, { expression: "cron(0 24 * * ? *)" }));
edit("schedule", "cron with five fields", "production", "tasks[1].schedule.expression", "allowed: rate(", (f) => scheduled(f, { expression: "cron(0 2 * * ?)" }));
edit("schedule", "cron without ?", "production", "tasks[1].schedule.expression", "exactly one of day-of-month", (f) => scheduled(f, { expression: "cron(0 2 * * * *)" }));
edit("schedule", "cron with month 13", "production", "tasks[1].schedule.expression", "allowed: 1-12", (f) => scheduled(f, { expression: "cron(0 2 1 13 ? *)" }));
edit("schedule", "rate(0 days)", "production", "tasks[1].schedule.expression", "n at least 1", (f) => scheduled(f, { expression: "rate(0 days)" }));
edit("schedule", "rate in weeks", "production", "tasks[1].schedule.expression", "allowed: rate(", (f) => scheduled(f, { expression: "rate(1 week)" }));
edit("schedule", "an unknown time zone", "production", "tasks[1].schedule.timeZone", "Europe/London", (f) => scheduled(f, { expression: "rate(1 day)", timeZone: "Europe/Londn" }));
edit("schedule", "a time zone in the wrong case", "production", "tasks[1].schedule.timeZone", "Europe/London", (f) => scheduled(f, { expression: "rate(1 day)", timeZone: "europe/london" }));
edit("window", "a 15-minute maintenance window", "development", "database.maintenanceWindow", "at least 30 minutes", (f) => (f.database.maintenanceWindow = "tue:10:00-tue:10:15"));
edit("window", "a 10-minute backup window", "staging", "database.backupWindow", "at least 30 minutes", (f) => (f.database.backupWindow = "00:01-00:11"));
edit("window", "a backup window overlapping maintenance", "production", "database.backupWindow", "windows that do not overlap", (f) => (f.database.backupWindow = "10:15-10:45"));
edit("window", "a backup window overlapping maintenance across midnight", "development", "database.backupWindow", "windows that do not overlap", (f) => {
  f.database.maintenanceWindow = "mon:23:50-tue:00:30";
  f.database.backupWindow = "00:00-00:40";
});
edit("window", "a 20-minute DMS maintenance window", "production", "dms.replicationInstance.preferredMaintenanceWindow", "at least 30 minutes", (f) => (f.dms.replicationInstance.preferredMaintenanceWindow = "sun:07:00-sun:07:20"));
edit("window", "a maintenance window at 25:00", "development", "dms.replicationInstance.preferredMaintenanceWindow", "sun:07:00-sun:07:30", (f) => (f.dms.replicationInstance.preferredMaintenanceWindow = "sun:25:00-sun:25:30"));
const manyTags = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`Team${i}`, "data"]));
edit("tags", "47 account tags (51 with the stack's own)", "development", "tags", "at most 50 per resource", (f) => (f.tags = manyTags));
edit("tags", "an aws: tag key", "staging", "tags.aws:createdBy", "any other prefix", (f) => (f.tags["aws:createdBy"] = "me"));
edit("tags", "an AWS: tag key in capitals", "production", "database.additionalTags.AWS:owner", "any other prefix", (f) => (f.database.additionalTags = { "AWS:owner": "me" }));
edit("tags", "a tag key of 129 characters", "development", `tags.${"k".repeat(129)}`, "allowed: 1 to 128", (f) => (f.tags["k".repeat(129)] = "v"));
edit("tags", "a tag value of 257 characters", "development", "tags.Note", "256", (f) => (f.tags.Note = "v ".repeat(128) + "v"));
edit("tags", "a tag value with characters AWS refuses", "staging", "tags.Note", "letters, digits, spaces", (f) => (f.tags.Note = "a;b"));
edit("tags", "additional tags pushing a resource past 50", "development", "database.additionalTags", "at most 50 per resource", (f) => (f.database.additionalTags = manyTags));

// --- ARNs against the region and the account --------------------------------------------------------------
const key = (region: string, account: string) => `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const arnPlaces: [string, string, (f: File, arn: (region: string, account: string) => string) => void][] = [
  ["development", "database.kmsKeyArn", (f, arn) => (f.database.kmsKeyArn = arn("eu-west-1", "123456789012"))],
  ["production", "encryption.existingKeyArn", (f, arn) => (f.encryption = { customerManagedKeys: true, existingKeyArn: arn("us-east-1", "123456789012") })],
  ["development", "dms.replicationInstance.kmsKeyArn", (f, arn) => (f.dms.replicationInstance.kmsKeyArn = arn("eu-west-1", "123456789012"))],
  ["staging", "database.performanceInsights.kmsKeyArn", (f, arn) => (f.database.performanceInsights = { enabled: true, retentionDays: 7, kmsKeyArn: arn("eu-central-1", "123456789012") })],
];
for (const [environment, field, place] of arnPlaces) {
  edit("arn", `a KMS key in another region at ${field} (${environment})`, environment, field, "allowed: arn:aws:kms:eu-west-2:", (f) => place(f, key));
}
edit("arn", "a KMS key in another account", "production", "database.kmsKeyArn", "allowed: arn:aws:kms:eu-west-2:123456789012:", (f) => {
  f.accountId = "123456789012";
  f.database.kmsKeyArn = key("eu-west-2", "210987654321");
});
edit("arn", "a shared replication instance in another region", "staging", "dms.existingReplicationInstance.replicationInstanceArn", "allowed: arn:aws:dms:eu-west-2:", (f) => {
  f.dms.existingReplicationInstance.replicationInstanceArn = "arn:aws:dms:eu-west-1:123456789012:rep:DNTOW6TGQEGCAOWQMZYHQRTWAA";
});
edit("arn", "a shared replication instance in another account", "staging", "dms.existingReplicationInstance.replicationInstanceArn", "allowed: arn:aws:dms:eu-west-2:111122223333:", (f) => (f.accountId = "111122223333"));
edit("arn", "a certificate in another region", "development", "dms.targetEndpoint.certificateArn", "allowed: arn:aws:dms:eu-west-2:", (f) => {
  f.dms.targetEndpoint.sslMode = "verify-full";
  f.dms.targetEndpoint.certificateArn = "arn:aws:dms:us-east-1:123456789012:cert:ABCDEFGHIJKLMNOP";
});
edit("arn", "a certificate of a source in another account", "production", "sources.uht.certificateArn", "allowed: arn:aws:dms:eu-west-2:123456789012:", (f) => {
  f.accountId = "123456789012";
  f.sources.uht.certificateArn = "arn:aws:dms:eu-west-2:999999999999:cert:ABCDEFGHIJKLMNOP";
});
edit("arn", "a topic key in another region", "staging", "monitoring.kmsKeyArn", "allowed: arn:aws:kms:eu-west-2:", (f) => (f.monitoring.kmsKeyArn = key("eu-west-1", "123456789012")));
edit("arn", "a GovCloud ARN", "development", "database.kmsKeyArn", "allowed: arn:aws:", (f) => (f.database.kmsKeyArn = "arn:aws-us-gov:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"));

// --- subnets -------------------------------------------------------------------------------------------------
edit("subnets", "a subnet listed twice", "development", "network.subnetIds[1]", "distinct subnets", (f) => (f.network.subnetIds = [f.network.subnetIds[0], f.network.subnetIds[0]]));
edit("subnets", "a subnet listed twice among three", "production", "network.subnetIds[2]", "distinct subnets", (f) => (f.network.subnetIds[2] = f.network.subnetIds[0]));
edit("subnets", "one subnet", "development", "network.subnetIds", "at least two private subnets", (f) => (f.network.subnetIds = [f.network.subnetIds[0]]));

edit("schema", "a source server name of 0.0.0.0", "production", "sources.uht.serverName", "allowed: a host name or the server's IPv4 address", (f) => (f.sources.uht.serverName = "0.0.0.0"));

// --- cross-field and cross-file ----------------------------------------------------------------------------
edit("cross-field", "sslMode none against forceSsl", "development", "dms.targetEndpoint.sslMode", "allowed: require, verify-ca, verify-full", (f) => (f.dms.targetEndpoint.sslMode = "none"));
edit("cross-field", "sslMode none against rds.force_ssl = 1", "oracle-aurora", "dms.targetEndpoint.sslMode", "allowed: require, verify-ca, verify-full", (f) => {
  f.dms.targetEndpoint.sslMode = "none";
  f.database.forceSsl = false;
  f.database.parameters = { "rds.force_ssl": "1" };
});
edit("cross-field", "two tasks loading the same table", "production", "tasks[1].tableMappings", "tables no other task writes", (f) => {
  f.tasks[1].tableMappings = [{ action: "include", schema: "dbo", table: "member" }];
});
edit("cross-field", "two tasks loading the same table after lower-casing", "production", "tasks[1].tableMappings", "tables no other task writes", (f) => {
  f.tasks[1].tableMappings = [
    { action: "include", schema: "dbo", table: "Member" },
    { action: "convert-lowercase", target: "table", schema: "%", table: "%" },
  ];
});
edit("cross-field", "two tasks loading the same table after a rename", "production", "tasks[1].tableMappings", "tables no other task writes", (f) => {
  f.tasks[1].tableMappings = [
    { action: "include", schema: "dbo", table: "members_old" },
    { action: "rename", target: "table", schema: "dbo", table: "members_old", value: "member" },
  ];
});
edit("cross-field", "a wildcard loading over another task's table", "production", "tasks[1].tableMappings", "tables no other task writes", (f) => {
  f.tasks[1].tableMappings = [{ action: "include", schema: "dbo", table: "%" }];
});
edit("cross-field", "production without backups", "production", "database.backupRetentionDays", "allowed: >= 7", (f) => (f.database.backupRetentionDays = 0));
edit("cross-field", "production with 3 days of backups", "production", "database.backupRetentionDays", "allowed: >= 7", (f) => (f.database.backupRetentionDays = 3));
edit("cross-field", "a task on a source that does not exist", "development", "tasks[0].source", "allowed: uht", (f) => (f.tasks[0].source = "uhtt"));
edit("cross-field", "an endpoint id used twice", "production", "sources.uhw.endpointId", "endpoint ids are unique", (f) => (f.sources.uhw.endpointId = f.sources.uht.endpointId));

// --- the production tier --------------------------------------------------------------------------------------
for (const name of ["prod", "live", "pre-production"]) {
  cases.push({
    kind: "production tier",
    name: `an environment called ${name} without production`,
    environment: name,
    text: JSON.stringify({ ...environmentFile("staging"), environment: name }, null, 2),
    field: "production",
    allowed: "allowed: true, false",
  });
}
edit("production tier", "a tier given as a string", "production", "production", "boolean", (f) => (f.production = "yes"));

// --- an endpoint's existing Secrets Manager secret (credentials.secretArn) --------------------------------------
const secret = (region: string, account: string) => `arn:aws:secretsmanager:${region}:${account}:secret:uh-uht-AbCdEf`;
edit("arn", "an endpoint's existing secret in another region", "development", "sources.uht.credentials.secretArn", "allowed: arn:aws:secretsmanager:eu-west-2:", (f) => {
  f.sources.uht.credentials = { secretArn: secret("eu-west-1", "123456789012") };
});
edit("arn", "an endpoint's existing secret in another account", "production", "sources.uht.credentials.secretArn", "allowed: arn:aws:secretsmanager:eu-west-2:123456789012:", (f) => {
  f.accountId = "123456789012";
  f.sources.uht.credentials = { secretArn: secret("eu-west-2", "999999999999") };
});
edit("arn", "an endpoint's existing secret's key in another region", "development", "sources.uht.credentials.secretKmsKeyArn", "allowed: arn:aws:kms:eu-west-2:", (f) => {
  f.sources.uht.credentials = { secretArn: secret("eu-west-2", "123456789012"), secretKmsKeyArn: key("us-east-1", "123456789012") };
});
edit("schema", "an existing secret and an SSM password together", "development", "sources.uht.credentials.passwordParameterName", "allowed: SSM parameter names or secretArn, not both", (f) => {
  f.sources.uht.credentials.secretArn = secret("eu-west-2", "123456789012");
});

export const BAD_FILE_CASES: readonly BadFileCase[] = cases;
