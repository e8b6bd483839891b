// Type checking runs once in `npm run typecheck`; tests are only transpiled, which keeps them fast.
const transform = { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] };
const project = (name) => ({
  displayName: name,
  testEnvironment: "node",
  transform,
  testMatch: [`<rootDir>/__tests__/${name}/**/*.test.ts`],
});

module.exports = {
  projects: [project("unit"), { ...project("validate"), slowTestThreshold: 60 }],
  testTimeout: 120000,
};
