/**
 * Maintenance and backup windows of RDS DB instances and DMS replication instances, in UTC.
 * Sources: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 * (PreferredMaintenanceWindow `ddd:hh24:mi-ddd:hh24:mi`, at least 30 minutes; PreferredBackupWindow
 * `hh24:mi-hh24:mi`, at least 30 minutes, not overlapping the maintenance window) and
 * https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html (the same
 * maintenance format and minimum), checked 2026-12.
 */
export const MINIMUM_WINDOW_MINUTES = 30;

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const WEEK = 7 * 24 * 60;
const DAY = 24 * 60;
const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const MAINTENANCE = new RegExp(`^(${DAYS.join("|")}):${TIME}-(${DAYS.join("|")}):${TIME}$`, "i");
const BACKUP = new RegExp(`^${TIME}-${TIME}$`);

/** A window as its start and length in minutes; maintenance starts count from Sunday 00:00, backup starts from 00:00. */
interface Window {
  readonly start: number;
  readonly minutes: number;
}

function parseMaintenance(window: string): Window | undefined {
  const match = MAINTENANCE.exec(window);
  if (!match) return undefined;
  const at = (day: string, hour: string, minute: string) => DAYS.indexOf(day.toLowerCase()) * DAY + Number(hour) * 60 + Number(minute);
  const start = at(match[1], match[2], match[3]);
  const end = at(match[4], match[5], match[6]);
  return { start, minutes: (end - start + WEEK) % WEEK };
}

function parseBackup(window: string): Window | undefined {
  const match = BACKUP.exec(window);
  if (!match) return undefined;
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  return { start, minutes: (end - start + DAY) % DAY };
}

/** What is wrong with a maintenance window such as `sun:03:00-sun:04:00`, or undefined. */
export function maintenanceWindowProblem(window: string): string | undefined {
  const parsed = parseMaintenance(window);
  if (!parsed) return `"${window}" is not a maintenance window; allowed: ddd:hh24:mi-ddd:hh24:mi in UTC, such as sun:03:00-sun:04:00`;
  if (parsed.minutes < MINIMUM_WINDOW_MINUTES) {
    return `"${window}" lasts ${parsed.minutes} minutes; allowed: at least ${MINIMUM_WINDOW_MINUTES} minutes`;
  }
  return undefined;
}

/** What is wrong with a daily backup window such as `02:00-03:00`, or undefined. */
export function backupWindowProblem(window: string): string | undefined {
  const parsed = parseBackup(window);
  if (!parsed) return `"${window}" is not a backup window; allowed: hh24:mi-hh24:mi in UTC, such as 02:00-03:00`;
  if (parsed.minutes < MINIMUM_WINDOW_MINUTES) {
    return `"${window}" lasts ${parsed.minutes} minutes; allowed: at least ${MINIMUM_WINDOW_MINUTES} minutes`;
  }
  return undefined;
}

/** Whether two intervals on a circle of `circle` minutes share a minute. */
function overlaps(a: Window, b: Window, circle: number): boolean {
  const startsInside = (x: Window, y: Window) => (y.start - x.start + circle) % circle < x.minutes;
  return startsInside(a, b) || startsInside(b, a);
}

/**
 * Why a backup window and a maintenance window cannot be used together (the daily backup window meets the
 * weekly maintenance window on some day), or undefined. Windows that do not parse are left to their own checks.
 */
export function windowsOverlapProblem(maintenanceWindow: string, backupWindow: string): string | undefined {
  const maintenance = parseMaintenance(maintenanceWindow);
  const backup = parseBackup(backupWindow);
  if (!maintenance || !backup) return undefined;
  for (let day = 0; day < 7; day++) {
    if (overlaps(maintenance, { start: day * DAY + backup.start, minutes: backup.minutes }, WEEK)) {
      return (
        `the backup window "${backupWindow}" overlaps the maintenance window "${maintenanceWindow}" on ${DAYS[day]}` +
        "; allowed: windows that do not overlap"
      );
    }
  }
  return undefined;
}
