import { connect } from 'node:net';
import { pythonOfLocust } from '../../src/local-run/locust-program';
import { prometheusLabel, prometheusNames } from '../dashboards/collector-naming';
import { OTEL_EXPORTED_NAMES, OTEL_REQUEST_LABELS } from '../dashboards/exported-metrics';
import { E2E_TIMEOUT_MS, locustTestYaml, PING_LOCUSTFILE, runInProcess, useWorkspace } from './harness';
import { describeOnLocusts, LOCUST_2_46 } from './locust-versions';
import { OtlpReceiver, ReceivedExport, ReceivedResource, startOtlpReceiver } from './otlp-receiver';

/**
 * OpenTelemetry mode for real: a LocustTest with `observability.openTelemetry` runs on Locust
 * 2.46.7 with the OpenTelemetry SDK (master and two workers, through `cdk8s-locust run`), and
 * exports to an OTLP receiver this test starts, over http/protobuf and over grpc.
 */

/** The locustfile's users also request /fail, which the target fails, so failures are exported too. */
const LOCUSTFILE = PING_LOCUSTFILE.replace('self.client.get("/ping")', 'self.client.get("/ping")\n        self.client.get("/fail")');
const workspace = useWorkspace('otel', 200, { '/fail': { status: 500 } });
/** The metrics exporter sidecar's port: in OpenTelemetry mode nothing listens there. */
const EXPORTER_PORT = 9646;
const SERVICE = 'checkout-load';

function otelTestYaml(name: string, openTelemetry: Record<string, unknown>, extraEnvVars: Record<string, string> = {}): string {
  return locustTestYaml(name, {
    image: 'locustio/locust-otel:2.46.7',
    master: { command: '--locustfile /lotest/src/locustfile.py --host http://shop.example.com --users 4 --spawn-rate 4 --run-time 4s --exit-code-on-error 0' },
    // A short export interval, so a run of seconds exports before it ends (the SDK's default is 60 s).
    observability: { openTelemetry: { enabled: true, ...openTelemetry, extraEnvVars: { OTEL_SERVICE_NAME: SERVICE, OTEL_METRIC_EXPORT_INTERVAL: '1000', ...extraEnvVars } } },
  }, LOCUSTFILE);
}

/** Whether anything accepted a connection on 127.0.0.1:`port`, asked every 250 ms until `stop` resolves. */
async function everListened(port: number, stop: Promise<unknown>): Promise<boolean> {
  let done = false;
  void stop.finally(() => { done = true; });
  let listened = false;
  while (!done) {
    listened ||= await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return listened;
}

/** Which process of the run a resource comes from, by the locustfile path Locust puts in its attributes. */
function processOf(resource: ReceivedResource): string {
  return /\/(master|worker-\d+)\/lotest\//.exec(resource.attributes.filename ?? '')?.[1] ?? 'unknown';
}

/** The sorted metric or span names each process sent. */
function namesBy(received: readonly ReceivedExport[], signal: 'metrics' | 'traces'): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const resource of received.filter((exported) => exported.signal === signal).flatMap((exported) => exported.resources)) {
    const names = found.get(processOf(resource)) ?? new Set<string>();
    (resource.names ?? []).forEach((name) => names.add(name));
    found.set(processOf(resource), names);
  }
  return new Map([...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([process, names]) => [process, [...names].sort()]));
}

/** The labels the data points of metric `name` carried, over the whole run. */
function labelsOf(received: readonly ReceivedExport[], name: string): string[] {
  const metrics = received.flatMap((exported) => exported.resources.flatMap((resource) => resource.metrics ?? []));
  return [...new Set(metrics.filter((metric) => metric.name === name).flatMap((metric) => metric.labels))].sort();
}

describeOnLocusts('OpenTelemetry export with real Locust, through cdk8s-locust run', (locust) => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await startOtlpReceiver(pythonOfLocust(locust.program!));
  }, 30_000);
  afterAll(async () => {
    await receiver?.close();
  });

  test.each([
    ['http/protobuf', () => ({ endpoint: receiver.httpEndpoint, protocol: 'http/protobuf' })],
    ['grpc', () => ({ endpoint: receiver.grpcEndpoint, protocol: 'grpc', insecure: true })],
  ])('over %s, the master exports its users, the workers their request durations and spans, under OTEL_SERVICE_NAME', async (protocol, openTelemetry) => {
    // GIVEN a LocustTest in OpenTelemetry mode whose endpoint is the receiver's, for this protocol
    const name = `otel-${protocol.replace(/\W/g, '-')}`;
    const input = workspace.file(`${name}.yaml`, otelTestYaml(name, openTelemetry()));
    const before = receiver.exports.length;

    // WHEN it runs, with master and two workers, while port 9646 is watched
    const running = runInProcess(['run', input, '--host', workspace.target.url, '--timeout', '60', ...locust.runArgs]);
    const [result, exporterPortListened] = await Promise.all([running, everListened(EXPORTER_PORT, running)]);
    // The SDK flushes at exit; the receiver may still be writing its last lines.
    await new Promise((resolve) => setTimeout(resolve, 500));

    // THEN the run passed
    expect(result.stderr).not.toContain('Traceback');
    expect(result.status).toBe(0);
    // AND every export came over this protocol and named the service
    const received = receiver.exports.slice(before);
    expect(new Set(received.map((exported) => exported.transport))).toEqual(new Set([protocol === 'grpc' ? 'grpc' : 'http']));
    expect(new Set(received.flatMap((exported) => exported.resources.map((resource) => resource.service)))).toEqual(new Set([SERVICE]));
    // AND the master exported its users, each worker its request durations (failures carry
    // error.type) and its spans, named after the requests; the locustfile path tells them apart
    expect(namesBy(received, 'metrics')).toEqual(new Map([
      ['master', ['locust.users.count']],
      ['worker-1', ['http.client.duration', 'locust.client.duration']],
      ['worker-2', ['http.client.duration', 'locust.client.duration']],
    ]));
    expect(namesBy(received, 'traces')).toEqual(new Map([['worker-1', ['GET /fail', 'GET /ping']], ['worker-2', ['GET /fail', 'GET /ping']]]));
    expect(labelsOf(received, 'locust.client.duration')).toEqual(['error.type', 'name']);
    // AND, named as a Collector names them for Prometheus, they are the names the dashboards use
    const metrics = received.flatMap((exported) => exported.resources.flatMap((resource) => resource.metrics ?? []));
    expect([...new Set(metrics.flatMap(prometheusNames))].sort()).toEqual([...OTEL_EXPORTED_NAMES].sort());
    expect(labelsOf(received, 'locust.client.duration').map(prometheusLabel)).toEqual(OTEL_REQUEST_LABELS.filter((label) => !['job', 'instance', 'le'].includes(label)).sort());
    // AND nothing listened on the exporter sidecar's port
    expect(exporterPortListened).toBe(false);
    expect(result.stdout).not.toContain('locust-metrics-exporter');
  }, E2E_TIMEOUT_MS);

  test.each([
    ['http/protobuf', 'has no http:// or https:// scheme, so the http/protobuf exporter cannot send to it', () => ({ endpoint: receiver.httpEndpoint.replace('http://', ''), protocol: 'http/protobuf' })],
    ['grpc', 'has no http:// or https:// scheme, so the grpc exporter connects with TLS', () => ({ endpoint: receiver.grpcEndpoint.replace('http://', ''), protocol: 'grpc' })],
  ])('over %s, an endpoint without a scheme exports nothing, as the warning says', async (protocol, warning, openTelemetry) => {
    // GIVEN the receiver's endpoint without its http:// scheme (and grpc without insecure); each
    // export gives up after 2 s (OTEL_EXPORTER_OTLP_TIMEOUT, seconds), so failing ones end the run soon
    const name = `bare-${protocol.replace(/\W/g, '-')}`;
    const input = workspace.file(`${name}.yaml`, otelTestYaml(name, openTelemetry(), { OTEL_EXPORTER_OTLP_TIMEOUT: '2' }));
    const before = receiver.exports.length;

    // WHEN it runs, with one worker
    const result = await runInProcess(['run', input, '--host', workspace.target.url, '--workers', '1', '--run-time', '2s', '--timeout', '60', ...locust.runArgs]);
    await new Promise((resolve) => setTimeout(resolve, 500));

    // THEN the render warned, the load ran, and nothing reached the receiver
    expect(result.stderr).toContain(`warning: spec.observability.openTelemetry.endpoint ${warning}`);
    expect(result.status).toBe(0);
    expect(workspace.target.count('/ping')).toBeGreaterThan(0);
    expect(receiver.exports.slice(before)).toEqual([]);
  }, E2E_TIMEOUT_MS);
}, [LOCUST_2_46]);
