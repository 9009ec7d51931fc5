import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PassThrough } from 'stream';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { LocustTest, synthOrReport } from '../../src';
import { minimalSpecJson } from '../fixtures';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return { stream, text: () => text };
}

describe('synthOrReport', () => {
  let outdir: string;
  let exitCode: typeof process.exitCode;

  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'cdk8s-locust-synth-'));
    exitCode = process.exitCode;
  });
  afterEach(() => {
    process.exitCode = exitCode;
    rmSync(outdir, { recursive: true, force: true });
  });

  test('fails when the app is invalid: reports every problem, sets exit code 1 and writes nothing', () => {
    // GIVEN an app whose test has two problems
    const app = new App({ outdir: join(outdir, 'dist') });
    const chart = new Chart(app, 'load');
    LocustTest.fromObject(chart, 'checkout', { name: 'checkout', spec: minimalSpecJson({ volumeMounts: [{ name: 'ghost', mountPath: '/lotest/src/x' }] }) });
    const err = capture();

    // WHEN it is synthesized
    const ok = synthOrReport(app, err.stream);

    // THEN the report lists both problems and nothing reaches the disk, not even the output directory
    expect(ok).toBe(false);
    expect(process.exitCode).toBe(1);
    expect(err.text()).toContain('Validation failed');
    expect(err.text()).toContain('[load/checkout] spec.volumeMounts[0].mountPath conflicts with the test files mounted at /lotest/src (got "/lotest/src/x")');
    expect(err.text()).toContain('[load/checkout] spec.volumeMounts[0].name references a volume that spec.volumes does not define (got "ghost")');
    expect(err.text()).not.toMatch(/\n\s+at /);
    expect(readdirSync(outdir)).toEqual([]);
  });

  test('synthesizes a valid app into the output directory and leaves the exit code alone', () => {
    const app = new App({ outdir });
    LocustTest.fromObject(new Chart(app, 'load'), 'checkout', { name: 'checkout', spec: minimalSpecJson() });
    const err = capture();
    expect(synthOrReport(app, err.stream)).toBe(true);
    expect(process.exitCode).toBe(exitCode);
    expect(err.text()).toBe('');
    expect(readdirSync(outdir)).toEqual(['load.k8s.yaml']);
  });

  test('writes its report to stderr by default and stays silent for a valid app', () => {
    const app = new App({ outdir });
    LocustTest.fromObject(new Chart(app, 'load'), 'checkout', { name: 'checkout', spec: minimalSpecJson() });
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(synthOrReport(app)).toBe(true);
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });

  test('rethrows errors that are not validation failures', () => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'load');
    class Broken extends Construct {
      constructor(scope: Construct) {
        super(scope, 'broken');
        chart.toJson = () => { throw new Error('boom'); };
      }
    }
    new Broken(chart);
    const err = capture();
    expect(() => synthOrReport(app, err.stream)).toThrow('boom');
    expect(process.exitCode).toBe(exitCode);
    expect(err.text()).toBe('');
  });
});
