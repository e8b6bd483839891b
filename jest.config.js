// Type checking runs once in `npm run typecheck`; tests are only transpiled, which keeps them fast.
const transform = { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] };
const project = (name) => ({
  displayName: name,
  testEnvironment: "node",
  transform,
  testMatch: [`<rootDir>/__tests__/${name}/**/*.test.ts`],
});

module.exports = {
  projects: [
    project("unit"),
    { ...project("validate"), slowTestThreshold: 60 },
    // Whole deployments to the local AWS emulator: each file starts its own emulator, so they run side by side.
    { ...project("emulator"), slowTestThreshold: 300, setupFilesAfterEnv: ["<rootDir>/__tests__/helpers/emulator-timeout.ts"] },
  ],
  testTimeout: 120000,
  // The emulator files mostly wait on Terraform's fixed delays, so all of them (about ten) run at once, scheduled
  // first (test-sequencer.js), with workers left for the CPU-bound unit tests (jest's default on 2 cores would be one).
  maxWorkers: 12,
  testSequencer: "<rootDir>/__tests__/helpers/test-sequencer.js",
};
