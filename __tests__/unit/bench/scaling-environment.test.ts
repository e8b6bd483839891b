import { checkEnvironment } from "../../../modules/config";
import { SCALING_ENVIRONMENT, scalingEnvironment } from "../../../scripts/bench/scaling-environment";
import { environmentFile } from "../../helpers/environments";

/** `npm run bench` synthesizes these; they must stay valid environment files as the schema changes. */

test.each([1, 3])("an environment with %i task(s), each with its own source, passes every check", (tasks) => {
  const file = scalingEnvironment(environmentFile("development"), tasks);
  const check = checkEnvironment(JSON.stringify(file), SCALING_ENVIRONMENT);
  expect(check.problems).toEqual([]);
  expect(check.config?.tasks).toHaveLength(tasks);
  expect(Object.keys(check.config?.sources ?? {})).toHaveLength(tasks);
  expect(new Set(check.config?.tasks?.map((task) => task.source)).size).toBe(tasks);
});
