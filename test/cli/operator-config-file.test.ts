import { join } from 'node:path';
import { readOperatorConfig } from '../../src/cli/operator-config-file';
import { Report } from '../../src/cli/report';
import { tempTree } from '../temp-tree';

function read(text: string | undefined) {
  const root = tempTree(text === undefined ? {} : { 'operator.yaml': text });
  const file = join(root, 'operator.yaml');
  const report = new Report();
  const config = readOperatorConfig(file, report);
  return { config, errors: report.toString().split('\n').filter((line) => line !== '').map((line) => line.slice(file.length)), failed: report.failed };
}

describe('readOperatorConfig', () => {
  test('reads the operator\'s environment variables from one mapping', () => {
    const { config, failed } = read('METRICS_EXPORTER_PORT: "9100"\nJOB_TTL_SECONDS_AFTER_FINISHED: "600"\n');
    expect(failed).toBe(false);
    expect(config).toMatchObject({ metricsExporter: { port: 9100 }, jobTtlSecondsAfterFinished: 600 });
  });

  test('reads an empty file as the defaults', () => {
    expect(read('')).toEqual({ config: {}, errors: [], failed: false });
  });

  test('fails when the file cannot be read', () => {
    expect(read(undefined)).toEqual({ config: undefined, errors: [': cannot be read: no such file or directory (ENOENT)'], failed: true });
  });

  test('fails when the file holds more than one document, at the second one', () => {
    const { config, errors } = read('METRICS_EXPORTER_PORT: "9100"\n---\nPOD_CPU_LIMIT: 2\n');
    expect(config).toBeUndefined();
    expect(errors).toEqual([':3:1: holds more than one document; put every setting in one mapping']);
  });

  test('fails at the place of a YAML error', () => {
    const { config, errors } = read('METRICS_EXPORTER_PORT: "9100"\nMETRICS_EXPORTER_PORT: "9200"\n');
    expect(config).toBeUndefined();
    expect(errors).toEqual([expect.stringMatching(/^:2:1: /)]);
  });

  test('fails with every problem of the settings, one line each', () => {
    const { config, errors } = read('METRICS_EXPORTER_PORT: "http"\n');
    expect(config).toBeUndefined();
    expect(errors).toEqual([expect.stringMatching(/^: METRICS_EXPORTER_PORT /)]);
  });
});
