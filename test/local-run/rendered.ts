import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { LocustTest } from '../../src/construct/locust-test';
import { TestFiles } from '../../src/test-files/test-files';
import { dispatch } from '../../src/cli/dispatch';
import { KubeObject } from '../../src/local-run/select';
import { tempTree } from '../temp-tree';

/** The objects `cdk8s-locust render` writes for a YAML input: what a local run reads. */
export function renderedObjects(yaml: string): KubeObject[] {
  const result = dispatch(['render', join(tempTree({ 'input.yaml': yaml }), 'input.yaml')]);
  if (result.status !== 0) throw new Error(result.stderr);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS() as KubeObject);
}

/** A LocustTest in namespace `load` reading ConfigMap `files`; `spec` lines are appended, indented by two. */
export function locustTestYaml(name: string, extraSpec = '', master = '-f /lotest/src/a.py', worker = '-f /lotest/src/a.py'): string {
  return `apiVersion: locust.io/v2
kind: LocustTest
metadata: {name: ${name}, namespace: load}
spec:
  image: locustio/locust:2.43.1
  master: {command: "${master}"}
  worker: {command: "${worker}", replicas: 3}
  testFiles: {configMapRef: files}
${extraSpec}`;
}

/** The objects `cdk8s synth` writes for a test whose requirements file comes from a folder. */
export function withRequirementsObjects(): KubeObject[] {
  const app = new App({ outdir: '/nonexistent-never-written' });
  new LocustTest(new Chart(app, 'plan', { namespace: 'load' }), 'shop', {
    name: 'shop',
    testFiles: TestFiles.fromDirectory(tempTree({ 'a.py': 'print(1)', 'requirements.txt': 'requests\n' }), { requirementsFile: 'requirements.txt' }),
    spec: { image: 'locustio/locust:2.43.1', master: { command: '--locustfile /lotest/src/a.py' }, worker: { command: '--locustfile /lotest/src/a.py', replicas: 1 } },
  });
  return parseAllDocuments(app.synthYaml()).map((doc) => doc.toJS() as KubeObject);
}
