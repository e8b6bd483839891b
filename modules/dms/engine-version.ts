import { compareVersions } from "../postgres/engine-version";

/**
 * Replication engine versions AWS had retired (no new instances, forced upgrades) by 2026-11, from the
 * release-notes table (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReleaseNotes.html): everything before 3.5.4,
 * and 3.6.0. Versions newer than those known are accepted.
 */
const OLDEST_SUPPORTED = "3.5.4";
const RETIRED = new Set(["3.6.0"]);

const ENGINE_VERSION = /^\d+\.\d+\.\d+$/;

/** Why a replication engine version cannot be used, or undefined when it can. */
export function dmsEngineVersionProblem(version: string): string | undefined {
  if (!ENGINE_VERSION.test(version)) return `"${version}" is not a DMS engine version such as "3.6.1"`;
  if (compareVersions(version, OLDEST_SUPPORTED) < 0 || RETIRED.has(version)) {
    return `DMS engine ${version} is past its end of life (AWS no longer creates instances with it); use ${OLDEST_SUPPORTED} or 3.6.1 and later`;
  }
  return undefined;
}
