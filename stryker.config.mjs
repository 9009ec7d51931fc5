// Mutation testing (`npm run mutation`, not part of CI): Stryker changes the library's own code one
// mutant at a time and runs the unit tests that cover it; a mutant no test notices is a branch no
// assertion reads. The end-to-end tests (test/e2e) spawn real Locust and are left out: they are
// too slow to run per mutant, and the units under them must be pinned down by unit tests anyway.
// On a small machine, run one folder at a time: `npm run mutation -- --mutate 'src/verdict/**/*.ts'`.
// MUTATION_TESTS=test/verdict,test/cli narrows the tests to those folders, and
// MUTATION_TESTS=test/local-run/target.test.ts to that one file: much faster, since each mutant
// then loads a few test files rather than every one that renders a LocustTest (or starts
// processes); the score is then a lower bound, since the other tests could only kill more mutants.
import process from 'node:process';

const narrowedTo = process.env.MUTATION_TESTS?.split(',').filter((entry) => entry !== '');

/** A folder's tests, or one test file as it is (`test/local-run/target.test.ts`). */
const testGlobOf = (entry) => (entry.endsWith('.test.ts') ? `<rootDir>/${entry}` : `<rootDir>/${entry.replace(/\/$/, '')}/**/*.test.ts`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    configFile: 'jest.config.js',
    // Only the tests that import the mutated file run for it.
    enableFindRelatedTests: true,
    // src/ among the roots, so that jest's map of modules knows which tests import a source file.
    config: {
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
      coverageThreshold: {},
      // Transpile only: the type check is the build's, and per mutant it costs more than the tests.
      transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true }] },
      ...(narrowedTo ? { testMatch: narrowedTo.map(testGlobOf) } : {}),
    },
  },
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level value, computed once at load) is covered by no test in
  // particular, so every related test would run for it: on a small machine hours for a few
  // percent of the mutants. They are reported as ignored, never as killed.
  ignoreStatic: true,
  mutate: [
    'src/**/*.ts',
    // Generated from the CRD, not written here.
    '!src/spec/generated/**',
    // Lists of exports: nothing to mutate that a test could observe.
    '!src/index.ts',
    '!src/tooling.ts',
  ],
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
