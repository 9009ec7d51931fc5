import { App, Chart, ChartProps } from 'cdk8s';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Service } from 'kubernetes-models/v1/Service';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parseAllDocuments } from 'yaml';

export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; [k: string]: any };

const VALIDATORS: Record<string, (doc: any) => void> = {
  'batch/v1/Job': (doc) => new Job(doc).validate(),
  'v1/Service': (doc) => new Service(doc).validate(),
  'v1/ConfigMap': (doc) => new ConfigMap(doc).validate(),
};

/**
 * Checks a manifest against the Kubernetes OpenAPI schema (kubernetes-models). Every object the
 * tests synthesize goes through here; a kind without a validator is a test bug.
 */
export function assertValidKubernetesObject(doc: Manifest): void {
  const validate = VALIDATORS[`${doc.apiVersion}/${doc.kind}`];
  if (!validate) throw new Error(`no schema validator registered for ${doc.apiVersion} ${doc.kind}`);
  validate(doc);
}

/** Synthesizes an app (running cdk8s validation, as `cdk8s synth` does) and returns its objects, schema-checked. */
export function synthApp(app: App): Manifest[] {
  const docs = parseAllDocuments(app.synthYaml()).map((d) => d.toJSON() as Manifest).filter((d) => d !== null);
  docs.forEach(assertValidKubernetesObject);
  return docs;
}

/** A fresh app with one chart, handed to `build`; returns the synthesized, schema-checked objects. */
export function synthChart(build: (chart: Chart) => void, chartProps: ChartProps = {}): Manifest[] {
  const app = new App({ outdir: '/nonexistent-never-written' });
  const chart = new Chart(app, 'test', chartProps);
  build(chart);
  return synthApp(app);
}

export function find(objects: Manifest[], kind: string, name: string): Manifest {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found[0];
}

/** The single Locust container of a Job's pod template. */
export function locustContainer(job: Manifest): any {
  return job.spec.template.spec.containers[0];
}

export function envNames(container: any): string[] {
  return (container.env ?? []).map((e: any) => e.name);
}
