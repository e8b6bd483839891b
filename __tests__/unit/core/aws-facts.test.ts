import {
  AWS_REGIONS,
  awsRegionProblem,
  backupWindowProblem,
  dmsInstanceClassProblem,
  maintenanceWindowProblem,
  rdsInstanceClassProblem,
  rdsPostgresVersionProblem,
  scheduleExpressionProblem,
  tagProblems,
  timeZoneProblem,
  windowsOverlapProblem,
} from "../../../modules/core/aws-facts";
import { dmsEngineVersionProblem, usableDmsEngineVersions } from "../../../modules/dms/engine-version";
import { BUNDLED_ENVIRONMENTS, environmentFile } from "../../helpers/environments";

describe("regions of the aws partition", () => {
  test.each(["eu-west-2", "us-east-1", "ap-southeast-5"])("%s is a region", (region) => expect(awsRegionProblem(region)).toBeUndefined());

  test("a typo names the closest region and lists the allowed ones", () => {
    expect(awsRegionProblem("eu-wset-2")).toBe(`"eu-wset-2" is not a region of the aws partition (did you mean "eu-west-2"?); allowed: ${AWS_REGIONS.join(", ")}`);
  });

  test.each(["cn-north-1", "us-gov-west-1", "EU-WEST-2", "moon-1"])("%s is not a region of the aws partition", (region) => {
    expect(awsRegionProblem(region)).toMatch(/is not a region of the aws partition/);
  });
});

describe("DMS engine versions (one data file, with end of life)", () => {
  test("released and still creatable versions are allowed", () => {
    expect(usableDmsEngineVersions("2026-12-01")).toEqual(["3.5.4", "3.6.1"]);
    expect(dmsEngineVersionProblem("3.6.1", "2026-12-01")).toBeUndefined();
    expect(dmsEngineVersionProblem("3.5.4", "2026-12-01")).toBeUndefined();
  });

  test("a version past the date after which AWS creates no new instance is refused", () => {
    expect(dmsEngineVersionProblem("3.5.4", "2027-02-01")).toBe(
      "DMS engine 3.5.4 is past its end of life (AWS no longer creates instances with it since 2027-01-31); use 3.6.1",
    );
    expect(dmsEngineVersionProblem("3.6.0", "2026-12-01")).toMatch(/^DMS engine 3\.6\.0 is past its end of life .*since 2026-04-27\); use 3\.5\.4 or 3\.6\.1$/);
  });

  test.each(["3.6.9", "3.7.0", "4.0.0", "3.5.0"])("%s, never released, is refused", (version) => {
    expect(dmsEngineVersionProblem(version, "2026-12-01")).toBe(
      `DMS engine ${version} is not a version AWS has released (as of 2026-12-01); allowed: 3.5.4, 3.6.1 (a newer release is added in modules/core/aws-facts/dms-engine-versions.ts)`,
    );
  });

  test("something that is not a version", () => {
    expect(dmsEngineVersionProblem("latest", "2026-12-01")).toBe('"latest" is not a DMS engine version such as "3.6.1"; allowed: 3.5.4, 3.6.1');
  });
});

describe("RDS PostgreSQL versions", () => {
  test.each(["16", "17", "16.4", "17.7", "13.23", "11.22-rds.20240418", "18"])("%s is a version RDS offers", (version) => {
    expect(rdsPostgresVersionProblem(version)).toBeUndefined();
  });

  test.each(["16.99", "17.0", "15.1", "18.2"])("%s is a minor RDS has not released", (version) => {
    expect(rdsPostgresVersionProblem(version)).toMatch(new RegExp(`^PostgreSQL ${version.replace(".", "\\.")} is not a minor version RDS has released \\(as of 2026-12\\); allowed for \\d+: `));
  });

  test.each(["9.6", "10", "19", "16.x", "latest", "16.4.1"])("%s is not a major RDS offers", (version) => {
    expect(rdsPostgresVersionProblem(version)).toMatch(/is not a PostgreSQL major version RDS offers; allowed: 11, 12, 13, 14, 15, 16, 17, 18, or a minor release from 11\.1/);
  });
});

describe("instance classes", () => {
  test("dms.t3.smal names dms.t3.small", () => {
    expect(dmsInstanceClassProblem("dms.t3.smal")).toMatch(/^"dms\.t3\.smal" is not a DMS replication instance class \(did you mean "dms\.t3\.small"\?\); allowed: <family>\.<size> such as dms\.t3\.medium or dms\.r6i\.large, in the families dms\.t2, dms\.t3, dms\.c5, dms\.c6i, dms\.r5, dms\.r6i$/);
  });

  test("db.t4g.mirco names db.t4g.micro", () => {
    expect(rdsInstanceClassProblem("db.t4g.mirco")).toMatch(/^"db\.t4g\.mirco" is not an RDS DB instance class \(did you mean "db\.t4g\.micro"\?\); allowed: <family>\.<size> such as db\.t4g\.micro or db\.r7g\.large, in the families db\.t3, db\.t4g,/);
  });

  test("a DMS class is not an RDS class, and a size a family lacks is refused", () => {
    expect(rdsInstanceClassProblem("dms.t3.small")).toMatch(/is not an RDS DB instance class/);
    expect(rdsInstanceClassProblem("db.r6g.24xlarge")).toMatch(/is not an RDS DB instance class/);
    expect(dmsInstanceClassProblem("db.t3.small")).toMatch(/is not a DMS replication instance class/);
  });

  test("every class of the bundled files is known", () => {
    for (const name of BUNDLED_ENVIRONMENTS) {
      const file = environmentFile(name);
      for (const instanceClass of [file.database?.instanceClass].filter(Boolean)) expect(rdsInstanceClassProblem(instanceClass)).toBeUndefined();
      for (const instanceClass of [file.dms?.replicationInstance?.instanceClass].filter(Boolean)) expect(dmsInstanceClassProblem(instanceClass)).toBeUndefined();
      expect(awsRegionProblem(file.region)).toBeUndefined();
    }
  });

  test.each(["db.serverless", "db.r7g.large", "db.m7g.large", "db.t3.micro", "db.r6i.32xlarge"])("%s is an RDS class", (instanceClass) => {
    expect(rdsInstanceClassProblem(instanceClass)).toBeUndefined();
  });
});

describe("time zones", () => {
  test.each(["UTC", "Europe/London", "America/New_York", "Europe/Kiev"])("%s is an IANA time zone", (zone) => expect(timeZoneProblem(zone)).toBeUndefined());

  test("a typo names the closest zone", () => {
    expect(timeZoneProblem("Europe/Londn")).toBe('"Europe/Londn" is not an IANA time zone (did you mean "Europe/London"?); allowed: a name such as Europe/London or UTC');
  });

  test.each(["europe/london", "GMT+1", "Mars/Olympus", "BST"])("%s is refused", (zone) => expect(timeZoneProblem(zone)).toMatch(/is not an IANA time zone/));
});

describe("EventBridge Scheduler expressions", () => {
  test.each([
    "rate(1 day)",
    "rate(5 minutes)",
    "cron(0 2 * * ? *)",
    "cron(0/15 8-17 ? * MON-FRI *)",
    "cron(30 1 L * ? *)",
    "cron(0 9 ? * 6#3 *)",
    "cron(0 9 ? * 6L 2027)",
    "cron(0 0 15W JAN,JUL ? 2026-2030)",
    "at(2027-01-31T23:30:00)",
  ])("%s is valid", (expression) => expect(scheduleExpressionProblem(expression)).toBeUndefined());

  test("an out-of-range field names the field and its range", () => {
    expect(scheduleExpressionProblem("cron(99 1 * * ? *)")).toBe(
      '"cron(99 1 * * ? *)": the minutes field "99" has 99, out of range; allowed: 0-59, *, lists (a,b), ranges (a-b) and steps (a/n, */n)',
    );
  });

  test("rate(0 days) is refused", () => {
    expect(scheduleExpressionProblem("rate(0 days)")).toMatch(/^"rate\(0 days\)" has a rate of 0; allowed: .* with n at least 1$/);
  });

  test.each([
    ["cron(0 2 * * * *)", /exactly one of day-of-month \("\*"\) and day-of-week \("\*"\) must be \?/],
    ["cron(0 2 ? * ? *)", /exactly one of day-of-month/],
    ["cron(0 2 * * ?)", /has 5 fields/],
    ["cron(0 24 * * ? *)", /the hours field "24" has 24, out of range; allowed: 0-23/],
    ["cron(0 2 32 * ? *)", /the day-of-month field "32"/],
    ["cron(0 2 ? 13 MON *)", /the month field "13"/],
    ["cron(0 2 ? * 8 *)", /the day-of-week field "8"/],
    ["cron(0 2 ? * FUN *)", /the day-of-week field "FUN" has "FUN", which is not a value/],
    ["cron(0 2 ? * MON 1969)", /the year field "1969"/],
    ["cron(0/0 2 * * ? *)", /has a step "0"/],
    ["cron(0 2 ?,1 * MON *)", /combines \? with other values/],
    ["rate(1 week)", /is not a rate expression/],
    ["at(2027-02-30T00:00:00)", /is not a real date and time/],
    ["every day", /is not a schedule expression/],
  ])("%s is refused", (expression, message) => expect(scheduleExpressionProblem(expression)).toMatch(message));
});

describe("maintenance and backup windows", () => {
  test("valid windows, including across midnight and the week's end", () => {
    expect(maintenanceWindowProblem("sun:03:00-sun:04:00")).toBeUndefined();
    expect(maintenanceWindowProblem("sat:23:45-sun:00:15")).toBeUndefined();
    expect(backupWindowProblem("23:45-00:15")).toBeUndefined();
  });

  test("shorter than 30 minutes", () => {
    expect(maintenanceWindowProblem("sun:03:00-sun:03:29")).toBe('"sun:03:00-sun:03:29" lasts 29 minutes; allowed: at least 30 minutes');
    expect(backupWindowProblem("02:00-02:10")).toBe('"02:00-02:10" lasts 10 minutes; allowed: at least 30 minutes');
  });

  test("not in the format", () => {
    expect(maintenanceWindowProblem("sunday 03:00")).toMatch(/allowed: ddd:hh24:mi-ddd:hh24:mi in UTC/);
    expect(maintenanceWindowProblem("sun:24:00-sun:25:00")).toMatch(/is not a maintenance window/);
    expect(backupWindowProblem("2:00-3:00")).toMatch(/allowed: hh24:mi-hh24:mi in UTC/);
  });

  test("a daily backup window meeting the weekly maintenance window is refused", () => {
    expect(windowsOverlapProblem("sun:03:00-sun:04:00", "03:30-04:30")).toBe(
      'the backup window "03:30-04:30" overlaps the maintenance window "sun:03:00-sun:04:00" on sun; allowed: windows that do not overlap',
    );
    expect(windowsOverlapProblem("sat:23:30-sun:00:30", "00:00-00:45")).toMatch(/on sun/);
    expect(windowsOverlapProblem("wed:01:00-wed:02:00", "23:30-01:30")).toMatch(/on tue/);
  });

  test("adjacent windows do not overlap", () => {
    expect(windowsOverlapProblem("sun:03:00-sun:04:00", "04:00-05:00")).toBeUndefined();
    expect(windowsOverlapProblem("sun:03:00-sun:04:00", "02:00-03:00")).toBeUndefined();
  });
});

describe("tag limits", () => {
  test("valid tags pass", () => {
    expect(tagProblems({ Project: "resident-information", "cost-centre": "H123 / data@hackney" })).toEqual([]);
  });

  test("more than 50 on one resource, counting the default tags", () => {
    const tags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, "v"]));
    expect(tagProblems(tags)).toEqual([]);
    expect(tagProblems(tags, 3)).toEqual([{ inValue: false, message: "51 tags (3 applied by default); allowed: at most 50 per resource" }]);
  });

  test("reserved prefix, lengths and characters", () => {
    expect(tagProblems({ "aws:owner": "x", ["k".repeat(129)]: "v", Note: "v".repeat(257), "a#b": "ok", c: "semi;colon" })).toEqual([
      { key: "aws:owner", inValue: false, message: "keys starting with aws: are reserved by AWS; allowed: any other prefix" },
      { key: "k".repeat(129), inValue: false, message: "the key is 129 characters long; allowed: 1 to 128" },
      { key: "Note", inValue: true, message: "the value is 257 characters long; allowed: at most 256" },
      { key: "a#b", inValue: false, message: "the key has characters AWS refuses; allowed: letters, digits, spaces and _ . : / = + - @" },
      { key: "c", inValue: true, message: "the value has characters AWS refuses; allowed: letters, digits, spaces and _ . : / = + - @" },
    ]);
  });

  test("the bundled files' tags are within the limits", () => {
    for (const name of BUNDLED_ENVIRONMENTS) expect(tagProblems(environmentFile(name).tags ?? {})).toEqual([]);
  });
});

test("every window, schedule and time zone in the bundled files passes", () => {
  const checks: Record<string, (value: string) => string | undefined> = {
    maintenanceWindow: maintenanceWindowProblem,
    backupWindow: backupWindowProblem,
    expression: scheduleExpressionProblem,
    timeZone: timeZoneProblem,
  };
  const seen: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else if (value !== null && typeof value === "object") for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    else if (typeof value === "string" && checks[key]) {
      seen.push(key);
      expect([key, checks[key](value)]).toEqual([key, undefined]);
    }
  };
  for (const name of BUNDLED_ENVIRONMENTS) visit(environmentFile(name), "");
  expect(new Set(seen)).toEqual(new Set(Object.keys(checks)));
});
