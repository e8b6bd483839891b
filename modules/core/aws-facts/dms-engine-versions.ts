/**
 * DMS replication engine versions AWS has released, with the dates after which no new instance may use
 * them and after which AWS upgrades them (end of life). `undefined`: not announced.
 * Source: https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReleaseNotes.html (the "end of life"
 * table), checked 2026-12. AWS has moved these dates between snapshots of that page; a new release or a
 * changed date is one line here.
 */
export interface DmsEngineRelease {
  readonly version: string;
  readonly released: string;
  readonly noNewInstancesAfter?: string;
  readonly endOfLife?: string;
}

export const DMS_ENGINE_RELEASES: readonly DmsEngineRelease[] = [
  { version: "3.4.6", released: "2021-11-30", noNewInstancesAfter: "2024-09-30", endOfLife: "2024-09-30" },
  { version: "3.4.7", released: "2022-05-31", noNewInstancesAfter: "2024-09-30", endOfLife: "2024-10-31" },
  { version: "3.5.1", released: "2023-06-30", noNewInstancesAfter: "2024-11-30", endOfLife: "2025-03-15" },
  { version: "3.5.2", released: "2023-10-29", noNewInstancesAfter: "2025-03-30", endOfLife: "2025-04-29" },
  { version: "3.5.3", released: "2024-05-17", noNewInstancesAfter: "2026-02-28", endOfLife: "2026-06-30" },
  { version: "3.5.4", released: "2024-11-15", noNewInstancesAfter: "2027-01-31", endOfLife: "2027-03-31" },
  { version: "3.6.0", released: "2024-12-27", noNewInstancesAfter: "2026-04-27", endOfLife: "2026-07-27" },
  { version: "3.6.1", released: "2025-05-15" },
];

/** The date these facts were last checked: what "today" means for the end-of-life rule, so results do not change by themselves. */
export const DMS_ENGINE_FACTS_CHECKED = "2026-12-01";
