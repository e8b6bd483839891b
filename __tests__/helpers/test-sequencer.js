// Runs the emulator suites first, then validate, then unit: the emulator suites are the long pole (each mostly
// waits on Terraform's fixed RDS delays), and on a clean clone Jest has no timings cached and would order files by
// size, starting the small emulator files last, after every unit test. Within a tier Jest's own order is kept
// (cached durations, else size).
const Sequencer = require("@jest/test-sequencer").default;

const TIERS = ["emulator", "validate", "unit"];

function tierOf(test) {
  const tier = TIERS.findIndex((name) => test.path.includes(`__tests__/${name}/`));
  return tier === -1 ? TIERS.length : tier;
}

class TiersFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const position = new Map(ordered.map((test, index) => [test, index]));
    return [...ordered].sort((a, b) => tierOf(a) - tierOf(b) || position.get(a) - position.get(b));
  }
}

module.exports = TiersFirstSequencer;
