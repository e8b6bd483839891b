/**
 * PostgreSQL versions DMS can write to, with the oldest DMS replication engine that can do it
 * (16 needs 3.5.3, 17 and 18 need 3.5.4: https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.PostgreSQL.html;
 * 13-15 follow the source table: https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html).
 * A version missing here is not a DMS target.
 */
const DMS_TARGET_MINIMUM_ENGINE: Readonly<Record<string, string>> = {
  "9.4": "3.1.0",
  "9.5": "3.1.0",
  "9.6": "3.1.0",
  "10": "3.1.0",
  "11": "3.1.0",
  "12": "3.1.0",
  "13": "3.4.3",
  "14": "3.4.7",
  "15": "3.5.1",
  "16": "3.5.3",
  "17": "3.5.4",
  "18": "3.5.4",
};


const ENGINE_VERSION = /^(\d+)(?:\.(\d+))?(?:\.\d+)?$/;

/** The major version of `16`, `16.4` or `9.6.24`: `16`, `16`, `9.6`; undefined when the string is not a version. */
export function postgresMajorVersion(engineVersion: string): string | undefined {
  const match = ENGINE_VERSION.exec(engineVersion);
  if (!match) return undefined;
  const [, major, minor] = match;
  return Number(major) < 10 ? (minor === undefined ? undefined : `${major}.${minor}`) : major;
}

/** Whether the version names a minor release (`16.4`), which automatic minor upgrades would move away from. */
export function pinsMinorVersion(engineVersion: string): boolean {
  const major = postgresMajorVersion(engineVersion);
  return major !== undefined && engineVersion !== major;
}

/** The parameter-group family of a major version: `postgres16` for RDS, `aurora-postgresql16` for Aurora. */
export function parameterGroupFamily(major: string, aurora = false): string {
  return aurora ? `aurora-postgresql${major}` : `postgres${major}`;
}

/** The oldest DMS replication engine able to write to this PostgreSQL major version; undefined if none can. */
export function minimumDmsEngineForTarget(major: string): string | undefined {
  return DMS_TARGET_MINIMUM_ENGINE[major];
}

/** PostgreSQL major versions DMS can write to, oldest first. */
export const DMS_TARGET_POSTGRES_VERSIONS: readonly string[] = Object.keys(DMS_TARGET_MINIMUM_ENGINE).sort(compareVersions);

/** Compares dotted version strings numerically: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
