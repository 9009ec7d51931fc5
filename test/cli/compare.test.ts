import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { dispatch as run } from '../../src/cli/dispatch';
import { annotatedTestYaml } from '../fixtures';
import { find, locustContainer, Manifest } from '../util';
import { endpoint, figures, summary } from '../verdict/summary-fixtures';

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-compare-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** A baseline and a run whose checkout p95 went from 300 ms to 412 ms. */
function slowerCheckout(): [string, string] {
  return [
    file('base.summary.json', summary({ endpoints: [endpoint('GET', '/checkout', { p95Ms: 300 }), endpoint('GET', '/cart')] })),
    file('new.summary.json', summary({ endTime: '2026-12-02T20:05:00Z', endpoints: [endpoint('GET', '/checkout', { p95Ms: 412 }), endpoint('GET', '/cart')] })),
  ];
}

describe('cdk8s-locust compare', () => {
  test('fails with exit 1 on a regression, naming the endpoint and the percentile', () => {
    // WHEN two runs are compared
    const result = run(['compare', ...slowerCheckout()]);

    // THEN the table shows both values and the change, and the regression has its own line
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines.find((line) => line.startsWith('GET /checkout  p95'))?.split(/\s{2,}/)).toEqual(['GET /checkout', 'p95', '300 ms', '412 ms', '+37.3%', '+20%', 'REGRESSION']);
    expect(lines).toContain('regression: p95 of GET /checkout 412 ms is 37.3% above the baseline 300 ms (at most +20%)');
    expect(lines).toContain('1 regression in 12 checks');
  });

  test('passes with exit 0 when every change is within its limit', () => {
    const [base] = slowerCheckout();
    const result = run(['compare', base, base]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no regression in 12 checks');
  });

  test('takes the limits the gate takes', () => {
    const result = run(['compare', ...slowerCheckout(), '--max-p95-increase', '40']);
    expect(result.status).toBe(0);
  });

  test('writes a markdown table for a pull-request comment, listing the endpoint', () => {
    const result = run(['compare', ...slowerCheckout(), '--format', 'markdown']);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')).toEqual(expect.arrayContaining([
      '### Load test: 1 regression',
      '| Endpoint | Metric | Baseline | New | Change | Limit | Result |',
      '| GET /checkout | p95 | 300 ms | 412 ms | +37.3% | +20% | **regression** |',
      '- regression: p95 of GET /checkout 412 ms is 37.3% above the baseline 300 ms (at most +20%)',
    ]));
  });

  test('writes the checks as JSON', () => {
    const result = run(['compare', ...slowerCheckout(), '--format', 'json']);
    const json = JSON.parse(result.stdout);
    expect(json.regressions).toBe(1);
    expect(json.checks.find((check: any) => !check.passed)).toEqual({ endpoint: 'GET /checkout', metric: 'p95Ms', baseline: 300, value: 412, change: 37.333, limit: 20, passed: false });
  });

  test('gives the same bytes twice', () => {
    const args = ['compare', ...slowerCheckout(), '--format', 'markdown'];
    expect(run(args).stdout).toBe(run(args).stdout);
  });

  test('compares Locust\'s _stats.csv with a summary', () => {
    // GIVEN the stats CSV of an old run, 100 ms average, and a new run at 150 ms
    const csv = file('old_stats.csv', [
      'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Requests/s,95%,99%',
      'GET,/checkout,100,0,90,100,50,300,400',
      ',Aggregated,100,0,90,100,50,300,400',
      '',
    ].join('\n'));
    const current = file('now.summary.json', summary({ total: figures({ averageMs: 150 }), endpoints: [endpoint('GET', '/checkout', { averageMs: 150 })] }));

    // THEN the averages regress, and the CSV run is described as figures only
    const result = run(['compare', csv, current]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`baseline: ${csv} (Locust's stats CSV: figures only)`);
    expect(result.stdout).toContain('regression: average of GET /checkout 150 ms is 50% above the baseline 100 ms (at most +20%)');
  });

  test('lists endpoints only one run has, without comparing them', () => {
    const base = file('a.summary.json', summary({ endpoints: [endpoint('GET', '/old')] }));
    const current = file('b.summary.json', summary({ endpoints: [endpoint('GET', '/new')] }));
    const result = run(['compare', base, current]);
    expect(result.stdout).toContain('only in the baseline, not compared: GET /old');
    expect(result.stdout).toContain('only in the new run, not compared: GET /new');
  });

  test.each([
    [['compare', 'only-one.json'], 'needs two files, BASE and NEW (got 1)'],
    [['compare', 'a', 'b', '--format', 'html'], '--format must be one of text, markdown, json (got "html")'],
    [['compare', 'a', 'b', '--max-p95-increace', '10'], 'unknown option --max-p95-increace; did you mean --max-p95-increase?'],
    [['compare', 'a', 'b', '--bogus'], 'unknown option --bogus; cdk8s-locust compare --help lists the options'],
    [['compare', 'a', 'b', '--max-p95-increase', 'ten'], '--max-p95-increase must be a number of at least 0 (got "ten"), e.g. --max-p95-increase 20'],
  ])('fails with exit 2 on the usage error of %j', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`cdk8s-locust compare: ${message}`);
  });

  test('fails with exit 2, not 1, when a file is not a run: 1 means a regression', () => {
    const result = run(['compare', file('x.json', '{"test": "x"}'), join(work, 'missing.summary.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cdk8s-locust compare: \S+x\.json is not a run summary: /);
  });
});

describe('the compare example of docs/cli.md', () => {
  const ROOT = join(__dirname, '..', '..');
  const docs = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');

  test.each([['text', '```text\n'], ['markdown', '```markdown\n']])('is what compare prints as %s on examples/compare', (format, fence) => {
    // GIVEN the two summaries of the example, compared from their folder as the docs show
    const cwd = process.cwd();
    process.chdir(join(ROOT, 'examples', 'compare'));
    let result;
    try {
      result = run(['compare', 'base.summary.json', 'new.summary.json', '--format', format]);
    } finally {
      process.chdir(cwd);
    }

    // THEN the docs hold the output, byte for byte, and the example's runs are valid summaries
    expect(result.status).toBe(1);
    expect(docs).toContain(`${fence}${result.stdout}\`\`\``);
  });
});

describe('the regression annotations of a LocustTest resource', () => {
  function testFile(name: string, annotations: string): string {
    return file(name, annotatedTestYaml(annotations));
  }
  const masterEnv = (objects: Manifest[]) => Object.fromEntries(locustContainer(find(objects, 'Job', 'shop-master')).env.map((variable: any) => [variable.name, variable.value]));

  test('cdk8s-locust/baseline with a file gives the gate its ConfigMap, and the limits annotation its limits', () => {
    // GIVEN a LocustTest naming a baseline summary and a tighter p95 limit
    const baseline = file('base.summary.json', summary());
    const result = run(['render', testFile('gate.yaml', `"cdk8s-locust/baseline": "${baseline}", "cdk8s-locust/regression-limits": "p95 +10%, fail-ratio +0.5"`)]);

    // THEN the master compares with it under those limits
    expect(result.stderr).toBe('');
    const objects = parseAllDocuments(result.stdout).map((document) => document.toJS() as Manifest);
    expect(masterEnv(objects).CDK8S_LOCUST_BASELINE).toBe('/opt/cdk8s-locust/baseline/baseline.summary.json');
    expect(JSON.parse(masterEnv(objects).CDK8S_LOCUST_REGRESSION).limits).toEqual({ maxAverageIncreasePercent: 20, maxP95IncreasePercent: 10, maxRequestsPerSecondDecreasePercent: 10, maxFailRatioIncreasePoints: 0.5 });
    expect(objects.filter((object) => object.kind === 'ConfigMap').map((object) => object.metadata.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^shop-baseline-[0-9a-f]{10}$/), expect.stringMatching(/^shop-verdict-[0-9a-f]{10}$/)]));
  });

  test('fails when cdk8s-locust/baseline is reports and the test keeps no reports, naming the annotation', () => {
    const result = run(['render', testFile('reports.yaml', '"cdk8s-locust/baseline": reports')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('metadata.annotations["cdk8s-locust/baseline"] is the reports volume, but the test keeps no reports');
  });

  test('fails when a limit is written the wrong way round', () => {
    const result = run(['render', testFile('limits.yaml', '"cdk8s-locust/baseline": reports, "cdk8s-locust/regression-limits": "rps +10%"')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('metadata.annotations["cdk8s-locust/regression-limits"] has an entry that is not a limit (got "rps +10%")');
  });
});
