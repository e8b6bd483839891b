import { spawnSync } from "child_process";
import { join } from "path";
import { REPO } from "../helpers/app";

// The launcher's own tests: each patch makes moto behave like AWS where plain moto does not.
test("every emulator patch bridges its gap (python unittest of scripts/emulator)", () => {
  const result = spawnSync("python3", ["-m", "unittest", "discover", "-s", join(REPO, "scripts", "emulator"), "-p", "test_*.py"], { encoding: "utf8", timeout: 300_000 });
  const output = `${result.stdout}${result.stderr}`;
  expect({ status: result.status, failures: output.split("\n").filter((line) => /^(FAIL|ERROR):/.test(line)) }).toEqual({ status: 0, failures: [] });
  expect(output).toMatch(/^Ran [1-9]\d* tests/m);
});
