import { App, Chart, ChartProps } from 'cdk8s';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parseAllDocuments } from 'yaml';
import { validateMonitor } from './prometheus-operator-schemas';
import { validateSpecAgainstCrd } from '../src/spec/crd-validation';
import { formatProblem } from '../src/core/problems';
import { hasFieldMap, unknownFields } from './k8s-schema';

export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; [k: string]: any };

const VALIDATORS: Record<string, (doc: any) => void> = {
  'batch/v1/Job': (doc) => new Job(doc).validate(),
  'batch/v1/CronJob': (doc) => new CronJob(doc).validate(),
  // The service under test beside a load test, in the examples.
  'apps/v1/Deployment': (doc) => new Deployment(doc).validate(),
  'v1/Service': (doc) => new Service(doc).validate(),
  'v1/ConfigMap': (doc) => new ConfigMap(doc).validate(),
  // A LocustTest custom resource the library emits: its spec against our own CRD (unknown fields included).
  'locust.io/v2/LocustTest': (doc) => {
    const problems = validateSpecAgainstCrd(doc.spec);
    if (problems.length > 0) throw new Error(`LocustTest ${doc.metadata?.name} does not match the CRD:\n${problems.map(formatProblem).join('\n')}`);
  },
  // Prometheus Operator objects: no models ship with the dev dependencies; the fields this library
  // writes are checked against a closed subset of their CRD schemas (test/prometheus-operator-schemas.ts).
  'monitoring.coreos.com/v1/ServiceMonitor': (doc) => validateMonitor('ServiceMonitor', doc),
  'monitoring.coreos.com/v1/PodMonitor': (doc) => validateMonitor('PodMonitor', doc),
};

/**
 * Checks a manifest against the Kubernetes OpenAPI schema (kubernetes-models) and rejects fields
 * the Kubernetes models do not define (test/k8s-schema.ts). Every object the tests synthesize goes
 * through here; a kind without a validator is a test bug.
 */
export function assertValidKubernetesObject(doc: Manifest): void {
  const key = `${doc.apiVersion}/${doc.kind}`;
  const validate = VALIDATORS[key];
  if (!validate) throw new Error(`no schema validator registered for ${doc.apiVersion} ${doc.kind}`);
  validate(doc);
  if (!hasFieldMap(key)) return; // only core kinds have a field map; the CRD check refuses unknown LocustTest fields
  const unknown = unknownFields(doc);
  if (unknown.length > 0) throw new Error(`${doc.kind} ${doc.metadata?.name} has fields Kubernetes does not define: ${unknown.join(', ')}`);
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

/** The one item of a list of named things (containers, variables, ports, volumes) named `name`. */
export function byName(items: readonly any[] | undefined, name: string): any {
  const found = (items ?? []).filter((item) => item?.name === name);
  if (found.length !== 1) throw new Error(`expected one item named ${name}, found ${found.length} among ${(items ?? []).map((item) => item?.name).join(', ')}`);
  return found[0];
}

/** The pod spec of a Job's or a CronJob's template. */
export function podSpecOf(workload: Manifest): any {
  return workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template.spec : workload.spec.template.spec;
}

/** The Locust container of a Job or CronJob, which carries the workload's own name, as in the operator. */
export function locustContainer(workload: Manifest): any {
  return byName(podSpecOf(workload).containers, workload.metadata.name);
}

/** An init container (the exporter sidecar, a start delay) of a Job or CronJob, by name. */
export function initContainer(workload: Manifest, name: string): any {
  return byName(podSpecOf(workload).initContainers, name);
}

/** A container's variable, by name. */
export function envVar(container: any, name: string): any {
  return byName(container.env, name);
}

/**
 * The arguments after the command's words, which the workload adds (`--otel`, `--master`, …):
 * where the user's command ends is read from the command itself, never from a count.
 */
export function argsAfterCommand(args: readonly string[], command: string): string[] {
  const words = command.split(/\s+/).filter((w) => w !== '');
  if (words.some((word, i) => args[i] !== word)) throw new Error(`the arguments ${JSON.stringify(args)} do not start with the command ${JSON.stringify(command)}`);
  return args.slice(words.length);
}

export function envNames(container: any): string[] {
  return (container.env ?? []).map((e: any) => e.name);
}
