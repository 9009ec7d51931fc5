import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { tempTree } from '../temp-tree';

/** The long flags of a rendered test's master and workers, which the stand-in's --help lists. */
const FLAGS = '--locustfile --autoquit --autostart --enable-rebalancing --expect-workers --master --master-bind-host --master-bind-port --master-host --master-port --only-summary --web-host --web-port --worker --host --run-time';

/**
 * A folder holding a stand-in `locust`, for PATH: it answers --version and --help (after
 * `helpDelay` seconds) with the flags a test uses, and otherwise prints `started`, ignores
 * SIGTERM and waits, like a process that is slow to stop. No Locust is needed.
 */
export function stubbornLocust(helpDelay = 0): string {
  const folder = tempTree({
    locust: `#!/bin/sh\ncase "$1" in\n  --version) echo "locust 2.12.1 from stand-in"; exit 0;;\n  --help) sleep ${helpDelay}; echo "${FLAGS}"; exit 0;;\nesac\necho started\ntrap "" TERM\nwhile true; do sleep 1; done\n`,
  });
  chmodSync(join(folder, 'locust'), 0o755);
  return folder;
}

/**
 * A folder holding a stand-in `locust` that runs at once: it answers --version and --help like
 * stubbornLocust (`flags` for the help), and otherwise prints a line naming its role and exits:
 * the master with `masterExit`, a worker with `workerExit` after writing its log line.
 */
export function quickLocust(masterExit: number, workerExit: number, flags = FLAGS): string {
  const folder = tempTree({
    locust: `#!/bin/sh\ncase "$1" in\n  --version) echo "locust 2.12.1 from stand-in"; exit 0;;\n  --help) echo "${flags}"; exit 0;;\nesac\ncase " $* " in\n  *" --master "*) echo "stand-in master in $PWD, HOME=$HOME, HOST_ONLY=\${CDK8S_LOCUST_HOST_ONLY:-unset}, KAFKA=$KAFKA_BOOTSTRAP_SERVERS"; exit ${masterExit};;\nesac\necho "stand-in worker: cannot reach the master"\nexit ${workerExit}\n`,
  });
  chmodSync(join(folder, 'locust'), 0o755);
  return folder;
}

/** A folder holding a stand-in `locust` that answers --version and --help, and otherwise sleeps until a signal ends it. */
export function sleepingLocust(): string {
  const folder = tempTree({
    locust: `#!/bin/sh\ncase "$1" in\n  --version) echo "locust 2.12.1 from stand-in"; exit 0;;\n  --help) echo "${FLAGS}"; exit 0;;\nesac\necho started\nexec sleep 60\n`,
  });
  chmodSync(join(folder, 'locust'), 0o755);
  return folder;
}
