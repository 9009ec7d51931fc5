import { LocustTestSpec } from '../imports/locust.io';

/** The smallest valid spec: image, master command, worker command and replicas. */
export function minimalSpec(overrides: Partial<LocustTestSpec> = {}): LocustTestSpec {
  return {
    image: 'locustio/locust:2.43.1',
    master: { command: '--locustfile /lotest/src/locustfile.py --host https://shop.example.com' },
    worker: { command: '--locustfile /lotest/src/locustfile.py --host https://shop.example.com', replicas: 3 },
    ...overrides,
  };
}

/** Plain-JSON form of the same spec, as a LocustTest YAML would carry it. */
export function minimalSpecJson(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    image: 'locustio/locust:2.43.1',
    master: { command: '--locustfile /lotest/src/locustfile.py --host https://shop.example.com' },
    worker: { command: '--locustfile /lotest/src/locustfile.py --host https://shop.example.com', replicas: 3 },
    ...overrides,
  };
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
