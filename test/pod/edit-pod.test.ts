import { withEditedLocustPod } from '../../src/pod/edit-pod';

const JOB_SPEC = {
  backoffLimit: 0,
  template: {
    metadata: { labels: { app: 'x' } },
    spec: {
      initContainers: [{ name: 'locust-metrics-exporter' }],
      containers: [{ name: 'sidecar', image: 's' }, { name: 'shop-master', image: 'locust', args: ['-f', 'a.py'] }],
      restartPolicy: 'Never',
    },
  },
};

describe('withEditedLocustPod', () => {
  test('edits the Locust container found by its name and the pod spec, leaving the other containers where they are', () => {
    // WHEN the container gains an argument and the pod a node selector
    const edited = withEditedLocustPod(JOB_SPEC, 'shop-master', (container, pod) => ({
      container: { ...container, args: [...(container.args as string[]), '--headless'] },
      pod: { ...pod, nodeSelector: { pool: 'load' } },
    }));

    // THEN only those change, and the Job spec around them stays
    expect(edited).toEqual({
      backoffLimit: 0,
      template: {
        metadata: { labels: { app: 'x' } },
        spec: {
          initContainers: [{ name: 'locust-metrics-exporter' }],
          containers: [{ name: 'sidecar', image: 's' }, { name: 'shop-master', image: 'locust', args: ['-f', 'a.py', '--headless'] }],
          restartPolicy: 'Never',
          nodeSelector: { pool: 'load' },
        },
      },
    });
  });

  test('leaves the input unchanged', () => {
    const before = structuredClone(JOB_SPEC);
    withEditedLocustPod(JOB_SPEC, 'shop-master', (container, pod) => ({ container: { ...container, image: 'other' }, pod }));
    expect(JOB_SPEC).toEqual(before);
  });

  test('fails when the pod has no container of that name', () => {
    expect(() => withEditedLocustPod(JOB_SPEC, 'shop-worker', (container, pod) => ({ container, pod }))).toThrow('the pod has no container shop-worker');
  });
});
