// One jest run for the whole repo: unit tests live beside their code (*.spec.ts),
// integration and browser tests under tests/ (*.test.ts) share one global harness
// (real PostgreSQL + real Kafka-protocol broker).
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }];
const moduleNameMapper = {
  '^@envface/streams$': '<rootDir>/streams/src/index.ts',
  '^@envface/streams/(.*)$': '<rootDir>/streams/src/$1',
};
const common = { transform: { '^.+\\.tsx?$': tsJest }, moduleNameMapper, rootDir: __dirname };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'streams', testMatch: ['<rootDir>/streams/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'backend',
      testMatch: ['<rootDir>/backend/src/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.medium\\.spec\\.ts$'],
    },
    { ...common, displayName: 'frontend', testMatch: ['<rootDir>/frontend/src/**/*.spec.ts?(x)'] },
    // Import rules (dependency-cruiser, .dependency-cruiser.cjs); starts no services.
    { ...common, displayName: 'architecture', testMatch: ['<rootDir>/tests/architecture/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/architecture/', '<rootDir>/tests/latency/'],
      // Project-level hooks run only when a test of this project is selected, so
      // unit-only runs (--selectProjects streams) never start PostgreSQL or Kafka.
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      // Raises the default test timeout to 120 s for this project only (see the file).
      setupFilesAfterEnv: ['<rootDir>/tests/support/integration-timeout.setup.ts'],
    },
    {
      ...common,
      // Medium tests (issue #11, like immich's): one repository or service on the real PostgreSQL
      // of the harness, without Nest. Same hooks as integration (jest runs a shared hook once).
      displayName: 'medium',
      testMatch: ['<rootDir>/backend/src/**/*.medium.spec.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/support/integration-timeout.setup.ts'],
    },
    {
      // Latency bounds (e.g. the public view's p99 under a login flood) only mean something on a
      // machine that is not also running other test files: `npm test` runs this project alone,
      // after everything else (jest --ignoreProjects latency && jest --selectProjects latency).
      ...common,
      displayName: 'latency',
      testMatch: ['<rootDir>/tests/latency/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/support/integration-timeout.setup.ts'],
    },
  ],
  // The target machines have 2 cores; integration files each get their own database
  // and topics, so two at a time is safe and more would only thrash.
  maxWorkers: 2,
};
