import { readFileSync } from "fs";
import { join } from "path";
import { findLiteralSecrets, looksRandom, secretInText } from "../../../modules/config/secret-scan";
import { BUNDLED_ENVIRONMENTS, ENVIRONMENTS_DIR, environmentFile } from "../../helpers/environments";

// Test values are assembled at run time so that no secret-shaped literal sits in the source.
const join2 = (...parts: string[]) => parts.join("");
const AWS_SECRET = join2("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYEXAMPLEKEY");
const JWT = join2("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".eyJzdWIiOiIxMjM0NTY3ODkwIn0");

describe("secretInText: each kind of secret, and what looks like one but is not", () => {
  test.each<[string, string, string]>([
    ["AWS access key id", join2("AKIA", "IOSFODNN7EXAMPLE"), "an AWS access key id"],
    ["temporary access key id in text", `key ${join2("ASIA", "Y34FZKBOKMUTVV7A")} expires`, "an AWS access key id"],
    ["PEM private key", join2("-----BEGIN RSA ", "PRIVATE KEY-----\nMIIE"), "a private key"],
    ["PKCS#8 private key", join2("-----BEGIN ", "PRIVATE KEY-----"), "a private key"],
    ["OpenSSH private key", join2("-----BEGIN OPENSSH ", "PRIVATE KEY-----"), "a private key"],
    ["URL with a password", "postgres://admin:letmein@10.0.0.5:5432/db", "a connection URL with a password in it"],
    ["URL with a password after another URL", "see a://b://dms:pa55word@db.internal/app", "a connection URL with a password in it"],
    ["URL with a password inside a script", "psql 'postgresql://dms:pa55word@db.internal/app' -c 'select 1'", "a connection URL with a password in it"],
    ["token in a URL query", "https://api.example.com/v1/items?limit=5&token=abc123", 'a "token" URL query parameter, which carries a credential'],
    ["pre-signed S3 URL", "https://b.s3.amazonaws.com/k?X-Amz-Signature=0f1e2d", 'a "X-Amz-Signature" URL query parameter, which carries a credential'],
    ["Slack webhook", "https://hooks.slack.com/services/T000/B000/XXXX", "a Slack incoming webhook, whose path is its token"],
    ["password=value", "Server=db;User Id=dms;Password=hunter2;", 'a value given to "Password"'],
    ["prefixed key=value", "export PGPASSWORD=hunter2", 'a value given to "PGPASSWORD"'],
    ["JSON inside a string", '{"client_secret": "s3cr3t"}', 'a value given to "client_secret"'],
    ["colon without a space", "api_key:abc123", 'a value given to "api_key"'],
    ["SQL password", "ALTER ROLE dms WITH LOGIN PASSWORD 'hunter2'", "a password literal in SQL"],
    ["Oracle IDENTIFIED BY", "CREATE USER dms IDENTIFIED BY hunter2", "a password literal in SQL"],
    ["standalone AWS secret access key", AWS_SECRET, "an AWS secret access key"],
    ["AWS secret access key after a secret-like word", `the secret is ${AWS_SECRET} for now`, "an AWS secret access key"],
    ["bearer token", `Authorization: Bearer ${JWT}`, "a random-looking value after a secret-like word"],
    ["token after the word", `deploy token ${join2("ghp_", "R8x2Lq9ZkT4vW1mN7bC3")}`, "a random-looking value after a secret-like word"],
  ])("%s is found", (_, text, reason) => {
    const found = secretInText(text);
    expect(found).toBe(reason);
    // The reason never repeats the value.
    expect(found).not.toContain(text);
  });

  test.each<[string, string]>([
    ["an SSM parameter name", "/resident-information/development/postgres-password"],
    ["a Secrets Manager ARN", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:prod/db-AbC123"],
    ["a KMS key ARN", "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    ["prose about a password", "Password: rotated monthly by the DBA team"],
    ["a SQL setting named like a password", "SET password_encryption = 'scram-sha-256'"],
    ["a placeholder", "password=${DB_PASSWORD}"],
    ["a resolve placeholder", "token={{resolve:ssm-secure:/app/token}}"],
    ["a masked value", "password=****"],
    ["a URL with a user but no password", "postgres://dms@db.internal:5432/app"],
    ["a URL without credentials", "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Limits.html?tab=1"],
    ["a git commit id", "3f2a9c4b7d1e8f6a5b4c3d2e1f0a9b8c7d6e5f4a"],
    ["a long name in words", "ResidentInformationMigrationFullLoadAndCdc"],
    ["a word near a name", "secret rotation for development-dms-instance"],
    ["a token count", "tokens=5"],
    ["an access key id too short", "AKIA1234"],
    ["a random value with no secret-like word", `release ${JWT}`],
  ])("%s is not a secret", (_, text) => {
    expect(secretInText(text)).toBeUndefined();
  });
});

test("looksRandom needs mixed case, digits and a spread of characters", () => {
  expect(looksRandom(AWS_SECRET)).toBe(true);
  expect(looksRandom("aaaaaaaaaaaaaaaaaaaaAAAA1111")).toBe(false);
  expect(looksRandom("abcdefghijklmnopqrstuvwxyz0123456789")).toBe(false);
});

describe("findLiteralSecrets", () => {
  test("scans every string value: tags, descriptions, scripts, URLs in lists", () => {
    const file = environmentFile("development");
    file.tags.Owner = "ALTER USER x PASSWORD 'y1'";
    file.database.allowedIngress = [{ cidr: "10.0.0.0/16", description: "psql postgres://a:b@h/db" }];
    const problems = findLiteralSecrets(file);
    expect(problems).toEqual([
      { path: "tags.Owner", value: "(not shown: a password literal in SQL)", message: expect.stringMatching(/^an environment file must never hold/) },
      { path: "database.allowedIngress[0].description", value: "(not shown: a connection URL with a password in it)", message: expect.any(String) },
    ]);
    expect(JSON.stringify(problems)).not.toContain("a:b@");
  });

  test("a value under a key named like a secret is refused by its length only", () => {
    expect(findLiteralSecrets({ database: { password: "plain words" } })).toEqual([
      { path: "database.password", value: "(not shown: a 11-character value)", message: expect.any(String) },
    ]);
  });

  test("walks 100,000 values without recursion", () => {
    let nested: unknown = "x";
    for (let i = 0; i < 100_000; i++) nested = [nested];
    expect(findLiteralSecrets(nested)).toEqual([]);
  });
});

describe("no false positives on what the project ships", () => {
  test.each(BUNDLED_ENVIRONMENTS)("%s.json has no secret", (name) => {
    expect(findLiteralSecrets(environmentFile(name))).toEqual([]);
  });

  test("no string in the README's JSON and TypeScript examples looks like a secret", () => {
    const readme = readFileSync(join(ENVIRONMENTS_DIR, "..", "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```(?:json|ts|typescript)\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks.length).toBeGreaterThan(0);
    const strings = blocks.flatMap((block) => [...block.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string));
    expect(strings.length).toBeGreaterThan(20);
    expect(strings.filter((text) => secretInText(text) !== undefined)).toEqual([]);
  });

  test("the schema's descriptions and examples do not look like secrets", () => {
    const schema = readFileSync(join(ENVIRONMENTS_DIR, "schema.json"), "utf8");
    const strings = [...schema.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string);
    expect(strings.filter((text) => secretInText(text) !== undefined)).toEqual([]);
  });
});
