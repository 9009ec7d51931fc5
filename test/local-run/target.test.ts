// Mutants of target.ts that no test can tell apart:
// - line 12, `\[[^\]]\]` or `\[[\]]*\]` for `\[[^\]]*\]` (the bracketed IPv6 host): when the
//   bracket form does not match, the other alternative takes `[` alone as the host, which starts
//   with `[` and is left to the user all the same.
import { clusterInternalHost, clusterTargetProblems } from '../../src/local-run/target';

describe('clusterInternalHost', () => {
  test.each([
    ['http://catalogue.shop.svc:8080', 'catalogue.shop.svc'],
    ['http://catalogue:8080/path', 'catalogue'],
    ['https://api.shop.svc.cluster.local', 'api.shop.svc.cluster.local'],
    ['http://api.shop.svc.cluster.local.:80', 'api.shop.svc.cluster.local.'],
    ['catalogue:8080', 'catalogue'],
    ['HTTP://User@Catalogue.Shop.SVC', 'catalogue.shop.svc'],
    [' http://catalogue:8080 ', 'catalogue'],
  ])('names %j a cluster host: %j', (target, host) => {
    expect(clusterInternalHost(target)).toBe(host);
  });

  test.each([
    'http://127.0.0.1:8080',
    'http://localhost:8089',
    'http://[::1]:8080',
    'https://shop.example.com',
    '10.0.0.7:80',
    ':8080',
    '/catalogue',
    '',
  ])('leaves %j to the user', (target) => {
    expect(clusterInternalHost(target)).toBeUndefined();
  });
});

describe('clusterTargetProblems', () => {
  test('names each cluster target once, with the process that would load it and how to choose another', () => {
    // GIVEN a master and two workers aiming at a Service, and one process without --host
    const problems = clusterTargetProblems([
      { label: 'master', target: 'http://catalogue.shop.svc:8080' },
      { label: 'worker 1', target: 'http://catalogue.shop.svc:8080' },
      { label: 'worker 2', target: undefined },
    ]);

    // THEN one problem names the host, once
    expect(problems).toEqual([{
      path: 'the master\'s --host',
      message: 'names catalogue.shop.svc, a host inside the cluster, which this machine may resolve to a real service',
      value: 'http://catalogue.shop.svc:8080',
      fix: 'pass --host URL with this run\'s target (e.g. --host http://127.0.0.1:8080), or --use-test-host to load the test\'s own target from here',
    }]);
  });

  test('says nothing of targets outside the cluster', () => {
    expect(clusterTargetProblems([{ label: 'master', target: 'http://127.0.0.1:9' }, { label: 'worker 1', target: 'https://shop.example.com' }])).toEqual([]);
  });
});
