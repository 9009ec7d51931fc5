import { RunSummary, SummaryEndpoint, SummaryFigures } from '../../src/verdict/summary';

/** Figures of one row, with the fields a test does not care about at neutral values. */
export function figures(given: Partial<SummaryFigures> = {}): SummaryFigures {
  return { requests: 100, failures: 0, failRatio: 0, requestsPerSecond: 50, averageMs: 100, medianMs: 90, p95Ms: 300, p99Ms: 400, ...given };
}

/** An endpoint's row. */
export function endpoint(method: string, name: string, given: Partial<SummaryFigures> = {}): SummaryEndpoint {
  return { method, name, ...figures(given) };
}

/** A summary as the master writes it. */
export function summary(given: Partial<RunSummary> = {}): RunSummary {
  return {
    summaryVersion: 1,
    test: 'checkout-load',
    locustVersion: '2.12.1',
    startTime: '2026-12-01T20:00:00Z',
    endTime: '2026-12-01T20:05:00Z',
    verdict: 'pass',
    exitCode: 0,
    total: figures(),
    endpoints: [endpoint('GET', '/checkout')],
    ...given,
  };
}
