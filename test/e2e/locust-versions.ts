import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LOCUST } from './harness';

/**
 * The Locust versions the end-to-end tests run on: the `locust` on PATH (Debian bookworm's
 * 2.12.1 in CI, from scripts/install-locust.sh) and the programs scripts/install-locust-matrix.sh
 * prepares from Debian trixie (2.24.0) and sid (2.46.7, with the OpenTelemetry SDK).
 */

/** Where scripts/install-locust-matrix.sh keeps its Debian roots and writes the programs (`bin/locust-VERSION`). */
export const MATRIX_DIR = process.env.CDK8S_LOCUST_MATRIX_DIR ?? '/var/cache/cdk8s-locust';

/** One Locust the tests run on. */
export interface LocustUnderTest {
  /** How the tests name it: `locust on PATH` or the version of a prepared program. */
  readonly label: string;
  /** The program, or undefined where it is not installed on this machine. */
  readonly program: string | undefined;
  /** The arguments that make `cdk8s-locust run` start it. */
  readonly runArgs: readonly string[];
  /** How to install it, for the line that says it is missing. */
  readonly install: string;
  /** The version it is known to be, where the matrix prepared it. @default - not known (the locust on PATH) */
  readonly version?: string;
}

function prepared(version: string): LocustUnderTest {
  const path = join(MATRIX_DIR, 'bin', `locust-${version}`);
  const program = existsSync(path) ? path : undefined;
  return { label: `Locust ${version}`, version, program, runArgs: program === undefined ? [] : ['--locust', program], install: 'run scripts/install-locust-matrix.sh as root' };
}

/** Debian's 2.12.1 in CI. */
export const LOCUST_ON_PATH: LocustUnderTest = {
  label: 'locust on PATH',
  program: LOCUST,
  // No --locust: these runs find it as a user's would.
  runArgs: [],
  install: 'install Debian\'s python3-locust (scripts/install-locust.sh) or pip install locust',
};
/** Debian trixie's 2.24.0: the first version of the matrix with `current_response_time_percentiles`. */
export const LOCUST_2_24 = prepared('2.24.0');
/** Debian sid's 2.46.7, with the OpenTelemetry SDK and OTLP exporters for http/protobuf and grpc. */
export const LOCUST_2_46 = prepared('2.46.7');

/**
 * The oldest and the newest: for behaviour Locust has kept across versions, where a run on each
 * version in between would cost CI time and find nothing new.
 */
export const LOCUST_OLDEST_AND_NEWEST: readonly LocustUnderTest[] = [LOCUST_ON_PATH, LOCUST_2_46];

/** Every Locust of the matrix, oldest first. */
export const LOCUST_MATRIX: readonly LocustUnderTest[] = [LOCUST_ON_PATH, LOCUST_2_24, LOCUST_2_46];

/**
 * `describe(name, tests)` once per Locust of `versions`, named after it, giving the tests the
 * Locust to run on. Where one is not installed its tests are skipped with a visible line, except
 * in CI (`CI=true`), where they fail instead: CI must run them.
 */
export function describeOnLocusts(name: string, tests: (locust: LocustUnderTest) => void, versions: readonly LocustUnderTest[] = LOCUST_MATRIX): void {
  for (const locust of versions) {
    const title = `${name} (${locust.label})`;
    if (locust.program !== undefined) {
      describe(title, () => tests(locust));
    } else if (process.env.CI === 'true') {
      describe(title, () => {
        test(`fails when ${locust.label} is not installed in CI`, () => {
          throw new Error(`${locust.label} is not installed: ${locust.install} (see .ci/run)`);
        });
      });
    } else {
      console.warn(`skipped: ${title}: not installed (${locust.install} to run these end-to-end tests)`);
      describe.skip(title, () => tests(locust));
    }
  }
}
