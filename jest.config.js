/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The examples import the library by its package name (tsconfig.json `paths`): the sources here.
  moduleNameMapper: { '^cdk8s-locust$': '<rootDir>/src', '^cdk8s-locust/tooling$': '<rootDir>/src/tooling' },
  collectCoverageFrom: ['src/**/*.ts', '!src/spec/generated/**'],
  // Generated code (the cdk8s import, the CRD's JSON copy) is not the library's own source.
  coveragePathIgnorePatterns: ['/node_modules/', '/imports/', '/src/spec/generated/'],
  coverageThreshold: {
    global: { lines: 90, branches: 85 },
  },
};
