/*
 * Mutants of src/verdict/verdict.ts that no test can kill, because they do not change what a
 * user gets:
 * - line 82, `request.runId !== undefined` made `true`: the summary then holds `runId:
 *   undefined`, and withVerdict sets the run id variable only for a defined one.
 * - lines 110 and 119, the encoding 'utf8' made '': Buffer.from reads text as UTF-8 by default.
 * - line 144, `verdict.summary !== undefined` made `true`: it differs only for a module
 *   ConfigMap given without a summary, which the construct never makes (it creates the
 *   ConfigMap exactly when the verdict has a summary).
 */
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { LocustTest, LocustTestProps, RegressionBaseline, RenderMode } from '../../src';
import { verdictModuleFileName, verdictModuleSource } from '../../src/tooling';
import { packageVersion } from '../../src/core/version';
import { SpecJson } from '../../src/spec/spec';
import { resolveThresholds } from '../../src/verdict/thresholds';
import { DEFAULT_REGRESSION_LIMITS } from '../../src/verdict/regression-limits';
import { createBaselineConfigMap, createVerdictConfigMap, resolveVerdict, specMasterArgs, withVerdict } from '../../src/verdict/verdict';
import { minimalSpec, minimalSpecJson } from '../fixtures';
import { byName, envNames, envVar, find, locustContainer, synthChart } from '../util';

const MODULE = verdictModuleFileName(packageVersion());
const THRESHOLDS = { maxFailRatio: 0.01, maxResponseTimePercentiles: [{ percentile: 0.95, max: Duration.millis(800) }] };

function synth(props: Partial<LocustTestProps> & { reportsClaim?: string } = {}) {
  return synthChart((chart) => {
    const { reportsClaim, ...rest } = props;
    const reports = reportsClaim === undefined ? rest.reports : {
      volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'Reports', kplus.PersistentVolumeClaim.fromClaimName(chart, 'Claim', reportsClaim)),
      ...rest.reports,
    };
    new LocustTest(chart, 'checkout', { name: 'checkout', spec: minimalSpec(), ...rest, ...(reports ? { reports } : {}) });
  });
}

function synthError(props: Partial<LocustTestProps>): () => string {
  const app = new App({ outdir: '/nonexistent-never-written' });
  new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: minimalSpec(), ...props });
  return () => app.synthYaml();
}

describe('thresholds', () => {
  test('fails with the spec\'s problems and the thresholds\' own in one round', () => {
    // GIVEN a spec with a problem and thresholds with another
    const spec = minimalSpec({ worker: { command: '-f /lotest/src/locustfile.py', replicas: -1 } });

    // WHEN the app is synthesized
    const synthesize = synthError({ spec, thresholds: { maxFailRatio: 2 } });

    // THEN both are reported at once, so that one fix round is enough
    expect(synthesize).toThrow(/spec\.worker\.replicas[\s\S]*thresholds\.maxFailRatio/);
  });

  test('load the generated module before the locustfile of the master', () => {
    // WHEN a test has thresholds
    const objects = synth({ thresholds: THRESHOLDS });

    // THEN the master's -f names the module first, then the locustfile
    const args: string[] = locustContainer(find(objects, 'Job', 'checkout-master')).args;
    expect(args.slice(0, 2)).toEqual(['--locustfile', `/opt/cdk8s-locust/verdict/${MODULE},/lotest/src/locustfile.py`]);
  });

  test('give the master the thresholds in milliseconds, as JSON in its environment', () => {
    const objects = synth({ thresholds: { ...THRESHOLDS, maxAverageResponseTime: Duration.seconds(1.5), minRequestsPerSecond: 50 } });
    const env = locustContainer(find(objects, 'Job', 'checkout-master')).env;
    expect(env.find((variable: any) => variable.name === 'CDK8S_LOCUST_THRESHOLDS')).toEqual({
      name: 'CDK8S_LOCUST_THRESHOLDS',
      value: '{"maxFailRatio":0.01,"maxAverageResponseTimeMs":1500,"maxResponseTimePercentiles":[{"percentile":0.95,"maxMs":800}],"minRequestsPerSecond":50}',
    });
  });

  test('write the module, named after the library version, in a ConfigMap mounted read-only into the master', () => {
    // WHEN a test has thresholds
    const objects = synth({ thresholds: THRESHOLDS });

    // THEN a ConfigMap holds the module under its versioned name
    const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name.startsWith('checkout-verdict-'))!;
    expect(configMap.data).toEqual({ [MODULE]: verdictModuleSource(packageVersion()) });
    expect(MODULE).toBe(`cdk8s_locust_verdict_v${packageVersion().replace(/\./g, '_')}.py`);

    // AND the master mounts it where -f looks for it
    const master = find(objects, 'Job', 'checkout-master');
    expect(master.spec.template.spec.volumes).toContainEqual({ name: 'cdk8s-locust-verdict', configMap: { name: configMap.metadata.name } });
    expect(locustContainer(master).volumeMounts).toContainEqual({ name: 'cdk8s-locust-verdict', mountPath: '/opt/cdk8s-locust/verdict', readOnly: true });
  });

  test('leave the worker Job exactly as without them', () => {
    const plain = find(synth(), 'Job', 'checkout-worker');
    const judged = find(synth({ thresholds: THRESHOLDS }), 'Job', 'checkout-worker');
    expect(judged).toEqual(plain);
  });

  test('extend the last locustfile flag, in any of its forms, also from extraArgs', () => {
    const argsOf = (command: string, extraArgs?: string[]) => locustContainer(find(synth({
      thresholds: THRESHOLDS,
      spec: minimalSpec({ master: { command, extraArgs } }),
    }), 'Job', 'checkout-master')).args as string[];
    expect(argsOf('--locustfile=/lotest/src/a.py')[0]).toBe(`--locustfile=/opt/cdk8s-locust/verdict/${MODULE},/lotest/src/a.py`);
    expect(argsOf('-f/lotest/src/a.py,/lotest/src/b.py')[0]).toBe(`-f/opt/cdk8s-locust/verdict/${MODULE},/lotest/src/a.py,/lotest/src/b.py`);
    const overridden = argsOf('-f /lotest/src/a.py', ['-f', '/lotest/src/b.py']);
    expect(overridden.slice(0, 2)).toEqual(['-f', '/lotest/src/a.py']);
    expect(overridden.slice(-2)).toEqual(['-f', `/opt/cdk8s-locust/verdict/${MODULE},/lotest/src/b.py`]);
  });

  test('put the module ConfigMap in the Service\'s sync wave under Argo CD', () => {
    const objects = synth({ thresholds: THRESHOLDS, argoCd: { syncWave: 3 } });
    const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name.startsWith('checkout-verdict-'))!;
    const service = find(objects, 'Service', 'checkout-master');
    expect(configMap.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe(service.metadata.annotations['argocd.argoproj.io/sync-wave']);
  });

  test('give the same bytes twice', () => {
    expect(JSON.stringify(synth({ thresholds: THRESHOLDS, reportsClaim: 'reports' }))).toBe(JSON.stringify(synth({ thresholds: THRESHOLDS, reportsClaim: 'reports' })));
  });

  test('fails when the thresholds object is empty', () => {
    expect(synthError({ thresholds: {} })).toThrow(/thresholds sets no threshold/);
  });

  test('fails when a ratio is outside 0..1, naming the field', () => {
    expect(synthError({ thresholds: { maxFailRatio: 2 } })).toThrow(/thresholds\.maxFailRatio must be a ratio between 0 and 1 \(got 2\)/);
  });

  test('fails when a percentile is outside (0, 1), naming the field', () => {
    expect(synthError({ thresholds: { maxResponseTimePercentiles: [{ percentile: 1, max: Duration.millis(1) }] } }))
      .toThrow(/thresholds\.maxResponseTimePercentiles\[0\]\.percentile must be a fraction strictly between 0 and 1 \(got 1\)/);
  });

  test('fails when the master command names no locustfile', () => {
    const spec = minimalSpec({ master: { command: '--host https://shop.example.com' } });
    expect(synthError({ thresholds: THRESHOLDS, spec })).toThrow(/spec\.master\.command names no locustfile \(-f or --locustfile\)/);
  });

  test('fails when the locustfile is a directory or has no .py extension', () => {
    const spec = minimalSpec({ master: { command: '-f /lotest/src' } });
    expect(synthError({ thresholds: THRESHOLDS, spec })).toThrow(/spec\.master\.command names a locustfile that is not a \.py file.*\(got \["\/lotest\/src"\]\)/);
  });

  test('fails in operator mode, which does not write the Jobs', () => {
    expect(synthError({ thresholds: THRESHOLDS, mode: RenderMode.OPERATOR })).toThrow(/thresholds needs the workload mode/);
  });
});

describe('reports', () => {
  test('make the master write the HTML report and CSV stats into the mounted volume, named after the test', () => {
    // WHEN a test keeps its reports on a claim
    const master = find(synth({ reportsClaim: 'load-reports' }), 'Job', 'checkout-master');

    // THEN the report flags come after every other argument
    const container = locustContainer(master);
    expect(container.args.slice(-2)).toEqual(['--html=/opt/cdk8s-locust/reports/checkout.html', '--csv=/opt/cdk8s-locust/reports/checkout']);

    // AND the claim is mounted there
    expect(master.spec.template.spec.volumes).toContainEqual({ name: 'pvc-load-reports', persistentVolumeClaim: { claimName: 'load-reports', readOnly: false } });
    expect(container.volumeMounts).toContainEqual({ name: 'pvc-load-reports', mountPath: '/opt/cdk8s-locust/reports' });
  });

  test('carry the run id in the file names, made safe for a path', () => {
    const args = locustContainer(find(synth({ reportsClaim: 'r', runId: '2026-12-01/nightly {u}' }), 'Job', 'checkout-master')).args;
    expect(args.slice(-2)).toEqual(['--html=/opt/cdk8s-locust/reports/checkout-2026-12-01-nightly--u-.html', '--csv=/opt/cdk8s-locust/reports/checkout-2026-12-01-nightly--u-']);
  });

  test('add the full history when asked', () => {
    const args = locustContainer(find(synth({ reportsClaim: 'r', reports: { fullHistory: true } as any }), 'Job', 'checkout-master')).args;
    expect(args.slice(-1)).toEqual(['--csv-full-history']);
  });

  test('leave the worker Job exactly as without them', () => {
    expect(find(synth({ reportsClaim: 'r' }), 'Job', 'checkout-worker')).toEqual(find(synth(), 'Job', 'checkout-worker'));
  });

  test('fails when the master already passes --html', () => {
    const app = new App({ outdir: '/nonexistent-never-written' });
    const chart = new Chart(app, 'c');
    const volume = kplus.Volume.fromEmptyDir(chart, 'Reports', 'reports');
    new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec({ master: { command: '-f /lotest/src/l.py', extraArgs: ['--html=mine.html'] } }), reports: { volume } });
    expect(() => app.synthYaml()).toThrow(/spec\.master passes --html, which reports sets itself \(got "--html=mine.html"\)/);
  });

  test('fails when the report volume has the name of a volume of the spec', () => {
    const app = new App({ outdir: '/nonexistent-never-written' });
    const chart = new Chart(app, 'c');
    const volume = kplus.Volume.fromEmptyDir(chart, 'Reports', 'data');
    const spec = minimalSpec({ volumes: [{ name: 'data', emptyDir: {} }], volumeMounts: [{ name: 'data', mountPath: '/data', target: 'both' } as any] });
    new LocustTest(chart, 't', { name: 'checkout', spec, reports: { volume } });
    expect(() => app.synthYaml()).toThrow(/reports\.volume has the name of another volume of the master pod \(got "data"\)/);
  });
});

describe('reports from another cdk8s-plus major', () => {
  /** The shape of a cdk8s-plus-33 Volume: its own class, so not an instance of cdk8s-plus-28's. */
  class OtherMajorVolume {
    public readonly name = 'pvc-load-reports';
    public _toKube() {
      return { name: this.name, persistentVolumeClaim: { claimName: 'load-reports', readOnly: false } };
    }
  }

  test('mount a volume that has the members every major shares', () => {
    // WHEN the report volume is not a cdk8s-plus-28 object
    const master = find(synth({ reports: { volume: new OtherMajorVolume() } }), 'Job', 'checkout-master');

    // THEN its Kubernetes form is the master's volume, as with cdk8s-plus-28
    expect(master.spec.template.spec.volumes).toContainEqual({ name: 'pvc-load-reports', persistentVolumeClaim: { claimName: 'load-reports', readOnly: false } });
  });

  test('fails when the report volume is not a volume at all', () => {
    expect(synthError({ reports: { volume: { name: 'reports' } as any } })).toThrow(/reports\.volume must be a cdk8s-plus Volume \(got "object"\)/);
  });
});

describe('reports on a claim', () => {
  const testWith = (security?: object) => {
    const chart = new Chart(new App({ outdir: '/nonexistent-never-written' }), 'c');
    const volume = kplus.Volume.fromPersistentVolumeClaim(chart, 'Reports', kplus.PersistentVolumeClaim.fromClaimName(chart, 'Claim', 'load-reports'));
    return new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(security ? { security } : {}), reports: { volume } });
  };

  test('warn when the pod has no fsGroup, so that uid 1000 may not write to the claim', () => {
    // WHEN reports go to a claim and the pod security context has no fsGroup
    const test = testWith();

    // THEN a warning names the field and the claim
    expect(test.warnings).toContainEqual(expect.objectContaining({ path: 'spec.security.podSecurityContext.fsGroup', message: expect.stringMatching(/reports claim load-reports/) }));
  });

  test('say nothing about fsGroup once it is set', () => {
    const test = testWith({ podSecurityContext: { fsGroup: 1000 } });
    expect(test.warnings.filter((w) => w.path.includes('fsGroup'))).toEqual([]);
  });
});

describe('resolveVerdict', () => {
  const spec = (overrides: Record<string, unknown> = {}) => minimalSpecJson(overrides) as SpecJson;
  const thresholds = resolveThresholds({ maxFailRatio: 0.01 });
  const reportsOn = (name: string) => ({ volume: kplus.Volume.fromEmptyDir(new Chart(Testing.app(), 'c'), 'Reports', name) });

  test('reads the master\'s arguments from its command, then its extra arguments', () => {
    expect(specMasterArgs(spec({ master: { command: '-f /lotest/src/a.py  --headless', extraArgs: ['--host', 'https://shop.example.com'] } })))
      .toEqual(['-f', '/lotest/src/a.py', '--headless', '--host', 'https://shop.example.com']);
  });

  test('gives the summary the test name, and the run id only when there is one', () => {
    expect(resolveVerdict({ testName: 'checkout', spec: spec(), thresholds }).verdict.summary).toEqual({ testName: 'checkout' });
    expect(resolveVerdict({ testName: 'checkout', spec: spec(), thresholds, runId: 'r7' }).verdict.summary).toEqual({ testName: 'checkout', runId: 'r7' });
  });

  test('loads the module for reports alone when the master can load it, so that the run leaves a summary', () => {
    // WHEN a test keeps reports, without thresholds or a gate
    const resolved = resolveVerdict({ testName: 'checkout', spec: spec(), reports: reportsOn('reports') });

    // THEN the module is loaded, and nothing is wrong
    expect(resolved.problems).toEqual([]);
    expect(resolved.verdict.summary).toEqual({ testName: 'checkout' });
    expect(resolved.verdict.thresholds).toBeUndefined();
  });

  test('keeps reports alone, without a problem, when the master names no locustfile', () => {
    const resolved = resolveVerdict({ testName: 'checkout', spec: spec({ master: { command: '--host https://shop.example.com' } }), reports: reportsOn('reports') });
    expect(resolved.problems).toEqual([]);
    expect(resolved.verdict.summary).toBeUndefined();
    expect(resolved.verdict.reports?.args).toEqual(['--html=/opt/cdk8s-locust/reports/checkout.html', '--csv=/opt/cdk8s-locust/reports/checkout']);
  });

  test.each([['cdk8s-locust-verdict'], ['cdk8s-locust-baseline']])('fails when the report volume is named %s, a volume the verdict mounts', (name) => {
    expect(resolveVerdict({ testName: 'checkout', spec: spec(), reports: reportsOn(name) }).problems)
      .toEqual([expect.objectContaining({ path: 'reports.volume', message: 'has the name of another volume of the master pod', value: name })]);
  });

  test('fails once, in the words of thresholds, when thresholds and a gate both need a locustfile the master does not name', () => {
    const resolved = resolveVerdict({
      testName: 'checkout',
      spec: spec({ master: { command: '--host https://shop.example.com' } }),
      thresholds,
      reports: reportsOn('reports'),
      regression: { baseline: RegressionBaseline.fromReports() },
    });
    expect(resolved.problems).toEqual([{
      path: 'spec.master.command',
      message: 'names no locustfile (-f or --locustfile); thresholds add their check next to it',
      value: '--host https://shop.example.com',
      fix: 'add --locustfile /lotest/src/<file>.py to spec.master.command',
    }]);
  });

  test('fails when the gate\'s baseline is wrong, with the gate\'s own problem', () => {
    const resolved = resolveVerdict({ testName: 'checkout', spec: spec(), thresholds, regression: { baseline: RegressionBaseline.fromReports() } });
    expect(resolved.problems.map((problem) => problem.message)).toEqual(['is the reports volume, but the test keeps no reports']);
  });

  test('names every file of the locustfile list that is not a .py file', () => {
    const resolved = resolveVerdict({ testName: 'checkout', spec: spec({ master: { command: '-f /lotest/src/a.py,/lotest/src/pkg,/lotest/src/b.txt' } }), thresholds });
    expect(resolved.problems).toEqual([expect.objectContaining({ path: 'spec.master.command', value: ['/lotest/src/pkg', '/lotest/src/b.txt'] })]);
  });
});

describe('the verdict\'s ConfigMaps', () => {
  const chart = () => new Chart(Testing.app(), 'c');

  test('hold the module under its versioned name, named after the test and the module, in the test\'s namespace', () => {
    const configMap = createVerdictConfigMap(chart(), 'shop.checkout', 'load').toJson();
    expect(configMap.metadata).toEqual({ name: expect.stringMatching(/^shop-checkout-verdict-[0-9a-f]{10}$/), namespace: 'load' });
    expect(configMap.data).toEqual({ [MODULE]: verdictModuleSource(packageVersion()) });
    expect(createVerdictConfigMap(chart(), 'checkout', undefined).toJson().metadata).toEqual({ name: expect.stringMatching(/^checkout-verdict-[0-9a-f]{10}$/) });
  });

  test('hold the baseline as given, under a name that changes with it, so that a new baseline gives new Jobs', () => {
    const one = createBaselineConfigMap(chart(), 'checkout', 'load', '{"a":1}\n').toJson();
    const same = createBaselineConfigMap(chart(), 'checkout', 'load', '{"a":1}\n').toJson();
    const other = createBaselineConfigMap(chart(), 'checkout', 'load', '{"a":2}\n').toJson();
    expect(one.metadata).toEqual({ name: expect.stringMatching(/^checkout-baseline-[0-9a-f]{10}$/), namespace: 'load' });
    expect(one.data).toEqual({ 'baseline.summary.json': '{"a":1}\n' });
    expect(same.metadata.name).toBe(one.metadata.name);
    expect(other.metadata.name).not.toBe(one.metadata.name);
    expect(createBaselineConfigMap(chart(), 'checkout', undefined, '{}').toJson().metadata.namespace).toBeUndefined();
  });
});

describe('withVerdict', () => {
  const jobSpec = () => ({ template: { spec: {
    containers: [
      { name: 'locust', args: ['--locustfile', '/lotest/src/a.py', '--master'], env: [{ name: 'A', value: '1' }] },
      { name: 'exporter', args: ['--x'], env: [] },
    ],
  } } });
  const containerOf = (spec: any, name: string) => byName(spec.template.spec.containers, name);
  const reports = { volume: { name: 'reports', emptyDir: {} }, args: ['--html=/opt/cdk8s-locust/reports/c.html'] };

  test('leaves a Job without a summary or reports as it is', () => {
    const spec = jobSpec();
    expect(withVerdict(spec, 'locust', { thresholds: undefined }, {})).toBe(spec);
  });

  test('keeps reports alone when the module is not loaded: the report flags last, the volume mounted', () => {
    const edited = withVerdict(jobSpec(), 'locust', { reports }, {}) as any;
    expect(containerOf(edited, 'locust')).toEqual({
      name: 'locust',
      args: ['--locustfile', '/lotest/src/a.py', '--master', '--html=/opt/cdk8s-locust/reports/c.html'],
      env: [{ name: 'A', value: '1' }],
      volumeMounts: [{ name: 'reports', mountPath: '/opt/cdk8s-locust/reports' }],
    });
    expect(edited.template.spec.volumes).toEqual([{ name: 'reports', emptyDir: {} }]);
    expect(containerOf(edited, 'exporter')).toEqual(jobSpec().template.spec.containers[1]);
  });

  test('points the gate at the reports folder without a baseline volume when the baseline is the reports', () => {
    // GIVEN a gate on the reports, with the module loaded
    const edited = withVerdict(jobSpec(), 'locust', {
      summary: { testName: 'checkout' },
      reports,
      regression: { baselinePath: '/opt/cdk8s-locust/reports', config: { limits: DEFAULT_REGRESSION_LIMITS } },
    }, { module: 'checkout-verdict-0123456789' }) as any;

    // THEN the master reads the baseline from its reports, and mounts only the module and the reports
    const locust = containerOf(edited, 'locust');
    expect(envVar(locust, 'CDK8S_LOCUST_BASELINE')).toEqual({ name: 'CDK8S_LOCUST_BASELINE', value: '/opt/cdk8s-locust/reports' });
    expect(JSON.parse(envVar(locust, 'CDK8S_LOCUST_REGRESSION').value)).toEqual({ limits: DEFAULT_REGRESSION_LIMITS });
    expect(envNames(locust)).toEqual(['A', 'CDK8S_LOCUST_TEST', 'CDK8S_LOCUST_BASELINE', 'CDK8S_LOCUST_REGRESSION']);
    expect(edited.template.spec.volumes.map((volume: any) => volume.name)).toEqual(['cdk8s-locust-verdict', 'reports']);
    expect(locust.args[locust.args.indexOf('--locustfile') + 1]).toBe(`/opt/cdk8s-locust/verdict/${MODULE},/lotest/src/a.py`);
  });

  test('gives the module the run id when there is one', () => {
    const edited = withVerdict(jobSpec(), 'locust', { summary: { testName: 'checkout', runId: 'r7' } }, { module: 'checkout-verdict-0123456789' }) as any;
    expect(envVar(containerOf(edited, 'locust'), 'CDK8S_LOCUST_RUN_ID')).toEqual({ name: 'CDK8S_LOCUST_RUN_ID', value: 'r7' });
  });
});

describe('withVerdict and what the Job had already', () => {
  test('keeps the volumes and mounts the Job had, and adds its own after them', () => {
    // GIVEN a master that mounts a volume of the spec
    const jobSpec = { template: { spec: {
      volumes: [{ name: 'data', emptyDir: {} }],
      containers: [{ name: 'locust', args: ['--locustfile', '/lotest/src/a.py'], env: [], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    } } };

    // WHEN reports are added
    const edited = withVerdict(jobSpec, 'locust', { reports: { volume: { name: 'reports', emptyDir: {} }, args: [] } }, {}) as any;

    // THEN the spec's volume stays mounted beside the reports
    expect(edited.template.spec.volumes.map((volume: any) => volume.name)).toEqual(['data', 'reports']);
    expect(byName(edited.template.spec.containers, 'locust').volumeMounts.map((mount: any) => mount.name)).toEqual(['data', 'reports']);
  });

  test('loads no module when it has no ConfigMap to mount it from', () => {
    const jobSpec = { template: { spec: { containers: [{ name: 'locust', args: ['--locustfile', '/lotest/src/a.py'], env: [] }] } } };
    const edited = withVerdict(jobSpec, 'locust', { summary: { testName: 'checkout' } }, {}) as any;
    expect(byName(edited.template.spec.containers, 'locust')).toEqual({ name: 'locust', args: ['--locustfile', '/lotest/src/a.py'], env: [], volumeMounts: [] });
  });
});

describe('resolveVerdict without thresholds, reports or a gate', () => {
  test('loads no module', () => {
    expect(resolveVerdict({ testName: 'checkout', spec: minimalSpecJson() as SpecJson })).toEqual({ verdict: {}, problems: [] });
  });

  test('tells how to name a locustfile the module can be listed with', () => {
    const resolved = resolveVerdict({ testName: 'checkout', spec: minimalSpecJson({ master: { command: '-f /lotest/src' } }) as SpecJson, thresholds: resolveThresholds({ maxFailRatio: 0.01 }) });
    expect(resolved.problems.map((problem) => problem.fix)).toEqual(['name the locustfile with its .py extension (a directory cannot be combined)']);
  });
});
