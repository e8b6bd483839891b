import { Token } from "cdktf";
import { Rule } from "../rules";
import { PathSegment, Problem, formatPath, renderValue } from "../problem";
import { dmsInstanceClassProblem, rdsInstanceClassProblem } from "./instance-classes";
import { rdsPostgresVersionProblem } from "./rds-postgres-versions";
import { scheduleExpressionProblem } from "./schedule-expression";
import { tagProblems } from "./tags";
import { timeZoneProblem } from "./time-zones";
import { backupWindowProblem, maintenanceWindowProblem, windowsOverlapProblem } from "./windows";

/**
 * The offline AWS facts as rule tables: each row is run by the construct on its props and by the environment
 * loader on the props a file entry builds (modules/config/aws-fact-rules.ts), so a value AWS would refuse is
 * refused at file-check time with its field, and by a library user's construct with its prop.
 */

/** A rule on one optional string prop: skipped when the prop is absent or a token (known only at apply time). */
function factRule<T>(prop: keyof T & string, problemOf: (value: string) => string | undefined): Rule<T> {
  const valueOf = (props: T): string | undefined => {
    const value = props[prop] as unknown;
    return typeof value === "string" && !Token.isUnresolved(value) ? value : undefined;
  };
  return {
    path: [prop],
    when: (props) => {
      const value = valueOf(props);
      return value !== undefined && problemOf(value) !== undefined;
    },
    message: (props) => problemOf(valueOf(props) as string) as string,
  };
}

/** What the RDS PostgreSQL and Aurora PostgreSQL constructs take that AWS knows the allowed values of. */
export interface DatabaseFacts {
  readonly engineVersion?: string;
  readonly instanceClass?: string;
  readonly maintenanceWindow?: string;
  readonly backupWindow?: string;
}

const known = (value: string | undefined): value is string => value !== undefined && !Token.isUnresolved(value);

export const DATABASE_FACT_RULES: readonly Rule<DatabaseFacts>[] = [
  factRule("engineVersion", rdsPostgresVersionProblem),
  factRule("instanceClass", rdsInstanceClassProblem),
  factRule("maintenanceWindow", maintenanceWindowProblem),
  factRule("backupWindow", backupWindowProblem),
  {
    path: ["backupWindow"],
    when: ({ maintenanceWindow, backupWindow }) =>
      known(maintenanceWindow) && known(backupWindow) && windowsOverlapProblem(maintenanceWindow, backupWindow) !== undefined,
    message: ({ maintenanceWindow, backupWindow }) => windowsOverlapProblem(maintenanceWindow as string, backupWindow as string) as string,
  },
];

/** What a DMS replication instance takes that AWS knows the allowed values of. */
export interface ReplicationInstanceFacts {
  readonly instanceClass?: string;
  readonly maintenanceWindow?: string;
}

export const REPLICATION_INSTANCE_FACT_RULES: readonly Rule<ReplicationInstanceFacts>[] = [
  factRule("instanceClass", dmsInstanceClassProblem),
  factRule("maintenanceWindow", maintenanceWindowProblem),
];

/** An EventBridge Scheduler schedule: its expression and time zone. */
export interface ScheduleFacts {
  readonly expression?: string;
  readonly timeZone?: string;
}

export const SCHEDULE_FACT_RULES: readonly Rule<ScheduleFacts>[] = [
  factRule("expression", scheduleExpressionProblem),
  factRule("timeZone", timeZoneProblem),
];

/** Tags every resource gets besides those given: Name, Environment, project_name, terraform-managed (projectTags). */
export const STACK_TAGS = 4;

/**
 * The problems of a set of tags on one resource, at `path` (`tags`, `additionalTags`): a problem with a key or
 * value is reported at `path.<key>`; too many tags at `path` itself.
 */
export function tagMapProblems(path: readonly PathSegment[], tags: Readonly<Record<string, string>> | undefined, alreadyApplied = 0): Problem[] {
  if (tags === undefined) return [];
  return tagProblems(tags, alreadyApplied).map((problem) => {
    if (problem.key === undefined) return { path: formatPath(path), value: `${Object.keys(tags).length} tags`, message: problem.message };
    return {
      path: formatPath([...path, problem.key]),
      value: renderValue(problem.inValue ? tags[problem.key] : problem.key),
      message: problem.message,
    };
  });
}
