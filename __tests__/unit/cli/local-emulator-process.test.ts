import { spawnSync } from "child_process";
import { isRunning } from "../../../cli/local-emulator";

describe("isRunning (whether a recorded emulator is still alive)", () => {
  test("this process is running; a process that has exited is not", () => {
    expect(isRunning(process.pid)).toBe(true);
    const exited = spawnSync("true");
    expect(isRunning(exited.pid!)).toBe(false);
  });

  test("a killed process nobody has reaped yet (a zombie) counts as stopped", () => {
    // Python forks a child that exits at once and asks this process about it before reaping it.
    const probe = `require(${JSON.stringify(require.resolve("ts-node/register/transpile-only"))});` +
      `const { isRunning } = require(${JSON.stringify(require.resolve("../../../cli/local-emulator"))});` +
      "console.log(JSON.stringify({ zombie: isRunning(Number(process.argv[1])), parent: isRunning(process.ppid) }))";
    const script = [
      "import os, subprocess, sys, time",
      "pid = os.fork()",
      "if pid == 0: os._exit(0)",
      "time.sleep(0.2)",
      `out = subprocess.run(["node", "-e", ${JSON.stringify(probe)}, str(pid)], capture_output=True, text=True)`,
      "os.waitpid(pid, 0)",
      "sys.stdout.write(out.stdout + out.stderr)",
    ].join("\n");
    const run = spawnSync("python3", ["-c", script], { encoding: "utf8" });
    expect(JSON.parse(run.stdout)).toEqual({ zombie: false, parent: true });
  });
});
