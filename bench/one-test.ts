/**
 * One test as a whole process (`node lib/bench/one-test.js locusttest|floor`): what a user's
 * `cdk8s synth` of a one-test app costs, start-up and module loading included. The library is
 * loaded only in the LocustTest run, so the floor run is bare cdk8s with the imported k8s classes.
 * bench/synth.ts times the process from outside and reads the peak RSS this prints.
 */
import { createHash } from 'crypto';
import { App, Chart } from 'cdk8s';

const mode = process.argv[2];
const app = new App({ outdir: '/nonexistent-never-written' });
const chart = new Chart(app, 'bench', { namespace: 'load' });
if (mode === 'locusttest') {
  // Required here, not imported above, so that the floor run never loads the library.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LocustTest } = require('../src') as typeof import('../src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BENCH_SPEC } = require('./spec') as typeof import('./spec');
  LocustTest.fromObject(chart, 'shop-0', { name: 'shop-0', spec: BENCH_SPEC });
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { addFloorTest } = require('./floor') as typeof import('./floor');
  addFloorTest(chart, 'shop-0', 'shop-0', 'load');
}
const yaml = app.synthYaml();
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({
  rssMb: process.resourceUsage().maxRSS / 1024,
  // CPU time since the process started, start-up included: steadier than wall time on a shared machine.
  cpuMs: (cpu.user + cpu.system) / 1000,
  sha256: createHash('sha256').update(yaml).digest('hex'),
}));
