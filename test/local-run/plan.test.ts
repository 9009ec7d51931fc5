// Mutants of plan.ts that no test can tell apart (line numbers of plan.ts):
// - line 118, `true` or `!== "Stryker was here!"` for `env[variable] !== ''`: an empty LOCUST_
//   variable names the working directory, which is inside the folder, so it is never reported.
// - line 135, the sort left out or changed: of two paths where one starts the other, the shorter
//   matches only up to a `/`, and the rest of the value follows, so the mapped text is the same.
// - lines 163, 174, 175, 247 and 345, `.` for `?.` after `spec` or `template`: selectTest takes
//   only Jobs whose pod template carries the test's labels, so both are there.
// - lines 208 and 340, a list holding a string for `[]` returned with a problem, lines 205, 249,
//   250 and 257, another path or a non-empty list for problems that are thrown away, lines 285 and
//   290, `true`/`false` for checks on a process plan that is missing only with a problem, and line
//   287, any change to the break after the first worker: every one of these ends in the same
//   problems (each given once) or the same plan.
// - line 237, `setup: []` for no setup: the runner reads a missing setup as an empty one.
// - line 305, `.image` for `?.image`: the master has a container, or planning ended with a problem.
// - line 310, `parseLocustDuration(undefined)`: it gives undefined, as the check did.
// - lines 327 and 329, `false` for `command.length === 0` and for `typeof file !== 'string'`:
//   the next checks refuse an empty command and a file that is not an absolute path all the same.
// - line 346, `true` for `typeof parallelism === 'number'`: Number.isInteger is false for anything
//   but a number.
import * as fc from 'fast-check';
import { LocalRunPlan, longFlags, mapContainerPaths, mapServiceHost, MAX_LOCAL_WORKERS, outputsOutside, parseLocustDuration, planLocalRun } from '../../src/local-run/plan';
import { KubeObject, LocalTest, selectTest } from '../../src/local-run/select';
import { locustTestYaml, renderedObjects, withRequirementsObjects } from './rendered';
import { lastOptionValue } from '../../src/core/locust-args';

/** The value Locust reads for a long option. */
const valueOf = (args: readonly string[], long: string): string | undefined => lastOptionValue(args, { long })?.value;

const SITE = { root: '/tmp/run', masterPort: 40001, webPort: 40002 };
const FILES = `apiVersion: v1
kind: ConfigMap
metadata: {name: files, namespace: load}
data: {a.py: "print(1)", b.py: "print(2)"}
---
`;

function planOf(yaml: string, options = {}): LocalRunPlan {
  const selected = selectTest(renderedObjects(yaml));
  if (!('test' in selected)) throw new Error(JSON.stringify(selected.problem));
  const planned = planLocalRun(selected.test, options, SITE);
  if (!('plan' in planned)) throw new Error(JSON.stringify(planned.problems));
  return planned.plan;
}

function problemsOf(yaml: string): string[] {
  const selected = selectTest(renderedObjects(yaml));
  if (!('test' in selected)) throw new Error(JSON.stringify(selected.problem));
  const planned = planLocalRun(selected.test, {}, SITE);
  return 'problems' in planned ? planned.problems.map((problem) => `${problem.path} ${problem.message}`) : [];
}

/** The rendered `shop` test as `run` selects it, for a test that edits its manifests by hand. */
function shopTest(): LocalTest {
  const selected = selectTest(renderedObjects(FILES + locustTestYaml('shop')));
  if (!('test' in selected)) throw new Error(JSON.stringify(selected.problem));
  return selected.test;
}

/** The problems of a rendered test after `edit` changed its manifests, as a hand edit would. */
function problemsAfter(edit: (test: LocalTest) => void, options = {}, objects = renderedObjects(FILES + locustTestYaml('shop'))): string[] {
  const selected = selectTest(objects);
  if (!('test' in selected)) throw new Error(JSON.stringify(selected.problem));
  edit(selected.test);
  const planned = planLocalRun(selected.test, options, SITE);
  return 'problems' in planned ? planned.problems.map((problem) => `${problem.path} ${problem.message}`) : [];
}

/** The Locust container of a Job, found by its name as the operator names it. */
function locustOf(job: KubeObject): KubeObject {
  return job.spec.template.spec.containers.find((container: KubeObject) => container.name === job.metadata.name);
}

function requirementsInit(job: KubeObject): KubeObject {
  return job.spec.template.spec.initContainers.find((container: KubeObject) => container.name === 'install-requirements');
}

describe('mapContainerPaths', () => {
  test.each([
    ['/lotest/src/a.py', '/tmp/r/lotest/src/a.py'],
    ['--locustfile=/lotest/src/a.py,/lotest/src/b.py', '--locustfile=/tmp/r/lotest/src/a.py,/tmp/r/lotest/src/b.py'],
    ['/opt/locust/lib:/lotest/src', '/tmp/r/opt/locust/lib:/tmp/r/lotest/src'],
    ['/lotest/srcs/a.py', '/lotest/srcs/a.py'],
    ['x/lotest/src', 'x/lotest/src'],
  ])('maps %s to %s', (value, mapped) => {
    expect(mapContainerPaths(value, ['/lotest/src', '/opt/locust/lib'], '/tmp/r')).toBe(mapped);
  });
});

describe('outputsOutside', () => {
  test('finds the files Locust would write outside the folder, in args and LOCUST_ variables', () => {
    // GIVEN file options inside the folder, outside it, and climbing out of it
    const args = ['--html=/tmp/run/master/reports/a.html', '--csv', 'stats/run', '--logfile', '/var/log/locust.log', '--html', '../../../../home/me/.bashrc'];
    const env = { LOCUST_CSV: '/etc/stats', LOCUST_HOST: '/not/a/file' };

    // THEN only those outside are named
    expect(outputsOutside(args, env, '/tmp/run/master/home/locust', '/tmp/run/master')).toEqual([
      { flag: '--logfile', value: '/var/log/locust.log' },
      { flag: '--html', value: '../../../../home/me/.bashrc' },
      { flag: 'LOCUST_CSV', value: '/etc/stats' },
    ]);
  });
});

describe('mapServiceHost', () => {
  test.each([
    ['--master-host=shop-master', '--master-host=127.0.0.1'],
    ['http://shop-master.load.svc.cluster.local:8089/x', 'http://127.0.0.1:8089/x'],
    ['shop-master.load', '127.0.0.1'],
    ['shop-master-2', 'shop-master-2'],
    ['my-shop-master', 'my-shop-master'],
    ['shop-master.other', 'shop-master.other'],
  ])('maps %s to %s', (value, mapped) => {
    expect(mapServiceHost(value, 'shop-master', 'load')).toBe(mapped);
  });
});

describe('parseLocustDuration', () => {
  test.each([['90', 90], ['10s', 10], ['5m', 300], ['1h30m', 5400], ['soon', undefined], ['', undefined]])('parses the duration %s as %s seconds', (text, seconds) => {
    expect(parseLocustDuration(text)).toBe(seconds);
  });
});

describe('planLocalRun', () => {
  test('maps the mount paths and the Service name, and gives the master free local ports', () => {
    // GIVEN a rendered test with a locustfile ConfigMap
    const plan = planOf(FILES + locustTestYaml('shop'));

    // THEN the locustfile path points into the master's folder, which holds the ConfigMap's files
    expect(plan.master.args.slice(0, 2)).toEqual(['-f', '/tmp/run/master/lotest/src/a.py']);
    expect(plan.master.entries).toContainEqual({ kind: 'file', path: '/tmp/run/master/lotest/src/a.py', content: Buffer.from('print(1)'), mode: 0o644 });
    expect(plan.master.cwd).toBe('/tmp/run/master/home/locust');
    expect(plan.master.args).toEqual(expect.arrayContaining(['--master-bind-host=127.0.0.1', '--master-bind-port=40001', '--web-host=127.0.0.1', '--web-port=40002']));
    // AND each worker has its own folder, reaches the master on 127.0.0.1 and its local port
    expect(plan.workers.map((worker) => worker.label)).toEqual(['worker 1', 'worker 2', 'worker 3']);
    expect(plan.workers[1].args).toEqual(['-f', '/tmp/run/worker-2/lotest/src/a.py', '--worker', '--master-port=5557', '--master-host=127.0.0.1', '--master-port=40001']);
  });

  test('says what is not run and where the load goes', () => {
    const plan = planOf(FILES + locustTestYaml('shop', '', '-f /lotest/src/a.py --host http://shop.example.com --run-time 2m'));
    expect(plan.notRun).toEqual(['sidecar locust-metrics-exporter of Job shop-master (containersol/locust_exporter:v0.5.0): only Locust runs locally']);
    expect(plan.target).toBe('http://shop.example.com (the master\'s --host)');
    expect(plan.runTimeSeconds).toBe(120);
  });

  test('says that init containers, such as the start delay of an Argo CD hook, are not run', () => {
    const test = shopTest();
    const pod = test.masterJob.spec.template.spec;
    pod.initContainers = [{ name: 'start-delay', image: 'busybox:1.36', command: ['sleep', '30'] }, ...pod.initContainers];
    const planned = planLocalRun(test, {}, SITE);
    if (!('plan' in planned)) throw new Error('no plan');
    expect(planned.plan.notRun[0]).toBe('init container start-delay of Job shop-master (busybox:1.36): only Locust runs locally');
  });

  test('the run\'s options come last, so that Locust keeps them', () => {
    // GIVEN a test and every option of run
    const plan = planOf(FILES + locustTestYaml('shop', '', '-f /lotest/src/a.py --host http://shop.example.com --run-time 2m'), { host: 'http://127.0.0.1:9', runTime: '5s', workers: 1 });

    // THEN the master gets them after its own flags, autoquit shortened, and one worker runs
    expect(valueOf(plan.master.args, '--host')).toBe('http://127.0.0.1:9');
    expect(valueOf(plan.master.args, '--run-time')).toBe('5s');
    expect(valueOf(plan.master.args, '--expect-workers')).toBe('1');
    expect(valueOf(plan.master.args, '--autoquit')).toBe('0');
    expect(plan.workers).toHaveLength(1);
    expect(valueOf(plan.workers[0].args, '--host')).toBe('http://127.0.0.1:9');
    expect(plan.target).toBe('http://127.0.0.1:9 (from --host)');
    expect(plan.runTimeSeconds).toBe(5);
  });

  test('names the locustfile\'s own host as the target when the test gives no --host', () => {
    expect(planOf(FILES + locustTestYaml('shop')).target).toContain('the host attribute of the locustfile');
  });

  test('keeps autoquit as it is when the test turns it off', () => {
    const plan = planOf(FILES + locustTestYaml('shop').replace('master: {command: "-f /lotest/src/a.py"}', 'master: {command: "-f /lotest/src/a.py", autoquit: {enabled: false}}'));
    expect(plan.master.args.some((arg) => arg.startsWith('--autoquit'))).toBe(false);
  });

  test('resolves env from the input\'s ConfigMaps and Secrets and maps paths in values', () => {
    // GIVEN env from a ConfigMap, a Secret key and a value naming a mount path
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: token, namespace: load}\ndata: {TOKEN: czNjcjN0}\n---\n';
    const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: load}\ndata: {CURRENCY: EUR}\n---\n';
    const env = `  env:
    configMapRefs: [{name: settings}]
    variables:
      - {name: PYTHONPATH, value: /lotest/src:/elsewhere}
      - {name: TOKEN, valueFrom: {secretKeyRef: {name: token, key: TOKEN}}}
      - {name: TARGET, value: "http://shop-master:8089/$(CURRENCY)"}
`;
    const plan = planOf(FILES + secret + settings + locustTestYaml('shop', env));

    // THEN the values are those a pod would see, with paths and the Service name mapped
    expect(plan.master.env).toEqual(expect.objectContaining({
      CURRENCY: 'EUR',
      TOKEN: 's3cr3t',
      PYTHONPATH: '/tmp/run/master/lotest/src:/elsewhere',
      TARGET: 'http://127.0.0.1:8089/EUR',
    }));
  });

  test('fails when a mounted ConfigMap is not in the input', () => {
    expect(problemsOf(locustTestYaml('shop'))).toEqual([
      'Job shop-master: spec.template.spec.volumes[0].configMap.name names a ConfigMap that is not in the input',
      'Job shop-worker: spec.template.spec.volumes[0].configMap.name names a ConfigMap that is not in the input',
    ]);
  });

  test('fails when an env ConfigMap is not in the input', () => {
    expect(problemsOf(FILES + locustTestYaml('shop', '  env:\n    configMapRefs: [{name: missing}]\n'))).toEqual([
      'Job shop-master: spec.template.spec.containers[0].envFrom[0].configMapRef.name names a ConfigMap that is not in the input',
      'Job shop-worker: spec.template.spec.containers[0].envFrom[0].configMapRef.name names a ConfigMap that is not in the input',
    ]);
  });

  test('fails when a volume kind cannot exist on this machine', () => {
    const volumes = '  volumes: [{name: data, hostPath: {path: /data}}]\n  volumeMounts: [{name: data, mountPath: /data, target: both}]\n';
    expect(problemsOf(FILES + locustTestYaml('shop', volumes))).toEqual([
      'Job shop-master: spec.template.spec.volumes[1] is a hostPath volume, which a local run cannot provide',
      'Job shop-worker: spec.template.spec.volumes[1] is a hostPath volume, which a local run cannot provide',
    ]);
  });

  test('stands in for a PersistentVolumeClaim with an empty folder of the process, and says which', () => {
    // GIVEN the master keeps files on a claim (as reports do)
    const volumes = '  volumes: [{name: reports, persistentVolumeClaim: {claimName: load-reports}}]\n  volumeMounts: [{name: reports, mountPath: /reports, target: master}]\n';
    const plan = planOf(FILES + locustTestYaml('shop', volumes));

    // THEN the master gets an empty folder at the mount path, named in the plan
    expect(plan.master.entries).toContainEqual({ kind: 'directory', path: '/tmp/run/master/reports' });
    expect(plan.standIns).toEqual(['PersistentVolumeClaim load-reports of the master (/reports): the folder /tmp/run/master/reports']);
  });

  test('lists the long flags the processes pass, for the local Locust to be checked against', () => {
    expect(longFlags(planOf(FILES + locustTestYaml('shop')))).toEqual([
      '--autoquit', '--autostart', '--enable-rebalancing', '--expect-workers', '--master', '--master-bind-host', '--master-bind-port',
      '--master-host', '--master-port', '--only-summary', '--web-host', '--web-port', '--worker',
    ]);
  });

  test('fails when a mount path is relative, which would place the volume outside the process\'s folder', () => {
    // GIVEN a mount whose relative path climbs out of any folder it is joined to
    const problems = problemsAfter((test) => { locustOf(test.masterJob).volumeMounts[0].mountPath = '../../../../../../../../home/me/.ssh'; });

    // THEN the run refuses it, naming the field
    expect(problems).toEqual(['Job shop-master: spec.template.spec.containers[0].volumeMounts[0].mountPath is not an absolute path']);
  });

  test('fails when a working directory is relative', () => {
    const problems = problemsAfter((test) => { locustOf(test.workerJob).workingDir = '../../elsewhere'; });
    expect(problems).toEqual(['Job shop-worker: spec.template.spec.containers[0].workingDir is not an absolute path']);
  });

  test.each([
    ['a map as env', (container: KubeObject) => { container.env = { TOKEN: 'x' }; }, 'Job shop-master: spec.template.spec.containers[0].env must be a list, not a map'],
    ['a number as an env value', (container: KubeObject) => { container.env = [{ name: 'USERS', value: 5 }]; }, 'Job shop-master: spec.template.spec.containers[0].env[0].value must be a string, not a number'],
    ['a string as args', (container: KubeObject) => { container.args = '--master'; }, 'Job shop-master: spec.template.spec.containers[0].args must be a list of strings'],
    ['a map as volumeMounts', (container: KubeObject) => { container.volumeMounts = { src: '/lotest/src' }; }, 'Job shop-master: spec.template.spec.containers[0].volumeMounts must be a list, not a map'],
  ])('fails with the field named when the master container has %s', (_what, edit, problem) => {
    expect(problemsAfter((test) => edit(locustOf(test.masterJob)))).toContain(problem);
  });

  test.each([0, MAX_LOCAL_WORKERS + 1, 2.5, 'three'])('fails when the worker Job\'s parallelism is %p, pointing at --workers', (parallelism) => {
    expect(problemsAfter((test) => { test.workerJob.spec.parallelism = parallelism; })).toEqual([`Job shop-worker: spec.parallelism must be a whole number from 1 to ${MAX_LOCAL_WORKERS} for a local run`]);
  });

  test('takes --workers over a parallelism it could not run', () => {
    expect(problemsAfter((test) => { test.workerJob.spec.parallelism = 0; }, { workers: 1 })).toEqual([]);
  });

  test('runs the requirements init container with the library\'s own command, its paths in the process\'s folder', () => {
    // GIVEN a synthesized test with a requirements file
    const selected = selectTest(withRequirementsObjects());
    if (!('test' in selected)) throw new Error('no test');

    // WHEN it is planned
    const planned = planLocalRun(selected.test, {}, SITE);
    if (!('plan' in planned)) throw new Error(JSON.stringify(planned.problems));

    // THEN pip installs the file of the master's folder into the master's requirements folder
    expect(planned.plan.master.setup?.[0].pythonArgs).toEqual(['-m', 'pip', 'install', '--no-cache-dir', '--disable-pip-version-check', '--target', '/tmp/run/master/opt/cdk8s-locust/requirements', '--requirement', '/tmp/run/master/lotest/src/requirements.txt']);
  });

  test.each([
    ['args added to the command', (init: KubeObject) => { init.args = ['--target', '/home/me']; }],
    ['a --target elsewhere', (init: KubeObject) => { init.command = init.command.map((word: string) => (word === '/opt/cdk8s-locust/requirements' ? '/home/me/.local' : word)); }],
    ['a local package instead of the file', (init: KubeObject) => { init.command = ['python', '-m', 'pip', 'install', '/lotest/src/package']; }],
    ['a requirements file outside its mounts', (init: KubeObject) => { init.command = [...init.command.slice(0, -1), '/etc/requirements.txt']; }],
  ])('fails when the install-requirements init container has %s', (_what, edit) => {
    // GIVEN the library's init container, edited by hand
    const problems = problemsAfter((test) => edit(requirementsInit(test.masterJob)), {}, withRequirementsObjects());

    // THEN the run refuses to run pip with it
    expect(problems).toEqual([expect.stringMatching(/^Job shop-master: spec\.template\.spec\.initContainers\[0\]\.(command is not the command this library writes for install-requirements|volumeMounts mounts no volume at \/etc\/requirements\.txt)/)]);
  });

  test('fails when the master would have Locust write a report outside the run\'s folder', () => {
    const problems = problemsAfter((test) => { locustOf(test.masterJob).args.push('--html=/home/me/report.html'); });
    expect(problems).toEqual(['Job shop-master: spec.template.spec.containers[0].args has Locust write --html to /home/me/report.html, outside the run\'s folder, on this machine']);
  });
});

describe('planLocalRun on hand-edited manifests', () => {
  /** Where a hand edit of rendered manifests can put any value, relative to the master Job's pod spec. */
  const PLACES: string[][] = [
    ['containers', '0', 'env'], ['containers', '0', 'env', '0'], ['containers', '0', 'env', '0', 'valueFrom'], ['containers', '0', 'envFrom'],
    ['containers', '0', 'args'], ['containers', '0', 'command'], ['containers', '0', 'workingDir'], ['containers', '0', 'volumeMounts'],
    ['containers', '0', 'volumeMounts', '0'], ['containers', '0', 'volumeMounts', '0', 'mountPath'], ['containers', '0', 'volumeMounts', '0', 'subPath'],
    ['volumes'], ['volumes', '0'], ['volumes', '0', 'configMap'], ['volumes', '0', 'configMap', 'items'], ['volumes', '0', 'configMap', 'defaultMode'],
    ['initContainers'], ['containers'], ['containers', '0'],
  ];

  test('never throws: every malformed field is a problem', () => {
    fc.assert(fc.property(fc.constantFrom(...PLACES), fc.anything(), (place, value) => {
      // GIVEN the master's pod with any value at one place
      const test = shopTest();
      let target: any = test.masterJob.spec.template.spec;
      for (const key of place.slice(0, -1)) target = target?.[key];
      if (target === undefined || target === null || typeof target !== 'object') return;
      target[place[place.length - 1]] = value;

      // THEN planning gives a plan or problems, never an exception
      const planned = planLocalRun(test, {}, SITE);
      expect('plan' in planned || planned.problems.length > 0).toBe(true);
    }), { numRuns: 150 });
  });
});

describe('a target inside the cluster', () => {
  const TARGET_TEST = FILES + locustTestYaml('shop', '', '-f /lotest/src/a.py --host http://catalogue.shop.svc:8080', '-f /lotest/src/a.py --host http://catalogue.shop.svc:8080');

  function targetProblems(yaml: string, options = {}): string[] {
    const selected = selectTest(renderedObjects(yaml));
    if (!('test' in selected)) throw new Error(JSON.stringify(selected.problem));
    const planned = planLocalRun(selected.test, options, SITE);
    return 'problems' in planned ? planned.problems.map((problem) => `${problem.path} ${problem.message} (got ${String(problem.value)}); ${problem.fix}`) : [];
  }

  test('fails when the test names a *.svc target and the run gives no --host, saying to pass one', () => {
    // WHEN the test's target is a cluster DNS name and nothing confirms it
    const problems = targetProblems(TARGET_TEST);

    // THEN the run is refused once, naming the target and both ways out
    expect(problems).toEqual([
      "the master's --host names catalogue.shop.svc, a host inside the cluster, which this machine may resolve to a real service (got http://catalogue.shop.svc:8080); pass --host URL with this run's target (e.g. --host http://127.0.0.1:8080), or --use-test-host to load the test's own target from here",
    ]);
  });

  test.each([
    ['a bare Service name', 'http://catalogue:8080', 'catalogue'],
    ['a cluster.local name', 'https://catalogue.shop.svc.cluster.local/x', 'catalogue.shop.svc.cluster.local'],
  ])('fails when the target is %s', (_what, target, host) => {
    const problems = targetProblems(FILES + locustTestYaml('shop', '', `-f /lotest/src/a.py --host ${target}`));
    expect(problems).toEqual([expect.stringContaining(`names ${host}, a host inside the cluster`)]);
  });

  test.each([
    ['--host', { host: 'http://127.0.0.1:8080' }],
    ['--use-test-host', { useTestHost: true }],
  ])('runs the test once %s confirms the target', (_flag, options) => {
    expect(targetProblems(TARGET_TEST, options)).toEqual([]);
  });

  test.each([
    ['the loopback address', 'http://127.0.0.1:8080'],
    ['localhost', 'http://localhost:8080'],
    ['a public name', 'https://shop.example.com'],
  ])('runs a test whose target is %s without confirmation', (_what, target) => {
    expect(targetProblems(FILES + locustTestYaml('shop', '', `-f /lotest/src/a.py --host ${target}`))).toEqual([]);
  });
});

describe('planLocalRun, what it says and appends', () => {
  /** The plan of the rendered test after `edit` changed its manifests. */
  function planAfter(edit: (test: LocalTest) => void, options = {}, objects = renderedObjects(FILES + locustTestYaml('shop'))): LocalRunPlan {
    const selected = selectTest(objects);
    if (!('test' in selected)) throw new Error(JSON.stringify(selected.problem));
    edit(selected.test);
    const planned = planLocalRun(selected.test, options, SITE);
    if (!('plan' in planned)) throw new Error(JSON.stringify(planned.problems));
    return planned.plan;
  }

  test('says each arg it appends and why, with every option of run', () => {
    // GIVEN every option of run
    const plan = planOf(FILES + locustTestYaml('shop'), { workers: 2, runTime: '1m', host: 'http://127.0.0.1:9' });

    // THEN the appended args come last, in this order, each said with its reason
    expect(plan.master.args.slice(-8)).toEqual(['--master-bind-host=127.0.0.1', '--master-bind-port=40001', '--web-host=127.0.0.1', '--web-port=40002', '--autoquit=0', '--expect-workers=2', '--run-time=1m', '--host=http://127.0.0.1:9']);
    expect(plan.workers.map((worker) => worker.args.slice(-2))).toEqual([['--master-port=40001', '--host=http://127.0.0.1:9'], ['--master-port=40001', '--host=http://127.0.0.1:9']]);
    expect(plan.overrides).toEqual([
      'master: --master-bind-host=127.0.0.1 --master-bind-port=40001 --web-host=127.0.0.1 --web-port=40002 (listen on this machine only, on free ports)',
      'master: --autoquit=0 (the autoquit delay lets the exporter sidecar scrape the last figures; no sidecar runs here)',
      'master: --expect-workers=2 (--workers 2)',
      'master: --run-time=1m (--run-time)',
      'workers: --master-port=40001 (the master\'s port on this machine; shop-master is 127.0.0.1)',
      'master and workers: --host=http://127.0.0.1:9 (--host)',
    ]);
    expect(plan.runTimeSeconds).toBe(60);
    expect(plan.image).toBe('locustio/locust:2.43.1');
  });

  test('appends only what one machine needs when run is given no option', () => {
    const plan = planOf(FILES + locustTestYaml('shop', '', '-f /lotest/src/a.py --host https://shop.example.com'));
    expect(plan.overrides).toEqual([
      'master: --master-bind-host=127.0.0.1 --master-bind-port=40001 --web-host=127.0.0.1 --web-port=40002 (listen on this machine only, on free ports)',
      'master: --autoquit=0 (the autoquit delay lets the exporter sidecar scrape the last figures; no sidecar runs here)',
      'workers: --master-port=40001 (the master\'s port on this machine; shop-master is 127.0.0.1)',
    ]);
    expect(plan.workers[0].args.slice(-1)).toEqual(['--master-port=40001']);
    expect(plan.runTimeSeconds).toBeUndefined();
  });

  test('runs one worker when the worker Job sets no parallelism', () => {
    expect(planAfter((test) => { delete test.workerJob.spec.parallelism; }).workers.map((worker) => worker.label)).toEqual(['worker 1']);
  });

  test('gives the downward API the pod\'s local name, namespace, labels and annotations', () => {
    // GIVEN the master reading its identity from the downward API
    const plan = planAfter((test) => {
      locustOf(test.masterJob).env = ['metadata.name', 'metadata.namespace', "metadata.labels['app']", "metadata.annotations['prometheus.io/port']"]
        .map((fieldPath, i) => ({ name: `F${i}`, valueFrom: { fieldRef: { fieldPath } } }));
    });

    // THEN it is the pod of its Job on this machine
    expect(plan.master.env).toEqual({ F0: 'shop-master-local', F1: 'load', F2: 'shop', F3: '9646' });
  });

  test('runs a command that is locust with its words before the args, the container\'s variables expanded', () => {
    // GIVEN a master whose command names locust and whose args read a variable
    const plan = planAfter((test) => {
      const container = locustOf(test.masterJob);
      container.command = ['/usr/local/bin/locust', '--locustfile', '/lotest/src/$(FILE)'];
      container.args = ['--master'];
      container.env = [{ name: 'FILE', value: 'b.py' }];
    });

    // THEN Locust gets the command's words after the program, then the args, mapped and expanded
    expect(plan.master.args.slice(0, 3)).toEqual(['--locustfile', '/tmp/run/master/lotest/src/b.py', '--master']);
  });

  test('fails when the command replaces locust with another program', () => {
    const problems = problemsAfter((test) => { locustOf(test.workerJob).command = ['sh', '-c', 'curl x']; });
    expect(problems).toEqual(['Job shop-worker: spec.template.spec.containers[0].command replaces the image\'s entrypoint with another program']);
  });

  test('fails when a Job holds no container', () => {
    expect(problemsAfter((test) => { test.masterJob.spec.template.spec.containers = []; })).toEqual(['Job shop-master: spec.template.spec.containers holds no container']);
  });

  test('says how to fix a Job without a container, a command that is not locust, and init containers that are not a list', () => {
    const test = shopTest();
    test.masterJob.spec.template.spec.containers = [];
    locustOf(test.workerJob).command = ['sh'];
    test.workerJob.spec.template.spec.initContainers = { wait: {} };
    const planned = planLocalRun(test, {}, SITE);
    expect('problems' in planned && planned.problems.map((problem) => `${problem.path}: ${problem.fix}`)).toEqual([
      'Job shop-master: spec.template.spec.containers: give the rendered manifests of the test',
      'Job shop-worker: spec.template.spec.containers[0].command: a local run starts locust with the container\'s args; leave command unset',
      'Job shop-worker: spec.template.spec.initContainers: write initContainers as a YAML list (each entry starting with -)',
    ]);
  });

  test('takes a --host of the run even when it names a host inside the cluster: the user chose it', () => {
    const plan = planOf(FILES + locustTestYaml('shop'), { host: 'http://catalogue:8080' });
    expect(plan.target).toBe('http://catalogue:8080 (from --host)');
  });

  test('names no image when the master container has none', () => {
    expect(planAfter((test) => { delete locustOf(test.masterJob).image; }).image).toBe('');
  });

  test('names the Locust container by its place in problems, after a sidecar listed first', () => {
    const problems = problemsAfter((test) => {
      const pod = test.workerJob.spec.template.spec;
      pod.containers = [{ name: 'proxy', image: 'envoy' }, { ...pod.containers[0], workingDir: 'relative' }];
    });
    expect(problems).toEqual(['Job shop-worker: spec.template.spec.containers[1].workingDir is not an absolute path']);
  });

  test('runs Locust in the container\'s working directory, mapped into the folder with its paths', () => {
    // GIVEN a working directory the args name
    const plan = planAfter((test) => {
      const container = locustOf(test.masterJob);
      container.workingDir = '/work//dir/';
      container.args = [...container.args, '--csv=/work/dir/stats'];
    });

    // THEN the process runs in the folder's copy of it, made before it starts
    expect(plan.master.cwd).toBe('/tmp/run/master/work/dir');
    expect(plan.master.entries[0]).toEqual({ kind: 'directory', path: '/tmp/run/master/work/dir' });
    expect(valueOf(plan.master.args, '--csv')).toBe('/tmp/run/master/work/dir/stats');
  });

  test('maps the paths under a mount path written with a trailing slash', () => {
    const plan = planAfter((test) => { locustOf(test.masterJob).volumeMounts[0].mountPath = '/lotest/src/'; });
    expect(plan.master.args.slice(0, 2)).toEqual(['-f', '/tmp/run/master/lotest/src/a.py']);
  });

  test('says which containers are not run: sidecars, init containers and other containers', () => {
    const plan = planAfter((test) => {
      test.workerJob.spec.template.spec.containers.push({ name: 'proxy', image: 'envoy:1' });
      test.workerJob.spec.template.spec.initContainers = [{ name: 'wait', image: 'busybox:1' }];
    });
    expect(plan.notRun).toEqual([
      'sidecar locust-metrics-exporter of Job shop-master (containersol/locust_exporter:v0.5.0): only Locust runs locally',
      'init container wait of Job shop-worker (busybox:1): only Locust runs locally',
      'container proxy of Job shop-worker (envoy:1): only Locust runs locally',
    ]);
  });

  test('takes args or a command of null as none', () => {
    const plan = planAfter((test) => {
      locustOf(test.workerJob).command = null;
      locustOf(test.workerJob).args = null;
    });
    expect(plan.workers[0].args).toEqual(['--master-port=40001']);
  });

  test('fails when args are not all strings, saying how to write them', () => {
    const test = shopTest();
    locustOf(test.masterJob).args = ['--master', 5557];
    const planned = planLocalRun(test, {}, SITE);
    expect('problems' in planned && planned.problems).toEqual([{ path: 'Job shop-master: spec.template.spec.containers[0].args', message: 'must be a list of strings', value: ['--master', 5557], fix: 'write args as a YAML list of quoted words, e.g. ["--headless"]' }]);
  });

  test('says how to choose the number of workers when parallelism cannot run here', () => {
    const test = shopTest();
    test.workerJob.spec.parallelism = 500;
    const planned = planLocalRun(test, {}, SITE);
    expect('problems' in planned && planned.problems).toEqual([{
      path: 'Job shop-worker: spec.parallelism',
      message: `must be a whole number from 1 to ${MAX_LOCAL_WORKERS} for a local run`,
      value: 500,
      fix: `give the number of local workers with --workers N (1 to ${MAX_LOCAL_WORKERS})`,
    }]);
  });

  test.each([1, MAX_LOCAL_WORKERS])('runs a parallelism of %d', (parallelism) => {
    expect(planAfter((test) => { test.workerJob.spec.parallelism = parallelism; }).workers).toHaveLength(parallelism);
  });

  test('still refuses a cluster target when --use-test-host is off', () => {
    const yaml = FILES + locustTestYaml('shop', '', '-f /lotest/src/a.py --host http://catalogue:8080');
    const selected = selectTest(renderedObjects(yaml));
    if (!('test' in selected)) throw new Error('no test');
    expect(planLocalRun(selected.test, { useTestHost: false }, SITE)).toEqual({ problems: [expect.objectContaining({ path: 'the master\'s --host' })] });
  });

  test('reports a problem the Locust container and its init container share once', () => {
    // GIVEN a test with requirements whose files ConfigMap is missing: both containers mount it
    const objects = withRequirementsObjects().filter((object) => object.kind !== 'ConfigMap');
    const problems = problemsAfter(() => undefined, {}, objects);

    // THEN each Job's volume is one problem
    expect(problems).toEqual([...new Set(problems)]);
    expect(problems.filter((problem) => problem.startsWith('Job shop-master: spec.template.spec.volumes'))).toHaveLength(1);
  });

  test('runs the requirements step as the process\'s own, labelled, with the container\'s env mapped', () => {
    // GIVEN the library's init container, with a variable naming the Service and a path
    const plan = planAfter((test) => {
      requirementsInit(test.masterJob).env = [{ name: 'PIP_INDEX_URL', value: 'http://shop-master:3141/lotest/src' }];
    }, {}, withRequirementsObjects());

    // THEN the step has its label and the env a local pip needs
    expect(plan.master.setup).toEqual([expect.objectContaining({ label: 'master install-requirements', env: { PIP_INDEX_URL: 'http://127.0.0.1:3141/lotest/src' } })]);
    expect(plan.workers[0].setup?.[0].label).toBe('worker 1 install-requirements');
  });

  test('takes an empty args list on the requirements container as none', () => {
    const plan = planAfter((test) => { requirementsInit(test.masterJob).args = []; }, {}, withRequirementsObjects());
    expect(plan.master.setup).toHaveLength(1);
  });

  test.each([
    ['a relative file', (init: KubeObject) => { init.command = [...init.command.slice(0, -1), 'requirements.txt']; }],
    ['a file path climbing with ..', (init: KubeObject) => { init.command = [...init.command.slice(0, -1), '/lotest/src/../src/requirements.txt']; }],
    ['no command', (init: KubeObject) => { delete init.command; }],
    ['an empty command', (init: KubeObject) => { init.command = []; }],
    ['a number for the file', (init: KubeObject) => { init.command = [...init.command.slice(0, -1), 7]; }],
    ['one word more', (init: KubeObject) => { init.command = ['nice', ...init.command]; }],
    ['the file named twice', (init: KubeObject) => { init.command = [...init.command, init.command.at(-1)]; }],
    ['args that are not a list', (init: KubeObject) => { init.args = '--user'; }],
  ])('fails when the install-requirements command has %s, saying what it runs', (_what, edit) => {
    // GIVEN the library's init container, edited by hand
    const selected = selectTest(withRequirementsObjects());
    if (!('test' in selected)) throw new Error('no test');
    edit(requirementsInit(selected.test.masterJob));

    // WHEN it is planned
    const planned = planLocalRun(selected.test, {}, SITE);

    // THEN the command is refused, with the one command a local run runs
    expect('problems' in planned && planned.problems).toContainEqual(expect.objectContaining({
      path: 'Job shop-master: spec.template.spec.initContainers[0].command',
      message: 'is not the command this library writes for install-requirements, which is the only init container a local run runs',
      fix: 'render the test again, or give the init container another name (a local run then leaves it out); it runs only: python -m pip install --no-cache-dir --disable-pip-version-check --target /opt/cdk8s-locust/requirements --requirement FILE',
    }));
  });

  test('shows the refused command of the install-requirements container as its words', () => {
    const selected = selectTest(withRequirementsObjects());
    if (!('test' in selected)) throw new Error('no test');
    const init = requirementsInit(selected.test.masterJob);
    init.args = ['--user'];
    const planned = planLocalRun(selected.test, {}, SITE);
    expect('problems' in planned && planned.problems[0].value).toEqual([...init.command, '--user']);
  });

  test('fails when the requirements folder is not mounted in the init container, naming the path', () => {
    const selected = selectTest(withRequirementsObjects());
    if (!('test' in selected)) throw new Error('no test');
    const init = requirementsInit(selected.test.masterJob);
    init.volumeMounts = init.volumeMounts.filter((mount: KubeObject) => mount.mountPath !== '/opt/cdk8s-locust/requirements');
    const planned = planLocalRun(selected.test, {}, SITE);
    expect('problems' in planned && planned.problems).toEqual([{
      path: 'Job shop-master: spec.template.spec.initContainers[0].volumeMounts',
      message: 'mounts no volume at /opt/cdk8s-locust/requirements, so pip would read or write it on this machine',
      value: ['/lotest/src'],
      fix: 'render the test again: the library mounts the test files and the requirements folder there',
    }]);
  });

  test('fails when the master writes a file outside the folder through a LOCUST_ variable, saying where to write it', () => {
    const test = shopTest();
    locustOf(test.masterJob).env = [{ name: 'LOCUST_LOGFILE', value: '/var/log/locust.log' }];
    const planned = planLocalRun(test, {}, SITE);
    expect('problems' in planned && planned.problems).toEqual([{
      path: 'Job shop-master: spec.template.spec.containers[0].env',
      message: 'has Locust write LOCUST_LOGFILE to /var/log/locust.log, outside the run\'s folder, on this machine',
      value: '/var/log/locust.log',
      fix: 'write it to a volume the pod mounts (an emptyDir, or the reports volume), or to a path under the working directory',
    }]);
  });

  test('fails when a working directory is relative, saying to give an absolute one', () => {
    const test = shopTest();
    locustOf(test.masterJob).workingDir = 'app';
    const planned = planLocalRun(test, {}, SITE);
    expect('problems' in planned && planned.problems).toEqual([{
      path: 'Job shop-master: spec.template.spec.containers[0].workingDir',
      message: 'is not an absolute path',
      value: 'app',
      fix: 'give an absolute path, e.g. /home/locust (a container runtime refuses a relative one)',
    }]);
  });
});

describe('plan helpers, on edge values', () => {
  test.each([['2h', 7200], ['1m30s', 90], ['1h2m3s', 3723], ['x90', undefined], ['90x', undefined], ['1.5m', undefined]])('parses the duration %s as %s seconds', (text, seconds) => {
    expect(parseLocustDuration(text)).toBe(seconds);
  });

  test('finds --csv at the end of the args with no value as no file, and LOCUST_ variables of every file option', () => {
    const env = { LOCUST_HTML: '', LOCUST_JSON_FILE: '/etc/out.json', LOCUST_LOGFILE: 'logs/l.log' };
    expect(outputsOutside(['--json-file=/tmp/run/master/x.json', '--csv'], env, '/tmp/run/master/home/locust', '/tmp/run/master')).toEqual([
      { flag: 'LOCUST_JSON_FILE', value: '/etc/out.json' },
    ]);
  });

  test('parses hours of two digits', () => {
    expect(parseLocustDuration('12h')).toBe(43_200);
  });

  test('maps every mention of the Service in a value', () => {
    expect(mapServiceHost('shop-master:5557,shop-master:8089', 'shop-master', 'load')).toBe('127.0.0.1:5557,127.0.0.1:8089');
  });

  test('leaves a value alone when no container path is mapped, and reads dots in a path as dots', () => {
    expect(mapContainerPaths('/lotest/src/a.py', [], '/tmp/r')).toBe('/lotest/src/a.py');
    expect(mapContainerPaths('/opt/aXb/c /opt/a.b/c', ['/opt/a.b'], '/tmp/r')).toBe('/opt/aXb/c /tmp/r/opt/a.b/c');
  });

  test('maps only the bare Service name when the test has no namespace', () => {
    expect(mapServiceHost('shop-master:5557 shop-master.load', 'shop-master', undefined)).toBe('127.0.0.1:5557 shop-master.load');
  });

  test('lists each long flag once, sorted, without values, short flags or malformed ones', () => {
    const process = (args: string[]) => ({ label: 'p', args, env: {}, cwd: '/', entries: [] });
    const plan = { master: process(['-f', 'a.py', '--web-port', '8089', '--host=http://h', '---x', '--tag:y']), workers: [process(['--worker', '--host=http://h'])] } as unknown as LocalRunPlan;
    expect(longFlags(plan)).toEqual(['--host', '--web-port', '--worker']);
  });
});
