/**
 * The grammar of EventBridge Scheduler expressions: `rate(value unit)`, `cron(minutes hours day-of-month
 * month day-of-week year)` and one-time `at(yyyy-mm-ddThh:mm:ss)`.
 * Source: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, checked 2026-12.
 */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Special forms beside numbers, ranges, lists, `*` and `/`. */
  readonly special: RegExp;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const NONE = /^$/;

export const CRON_FIELDS: readonly CronField[] = [
  { name: "minutes", min: 0, max: 59, special: NONE },
  { name: "hours", min: 0, max: 23, special: NONE },
  // `?` (no value), `L` (last day), `LW` (last weekday), `15W` (the weekday nearest the 15th).
  { name: "day-of-month", min: 1, max: 31, special: /^(\?|L|LW|([1-9]|[12]\d|3[01])W)$/ },
  { name: "month", min: 1, max: 12, names: MONTHS, special: NONE },
  // `?`, `L` (last day of the week), `6L` (last Friday), `6#3` (third Friday).
  { name: "day-of-week", min: 1, max: 7, names: DAYS, special: /^(\?|L|[1-7]L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)#[1-5])$/ },
  { name: "year", min: 1970, max: 2199, special: NONE },
];

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;

/** The number a field value stands for (a number or a month or day name), or undefined. */
function fieldNumber(field: CronField, text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index < 0 ? undefined : index + field.min;
}

function cronFieldProblem(field: CronField, text: string): string | undefined {
  const range = `${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ""}`;
  const bad = (why: string) => `the ${field.name} field "${text}" ${why}; allowed: ${range}, *, lists (a,b), ranges (a-b) and steps (a/n, */n)`;
  for (const item of text.split(",")) {
    if (field.special.test(item.toUpperCase())) {
      if (text.includes(",") && item === "?") return bad("combines ? with other values");
      continue;
    }
    const [base, step, extra] = item.split("/");
    if (extra !== undefined) return bad("has more than one /");
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= field.max)) {
      return bad(`has a step "${step}" that is not a whole number from 1 to ${field.max}`);
    }
    if (base === "*") continue;
    const bounds = base.split("-");
    if (bounds.length > 2) return bad("is not a value or a range");
    for (const bound of bounds) {
      const value = fieldNumber(field, bound);
      if (value === undefined) return bad(`has "${bound}", which is not a value`);
      if (value < field.min || value > field.max) return bad(`has ${bound}, out of range`);
    }
  }
  return undefined;
}

/**
 * What is wrong with an EventBridge Scheduler expression, or undefined: `rate()` needs a positive whole
 * number and a unit; `cron()` needs six fields in range with `?` in exactly one of day-of-month and
 * day-of-week; `at()` needs a real date and time.
 */
export function scheduleExpressionProblem(expression: string): string | undefined {
  const allowed = "allowed: rate(<n> minute(s)|hour(s)|day(s)), cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>) or at(yyyy-mm-ddThh:mm:ss)";
  const rate = RATE.exec(expression);
  if (rate) return Number(rate[1]) >= 1 ? undefined : `"${expression}" has a rate of 0; ${allowed} with n at least 1`;
  if (expression.startsWith("rate(")) return `"${expression}" is not a rate expression; ${allowed}`;
  const at = AT.exec(expression);
  if (at) {
    const [, year, month, day, hour, minute, second] = at.map(Number);
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
    return real ? undefined : `"${expression}" is not a real date and time; ${allowed}`;
  }
  const cron = CRON.exec(expression);
  if (!cron) return `"${expression}" is not a schedule expression; ${allowed}`;
  const fields = cron[1].split(" ");
  if (fields.length !== 6 || fields.some((field) => field === "")) {
    return `"${expression}" has ${fields.filter(Boolean).length} fields, separated by single spaces; ${allowed}`;
  }
  for (let i = 0; i < 6; i++) {
    const problem = cronFieldProblem(CRON_FIELDS[i], fields[i]);
    if (problem) return `"${expression}": ${problem}`;
  }
  const [dayOfMonth, dayOfWeek] = [fields[2], fields[4]];
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return `"${expression}": exactly one of day-of-month ("${dayOfMonth}") and day-of-week ("${dayOfWeek}") must be ?; allowed: a value or * in one and ? in the other`;
  }
  return undefined;
}
