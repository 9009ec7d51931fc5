import { join } from 'node:path';
import { dispatch } from '../../src/cli/dispatch';
import { locustTestYaml } from '../local-run/rendered';
import { tempTree } from '../temp-tree';

/** `cdk8s-locust run` up to the point where processes would start, which the caller does. */
function file(name: string, text: string): string {
  return join(tempTree({ [name]: text }), name);
}

describe('run command', () => {
  test('renders LocustTests first and hands the picked test and the options to the caller', () => {
    // GIVEN two tests in one file
    const input = file('two-tests.yaml', `${locustTestYaml('shop')}---\n${locustTestYaml('cart')}`);

    // WHEN run picks one of them
    const result = dispatch(['run', input, '--test', 'cart', '--host', 'http://127.0.0.1:9', '--workers', '1', '--timeout', '30']);

    // THEN nothing is printed yet and the local run is described
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(result.localRun?.test.masterJob.metadata.name).toBe('cart-master');
    expect(result.localRun?.options).toEqual({ host: 'http://127.0.0.1:9', runTime: undefined, workers: 1, timeoutSeconds: 30, keep: false, noReports: false });
  });

  test('reads rendered manifests, which hold no LocustTest', () => {
    // GIVEN the bundle render writes for a test
    const bundle = file('bundle.k8s.yaml', dispatch(['render', file('one-test.yaml', locustTestYaml('shop'))]).stdout);

    // WHEN run reads it
    const result = dispatch(['run', bundle]);

    // THEN the test is found among the objects
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.localRun?.test.name).toBe('shop');
  });

  test('fails when several tests are given without --test, listing them', () => {
    const input = file('two-more.yaml', `${locustTestYaml('shop')}---\n${locustTestYaml('cart')}`);
    expect(dispatch(['run', input])).toEqual({ status: 1, stdout: '', stderr: 'cdk8s-locust: --test is required: the input holds several tests (cart, shop); name the one to run with --test NAME\n' });
  });

  test('fails when a test of the input is invalid, as render does', () => {
    const input = file('broken-run.yaml', locustTestYaml('shop').replace('replicas: 3', 'replicas: 0'));
    expect(dispatch(['run', input])).toMatchObject({ status: 1, stderr: expect.stringContaining('spec.worker.replicas must be at least 1') });
  });
});
