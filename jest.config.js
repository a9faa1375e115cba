// One jest run for the whole repo: unit tests live beside their code (*.spec.ts),
// integration and browser tests under tests/ (*.test.ts) share one global harness
// (real PostgreSQL + real Kafka-protocol broker).
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', isolatedModules: true }];
const moduleNameMapper = {
  '^@envface/streams$': '<rootDir>/streams/src/index.ts',
  '^@envface/streams/(.*)$': '<rootDir>/streams/src/$1',
};
const common = { transform: { '^.+\\.tsx?$': tsJest }, moduleNameMapper, rootDir: __dirname };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'streams', testMatch: ['<rootDir>/streams/src/**/*.spec.ts'] },
    { ...common, displayName: 'backend', testMatch: ['<rootDir>/backend/src/**/*.spec.ts'] },
    { ...common, displayName: 'frontend', testMatch: ['<rootDir>/frontend/src/**/*.spec.ts?(x)'] },
  ],
};
