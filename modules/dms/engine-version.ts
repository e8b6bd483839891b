import { DMS_ENGINE_FACTS_CHECKED, DMS_ENGINE_RELEASES } from "../core/aws-facts/dms-engine-versions";

const ENGINE_VERSION = /^\d+\.\d+\.\d+$/;

/** Today as `YYYY-MM-DD`, never earlier than the date the facts were checked. */
function today(): string {
  const now = new Date().toISOString().slice(0, 10);
  return now > DMS_ENGINE_FACTS_CHECKED ? now : DMS_ENGINE_FACTS_CHECKED;
}

/** Replication engine versions AWS still creates instances with on `date` (YYYY-MM-DD), oldest first. */
export function usableDmsEngineVersions(date: string = today()): string[] {
  return DMS_ENGINE_RELEASES.filter((release) => release.noNewInstancesAfter === undefined || release.noNewInstancesAfter >= date).map(
    (release) => release.version,
  );
}

/**
 * Why a replication engine version cannot be used, or undefined when it can: not a version, not one AWS
 * has released (modules/core/aws-facts/dms-engine-versions.ts), or past the date after which AWS creates
 * no new instance with it.
 * @param date the day to judge end of life on, `YYYY-MM-DD` @default today
 */
export function dmsEngineVersionProblem(version: string, date: string = today()): string | undefined {
  const usable = usableDmsEngineVersions(date);
  if (!ENGINE_VERSION.test(version)) return `"${version}" is not a DMS engine version such as "3.6.1"; allowed: ${usable.join(", ")}`;
  const release = DMS_ENGINE_RELEASES.find((known) => known.version === version);
  if (!release) {
    return (
      `DMS engine ${version} is not a version AWS has released (as of ${DMS_ENGINE_FACTS_CHECKED}); allowed: ${usable.join(", ")}` +
      " (a newer release is added in modules/core/aws-facts/dms-engine-versions.ts)"
    );
  }
  if (!usable.includes(version)) {
    return `DMS engine ${version} is past its end of life (AWS no longer creates instances with it since ${release.noNewInstancesAfter}); use ${usable.join(" or ")}`;
  }
  return undefined;
}
