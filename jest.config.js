/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  collectCoverageFrom: ['src/**/*.ts', '!src/generated/**'],
  // Generated code (the cdk8s import, the CRD's JSON copy) is not the library's own source.
  coveragePathIgnorePatterns: ['/node_modules/', '/imports/', '/src/generated/'],
  coverageThreshold: {
    global: { lines: 90, branches: 85 },
  },
};
