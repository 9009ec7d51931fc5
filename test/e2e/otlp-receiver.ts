import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** One metric of an export: its name, unit, kind (gauge, sum, histogram) and the labels of its data points. */
export interface ReceivedMetric {
  readonly name: string;
  readonly unit: string;
  readonly kind: 'gauge' | 'sum' | 'histogram' | 'exponential_histogram' | 'summary';
  readonly monotonic: boolean;
  readonly labels: readonly string[];
}

/** One resource of one export the receiver got: its service.name and its metric or span names, or its log count. */
export interface ReceivedResource {
  readonly service: string | null;
  /** The resource's string attributes, e.g. host.name. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly names?: readonly string[];
  /** With metrics: each one's unit, kind and labels. */
  readonly metrics?: readonly ReceivedMetric[];
  readonly records?: number;
}

/** One export request the receiver got. */
export interface ReceivedExport {
  readonly signal: 'metrics' | 'traces' | 'logs';
  readonly transport: 'http' | 'grpc';
  readonly resources: readonly ReceivedResource[];
}

/** A running OTLP receiver on 127.0.0.1 (otlp-receiver.py), HTTP and gRPC. */
export interface OtlpReceiver {
  /** `http://127.0.0.1:PORT`: OTLP/HTTP. */
  readonly httpEndpoint: string;
  /** `http://127.0.0.1:PORT`: OTLP/gRPC. */
  readonly grpcEndpoint: string;
  readonly exports: readonly ReceivedExport[];
  close(): Promise<void>;
}

/**
 * Starts the receiver with `python` (one with opentelemetry-proto and grpcio, such as the Debian
 * sid root's). The source goes in with `-c`, so a Python in another root needs no path of ours.
 */
export function startOtlpReceiver(python: string): Promise<OtlpReceiver> {
  const source = readFileSync(join(__dirname, 'otlp-receiver.py'), 'utf8');
  const child: ChildProcessWithoutNullStreams = spawn(python, ['-c', source], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exports: ReceivedExport[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    let ports: { http: number; grpc: number } | undefined;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (ports !== undefined) {
        exports.push(JSON.parse(line) as ReceivedExport);
        return;
      }
      ports = JSON.parse(line) as { http: number; grpc: number };
      const closed = new Promise<void>((done) => child.once('close', () => done()));
      resolve({
        httpEndpoint: `http://127.0.0.1:${ports.http}`,
        grpcEndpoint: `http://127.0.0.1:${ports.grpc}`,
        exports,
        close: () => {
          child.stdin.end();
          const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          return closed.finally(() => clearTimeout(killer));
        },
      });
    });
    child.once('close', (code) => {
      if (ports === undefined) reject(new Error(`the OTLP receiver exited with ${String(code)} before it listened: ${stderr.trim()}`));
    });
  });
}
