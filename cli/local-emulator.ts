import { readFileSync } from "fs";
// The project runs on the image's Node 20; the SDK's notice that releases after January 2027 need Node 22 is
// noise in every run here (it names no problem with the pinned SDK).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** Fake, static credentials: the emulator accepts anything, and nothing real is ever needed or written. */
export const EMULATOR_CREDENTIALS = { accessKeyId: "AKIAEMULATOREXAMPLE1", secretAccessKey: "emulator-secret-key-not-a-real-one" };

/**
 * Whether a process is still alive (the emulator `deploy:local` started and recorded). A killed emulator whose
 * parent has exited may stay a zombie until something reaps it; on Linux that counts as stopped.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

/** Configuration for an AWS SDK v3 client talking to the emulator. */
export function emulatorClientConfig(endpoint: string, region: string) {
  return { endpoint, region, credentials: EMULATOR_CREDENTIALS, forcePathStyle: true, maxAttempts: 2 };
}

/** The environment Terraform runs with against the emulator: the fake credentials, and every call sent to it. */
export function emulatorTerraformEnv(endpoint: string, region: string): NodeJS.ProcessEnv {
  return {
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    // A service missing from the provider's endpoints still cannot reach AWS.
    AWS_ENDPOINT_URL: endpoint,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}
