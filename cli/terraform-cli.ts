import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, writeFileSync } from "fs";
import { homedir, tmpdir } from "os";
import { join } from "path";

/** The provider every stack is pinned to; it must be in a filesystem mirror, since nothing is downloaded. */
export const AWS_PROVIDER = { host: "registry.terraform.io", namespace: "hashicorp", type: "aws", version: "5.100.0" };

const PROVIDER_PATH = join(AWS_PROVIDER.host, AWS_PROVIDER.namespace, AWS_PROVIDER.type, AWS_PROVIDER.version);
const MIRROR_CANDIDATES = [
  "/opt/tf-plugins",
  join(homedir(), ".terraform.d", "plugins"),
  "/usr/local/share/terraform/plugins",
  "/usr/share/terraform/plugins",
];

/**
 * The folder of the filesystem provider mirror: `TF_PROVIDER_MIRROR` when set, otherwise the first usual
 * location holding hashicorp/aws 5.100.0. Fails with what to do when there is none.
 */
export function providerMirror(): string {
  const configured = process.env.TF_PROVIDER_MIRROR;
  if (configured) {
    if (!existsSync(join(configured, PROVIDER_PATH))) {
      throw new Error(`TF_PROVIDER_MIRROR is ${configured}, but ${join(configured, PROVIDER_PATH)} does not exist.`);
    }
    return configured;
  }
  const found = MIRROR_CANDIDATES.find((candidate) => existsSync(join(candidate, PROVIDER_PATH)));
  if (!found) {
    throw new Error(
      `No filesystem mirror of the Terraform provider hashicorp/aws ${AWS_PROVIDER.version} was found (looked in ${MIRROR_CANDIDATES.join(", ")}). ` +
        `Set TF_PROVIDER_MIRROR to the folder that contains ${PROVIDER_PATH}.`,
    );
  }
  return found;
}

let cliConfigFile: string | undefined;

/**
 * Environment for running `terraform` offline: a CLI config that installs providers only from the mirror,
 * and no checkpoint calls. Other variables are inherited.
 */
export function terraformEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  if (!cliConfigFile) {
    cliConfigFile = join(mkdtempSync(join(tmpdir(), "terraform-cli-")), "terraform.rc");
    writeFileSync(
      cliConfigFile,
      `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(providerMirror())}\n  }\n}\n`,
    );
  }
  return { ...process.env, TF_CLI_CONFIG_FILE: cliConfigFile, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", ...extra };
}

/** Runs terraform in `dir` and returns its output; throws with the output when it fails. */
export function terraform(dir: string, args: readonly string[], env: NodeJS.ProcessEnv = terraformEnv()): string {
  try {
    return execFileSync("terraform", ["-chdir=" + dir, ...args], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform ${args.join(" ")} failed in ${dir}:\n${failure.stdout ?? ""}${failure.stderr ?? failure.message}`);
  }
}
