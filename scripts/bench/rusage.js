"use strict";
/**
 * Preloaded by the benchmark into every Node process it starts (through NODE_OPTIONS=--require): at exit,
 * each process appends its peak resident set size and CPU time to a file in BENCH_RUSAGE_DIR, so the peak
 * memory of a command is the largest of its Node processes (npm, the app, test workers) on any machine,
 * without /usr/bin/time.
 */
const fs = require("fs");
const path = require("path");

const directory = process.env.BENCH_RUSAGE_DIR;
if (directory) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const record = { pid: process.pid, maxRssKiB: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime };
    try {
      fs.writeFileSync(path.join(directory, `${process.pid}.json`), JSON.stringify(record));
    } catch {
      // The folder is gone when the benchmark has already moved on; nothing to report to.
    }
  });
}
