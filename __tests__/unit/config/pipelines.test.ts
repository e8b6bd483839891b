import { formatFieldProblem } from "../../../modules/config/problem";
import { checkEnvironment } from "../../../modules/config";
import { environmentFile } from "../../helpers/environments";

function problemsAfter(name: string, edit: (file: Record<string, any>) => void): string[] {
  const file = environmentFile(name);
  edit(file);
  return checkEnvironment(JSON.stringify(file), name).problems.map(formatFieldProblem);
}

const oracle = {
  engine: "oracle",
  endpointId: "source-casework-oracle",
  server: "10.80.3.10",
  databaseName: "CASEPDB1",
  sslMode: "none",
  usernameParameter: "/casework/oracle/username",
  passwordParameter: "/casework/oracle/password",
};

describe("targets and task targets", () => {
  test("a task writes to the database or to a named target", () => {
    expect(problemsAfter("development", (f) => (f.tasks[0].target = "lake"))).toEqual(['tasks[0].target = "lake": no such target; allowed: database']);
  });

  test("the database is a target only with a target endpoint", () => {
    expect(problemsAfter("development", (f) => delete f.dms.targetEndpoint)).toEqual([
      'tasks[0].target = "database": the database needs dms.targetEndpoint to be a target',
    ]);
  });

  test("an S3 target's conflicting options are reported at their field", () => {
    expect(
      problemsAfter("development", (f) => {
        f.targets = { lake: { endpointId: "target-lake", preserveTransactions: true } };
        f.tasks[0].target = "lake";
      }),
    ).toEqual([expect.stringMatching(/^targets\.lake\.cdcPath = \(missing\): required by `preserveTransactions`/)]);
  });

  test("endpoint ids are unique across targets too", () => {
    expect(
      problemsAfter("development", (f) => {
        f.targets = { lake: { endpointId: "target-uh-endpoint" } };
      }),
    ).toEqual(['targets.lake.endpointId = "target-uh-endpoint": already used by dms.targetEndpoint.endpointId; endpoint ids are unique']);
  });
});

describe("schedules and DMS Serverless", () => {
  test("only full-load tasks run on a schedule", () => {
    expect(problemsAfter("development", (f) => (f.tasks[0].schedule = { expression: "rate(1 day)" }))).toEqual([
      expect.stringMatching(/^tasks\[0\]\.schedule = .*only full-load tasks run on a schedule; this task is full-load-and-cdc/),
    ]);
  });

  test("serverless capacity units come from DMS's list, the minimum below the maximum", () => {
    expect(problemsAfter("development", (f) => (f.tasks[0].serverless = { maxCapacityUnits: 3 }))).toEqual([
      expect.stringMatching(/^tasks\[0\]\.serverless\.maxCapacityUnits = 3: not allowed; allowed: 1 \| 2 \| 4/),
    ]);
    expect(problemsAfter("development", (f) => (f.tasks[0].serverless = { minCapacityUnits: 16, maxCapacityUnits: 4 }))).toEqual([
      "tasks[0].serverless.minCapacityUnits = 16: must not exceed maxCapacityUnits (4)",
    ]);
  });

  test("production serverless replications are Multi-AZ, and take no custom CDC start", () => {
    expect(
      problemsAfter("production", (f) => {
        f.tasks[0].serverless = { maxCapacityUnits: 8 };
        f.tasks[0].cdcStartTime = "2026-01-01T00:00:00Z";
      }),
    ).toEqual([
      "tasks[0].serverless.multiAz = (missing): production serverless replications must be Multi-AZ; allowed: true",
      expect.stringMatching(/^tasks\[0\]\.serverless = .*DMS Serverless does not take a custom CDC start point/),
    ]);
  });
});

describe("Aurora PostgreSQL as the database", () => {
  test("takes instances, and refuses RDS-only storage keys", () => {
    expect(problemsAfter("development", (f) => Object.assign(f.database, { engine: "aurora-postgresql", instanceClass: "db.r6g.large" }))).toEqual([
      "database.allocatedStorage = 20: not used by Aurora: its storage grows by itself and availability comes from instances",
    ]);
  });

  test("production clusters have two or more instances", () => {
    expect(
      problemsAfter("production", (f) => {
        for (const key of ["multiAz", "allocatedStorage", "maxAllocatedStorage"]) delete f.database[key];
        Object.assign(f.database, { engine: "aurora-postgresql", instanceClass: "db.r6g.large", instances: 1 });
      }),
    ).toEqual(["database.instances = 1: production Aurora clusters need 2 or more instances, in two zones; allowed: >= 2"]);
  });

  test("Aurora-only keys are refused on RDS", () => {
    expect(problemsAfter("development", (f) => (f.database.instances = 2))).toEqual(['database.instances = 2: Aurora only; set engine "aurora-postgresql" to use it']);
  });
});

describe("Oracle and PostgreSQL sources", () => {
  test("an Oracle source is checked for its own options", () => {
    expect(
      problemsAfter("development", (f) => {
        f.sources.casework = { ...oracle, asm: { user: "asmuser", server: "10.80.3.11", passwordParameter: "/casework/oracle/asm-password" } };
      }),
    ).toEqual([expect.stringMatching(/^sources\.casework\.asm = .*: only applies to Binary Reader/)]);
  });

  test("a full-load-only Oracle source refuses change-capture tasks", () => {
    expect(
      problemsAfter("development", (f) => {
        f.sources.uht = { ...oracle, captureChanges: false };
      }),
    ).toEqual(['tasks[0].migrationType = "full-load-and-cdc": source "uht" is set up for full loads only; allowed: "full-load", or prepare the source for change capture']);
  });

  test("a PostgreSQL source reading the environment's database cannot write to it too", () => {
    expect(
      problemsAfter("development", (f) => {
        f.sources.mirror = { engine: "postgres", endpointId: "source-mirror", database: "environment" };
        f.tasks[0].source = "mirror";
      }),
    ).toEqual(['tasks[0].target = "database": a task cannot read the database and write to it too']);
  });

  test("a PostgreSQL source's database is the environment's, by that name, or a server", () => {
    expect(problemsAfter("development", (f) => (f.sources.reporting = { engine: "postgres", endpointId: "source-reporting", database: "env" }))).toEqual([
      'sources.reporting.database = "env": not allowed; allowed: "environment" | an object',
    ]);
  });

  test("an external PostgreSQL source needs its server, database and password parameter", () => {
    const lines = problemsAfter("development", (f) => (f.sources.reporting = { engine: "postgres", endpointId: "source-reporting", database: {} }));
    expect(lines).toEqual([
      "sources.reporting.database.serverName = (missing): required; allowed: string",
      "sources.reporting.database.databaseName = (missing): required; allowed: string",
      "sources.reporting.database.credentials = (missing): required; allowed: object",
    ]);
  });

});

describe("monitoring subscribers", () => {
  test("a webhook URL holding a token is refused as a secret and not shown", () => {
    const url = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    const lines = problemsAfter("development", (f) => (f.monitoring = { subscribers: [{ protocol: "https", endpoint: url }] }));
    expect(lines).toEqual([expect.stringMatching(/^monitoring\.subscribers\[0\]\.endpoint = \(not shown: .*\): an environment file must never hold a password, secret or key/)]);
    expect(lines.join("\n")).not.toContain("XXXXXXXXXXXXXXXXXXXXXXXX");
  });
});
