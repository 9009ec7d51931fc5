import { App, Chart } from 'cdk8s';
import { LocustTest, LocustTestProps } from '../../src';
import { RUN_ID_ANNOTATION } from '../../src/tooling';
import { minimalSpec } from '../fixtures';
import { find, Manifest, synthChart } from '../util';

function render(props: Partial<LocustTestProps>): Manifest[] {
  return synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), argoCd: {}, ...props }));
}

describe('run id', () => {
  test('annotates both Jobs\' pod templates and nothing else', () => {
    // GIVEN a run id
    const objects = render({ runId: '2026-11-22-1' });

    // THEN both pod templates carry it and the Job and Service metadata do not
    for (const name of ['checkout-master', 'checkout-worker']) {
      const job = find(objects, 'Job', name);
      expect(job.spec.template.metadata.annotations[RUN_ID_ANNOTATION]).toBe('2026-11-22-1');
      expect(job.metadata.annotations[RUN_ID_ANNOTATION]).toBeUndefined();
    }
    expect(find(objects, 'Service', 'checkout-master').metadata.annotations[RUN_ID_ANNOTATION]).toBeUndefined();
  });

  test('keeps the master\'s Prometheus annotations beside it', () => {
    const master = find(render({ runId: 'r1' }), 'Job', 'checkout-master');
    expect(master.spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics', 'prometheus.io/port': '9646', [RUN_ID_ANNOTATION]: 'r1',
    });
  });

  test('a new id changes only the pod template annotations of the two Jobs', () => {
    // GIVEN the same test rendered with two ids
    const first = render({ runId: 'r1' });
    const second = render({ runId: 'r2' });

    // THEN removing the run id annotation makes them identical
    const strip = (objects: Manifest[]) => JSON.parse(JSON.stringify(objects), (key, value) => (key === RUN_ID_ANNOTATION ? undefined : value));
    expect(strip(second)).toEqual(strip(first));
    expect(find(second, 'Job', 'checkout-worker').spec.template.metadata.annotations[RUN_ID_ANNOTATION]).toBe('r2');
    expect(find(second, 'Service', 'checkout-master')).toEqual(find(first, 'Service', 'checkout-master'));
  });

  test.each([[''], ['   ']])('fails when the run id is empty (%j)', (runId) => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), runId });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'runId', message: 'must be a non-empty string', value: runId })]);
  });

  test('fails when the run id is not a string', () => {
    const test = LocustTest.fromObject(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), runId: 42 as unknown as string });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'runId', value: 42 })]);
  });
});
