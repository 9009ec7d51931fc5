import { LocustTest, OperatorConfig } from '../../src';
import { kafkaEnv, locustEnvFrom } from '../../src/pod/env';
import { resolveOperatorConfig } from '../../src/operator/operator-config';
import { SpecJson } from '../../src/spec/spec';
import { DEFAULT_KAFKA_ENV, minimalSpecJson } from '../fixtures';
import { byName, envVar, find, locustContainer, synthChart } from '../util';

function containers(spec: Record<string, unknown>, operatorConfig?: OperatorConfig) {
  const objects = synthChart((chart) => LocustTest.fromObject(chart, 'checkout', { name: 'checkout', spec: minimalSpecJson(spec), operatorConfig }));
  return [locustContainer(find(objects, 'Job', 'checkout-master')), locustContainer(find(objects, 'Job', 'checkout-worker'))];
}

describe('env', () => {
  test('always writes the seven Kafka variables, empty ones without a value key', () => {
    for (const container of containers({})) {
      expect(container.env).toEqual(DEFAULT_KAFKA_ENV);
      expect(envVar(container, 'KAFKA_SASL_JAAS_CONFIG')).not.toHaveProperty('value');
    }
  });

  test('takes the Kafka values from the operator config, writing security enabled as "true"', () => {
    const kafka = { bootstrapServers: 'kafka:9093', securityEnabled: true, securityProtocol: 'SASL_SSL', saslMechanism: 'PLAIN', saslJaasConfig: 'jaas', username: 'u', password: 'p' };
    const [master] = containers({}, { kafka });
    expect(master.env).toEqual([
      { name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'kafka:9093' },
      { name: 'KAFKA_SECURITY_ENABLED', value: 'true' },
      { name: 'KAFKA_SECURITY_PROTOCOL_CONFIG', value: 'SASL_SSL' },
      { name: 'KAFKA_SASL_MECHANISM', value: 'PLAIN' },
      { name: 'KAFKA_SASL_JAAS_CONFIG', value: 'jaas' },
      { name: 'KAFKA_USERNAME', value: 'u' },
      { name: 'KAFKA_PASSWORD', value: 'p' },
    ]);
  });

  test('keeps the Kafka defaults for settings given as empty strings', () => {
    expect(byName(kafkaEnv(resolveOperatorConfig({ kafka: { bootstrapServers: '' } }).kafka), 'KAFKA_BOOTSTRAP_SERVERS')).toEqual({ name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'localhost:9092' });
  });

  test('puts Kafka, then OpenTelemetry, then the user variables verbatim and in order, on both containers', () => {
    const variables = [
      { name: 'TARGET', value: 'https://x' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'dup' },
    ];
    const spec = { env: { variables }, observability: { openTelemetry: { enabled: true, endpoint: 'http://c:4317' } } };
    for (const container of containers(spec)) {
      const otel = ['OTEL_TRACES_EXPORTER', 'OTEL_METRICS_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL'];
      expect(container.env).toEqual([...DEFAULT_KAFKA_ENV, ...otel.map((name) => expect.objectContaining({ name })), ...variables]);
    }
  });

  test('writes envFrom as ConfigMaps then Secrets, with a prefix only when it is non-empty', () => {
    const env = {
      secretRefs: [{ name: 's1', prefix: 'S_' }, { name: 's2', prefix: '' }],
      configMapRefs: [{ name: 'c1' }, { name: 'c2', prefix: 'C_' }],
    };
    for (const container of containers({ env })) {
      expect(container.envFrom).toEqual([
        { configMapRef: { name: 'c1' } },
        { prefix: 'C_', configMapRef: { name: 'c2' } },
        { prefix: 'S_', secretRef: { name: 's1' } },
        { secretRef: { name: 's2' } },
      ]);
    }
  });

  test('omits envFrom when there are no references', () => {
    for (const container of containers({ env: { configMapRefs: [], secretRefs: [] } })) expect(container).not.toHaveProperty('envFrom');
    expect(locustEnvFrom(minimalSpecJson() as unknown as SpecJson)).toBeUndefined();
  });
});
