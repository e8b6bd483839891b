import { closest } from "../schema-problems";

/**
 * IANA time zones, as EventBridge Scheduler reads `ScheduleExpressionTimezone`
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#time-zones): the list is the
 * one Node's ICU carries (`Intl.supportedValuesOf`), so it is updated with Node, plus `UTC`, which that list
 * leaves out on some versions.
 */
export function ianaTimeZones(): readonly string[] {
  zones ??= [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC"])];
  return zones;
}

/** Read once: ICU builds the list on every call. */
let zones: readonly string[] | undefined;

/** Why `timeZone` is not an IANA time zone, with the closest one for a typo; undefined when it is. */
export function timeZoneProblem(timeZone: string): string | undefined {
  const zones = ianaTimeZones();
  if (zones.includes(timeZone)) return undefined;
  // Older names such as Europe/Kiev are links in the tz database that AWS accepts too; Intl knows them.
  if (/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(timeZone) && isKnownByIntl(timeZone)) return undefined;
  const suggestion = closest(timeZone, zones);
  return `"${timeZone}" is not an IANA time zone${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; allowed: a name such as Europe/London or UTC`;
}

function isKnownByIntl(timeZone: string): boolean {
  try {
    // Intl matches names without regard to case; AWS does not, so the canonical spelling must match.
    const resolved = new Intl.DateTimeFormat("en", { timeZone }).resolvedOptions().timeZone;
    return resolved === timeZone || !ianaTimeZones().some((zone) => zone.toLowerCase() === timeZone.toLowerCase());
  } catch {
    return false;
  }
}
