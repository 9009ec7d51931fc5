/**
 * How much slower `cdk8s-locust render` is than the least any renderer must do: start node,
 * parse the input and write the output YAML with the `yaml` package. Both are spawned, so both
 * pay the same process start-up; the figure reported is the ratio of the medians.
 *
 * Run with `npm run bench:cli` (it builds first). Not a timed test: the machine decides the
 * absolute figures, the ratio is what the project promises to keep at 3 or below.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

const TESTS = 400;
const RUNS = 7;
const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'lib', 'src', 'cli', 'main.js');

/** A LocustTest varied enough to exercise every builder: resources, OpenTelemetry, volumes, scheduling, env. */
export function locustTest(i: number): Record<string, unknown> {
  const spec: Record<string, any> = {
    image: `locustio/locust:2.${30 + (i % 14)}.${i % 3}`,
    master: {
      command: `--locustfile /lotest/src/test_${i}.py --host https://svc-${i}.example.com --users ${10 + i} --spawn-rate 5`,
      labels: { team: `team-${i % 7}` },
      ...(i % 2 === 0 ? { resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } } } : {}),
    },
    worker: {
      command: `--locustfile /lotest/src/test_${i}.py`,
      replicas: 1 + (i % 20),
      ...(i % 3 === 0 ? { extraArgs: ['--loglevel', 'DEBUG'] } : {}),
    },
    testFiles: { configMapRef: `tests-${i}`, ...(i % 4 === 0 ? { libConfigMapRef: `lib-${i}` } : {}) },
    env: {
      variables: [{ name: 'TARGET_RPS', value: String(100 + i) }],
      ...(i % 5 === 0 ? { secretRefs: [{ name: `creds-${i}` }] } : {}),
    },
  };
  if (i % 3 === 1) spec.image = 'locustio/locust-otel:2.43.4';
  if (i % 3 === 1) spec.observability = { openTelemetry: { enabled: true, endpoint: 'otel-collector.monitoring:4317', protocol: 'grpc' } };
  if (i % 4 === 2) spec.scheduling = { nodeSelector: { pool: 'load' }, tolerations: [{ key: 'load', operator: 'Exists', effect: 'NoSchedule' }] };
  if (i % 6 === 5) {
    spec.volumes = [{ name: 'results', emptyDir: {} }];
    spec.volumeMounts = [{ name: 'results', mountPath: '/results', target: 'both' }];
  }
  return { apiVersion: 'locust.io/v2', kind: 'LocustTest', metadata: { name: `load-${i}`, namespace: `ns-${i % 9}` }, spec };
}

/**
 * The floor: parse the input and stringify the rendered objects, nothing else. The objects come
 * from JSON, the cheapest way to have them, so that the floor is not inflated.
 */
const FLOOR_SCRIPT = `
const fs = require('fs');
const YAML = require('yaml');
YAML.parseAllDocuments(fs.readFileSync(process.argv[2], 'utf8'), { version: '1.1' }).map((d) => d.toJS());
const rendered = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
process.stdout.write(rendered.map((o) => YAML.stringify(o, { lineWidth: 0, version: '1.1' })).join('---\\n'));
`;

function timeRun(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 30, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-locust-bench-'));
  try {
    const input = join(dir, 'locusttests.yaml');
    const output = join(dir, 'rendered.yaml');
    const renderedJson = join(dir, 'rendered.json');
    const floorScript = join(dir, 'floor.js');
    writeFileSync(input, Array.from({ length: TESTS }, (_, i) => stringify(locustTest(i))).join('---\n'));
    // The floor resolves `yaml` from the project, like the command does.
    writeFileSync(floorScript, FLOOR_SCRIPT.replace("require('yaml')", `require(${JSON.stringify(require.resolve('yaml'))})`));
    timeRun([BIN, 'render', input, '-o', output]);
    const objects = parseAllDocuments(readFileSync(output, 'utf8')).map((d) => d.toJS());
    writeFileSync(renderedJson, JSON.stringify(objects));

    const command: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Interleaved so that a busy moment of the machine weighs on both alike.
      command.push(timeRun([BIN, 'render', input, '-o', output]));
      floor.push(timeRun([floorScript, input, renderedJson]));
    }
    const ratio = median(command) / median(floor);
    console.log(`input: ${TESTS} LocustTests, output: ${objects.length} objects`);
    console.log(`cdk8s-locust render: median ${median(command).toFixed(0)} ms (${command.map((t) => t.toFixed(0)).join(', ')})`);
    console.log(`floor (yaml parse + stringify): median ${median(floor).toFixed(0)} ms (${floor.map((t) => t.toFixed(0)).join(', ')})`);
    console.log(`ratio: ${ratio.toFixed(2)} (at most 3 required)`);
    if (ratio > 3) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main();
