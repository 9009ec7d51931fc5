import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { LocustTest, LocustTestProps, RegressionBaseline, RenderMode } from '../../src';
import { minimalSpec } from '../fixtures';
import { tempTree } from '../temp-tree';
import { find, locustContainer, synthChart } from '../util';
import { summary } from './summary-fixtures';

const BASELINE_TEXT = `${JSON.stringify(summary(), null, 2)}\n`;

function synth(props: Partial<LocustTestProps> & { reportsClaim?: string } = {}) {
  return synthChart((chart) => {
    const { reportsClaim, ...rest } = props;
    const reports = reportsClaim === undefined ? undefined : { volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'Reports', kplus.PersistentVolumeClaim.fromClaimName(chart, 'Claim', reportsClaim)) };
    new LocustTest(chart, 'checkout', { name: 'checkout', spec: minimalSpec(), ...rest, ...(reports ? { reports } : {}) });
  });
}

function synthError(props: Partial<LocustTestProps>): () => string {
  const app = new App({ outdir: '/nonexistent-never-written' });
  new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: minimalSpec(), ...props });
  return () => app.synthYaml();
}

const envOf = (objects: any[]) => Object.fromEntries(locustContainer(find(objects, 'Job', 'checkout-master')).env.map((variable: any) => [variable.name, variable.value]));

describe('a regression gate with a baseline from the repository', () => {
  const baselineFile = () => join(tempTree({ 'checkout.summary.json': BASELINE_TEXT }), 'checkout.summary.json');

  test('emits the summary as a ConfigMap named after its content and mounts it read-only into the master', () => {
    // WHEN a test names a baseline file
    const objects = synth({ regression: { baseline: RegressionBaseline.fromFile(baselineFile()) } });

    // THEN the ConfigMap holds the file as it is
    const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name.startsWith('checkout-baseline-'))!;
    expect(configMap.data).toEqual({ 'baseline.summary.json': BASELINE_TEXT });

    // AND the master mounts it where its environment says the baseline is
    const master = find(objects, 'Job', 'checkout-master');
    expect(master.spec.template.spec.volumes).toContainEqual({ name: 'cdk8s-locust-baseline', configMap: { name: configMap.metadata.name } });
    expect(locustContainer(master).volumeMounts).toContainEqual({ name: 'cdk8s-locust-baseline', mountPath: '/opt/cdk8s-locust/baseline', readOnly: true });
    expect(envOf(objects).CDK8S_LOCUST_BASELINE).toBe('/opt/cdk8s-locust/baseline/baseline.summary.json');
  });

  test('gives the master the default limits as JSON, and the module to judge them', () => {
    const objects = synth({ regression: { baseline: RegressionBaseline.fromFile(baselineFile()) } });
    expect(envOf(objects).CDK8S_LOCUST_REGRESSION).toBe('{"limits":{"maxAverageIncreasePercent":20,"maxP95IncreasePercent":20,"maxRequestsPerSecondDecreasePercent":10,"maxFailRatioIncreasePoints":1}}');
    expect(envOf(objects).CDK8S_LOCUST_TEST).toBe('checkout');
    expect(locustContainer(find(objects, 'Job', 'checkout-master')).args[1]).toMatch(/^\/opt\/cdk8s-locust\/verdict\/cdk8s_locust_verdict_v.*\.py,\/lotest\/src\/locustfile\.py$/);
  });

  test('passes limits of every row, of the total and of endpoints, endpoints sorted', () => {
    const objects = synth({
      regression: {
        baseline: RegressionBaseline.fromFile(baselineFile()),
        limits: { maxP95IncreasePercent: 10 },
        totalLimits: { maxRequestsPerSecondDecreasePercent: 5 },
        endpointLimits: { 'POST /pay': { maxAverageIncreasePercent: 50 }, 'GET /search': { maxP95IncreasePercent: 40 } },
      },
    });
    expect(JSON.parse(envOf(objects).CDK8S_LOCUST_REGRESSION)).toEqual({
      limits: { maxAverageIncreasePercent: 20, maxP95IncreasePercent: 10, maxRequestsPerSecondDecreasePercent: 10, maxFailRatioIncreasePoints: 1 },
      total: { maxRequestsPerSecondDecreasePercent: 5 },
      endpoints: { 'GET /search': { maxP95IncreasePercent: 40 }, 'POST /pay': { maxAverageIncreasePercent: 50 } },
    });
    expect(Object.keys(JSON.parse(envOf(objects).CDK8S_LOCUST_REGRESSION).endpoints)).toEqual(['GET /search', 'POST /pay']);
  });

  test('fails when the baseline file does not exist, naming it', () => {
    expect(synthError({ regression: { baseline: RegressionBaseline.fromFile('baselines/missing.summary.json') } }))
      .toThrow(/regression\.baseline is a file that does not exist \(got "baselines\/missing\.summary\.json"\)/);
  });

  test('fails when the baseline file is not a summary', () => {
    const file = join(tempTree({ 'x.json': '{"hello": 1}' }), 'x.json');
    expect(synthError({ regression: { baseline: RegressionBaseline.fromFile(file) } })).toThrow(/regression\.baseline is a file that is not a run summary/);
  });

  test('fails when a limit is misspelled, with the one it is closest to', () => {
    expect(synthError({ regression: { baseline: RegressionBaseline.fromFile(baselineFile()), limits: { maxAverageIncreasePercnt: 10 } as any } }))
      .toThrow(/regression\.limits\.maxAverageIncreasePercnt is not a regression limit \(got 10\); did you mean maxAverageIncreasePercent\?/);
  });

  test('fails when an endpoint key is not METHOD name', () => {
    expect(synthError({ regression: { baseline: RegressionBaseline.fromFile(baselineFile()), endpointLimits: { '/checkout': {} } } }))
      .toThrow(/regression\.endpointLimits has a key that is not METHOD name \(got "\/checkout"\)/);
  });

  test('fails in operator mode, which does not write the Jobs', () => {
    expect(synthError({ regression: { baseline: RegressionBaseline.fromFile(baselineFile()) }, mode: RenderMode.OPERATOR })).toThrow(/regression needs the workload mode/);
  });

  test('fails when the master names no .py locustfile to load the gate next to', () => {
    const spec = minimalSpec({ master: { command: '--host https://shop.example.com' } });
    expect(synthError({ regression: { baseline: RegressionBaseline.fromFile(baselineFile()) }, spec })).toThrow(/spec\.master\.command names no locustfile \(-f or --locustfile\); a regression gate adds its check next to it/);
  });
});

describe('a regression gate with a baseline from the reports volume', () => {
  test('points the master at the reports folder, where it takes the newest passing summary of the test', () => {
    const objects = synth({ reportsClaim: 'load-reports', regression: { baseline: RegressionBaseline.fromReports() } });
    expect(envOf(objects).CDK8S_LOCUST_BASELINE).toBe('/opt/cdk8s-locust/reports');
    expect(objects.some((object) => object.kind === 'ConfigMap' && object.metadata.name.startsWith('checkout-baseline-'))).toBe(false);
  });

  test('fails when the test keeps no reports', () => {
    expect(synthError({ regression: { baseline: RegressionBaseline.fromReports() } })).toThrow(/regression\.baseline is the reports volume, but the test keeps no reports/);
  });
});

describe('reports', () => {
  test('load the module, which writes the summary next to the CSV files, with the test name and run id', () => {
    // WHEN a test keeps reports, without thresholds
    const objects = synth({ reportsClaim: 'load-reports', runId: 'r-7' });

    // THEN the master loads the module and tells it what the summary names
    const env = envOf(objects);
    expect(env.CDK8S_LOCUST_TEST).toBe('checkout');
    expect(env.CDK8S_LOCUST_RUN_ID).toBe('r-7');
    expect(env.CDK8S_LOCUST_THRESHOLDS).toBeUndefined();
    expect(locustContainer(find(objects, 'Job', 'checkout-master')).args).toEqual(expect.arrayContaining([expect.stringMatching(/^\/opt\/cdk8s-locust\/verdict\/cdk8s_locust_verdict_v.*\.py,/), '--csv=/opt/cdk8s-locust/reports/checkout-r-7']));
  });

  test('keep the reports alone, without a summary, when the master names no .py locustfile', () => {
    const objects = synth({ reportsClaim: 'load-reports', spec: minimalSpec({ master: { command: '--locustfile /lotest/src --host https://shop.example.com' } }) });
    expect(envOf(objects).CDK8S_LOCUST_TEST).toBeUndefined();
    expect(locustContainer(find(objects, 'Job', 'checkout-master')).args.slice(0, 2)).toEqual(['--locustfile', '/lotest/src']);
  });
});

describe('reports with a Locust that cannot load the module', () => {
  test('keep the reports alone on Locust 2.10, which reads no list of locustfiles', () => {
    const objects = synth({ reportsClaim: 'load-reports', spec: minimalSpec({ image: 'locustio/locust:2.10.2' }) });
    expect(locustContainer(find(objects, 'Job', 'checkout-master')).args.slice(0, 2)).toEqual(['--locustfile', '/lotest/src/locustfile.py']);
  });

  test('keep the reports alone before 2.23 when the locustfile ends in locust.py, which a list refuses', () => {
    const spec = minimalSpec({ image: 'locustio/locust:2.20.0', master: { command: '--locustfile /lotest/src/shop_locust.py' }, worker: { command: '--locustfile /lotest/src/shop_locust.py', replicas: 1 } });
    expect(envOf(synth({ reportsClaim: 'load-reports', spec })).CDK8S_LOCUST_TEST).toBeUndefined();
  });

  test('warn about the regression gate on Locust 2.10, as about thresholds', () => {
    const app = new App({ outdir: '/nonexistent-never-written' });
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: minimalSpec({ image: 'locustio/locust:2.10.2' }), regression: { baseline: RegressionBaseline.fromFile(join(tempTree({ 'b.summary.json': BASELINE_TEXT }), 'b.summary.json')) } });
    expect(test.warnings.map((warning) => warning.message)).toEqual([expect.stringMatching(/older than 2\.11.*the verdict module \(thresholds, regression gate\) stops the master at start/)]);
  });
});
