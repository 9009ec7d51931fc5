import { LocustTestSpec } from '../imports/locust.io';

const LOCUSTFILE_AND_HOST = '--locustfile /lotest/src/locustfile.py --host https://shop.example.com';

/** The smallest valid spec: image, master command, worker command and replicas. */
export function minimalSpec(overrides: Partial<LocustTestSpec> = {}): LocustTestSpec {
  return {
    image: 'locustio/locust:2.43.1',
    master: { command: LOCUSTFILE_AND_HOST },
    worker: { command: LOCUSTFILE_AND_HOST, replicas: 3 },
    ...overrides,
  };
}

/**
 * The same minimal spec in its plain-JSON form, as a LocustTest YAML carries it, for overrides
 * the typed form refuses (wrong types, unknown fields).
 */
export function minimalSpecJson(overrides: Record<string, unknown> = {}): Record<string, any> {
  return { ...minimalSpec(), ...overrides };
}

/** The seven Kafka variables with the operator's defaults, as every Locust container carries them. */
export const DEFAULT_KAFKA_ENV = [
  { name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'localhost:9092' },
  { name: 'KAFKA_SECURITY_ENABLED', value: 'false' },
  { name: 'KAFKA_SECURITY_PROTOCOL_CONFIG', value: 'SASL_PLAINTEXT' },
  { name: 'KAFKA_SASL_MECHANISM', value: 'SCRAM-SHA-512' },
  { name: 'KAFKA_SASL_JAAS_CONFIG' },
  { name: 'KAFKA_USERNAME' },
  { name: 'KAFKA_PASSWORD' },
];

/** The operator's unified Locust container resources (POD_* defaults). */
export const DEFAULT_LOCUST_RESOURCES = {
  limits: { 'cpu': '1000m', 'memory': '1024Mi', 'ephemeral-storage': '50M' },
  requests: { 'cpu': '250m', 'memory': '128Mi', 'ephemeral-storage': '30M' },
};

/** The YAML of a LocustTest resource `shop` with the given annotations (YAML flow map entries), for the command line's annotation tests. */
export function annotatedTestYaml(annotations: string): string {
  return `apiVersion: locust.io/v2
kind: LocustTest
metadata: {name: shop, namespace: load, annotations: {${annotations}}}
spec:
  image: locustio/locust:2.43.1
  master: {command: "-f /lotest/src/a.py --run-time 5m"}
  worker: {command: "-f /lotest/src/a.py", replicas: 2}
`;
}
