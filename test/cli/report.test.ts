import { Report } from '../../src/cli/report';

describe('Report', () => {
  test('writes one line per problem, each starting with the input it is about', () => {
    // GIVEN one problem of each kind
    const report = new Report();
    report.testProblem('shop.yaml', 'checkout', { path: 'spec.worker.replicas', message: 'must be at least 1', value: 0, fix: 'set it to 1 or more' });
    report.located('shop.yaml', 3, 7, 'a mapping key is repeated');
    report.inputProblem('ops.yaml', 'cannot be read: no such file or directory (ENOENT)');

    // THEN each is one line, in the order reported
    expect(report.toString()).toBe([
      'shop.yaml: LocustTest checkout: spec.worker.replicas must be at least 1 (got 0); set it to 1 or more',
      'shop.yaml:3:7: a mapping key is repeated',
      'ops.yaml: cannot be read: no such file or directory (ENOENT)',
      '',
    ].join('\n'));
    expect(report.failed).toBe(true);
  });

  test('does not fail on warnings alone', () => {
    const report = new Report();
    report.warning('shop.yaml', 'checkout', 'spec.image has no OpenTelemetry SDK');
    expect(report.toString()).toBe('shop.yaml: LocustTest checkout: warning: spec.image has no OpenTelemetry SDK\n');
    expect(report.failed).toBe(false);
  });

  test.each([
    ['a test problem', (r: Report) => r.testProblem('f', 't', { path: 'spec', message: 'm' })],
    ['a located problem', (r: Report) => r.located('f', 1, 1, 'm')],
    ['an input problem', (r: Report) => r.inputProblem('f', 'm')],
  ])('fails with %s', (_what, add) => {
    const report = new Report();
    add(report);
    expect(report.failed).toBe(true);
  });

  test('is empty and not failed when nothing was reported', () => {
    expect(new Report().toString()).toBe('');
    expect(new Report().failed).toBe(false);
  });
});
