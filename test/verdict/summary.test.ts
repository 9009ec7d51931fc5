/*
 * Mutants of src/verdict/summary.ts that no test can kill, because they do not change what the
 * code does:
 * - lines 125 and 157, the encoding 'utf8' made '': readFileSync then gives a Buffer, which
 *   JSON.parse and csv-parse read as UTF-8 text all the same.
 * - line 125, Ajv's `strict: true` made `false`: strict mode refuses only schemas with unknown
 *   keywords or formats, and the summary schema has none.
 * - line 184, `rows[0] ?? []` made `?? ["Stryker was here"]`: an empty file then has a header of
 *   one unknown column, and every column Locust writes is missing all the same.
 * - line 188, `value === ''` made `false` (or '' another string): Number('') is 0 too.
 * - line 223, compareText's `a > b` made `true`, `false`, `a >= b` or `a <= b`: they turn an
 *   answer of 1 into 0 or 0 into 1, and Node's sort reads only whether the answer is below 0.
 *   `a < b` made `a <= b` answers -1 for two equal keys only: one method and name twice, which
 *   Locust never writes.
 */
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

describe('readSummaryFile: every way a file can be wrong', () => {
  const HEADER = 'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Requests/s,95%,99%';

  test('fails when the path is a folder', () => {
    expect(readSummaryFile(tempTree({ 'a/x': '' }))).toEqual({ problem: 'is a folder', fix: 'give a <name>.summary.json or <name>_stats.csv file of a run' });
  });

  test('fails when the file is not JSON, with the parser\'s reason', () => {
    const dir = tempTree({ 'x.summary.json': '{"test": ' });
    expect(readSummaryFile(join(dir, 'x.summary.json'))).toEqual({
      problem: expect.stringMatching(/^is not JSON \(.+\)$/),
      fix: 'give a summary written by the master, or Locust\'s _stats.csv',
    });
  });

  test('fails when a JSON summary has more wrong than three things, naming the first three', () => {
    const dir = tempTree({ 'x.json': JSON.stringify({ ...summary(), verdict: 'ok', exitCode: 'zero', test: '', locustVersion: 2 }) });
    const read = readSummaryFile(join(dir, 'x.json'));
    expect(read).toEqual({ problem: expect.any(String), fix: 'give a summary written by the master (see schema/summary.schema.json), or Locust\'s _stats.csv' });
    expect(('problem' in read ? read.problem : '').split('; ')).toHaveLength(3);
  });

  test('fails when a CSV cannot be parsed', () => {
    const dir = tempTree({ 'x_stats.csv': `${HEADER}\n"GET,/unclosed\n` });
    expect(readSummaryFile(join(dir, 'x_stats.csv'))).toEqual({
      problem: expect.stringMatching(/^is not CSV \(.+\)$/),
      fix: 'give the <name>_stats.csv that --csv=<name> writes, or a summary',
    });
  });

  test('fails when a CSV lacks columns, naming each one missing', () => {
    const dir = tempTree({ 'x_stats.csv': 'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Requests/s\n' });
    expect(readSummaryFile(join(dir, 'x_stats.csv'))).toEqual({
      problem: 'is not Locust\'s _stats.csv: it has no column "95%", "99%"',
      fix: 'give the <name>_stats.csv that --csv=<name> writes, or a summary',
    });
  });

  test('fails when an empty CSV has no header at all', () => {
    const dir = tempTree({ 'x_stats.csv': '' });
    expect(readSummaryFile(join(dir, 'x_stats.csv'))).toEqual(expect.objectContaining({ problem: expect.stringMatching(/^is not Locust's _stats\.csv: it has no column "Type", "Name", /) }));
  });

  test('fails when a CSV has no Aggregated row of all requests', () => {
    // GIVEN a CSV whose only Aggregated row belongs to an endpoint of that name
    const dir = tempTree({ 'x_stats.csv': `${HEADER}\nGET,/a,1,0,1,1,1,1,1\nGET,Aggregated,1,0,1,1,1,1,1\n` });
    expect(readSummaryFile(join(dir, 'x_stats.csv'))).toEqual({ problem: 'has no Aggregated row', fix: 'give the whole _stats.csv of a run' });
  });

  test('reads a row without requests as zeros, and N/A or empty figures as 0', () => {
    // GIVEN a run whose endpoint made no request (Locust writes N/A for its percentiles), and a blank line
    const dir = tempTree({ 'x_stats.csv': `${HEADER}\nGET,/idle,0,0,,0,0,N/A,N/A\n\n,Aggregated,3,1,10,12.3456,0.33333,20,30\n` });
    const read = readSummaryFile(join(dir, 'x_stats.csv'));
    if (!('summary' in read)) throw new Error(read.problem);

    // THEN the idle endpoint has zeros, and the total's ratio and rounding are those of a summary
    expect(read.summary.endpoints).toEqual([endpoint('GET', '/idle', { requests: 0, failures: 0, failRatio: 0, requestsPerSecond: 0, averageMs: 0, medianMs: 0, p95Ms: 0, p99Ms: 0 })]);
    expect(read.summary.total).toEqual({ requests: 3, failures: 1, failRatio: 0.333333, requestsPerSecond: 0.333, averageMs: 12.346, medianMs: 10, p95Ms: 20, p99Ms: 30 });
  });

  test('gives a CSV the summary fields it cannot know as neutral values: a passed run of test locust', () => {
    const dir = tempTree({ 'x_stats.csv': `${HEADER}\n,Aggregated,1,0,1,1,1,1,1\n` });
    const read = readSummaryFile(join(dir, 'x_stats.csv'));
    if (!('summary' in read)) throw new Error(read.problem);
    expect(read.summary).toEqual({
      summaryVersion: 1, test: 'locust', locustVersion: 'unknown', startTime: '1970-01-01T00:00:00Z', endTime: '1970-01-01T00:00:00Z',
      verdict: 'pass', exitCode: 0, total: figures({ requests: 1, failures: 0, failRatio: 0, requestsPerSecond: 1, averageMs: 1, medianMs: 1, p95Ms: 1, p99Ms: 1 }), endpoints: [],
    });
    expect(summarySchemaErrors(read.summary)).toEqual([]);
  });

  test('sorts endpoints of one name by method, and names by byte order', () => {
    const rows = ['POST,/b,1,0,1,1,1,1,1', 'GET,/b,1,0,1,1,1,1,1', 'PUT,/B,1,0,1,1,1,1,1', 'GET,/a,1,0,1,1,1,1,1', 'GET,/a,1,0,1,1,1,1,1'];
    const dir = tempTree({ 'x_stats.csv': `${HEADER}\n${rows.join('\n')}\n,Aggregated,5,0,1,1,1,1,1\n` });
    const read = readSummaryFile(join(dir, 'x_stats.csv'));
    if (!('summary' in read)) throw new Error(read.problem);
    expect(read.summary.endpoints.map((row) => `${row.method} ${row.name}`)).toEqual(['PUT /B', 'GET /a', 'GET /a', 'GET /b', 'POST /b']);
  });
});

describe('readSummaryFile: the rest', () => {
  const HEADER = 'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Requests/s,95%,99%';

  test('fails with the system\'s code when the path cannot be read for another reason', () => {
    const dir = tempTree({ 'file.txt': 'x' });
    expect(readSummaryFile(join(dir, 'file.txt', 'x.summary.json'))).toEqual({ problem: 'cannot be read (ENOTDIR)', fix: 'give a <name>.summary.json or <name>_stats.csv file of a run' });
  });

  test('takes the Aggregated row as the total, not an earlier row without a request type', () => {
    const dir = tempTree({ 'x_stats.csv': `${HEADER}\n,/custom,1,0,1,1,1,1,1\n,Aggregated,9,0,1,1,1,1,1\n` });
    const read = readSummaryFile(join(dir, 'x_stats.csv'));
    if (!('summary' in read)) throw new Error(read.problem);
    expect(read.summary.total.requests).toBe(9);
    expect(read.summary.endpoints.map((row) => row.name)).toEqual(['/custom']);
  });

  test('reads the figures a short row lacks as 0', () => {
    const dir = tempTree({ 'x_stats.csv': `${HEADER}\nGET,/short,4\n,Aggregated,4,0,1,1,1,1,1\n` });
    const read = readSummaryFile(join(dir, 'x_stats.csv'));
    if (!('summary' in read)) throw new Error(read.problem);
    expect(read.summary.endpoints).toEqual([endpoint('GET', '/short', { requests: 4, failures: 0, failRatio: 0, requestsPerSecond: 0, averageMs: 0, medianMs: 0, p95Ms: 0, p99Ms: 0 })]);
  });
});
