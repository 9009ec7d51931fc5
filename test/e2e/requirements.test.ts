import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocustTest, TestFiles } from '../../src';
import { pythonOfLocust } from '../../src/local-run/locust-program';
import { tempTree } from '../temp-tree';
import { describeWithLocust, E2E_TIMEOUT_MS, LOCUST, runInProcess, synthYaml, useWorkspace } from './harness';
import { describeOnLocusts } from './locust-versions';

/**
 * A requirements file installed for real: the init container's `python -m pip` runs with the
 * Python of the local locust, from a folder of wheels (`PIP_NO_INDEX`, `PIP_FIND_LINKS` in the
 * spec's env, as a mirror would be given through `PIP_INDEX_URL`), and the locustfiles of master
 * and worker import the package from the folder on PYTHONPATH.
 */

/** Builds `shopdata-1.0-py3-none-any.whl`, whose module names the path the users visit. */
function buildWheel(folder: string): void {
  const script = `
import base64, hashlib, sys, zipfile
files = {
    "shopdata/__init__.py": "CATALOGUE_PATH = '/catalogue'\\n",
    "shopdata-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: shopdata\\nVersion: 1.0\\n",
    "shopdata-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: cdk8s-locust-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = []
with zipfile.ZipFile(sys.argv[1] + "/shopdata-1.0-py3-none-any.whl", "w") as wheel:
    for name, text in files.items():
        data = text.encode()
        wheel.writestr(name, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
    record.append("shopdata-1.0.dist-info/RECORD,,")
    wheel.writestr("shopdata-1.0.dist-info/RECORD", "\\n".join(record) + "\\n")
`;
  const built = spawnSync(pythonOfLocust(LOCUST!), ['-c', script, folder], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`could not build the wheel: ${built.stderr}`);
}

const workspace = useWorkspace('requirements');

/**
 * Writes, as `cdk8s synth` would, a test whose locustfile `shop.py` and requirements file come
 * from `directory`, with pip kept off any index; returns the file.
 */
function requirementsTest(name: string, directory: string, masterArgs: string, pipEnv: { name: string; value: string }[] = []): string {
  const file = join(workspace.dir, `${name}.k8s.yaml`);
  writeFileSync(file, synthYaml((chart) => new LocustTest(chart, name, {
    name,
    testFiles: TestFiles.fromDirectory(directory, { requirementsFile: 'requirements.txt' }),
    spec: {
      image: 'locustio/locust:2.43.1',
      master: { command: `--locustfile /lotest/src/shop.py ${masterArgs}` },
      worker: { command: '--locustfile /lotest/src/shop.py', replicas: 1 },
      env: { variables: [{ name: 'PIP_NO_INDEX', value: '1' }, ...pipEnv] },
    },
  })));
  return file;
}

describeOnLocusts('requirements with real pip and Locust, through cdk8s-locust run', (locust) => {
  test('the init container installs the requirements, and master and worker import them', async () => {
    // GIVEN a locustfile importing a package its requirements file names, and a folder of wheels
    const wheels = mkdtempSync(join(workspace.dir, 'wheels-'));
    buildWheel(wheels);
    const directory = tempTree({
      'shop.py': 'from locust import HttpUser, constant, task\nfrom shopdata import CATALOGUE_PATH\n\n\nclass Shopper(HttpUser):\n    wait_time = constant(0.1)\n\n    @task\n    def catalogue(self):\n        self.client.get(CATALOGUE_PATH)\n',
      'requirements.txt': 'shopdata==1.0\n',
    });
    const file = requirementsTest('shop', directory, '--host http://shop.example.com --users 2 --spawn-rate 2 --run-time 3s', [{ name: 'PIP_FIND_LINKS', value: wheels }]);
    const before = workspace.target.count('/catalogue');

    // WHEN it runs
    const result = await runInProcess(['run', file, '--host', workspace.target.url, '--timeout', '60', ...locust.runArgs]);

    // THEN pip ran in both pods' folders before Locust, and the users requested the imported path
    expect(result.stdout).toContain('run: master install-requirements exited with code 0');
    expect(result.stdout).toContain('run: worker 1 install-requirements exited with code 0');
    expect(result.stdout + result.stderr).not.toContain('ModuleNotFoundError');
    expect(result.status).toBe(0);
    expect(workspace.target.count('/catalogue') - before).toBeGreaterThan(5);
  }, E2E_TIMEOUT_MS);
});

describeWithLocust('requirements with real pip and Locust, through cdk8s-locust run', () => {

  test('fails the run, showing pip\'s log, when a requirement cannot be installed', async () => {
    // GIVEN a requirements file naming a package no index offers
    const directory = tempTree({ 'shop.py': 'from locust import HttpUser\n', 'requirements.txt': 'no-such-package==9.9\n' });
    const file = requirementsTest('missing', directory, '--run-time 3s');

    // WHEN it runs
    const result = await runInProcess(['run', file, '--timeout', '60']);

    // THEN the install failed, its log is shown and the run fails
    expect(result.stdout).toMatch(/run: master install-requirements exited with code [1-9]/);
    expect(result.stdout).toMatch(/run: {3}master install-requirements \| .*no-such-package/);
    expect(result.status).toBe(1);
  }, E2E_TIMEOUT_MS);
});
