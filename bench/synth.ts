/**
 * Benchmark (`npm run bench:synth`): synthesizes 1, 100 and 1000 LocustTests in one chart, and the
 * same manifests built straight from `KubeService`/`KubeJob` (bench/floor.ts, the floor cdk8s
 * itself sets). Each measurement runs in a fresh Node process, so peak memory is that run's alone.
 * Prints wall time, peak RSS, the ratio to the floor, and how time per test grows with size.
 * Then one test as a whole process (bench/one-test.ts), timed from outside: what a user's first
 * `cdk8s synth` costs, Node's start-up and module loading included.
 * It prints figures and never fails on them; it fails only if the two paths write different YAML.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { cpus } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { App, Chart } from 'cdk8s';
import { LocustTest } from '../src';
import { addFloorTest } from './floor';
import { BENCH_SPEC } from './spec';

type Mode = 'locusttest' | 'floor';

interface Sample {
  readonly ms: number;
  readonly rssMb: number;
  readonly sha256: string;
}

const SIZES = [1, 100, 1000];
/** Runs per measurement; the median time and the median peak RSS are reported. */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const NAMESPACE = 'load';
/** Runs of the whole-process measurement: short runs, so more of them for a steady median. */
const WHOLE_PROCESS_REPEATS = 4 * REPEATS;

/** One measurement, inside a fresh process: build `count` tests, synthesize to YAML in memory. */
function child(mode: Mode, count: number): Sample {
  const start = performance.now();
  const app = new App({ outdir: '/nonexistent-never-written' });
  const chart = new Chart(app, 'bench', { namespace: NAMESPACE });
  for (let i = 0; i < count; i++) {
    const name = `shop-${i}`;
    if (mode === 'locusttest') LocustTest.fromObject(chart, name, { name, spec: BENCH_SPEC });
    else addFloorTest(chart, name, name, NAMESPACE);
  }
  const yaml = app.synthYaml();
  const ms = performance.now() - start;
  return { ms, rssMb: process.resourceUsage().maxRSS / 1024, sha256: createHash('sha256').update(yaml).digest('hex') };
}

function measure(mode: Mode, count: number): Sample {
  const out = execFileSync(process.execPath, [__filename, '--child', mode, String(count)], { encoding: 'utf8' });
  return JSON.parse(out) as Sample;
}

interface WholeProcessSample extends Sample {
  readonly cpuMs: number;
}

/** One test as a whole process: wall time from spawn to exit, and the child's own CPU time and peak RSS. */
function measureWholeProcess(mode: Mode): WholeProcessSample {
  const start = performance.now();
  const out = execFileSync(process.execPath, [join(__dirname, 'one-test.js'), mode], { encoding: 'utf8' });
  const ms = performance.now() - start;
  const { rssMb, cpuMs, sha256 } = JSON.parse(out) as { rssMb: number; cpuMs: number; sha256: string };
  return { ms, cpuMs, rssMb, sha256 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  console.log(`machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; median of ${REPEATS} fresh processes per cell`);
  const rows: string[][] = [];
  const perTest: Record<Mode, Record<number, number>> = { locusttest: {}, floor: {} };
  let identical = true;
  for (const count of SIZES) {
    const results = {} as Record<Mode, { ms: number; rssMb: number; sha256: string }>;
    for (const mode of ['floor', 'locusttest'] as Mode[]) {
      const samples = Array.from({ length: REPEATS }, () => measure(mode, count));
      results[mode] = { ms: median(samples.map((s) => s.ms)), rssMb: median(samples.map((s) => s.rssMb)), sha256: samples[0].sha256 };
      perTest[mode][count] = results[mode].ms / count;
    }
    const same = results.locusttest.sha256 === results.floor.sha256;
    identical &&= same;
    rows.push([
      String(count),
      results.floor.ms.toFixed(0), results.locusttest.ms.toFixed(0), (results.locusttest.ms / results.floor.ms).toFixed(2),
      results.floor.rssMb.toFixed(0), results.locusttest.rssMb.toFixed(0), (results.locusttest.rssMb / results.floor.rssMb).toFixed(2),
      same ? 'yes' : 'NO',
    ]);
  }
  printTable(['tests', 'floor ms', 'LocustTest ms', 'time ratio', 'floor peak RSS MB', 'LocustTest peak RSS MB', 'RSS ratio', 'same YAML'], rows);
  for (const mode of ['floor', 'locusttest'] as Mode[]) {
    const growth = perTest[mode][1000] / perTest[mode][100];
    console.log(`${mode}: ${perTest[mode][100].toFixed(2)} ms per test at 100, ${perTest[mode][1000].toFixed(2)} ms at 1000 (x${growth.toFixed(2)}; ${growth <= 1.25 ? 'linear' : 'super-linear'})`);
  }
  // Alternated, so that a burst of load on a shared machine hits both sides alike.
  const whole: Record<Mode, WholeProcessSample[]> = { floor: [], locusttest: [] };
  for (let i = 0; i < WHOLE_PROCESS_REPEATS; i++) for (const mode of ['floor', 'locusttest'] as Mode[]) whole[mode].push(measureWholeProcess(mode));
  const cell = (mode: Mode) => ({
    ms: median(whole[mode].map((s) => s.ms)),
    cpuMs: median(whole[mode].map((s) => s.cpuMs)),
    rssMb: median(whole[mode].map((s) => s.rssMb)),
  });
  const [floor, locust] = [cell('floor'), cell('locusttest')];
  const sameWhole = whole.floor[0].sha256 === whole.locusttest[0].sha256;
  identical &&= sameWhole;
  console.log('');
  console.log(`one test as a whole process, start-up and module loading included; median of ${WHOLE_PROCESS_REPEATS} alternating runs`);
  printTable(['whole process', 'floor ms', 'LocustTest ms', 'time ratio', 'floor CPU ms', 'LocustTest CPU ms', 'CPU ratio', 'floor peak RSS MB', 'LocustTest peak RSS MB', 'RSS ratio', 'same YAML'], [[
    '1 test',
    floor.ms.toFixed(0), locust.ms.toFixed(0), (locust.ms / floor.ms).toFixed(2),
    floor.cpuMs.toFixed(0), locust.cpuMs.toFixed(0), (locust.cpuMs / floor.cpuMs).toFixed(2),
    floor.rssMb.toFixed(0), locust.rssMb.toFixed(0), (locust.rssMb / floor.rssMb).toFixed(2),
    sameWhole ? 'yes' : 'NO',
  ]]);
  if (!identical) {
    console.error('error: LocustTest and the floor wrote different YAML; bench/floor.ts no longer matches what LocustTest renders for bench/spec.ts');
    process.exitCode = 1;
  }
}

function printTable(header: string[], rows: string[][]): void {
  const lines = [header, header.map(() => '---'), ...rows];
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(child(process.argv[3] as Mode, Number(process.argv[4]))));
} else {
  main();
}
