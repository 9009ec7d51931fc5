import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSummaryFile, summarySchemaErrors, summarySchemaPath } from '../../src/verdict/summary';
import { expectValidSummaries } from '../e2e/harness';
import { tempTree } from '../temp-tree';
import { endpoint, figures, summary } from './summary-fixtures';

/** A `_stats.csv` as Locust 2.12 writes it (the columns are the same in 2.46). */
const STATS_CSV = [
  'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%',
  'GET,/checkout,120,6,85,97.51,10,900,3,12.04,0.6,85,90,100,110,200,310,500,600,900,900,900',
  'POST,"/cart, with comma",30,0,40,41.2,20,80,3,3.01,0,40,45,50,55,60,70,80,80,80,80,80',
  ',Aggregated,150,6,80,86.3,10,900,3,15.05,0.6,80,85,90,100,190,300,480,590,900,900,900',
  '',
].join('\n');

describe('the summary schema', () => {
  test('ships in the package\'s schema folder', () => {
    // THEN the file the library validates with is the one package.json publishes
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(summarySchemaPath()).toBe(join(__dirname, '..', '..', 'schema', 'summary.schema.json'));
    expect(manifest.files).toContain('schema');
  });

  test('accepts a summary with thresholds and a regression section', () => {
    const value = summary({
      runId: '2026-12-01-1',
      thresholds: [{ name: 'p95', value: 290, limit: 800, passed: true }, { name: 'fail-ratio', value: 0.01, limit: 0.02, passed: true }],
      regression: { baseline: '/opt/cdk8s-locust/baseline/baseline.summary.json', baselineRunId: 'r0', checks: [{ endpoint: 'Aggregated', metric: 'p95Ms', baseline: 300, value: 290, change: -3.333, limit: 20, passed: true }] },
    });
    expect(summarySchemaErrors(value)).toEqual([]);
  });

  test('accepts a first run with a baseline setting but no baseline yet', () => {
    expect(summarySchemaErrors(summary({ regression: { baseline: null, checks: [] } }))).toEqual([]);
  });

  test('fails when a required figure is missing, naming where', () => {
    const { p95Ms: _dropped, ...total } = figures();
    expect(summarySchemaErrors({ ...summary(), total })).toEqual(['total must have required property \'p95Ms\'']);
  });

  test('fails when the verdict is not pass or fail', () => {
    expect(summarySchemaErrors({ ...summary(), verdict: 'ok' })).toEqual(['verdict must be equal to one of the allowed values']);
  });

  test('fails when a field is unknown, naming it', () => {
    expect(summarySchemaErrors({ ...summary(), verdit: 'pass' })).toEqual(['the summary has the unknown field verdit']);
  });

  test('fails when a threshold has a name no threshold has', () => {
    const errors = summarySchemaErrors(summary({ thresholds: [{ name: 'median', value: 1, limit: 2, passed: true }] }));
    expect(errors).toEqual([expect.stringMatching(/^thresholds\.0\.name must match pattern/)]);
  });
});

describe('readSummaryFile', () => {
  test('reads a summary written by the master', () => {
    const dir = tempTree({ 'a.summary.json': JSON.stringify(summary()) });
    expect(readSummaryFile(join(dir, 'a.summary.json'))).toEqual({ summary: summary(), fromStatsCsv: false });
  });

  test('reads Locust\'s _stats.csv as figures, endpoints sorted by name, quoted names kept whole', () => {
    // GIVEN the stats of a run kept before summaries existed
    const dir = tempTree({ 'old_stats.csv': STATS_CSV });

    // WHEN it is read
    const read = readSummaryFile(join(dir, 'old_stats.csv'));

    // THEN the Aggregated row is the total and each other row an endpoint
    if (!('summary' in read)) throw new Error(read.problem);
    expect(read.fromStatsCsv).toBe(true);
    expect(read.summary.total).toEqual({ requests: 150, failures: 6, failRatio: 0.04, requestsPerSecond: 15.05, averageMs: 86.3, medianMs: 80, p95Ms: 300, p99Ms: 590 });
    expect(read.summary.endpoints.map((row) => `${row.method} ${row.name}`)).toEqual(['POST /cart, with comma', 'GET /checkout']);
    expect(read.summary.endpoints.find((row) => row.name === '/checkout')).toEqual(endpoint('GET', '/checkout', { requests: 120, failures: 6, failRatio: 0.05, requestsPerSecond: 12.04, averageMs: 97.51, medianMs: 85, p95Ms: 310, p99Ms: 600 }));
  });

  test('fails when the file does not exist', () => {
    expect(readSummaryFile('/nonexistent/x.summary.json')).toEqual({ problem: 'does not exist', fix: 'give a <name>.summary.json or <name>_stats.csv file of a run' });
  });

  test('fails when the JSON is not a summary, with the schema\'s reasons', () => {
    const dir = tempTree({ 'x.json': '{"test": "a"}' });
    const read = readSummaryFile(join(dir, 'x.json'));
    expect(read).toEqual({ problem: expect.stringMatching(/^is not a run summary: the summary must have required property 'summaryVersion'/), fix: expect.stringContaining('schema/summary.schema.json') });
  });

  test('fails when a CSV lacks Locust\'s columns, naming them', () => {
    const dir = tempTree({ 'x_stats.csv': 'Type,Name\nGET,/\n' });
    expect(readSummaryFile(join(dir, 'x_stats.csv'))).toEqual(expect.objectContaining({ problem: expect.stringContaining('it has no column "Request Count"') }));
  });
});

describe('expectValidSummaries, which every end-to-end run goes through', () => {
  test('fails when a logged summary is refused by the schema', () => {
    const line = `[2026-12-01 02:05:32,000] pod/INFO/cdk8s_locust.verdict: cdk8s-locust summary ${JSON.stringify({ ...summary(), verdict: 'ok' })}`;
    expect(() => expectValidSummaries(`${line}\n`)).toThrow(/a run wrote a summary that its schema refuses: verdict must be equal to one of the allowed values/);
  });

  test('accepts a logged summary the schema accepts', () => {
    expect(() => expectValidSummaries(`x: cdk8s-locust summary ${JSON.stringify(summary())}\n`)).not.toThrow();
  });
});
