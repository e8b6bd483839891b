import { Testing } from "cdktf";
import { checkEnvironment } from "../../../modules/config";
import { EMULATOR_ACCOUNT_ID } from "../../../modules/stack/local-emulator";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { BUNDLED_ENVIRONMENTS, environmentFile } from "../../helpers/environments";

function synth(name: string, endpoint?: string) {
  const check = checkEnvironment(JSON.stringify(environmentFile(name)), name);
  const stack = new MigrationStack(Testing.app(), name, {
    config: check.config!,
    localEmulator: endpoint ? { endpoint, stateBucket: "local-terraform-state" } : undefined,
  });
  return JSON.parse(Testing.synth(stack));
}

describe("the local emulator target", () => {
  test.each(BUNDLED_ENVIRONMENTS)("%s for AWS carries no endpoint override, skipped check or credential", (name) => {
    const json = synth(name);
    const [provider] = json.provider.aws;
    for (const key of ["endpoints", "skip_credentials_validation", "skip_metadata_api_check", "access_key", "secret_key", "s3_use_path_style"]) {
      expect(provider[key]).toBeUndefined();
    }
    const backend = json.terraform.backend.s3;
    for (const key of ["endpoints", "skip_credentials_validation", "use_path_style", "access_key", "secret_key"]) expect(backend[key]).toBeUndefined();
  });

  test("sends every service to the emulator on loopback and refuses any account but the emulator's", () => {
    const json = synth("development", "http://127.0.0.1:5123");
    const [provider] = json.provider.aws;
    expect(provider.allowed_account_ids).toEqual([EMULATOR_ACCOUNT_ID]);
    expect(Object.values(provider.endpoints[0]).every((url) => url === "http://127.0.0.1:5123")).toBe(true);
    expect(Object.keys(provider.endpoints[0])).toEqual(expect.arrayContaining(["dms", "rds", "ec2", "iam", "secretsmanager", "ssm", "sts", "s3", "kms", "opensearch", "redshift"]));
    expect(provider.access_key).toBeUndefined();
    expect(provider.secret_key).toBeUndefined();
  });

  test("keeps state in the emulator's bucket, encrypted and locked like the environment's", () => {
    expect(synth("development", "http://127.0.0.1:5123").terraform.backend.s3).toMatchObject({
      bucket: "local-terraform-state",
      key: "resident-information/development/terraform.tfstate",
      encrypt: true,
      use_lockfile: true,
      use_path_style: true,
      endpoints: { s3: "http://127.0.0.1:5123", dynamodb: "http://127.0.0.1:5123", iam: "http://127.0.0.1:5123", sts: "http://127.0.0.1:5123" },
    });
    expect(synth("production", "http://127.0.0.1:5123").terraform.backend.s3.dynamodb_table).toBe("terraform-state-lock-production");
  });

  test("refuses an emulator that is not on the loopback interface", () => {
    expect(() => synth("development", "http://10.0.0.5:5000")).toThrow(/development: the local emulator must listen on the loopback interface/);
  });
});
