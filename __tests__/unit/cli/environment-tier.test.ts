import { Testing } from "cdktf";
import { OperatedEnvironment } from "../../../cli/environment";
import { stackModelFrom } from "../../../cli/stack-model";
import { checkEnvironment } from "../../../modules/config/load-environments";
import { MigrationStack } from "../../../modules/stack/migration-stack";
import { environmentFile } from "../../helpers/environments";

/** The operations commands guard a stack by the tier it was built for, read from its output, never by its name. */
function operated(bundled: string, name: string, changes: Record<string, unknown>): OperatedEnvironment {
  const file = { ...environmentFile(bundled), ...changes, environment: name };
  const check = checkEnvironment(JSON.stringify(file), name);
  if (!check.config) throw new Error(check.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  const json = JSON.parse(Testing.synth(new MigrationStack(Testing.app(), name, { config: check.config })));
  return new OperatedEnvironment(stackModelFrom(json, name), {}, "test");
}

describe("the environment tier recorded in the stack", () => {
  test("an environment named `live` with production: true is guarded as production", () => {
    const live = operated("production", "live", { production: true });
    expect(live.model.tier).toBe("production");
    expect(live.production).toBe(true);
  });

  test("an environment named `staging` is not production, and says so in its output", () => {
    const staging = operated("staging", "staging", {});
    expect(staging.model.tier).toBe("non-production");
    expect(staging.production).toBe(false);
  });

  test("a stack synthesized before the tier was recorded falls back to the name", () => {
    expect(stackModelFrom({ resource: {} }, "production").tier).toBeUndefined();
    expect(new OperatedEnvironment(stackModelFrom({ resource: {} }, "production"), {}, "test").production).toBe(true);
    expect(new OperatedEnvironment(stackModelFrom({ resource: {} }, "uat"), {}, "test").production).toBe(false);
  });
});
