import { compareVersions, postgresMajorVersion } from "../../postgres/engine-version";

/**
 * RDS for PostgreSQL major versions with the first and the latest minor version RDS has released of each
 * (RDS skips some community minors; a minor between the two that RDS skipped is not refused here).
 * Source: https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html,
 * checked 2026-12. A new minor release is one edit of `latest`.
 * Which majors DMS can write to is modules/postgres/engine-version.ts; this file is what RDS can create.
 */
export const RDS_POSTGRES_MINORS: Readonly<Record<string, { readonly first: number; readonly latest: number }>> = {
  "11": { first: 1, latest: 22 },
  "12": { first: 2, latest: 22 },
  "13": { first: 1, latest: 23 },
  "14": { first: 1, latest: 20 },
  "15": { first: 2, latest: 15 },
  "16": { first: 1, latest: 11 },
  "17": { first: 1, latest: 7 },
  "18": { first: 1, latest: 1 },
};

/** RDS Extended Support builds of a major past its community end of life, such as `11.22-rds.20240418`. */
const EXTENDED_SUPPORT = /^(\d+\.\d+)-rds\.\d{8}$/;

/**
 * Why `engineVersion` (`16` or `16.4`) is not a PostgreSQL version RDS can create, with what is allowed;
 * undefined when it is.
 */
export function rdsPostgresVersionProblem(engineVersion: string): string | undefined {
  const majors = Object.keys(RDS_POSTGRES_MINORS).sort(compareVersions);
  const allowed = `${majors.join(", ")}, or a minor release from ${majors.map((major) => `${major}.${RDS_POSTGRES_MINORS[major].first}`).join(", ")} up to ${majors.map((major) => `${major}.${RDS_POSTGRES_MINORS[major].latest}`).join(", ")}`;
  const version = EXTENDED_SUPPORT.exec(engineVersion)?.[1] ?? engineVersion;
  const major = postgresMajorVersion(version);
  const minors = major === undefined ? undefined : RDS_POSTGRES_MINORS[major];
  if (major === undefined || minors === undefined || Number(major) < 10 || !/^\d+(\.\d+)?$/.test(version)) {
    return `"${engineVersion}" is not a PostgreSQL major version RDS offers; allowed: ${allowed}`;
  }
  if (version === major) return undefined;
  const minor = Number(version.slice(major.length + 1));
  if (minor < minors.first || minor > minors.latest) {
    return (
      `PostgreSQL ${version} is not a minor version RDS has released (as of 2026-12); allowed for ${major}: ${major}.${minors.first}` +
      ` to ${major}.${minors.latest}, or "${major}" for the latest (a newer release is added in modules/core/aws-facts/rds-postgres-versions.ts)`
    );
  }
  return undefined;
}
