/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Transpile only: the types of the sources and the tests are checked once by `npm run typecheck`
  // (tsconfig.test.json covers test/), not again file by file here, which halves a cold run.
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true }] },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // One temporary folder per run, removed at its end: a run leaves no temporary folder behind.
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  // The examples import the library by its package name (tsconfig.json `paths`): the sources here.
  moduleNameMapper: { '^cdk8s-locust$': '<rootDir>/src', '^cdk8s-locust/tooling$': '<rootDir>/src/tooling' },
  collectCoverageFrom: ['src/**/*.ts', '!src/spec/generated/**'],
  // Generated code (the cdk8s import, the CRD's JSON copy) is not the library's own source.
  coveragePathIgnorePatterns: ['/node_modules/', '/imports/', '/src/spec/generated/'],
  coverageThreshold: {
    global: { lines: 90, branches: 85 },
  },
};
