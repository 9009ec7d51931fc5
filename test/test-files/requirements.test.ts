import { App, Chart } from 'cdk8s';
import { LocustTest, RenderMode, TestFiles } from '../../src';
import { minimalSpec } from '../fixtures';
import { tempTree } from '../temp-tree';
import { find, locustContainer, synthChart } from '../util';

const LOCUSTFILE = 'from locust import HttpUser, task\n';

function synth(files: Record<string, string>, requirementsFile: string, spec = minimalSpec()) {
  const dir = tempTree(files);
  return synthChart((chart) => new LocustTest(chart, 'checkout', { name: 'checkout', spec, testFiles: TestFiles.fromDirectory(dir, { requirementsFile }) }));
}

function problemsOf(files: Record<string, string>, requirementsFile: string, spec = minimalSpec()): string[] {
  const dir = tempTree(files);
  const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec, testFiles: TestFiles.fromDirectory(dir, { requirementsFile }) });
  return test.problems.map((problem) => `${problem.path} ${problem.message}`);
}

describe('requirements', () => {
  test('are installed by an init container of the same image, from the locustfile ConfigMap, in master and workers', () => {
    // GIVEN a locustfile directory with a requirements file
    const objects = synth({ 'locustfile.py': LOCUSTFILE, 'requirements.txt': 'faker==24.0.0\n' }, 'requirements.txt');

    for (const name of ['checkout-master', 'checkout-worker']) {
      // THEN each pod first runs pip into the shared folder
      const pod = find(objects, 'Job', name).spec.template.spec;
      const install = pod.initContainers.find((container: any) => container.name === 'install-requirements');
      expect(install.image).toBe('locustio/locust:2.43.1');
      expect(install.command).toEqual(['python', '-m', 'pip', 'install', '--no-cache-dir', '--disable-pip-version-check', '--target', '/opt/cdk8s-locust/requirements', '--requirement', '/lotest/src/requirements.txt']);
      expect(install.volumeMounts).toEqual([{ name, mountPath: '/lotest/src' }, { name: 'cdk8s-locust-requirements', mountPath: '/opt/cdk8s-locust/requirements' }]);
      expect(pod.volumes).toContainEqual({ name: 'cdk8s-locust-requirements', emptyDir: {} });

      // AND Locust finds the packages on PYTHONPATH
      const locust = locustContainer(find(objects, 'Job', name));
      expect(locust.env).toContainEqual({ name: 'PYTHONPATH', value: '/opt/cdk8s-locust/requirements' });
      expect(locust.volumeMounts).toContainEqual({ name: 'cdk8s-locust-requirements', mountPath: '/opt/cdk8s-locust/requirements' });
    }
  });

  test('give pip the environment of the Locust container, so PIP_INDEX_URL of the spec reaches it', () => {
    const spec = minimalSpec({ env: { variables: [{ name: 'PIP_INDEX_URL', value: 'https://pypi.internal/simple' }] } });
    const objects = synth({ 'locustfile.py': LOCUSTFILE, 'requirements.txt': 'faker\n' }, 'requirements.txt', spec);
    const install = find(objects, 'Job', 'checkout-worker').spec.template.spec.initContainers.find((container: any) => container.name === 'install-requirements');
    expect(install.env).toContainEqual({ name: 'PIP_INDEX_URL', value: 'https://pypi.internal/simple' });
  });

  test('append the folder to a PYTHONPATH the spec sets', () => {
    const spec = minimalSpec({ env: { variables: [{ name: 'PYTHONPATH', value: '/opt/locust/lib' }] } });
    const objects = synth({ 'locustfile.py': LOCUSTFILE, 'requirements.txt': 'faker\n' }, 'requirements.txt', spec);
    const env = locustContainer(find(objects, 'Job', 'checkout-master')).env.filter((variable: any) => variable.name === 'PYTHONPATH');
    expect(env).toEqual([{ name: 'PYTHONPATH', value: '/opt/locust/lib:/opt/cdk8s-locust/requirements' }]);
  });

  test('read a requirements file from a folder of the directory, where the volume items put it', () => {
    const objects = synth({ 'locustfile.py': LOCUSTFILE, 'deps/requirements.txt': 'faker\n' }, 'deps/requirements.txt');
    const install = find(objects, 'Job', 'checkout-master').spec.template.spec.initContainers.find((container: any) => container.name === 'install-requirements');
    expect(install.command.slice(-1)).toEqual(['/lotest/src/deps/requirements.txt']);
  });

  test('fails when the requirements file is not in the directory', () => {
    expect(problemsOf({ 'locustfile.py': LOCUSTFILE }, 'requirements.txt')).toEqual([expect.stringMatching(/^testFiles\.requirementsFile is not a file of /)]);
  });

  test('fails when the requirements file lies outside the directory', () => {
    expect(problemsOf({ 'locustfile.py': LOCUSTFILE }, '../requirements.txt')).toEqual(['testFiles.requirementsFile must be a file inside the locustfile directory, which carries it to the pods']);
  });

  test('fails when PYTHONPATH comes from a reference the folder cannot be added to', () => {
    const spec = minimalSpec({ env: { variables: [{ name: 'PYTHONPATH', valueFrom: { configMapKeyRef: { name: 'paths', key: 'python' } } }] } });
    expect(problemsOf({ 'locustfile.py': LOCUSTFILE, 'requirements.txt': 'x\n' }, 'requirements.txt', spec)).toEqual(['spec.env.variables[0] sets PYTHONPATH from a reference, which the requirements folder cannot be added to']);
  });

  test('fails in operator mode, which does not write the Jobs', () => {
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE, 'requirements.txt': 'x\n' });
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), mode: RenderMode.OPERATOR, testFiles: TestFiles.fromDirectory(dir, { requirementsFile: 'requirements.txt' }) });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'testFiles.requirementsFile', message: expect.stringMatching(/needs the workload mode/) })]);
  });
});
