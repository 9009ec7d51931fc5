import { connect } from 'node:net';
import { stringify } from 'yaml';
import { pythonOfLocust } from '../../src/local-run/locust-program';
import { E2E_TIMEOUT_MS, PING_LOCUSTFILE, runInProcess, useWorkspace } from './harness';
import { describeOnLocusts, LOCUST_2_46 } from './locust-versions';
import { OtlpReceiver, startOtlpReceiver } from './otlp-receiver';

/**
 * OpenTelemetry mode for real: a LocustTest with `observability.openTelemetry` runs on Locust
 * 2.46.7 with the OpenTelemetry SDK (master and two workers, through `cdk8s-locust run`), and
 * exports to an OTLP receiver this test starts, over http/protobuf and over grpc.
 */

const workspace = useWorkspace('otel');
/** The metrics exporter sidecar's port: in OpenTelemetry mode nothing listens there. */
const EXPORTER_PORT = 9646;
const SERVICE = 'checkout-load';

function otelTestYaml(name: string, openTelemetry: Record<string, unknown>): string {
  const files = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-files`, namespace: 'load' }, data: { 'locustfile.py': PING_LOCUSTFILE } };
  const test = {
    apiVersion: 'locust.io/v2',
    kind: 'LocustTest',
    metadata: { name, namespace: 'load' },
    spec: {
      image: 'locustio/locust-otel:2.46.7',
      master: { command: '--locustfile /lotest/src/locustfile.py --host http://shop.example.com --users 4 --spawn-rate 4 --run-time 4s' },
      worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 2 },
      testFiles: { configMapRef: `${name}-files` },
      // A short export interval, so a run of seconds exports before it ends (the SDK's default is 60 s).
      observability: { openTelemetry: { enabled: true, ...openTelemetry, extraEnvVars: { OTEL_SERVICE_NAME: SERVICE, OTEL_METRIC_EXPORT_INTERVAL: '1000' } } },
    },
  };
  return `${stringify(files)}---\n${stringify(test)}`;
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
    const metrics = new Set(received.filter((exported) => exported.signal === 'metrics').flatMap((exported) => exported.resources.flatMap((resource) => resource.names ?? [])));
    // AND the master's users and the workers' request durations arrived
    expect([...metrics]).toEqual(expect.arrayContaining(['locust.users.count', 'locust.client.duration', 'http.client.duration']));
    // AND the workers' spans are named after the requests
    const spans = new Set(received.filter((exported) => exported.signal === 'traces').flatMap((exported) => exported.resources.flatMap((resource) => resource.names ?? [])));
    expect(spans).toContain('GET /ping');
    // AND nothing listened on the exporter sidecar's port
    expect(exporterPortListened).toBe(false);
    expect(result.stdout).not.toContain('locust-metrics-exporter');
  }, E2E_TIMEOUT_MS);
}, [LOCUST_2_46]);
