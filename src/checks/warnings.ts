import { posix } from 'node:path';
import { autoquitTimeout, commandWords, managedFlagOf } from '../pod/command';
import { libMountPath, PYTHONPATH, pythonPathHolds } from '../pod/volumes';
import { LocustRole } from '../core/names';
import { ObservabilityMode, ObservabilityPlan } from '../pod/observability';
import { ResolvedOperatorConfig } from '../operator/operator-config';
import { imageReference } from '../core/kubernetes';
import { formatLocustVersion, imageLocustVersion, isBefore } from '../core/locust-version';
import { formatProblem, Problem } from '../core/problems';
import { JsonObject, SpecJson } from '../spec/spec';
import { verdictWarnings } from '../verdict/verdict-warnings';

/**
 * Something that synthesizes but almost certainly does not do what was meant. Same shape as a
 * Problem: path, what is wrong, the value received and how to fix it.
 */
export type Warning = Problem;

/** Renders a warning as one line, like a problem. */
export const formatWarning: (warning: Warning) => string = formatProblem;

/** A warning as the problem it is in strict mode, the same at synth and on the command line. */
export function strictProblem(warning: Warning): Problem {
  return { ...warning, message: `${warning.message} (strict mode: a warning is an error)` };
}

/** What the warnings need to know beyond the spec. */
export interface WarningOptions {
  /** The decision the Observability construct made: its mode and, with OpenTelemetry, the OTLP protocol. */
  readonly observability: ObservabilityPlan;
  /**
   * Whether Argo CD tracks the Jobs as resources: Argo CD mode without a hook (hooks are not
   * tracked) and without a schedule (the CronJobs' Jobs are not in Git).
   */
  readonly argoCd: boolean;
  /**
   * Whether the Jobs run with nobody to stop them: Argo CD hooks, whose sync waits for the master,
   * or CronJobs, whose next runs are skipped while one is active.
   * @default false
   */
  readonly unattended?: boolean;
  /**
   * Whether a PodMonitor or ServiceMonitor scrapes the exporter sidecar: the test's metrics are
   * then read, and the exporter's percentile gauges that stay 0 on newer Locust matter.
   * @default false
   */
  readonly monitored?: boolean;
  /** Whether the master judges thresholds or a regression gate (both load the verdict module first). @default false */
  readonly thresholds?: boolean;
  /** Whether the master writes reports to a volume. @default false */
  readonly reports?: boolean;
}

/** Values of `OTEL_TRACES_SAMPLER` the OpenTelemetry SDK knows. */
export const KNOWN_TRACES_SAMPLERS = [
  'always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off',
  'parentbased_traceidratio', 'parentbased_jaeger_remote', 'jaeger_remote', 'xray',
] as const;
const RATIO_SAMPLERS = ['traceidratio', 'parentbased_traceidratio'];
const OTLP_GRPC_PORT = 4317;
const OTLP_HTTP_PORT = 4318;
/** The Locust that added `--otel`: an older one refuses the flag (exit 2) before anything runs. */
const OTEL_SINCE = { minor: 42, patch: 4 };
/** The Locust that moved the current percentiles of `/stats/requests` into a map the exporter does not read. */
const PERCENTILE_MAP_SINCE = { minor: 20, patch: 0 };
/** The exporter whose percentile gauges read the old `/stats/requests` fields. */
const CONTAINERSOL_EXPORTER = 'containersol/locust_exporter';
/** Images known to lack the OpenTelemetry SDK: Locust's plain image. */
const IMAGES_WITHOUT_OTEL = ['locustio/locust', 'docker.io/locustio/locust', 'index.docker.io/locustio/locust'];

/**
 * The traps a valid LocustTest can still fall into. Pure: the same input gives the same list, in
 * a fixed order (OpenTelemetry, command line, Argo CD, unattended runs, thresholds and reports).
 */
export function warningsFor(spec: SpecJson, config: ResolvedOperatorConfig, options: WarningOptions): Warning[] {
  const { mode, otlpProtocol } = options.observability;
  return [
    ...(mode === ObservabilityMode.OPEN_TELEMETRY ? openTelemetryWarnings(spec, otlpProtocol) : []),
    ...(mode === ObservabilityMode.METRICS_EXPORTER ? headlessWarnings(spec) : []),
    ...(mode === ObservabilityMode.METRICS_EXPORTER && options.monitored === true ? exporterPercentileWarnings(spec, config) : []),
    ...managedFlagWarnings(spec),
    ...autoquitWarnings(spec),
    ...libImportWarnings(spec),
    ...(options.argoCd ? ttlWarnings(config) : []),
    ...(options.unattended ? neverEndingMasterWarnings(spec) : []),
    ...verdictWarnings(spec, { thresholds: options.thresholds === true, reports: options.reports === true }),
    ...relativeMountPathWarnings(spec),
    ...secretLiteralWarnings(spec),
  ];
}

/** OTel variables as the container will see them: the spec's plain variables, then extraEnvVars. */
function otelVariables(spec: SpecJson): Map<string, { value: string; path: string }> {
  const found = new Map<string, { value: string; path: string }>();
  (spec.env?.variables ?? []).forEach((variable: JsonObject, index) => {
    if (typeof variable.name === 'string' && typeof variable.value === 'string') {
      found.set(variable.name, { value: variable.value, path: `spec.env.variables[${index}].value` });
    }
  });
  const extra = spec.observability?.openTelemetry?.extraEnvVars ?? {};
  for (const name of Object.keys(extra).sort()) {
    found.set(name, { value: extra[name], path: `spec.observability.openTelemetry.extraEnvVars.${name}` });
  }
  return found;
}

function endpointPort(endpoint: string): number | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\[[^\]]*\]|[^/:?#]*):(\d+)/i.exec(endpoint);
  return match ? Number(match[1]) : undefined;
}

function openTelemetryWarnings(spec: SpecJson, protocol: string | undefined): Warning[] {
  const warnings: Warning[] = [];
  const otel = spec.observability?.openTelemetry ?? {};
  const version = imageLocustVersion(spec.image);
  if (version !== undefined && isBefore(version, OTEL_SINCE.minor, OTEL_SINCE.patch)) {
    warnings.push({ path: 'spec.image', message: `runs Locust ${formatLocustVersion(version)}, which has no --otel (added in ${formatLocustVersion(OTEL_SINCE)}): the pods exit at start (unrecognized arguments: --otel) and the Jobs fail`, value: spec.image, fix: 'use locustio/locust-otel:2.43.4 or later, or turn spec.observability.openTelemetry off' });
  } else if (IMAGES_WITHOUT_OTEL.includes(imageReference(spec.image).repository)) {
    warnings.push({ path: 'spec.image', message: 'has no OpenTelemetry SDK, so Locust only logs that it is missing and exports nothing', value: spec.image, fix: 'use locustio/locust-otel (2.43.4 or later) or an image with pip install locust[otel]' });
  }
  const endpoint = otel.endpoint ?? '';
  if (endpoint !== '' && !/^https?:\/\//i.test(endpoint)) {
    const plaintext = `http://${endpoint.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}`;
    if (protocol === 'http/protobuf') {
      warnings.push({ path: 'spec.observability.openTelemetry.endpoint', message: 'has no http:// or https:// scheme, so the http/protobuf exporter cannot send to it (No connection adapters were found) and nothing is exported', value: endpoint, fix: `write the scheme, e.g. ${plaintext} for plaintext or https:// for TLS` });
    } else if (otel.insecure !== true) {
      // The gRPC exporter takes an endpoint without a scheme, and connects with TLS unless insecure.
      warnings.push({ path: 'spec.observability.openTelemetry.endpoint', message: 'has no http:// or https:// scheme, so the grpc exporter connects with TLS, and a plaintext collector receives nothing', value: endpoint, fix: `write ${plaintext} (or set insecure: true) for plaintext, or https:// for TLS` });
    }
  }
  const port = endpointPort(endpoint);
  if (protocol === 'grpc' && port === OTLP_HTTP_PORT) {
    warnings.push({ path: 'spec.observability.openTelemetry.endpoint', message: `uses the OTLP/HTTP port ${OTLP_HTTP_PORT} with the grpc protocol`, value: endpoint, fix: `use port ${OTLP_GRPC_PORT}, or set protocol to http/protobuf` });
  }
  if (protocol === 'http/protobuf' && port === OTLP_GRPC_PORT) {
    warnings.push({ path: 'spec.observability.openTelemetry.endpoint', message: `uses the OTLP/gRPC port ${OTLP_GRPC_PORT} with the http/protobuf protocol`, value: endpoint, fix: `use port ${OTLP_HTTP_PORT}, or set protocol to grpc` });
  }
  if (otel.insecure === true && endpoint.toLowerCase().startsWith('https://')) {
    warnings.push({ path: 'spec.observability.openTelemetry.insecure', message: 'has no effect on an https:// endpoint, which always uses TLS', value: true, fix: 'use an http:// endpoint for plaintext, or drop insecure' });
  }
  const variables = otelVariables(spec);
  const attributes = variables.get('OTEL_RESOURCE_ATTRIBUTES');
  if (attributes && /(^|,)\s*service\.name\s*=/.test(attributes.value) && !variables.has('OTEL_SERVICE_NAME')) {
    warnings.push({ path: attributes.path, message: 'sets service.name, which Locust overrides with OTEL_SERVICE_NAME (default locust)', value: attributes.value, fix: 'set OTEL_SERVICE_NAME in extraEnvVars instead' });
  }
  const sampler = variables.get('OTEL_TRACES_SAMPLER');
  if (sampler && !(KNOWN_TRACES_SAMPLERS as readonly string[]).includes(sampler.value)) {
    warnings.push({ path: sampler.path, message: 'is not a sampler the OpenTelemetry SDK knows', value: sampler.value, fix: `use one of ${KNOWN_TRACES_SAMPLERS.join(', ')}` });
  }
  const ratio = variables.get('OTEL_TRACES_SAMPLER_ARG');
  if (ratio && RATIO_SAMPLERS.includes(sampler?.value ?? '')) {
    const value = ratio.value.trim() === '' ? NaN : Number(ratio.value);
    if (!(value >= 0 && value <= 1)) {
      warnings.push({ path: ratio.path, message: 'must be a ratio between 0 and 1 for a ratio sampler', value: ratio.value, fix: 'use e.g. 0.1 to sample one trace in ten' });
    }
  }
  return warnings;
}

function headlessWarnings(spec: SpecJson): Warning[] {
  const sources: Array<{ path: string; words: string[]; value: unknown }> = [
    { path: 'spec.master.command', words: commandWords(spec.master.command), value: spec.master.command },
    { path: 'spec.master.extraArgs', words: spec.master.extraArgs ?? [], value: spec.master.extraArgs },
  ];
  return sources.filter((s) => s.words.includes('--headless')).map((s) => ({
    path: s.path,
    message: 'turns off the web UI with --headless, which the metrics exporter sidecar scrapes, so no metrics are collected',
    value: s.value,
    fix: 'drop --headless: the master already starts with --autostart and keeps its UI',
  }));
}

/**
 * The exporter sidecar reads the top-level `current_response_time_percentile_50`/`_95` of
 * Locust's `/stats/requests`; from 2.20 Locust writes them into a `current_response_time_percentiles`
 * map instead, so those two gauges stay 0 while the others still work.
 */
function exporterPercentileWarnings(spec: SpecJson, config: ResolvedOperatorConfig): Warning[] {
  const version = imageLocustVersion(spec.image);
  if (version === undefined || isBefore(version, PERCENTILE_MAP_SINCE.minor, PERCENTILE_MAP_SINCE.patch)) return [];
  if (imageReference(config.metricsExporter.image).repository.replace(/^(docker\.io|index\.docker\.io)\//, '') !== CONTAINERSOL_EXPORTER) return [];
  return [{
    path: 'spec.image',
    message: `runs Locust ${formatLocustVersion(version)}, whose /stats/requests moved the current percentiles (since ${formatLocustVersion(PERCENTILE_MAP_SINCE)}), so the scraped exporter sidecar's locust_requests_current_response_time_percentile_50 and _95 read 0; its other metrics work`,
    value: spec.image,
    fix: 'for percentiles use OpenTelemetry (spec.observability.openTelemetry, Locust 2.42.4 or later) with the dashboards of GrafanaDashboards; in exporter mode read locust_requests_median_response_time',
  }];
}

/** Where to set what a managed flag controls, for the flags that have a spec field. */
const MANAGED_FLAG_FIXES: Record<string, string> = {
  '--expect-workers': 'drop it and set spec.worker.replicas',
  '--autostart': 'drop it and set spec.master.autostart',
  '--autoquit': 'drop it and set spec.master.autoquit',
  '--otel': 'drop it and set spec.observability.openTelemetry.enabled',
};

function managedFlagWarnings(spec: SpecJson): Warning[] {
  const warnings: Warning[] = [];
  for (const role of [LocustRole.MASTER, LocustRole.WORKER]) {
    (spec[role].extraArgs ?? []).forEach((arg, index) => {
      const flag = managedFlagOf(arg);
      if (flag) {
        warnings.push({ path: `spec.${role}.extraArgs[${index}]`, message: `overrides ${flag}, which the workload sets itself`, value: arg, fix: MANAGED_FLAG_FIXES[flag] ?? `drop ${flag}: the workload depends on its own value` });
      }
    });
  }
  return warnings;
}

/** `autostart: false` with autoquit left on renders `--autoquit` without `--autostart`, which Locust refuses. */
function autoquitWarnings(spec: SpecJson): Warning[] {
  if (spec.master.autostart !== false || autoquitTimeout(spec.master) === undefined) return [];
  return [{
    path: 'spec.master.autoquit',
    message: 'is on (the default) while spec.master.autostart is false: Locust refuses --autoquit without --autostart and the master exits 1 at once, so the worker Job never succeeds',
    value: spec.master.autoquit,
    fix: 'set spec.master.autoquit.enabled to false to start the test from the web UI, or drop spec.master.autostart: false',
  }];
}

/**
 * A lib ConfigMap is importable only from PYTHONPATH: Locust puts its working directory and the
 * locustfile's folder on sys.path, nothing else. TestFiles.fromDirectory sets it; a lib mounted
 * otherwise needs it in the spec.
 */
function libImportWarnings(spec: SpecJson): Warning[] {
  if (!spec.testFiles?.libConfigMapRef) return [];
  const path = libMountPath(spec);
  const variables = spec.env?.variables ?? [];
  const index = variables.findIndex((variable) => variable.name === PYTHONPATH);
  const own = variables[index];
  // A value read through valueFrom or envFrom is not known here; only a literal one can be judged.
  if (own?.valueFrom !== undefined) return [];
  if (typeof own?.value === 'string' && pythonPathHolds(own.value, path)) return [];
  const why = `so the locustfiles cannot import the modules of ConfigMap ${spec.testFiles.libConfigMapRef} (Locust puts only its working directory and the locustfile's folder on sys.path)`;
  if (index < 0) {
    return [{
      path: 'spec.env.variables',
      message: `has no PYTHONPATH with the lib mount path ${path}, ${why}`,
      fix: `add { name: PYTHONPATH, value: ${path} } to spec.env.variables, or read the lib with TestFiles.fromDirectory(dir, { libDirectory }), which adds it`,
    }];
  }
  return [{ path: `spec.env.variables[${index}].value`, message: `is a PYTHONPATH without the lib mount path ${path}, ${why}`, value: own.value, fix: `append :${path} to it` }];
}

function ttlWarnings(config: ResolvedOperatorConfig): Warning[] {
  if (config.jobTtlSecondsAfterFinished === undefined) return [];
  return [{
    path: 'operatorConfig.jobTtlSecondsAfterFinished',
    message: 'deletes finished Jobs that Argo CD tracks: Argo CD then recreates them and the load test runs again',
    value: config.jobTtlSecondsAfterFinished,
    fix: 'leave the TTL unset under Argo CD and re-run with a new runId',
  }];
}

/** A master that never exits holds a hook's sync operation, or a CronJob (with Forbid) forever. */
function neverEndingMasterWarnings(spec: SpecJson): Warning[] {
  const consequence = 'so the master never exits: a hook holds its sync operation, a schedule skips every later run';
  const warnings: Warning[] = [];
  if (spec.master.autostart === false) {
    warnings.push({ path: 'spec.master.autostart', message: `waits for someone to start the test in the web UI, ${consequence}`, value: false, fix: 'drop autostart: false' });
  }
  if (spec.master.autoquit?.enabled === false) {
    warnings.push({ path: 'spec.master.autoquit.enabled', message: `keeps the master running once the test is over, ${consequence}`, value: false, fix: 'drop enabled: false: by default the master quits 60 s after the run' });
  }
  return warnings;
}

/**
 * Mount paths that are not absolute. The API server accepts them and the kubelet reads them from
 * `/`, so the test works in a cluster by accident, while `cdk8s-locust run` refuses them: a
 * relative path joined to the run's folder would climb out of it.
 */
function relativeMountPathWarnings(spec: SpecJson): Warning[] {
  const paths: [string, unknown][] = [
    ['spec.testFiles.srcMountPath', spec.testFiles?.srcMountPath],
    ['spec.testFiles.libMountPath', spec.testFiles?.libMountPath],
    ...(spec.env?.secretMounts ?? []).map((mount, i): [string, unknown] => [`spec.env.secretMounts[${i}].mountPath`, mount.mountPath]),
    ...(spec.volumeMounts ?? []).map((mount, i): [string, unknown] => [`spec.volumeMounts[${i}].mountPath`, mount.mountPath]),
  ];
  return paths.filter(([, value]) => typeof value === 'string' && value !== '' && !value.startsWith('/')).map(([path, value]) => ({
    path,
    message: `is not an absolute path: the kubelet mounts it at ${posix.join('/', value as string)}, and cdk8s-locust run refuses it`,
    value,
    fix: `write the absolute path ${posix.join('/', value as string)}`,
  }));
}

/** Names of variables that hold credentials by convention, and the OTLP headers (which carry API keys). */
const SECRET_LOOKING_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH)$|^OTEL_EXPORTER_OTLP_(\w+_)?HEADERS$/i;
/** A value that only refers to another variable (`$(TOKEN)`) holds no secret itself. */
const REFERENCE_ONLY = /^\$\([A-Za-z_][A-Za-z0-9_.-]*\)$/;

/**
 * Literal values of variables whose names say they are secrets: they are plain text in Git, in
 * the Job and in `kubectl describe`, where a `secretKeyRef` would keep them in a Secret.
 */
function secretLiteralWarnings(spec: SpecJson): Warning[] {
  const literals: [string, string, string][] = [];
  (spec.env?.variables ?? []).forEach((variable: JsonObject, index) => {
    if (typeof variable.name === 'string' && typeof variable.value === 'string') literals.push([`spec.env.variables[${index}].value`, variable.name, variable.value]);
  });
  const extra = spec.observability?.openTelemetry?.extraEnvVars ?? {};
  for (const name of Object.keys(extra).sort()) literals.push([`spec.observability.openTelemetry.extraEnvVars.${name}`, name, String(extra[name])]);
  return literals.filter(([, name, value]) => SECRET_LOOKING_NAME.test(name) && value !== '' && !REFERENCE_ONLY.test(value)).map(([path, name]) => ({
    path,
    message: `gives ${name} a literal value, which is plain text in Git, in the Job and in kubectl describe`,
    // The value itself is left out of the warning: it is the secret.
    fix: 'put it in a Secret and read it with valueFrom.secretKeyRef in spec.env.variables, or with spec.env.secretRefs',
  }));
}
