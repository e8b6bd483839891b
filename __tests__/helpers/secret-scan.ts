import { readFileSync, readdirSync, statSync } from "fs";
import { join } from "path";
import { TerraformJson } from "./synth";

/** Files under `dir` (recursively) that contain any of the sentinel strings. */
export function filesContaining(dir: string, sentinels: readonly string[]): string[] {
  const hits: string[] = [];
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== ".terraform") visit(join(path, entry));
    } else {
      const text = readFileSync(path, "latin1");
      if (sentinels.some((sentinel) => text.includes(sentinel))) hits.push(path);
    }
  };
  visit(dir);
  return hits;
}

/** Attributes Terraform stores in state in clear, and data sources whose results it stores. */
const STORED_SECRET_ATTRIBUTES = ["password", "master_password", "secret_string", "sasl_password", "auth_password"];
const STORED_SECRET_DATA_SOURCES = ["aws_ssm_parameter", "aws_secretsmanager_secret_version", "aws_secretsmanager_random_password"];

/**
 * Ways a synthesized stack could put a secret into plan or state: a stored secret attribute, a data source
 * that reads a secret, a SecureString given a stored value, or a write-only argument fed by anything other
 * than an ephemeral block. Returns one line per finding; none means secrets move only ephemerally.
 */
export function secretHandlingProblems(json: TerraformJson): string[] {
  const problems: string[] = [];
  for (const [type, blocks] of Object.entries<Record<string, any>>(json.resource ?? {})) {
    for (const [name, block] of Object.entries<Record<string, any>>(blocks)) {
      for (const attribute of STORED_SECRET_ATTRIBUTES) {
        if (block[attribute] !== undefined) problems.push(`${type}.${name}.${attribute} is stored in state`);
      }
      if (type === "aws_ssm_parameter" && block.type === "SecureString" && (block.value !== undefined || block.insecure_value !== undefined)) {
        problems.push(`${type}.${name} stores its SecureString value in state`);
      }
      for (const [attribute, value] of Object.entries(block)) {
        if (attribute.endsWith("_wo") && !(typeof value === "string" && /^\$\{.*\bephemeral\.\w+\.[\w-]+\.\w+/.test(value))) {
          problems.push(`${type}.${name}.${attribute} is not fed by an ephemeral value`);
        }
      }
    }
  }
  for (const type of STORED_SECRET_DATA_SOURCES) {
    for (const name of Object.keys(json.data?.[type] ?? {})) problems.push(`data.${type}.${name} stores the secret it reads in state`);
  }
  return problems;
}
