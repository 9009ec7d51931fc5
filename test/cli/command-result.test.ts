import { failure } from '../../src/cli/command-result';
import { Report } from '../../src/cli/report';

describe('failure', () => {
  test('is status 1 with every reported line on stderr and nothing on stdout', () => {
    // GIVEN a report with a problem and a warning
    const report = new Report();
    report.inputProblem('shop.yaml', 'holds no LocustTest');
    report.warning('shop.yaml', 'checkout', 'spec.image has no OpenTelemetry SDK');

    // THEN the failure carries both lines, in order, and starts nothing
    expect(failure(report)).toEqual({
      status: 1,
      stdout: '',
      stderr: 'shop.yaml: holds no LocustTest\nshop.yaml: LocustTest checkout: warning: spec.image has no OpenTelemetry SDK\n',
    });
  });
});
