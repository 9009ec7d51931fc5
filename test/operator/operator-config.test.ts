import { DEFAULT_OPERATOR_CONFIG, resolveOperatorConfig, validateOperatorConfig } from '../../src/operator/operator-config';

describe('operator config', () => {
  test('resolves to the Helm chart defaults when nothing is given', () => {
    const config = resolveOperatorConfig();
    expect(config).toEqual({ ...DEFAULT_OPERATOR_CONFIG, defaultRuntimeClassName: undefined, jobTtlSecondsAfterFinished: undefined });
    expect(config.metricsExporter.pullPolicy).toBe('IfNotPresent');
    expect(config.metricsExporter.resources).toEqual({ cpuRequest: '100m', memoryRequest: '64Mi', ephemeralStorageRequest: '30M', cpuLimit: '250m', memoryLimit: '128Mi', ephemeralStorageLimit: '50M' });
    expect(config.affinityInjection).toBe(true);
    expect(config.tolerationsInjection).toBe(true);
  });

  test('overrides defaults value by value and treats empty strings as unset', () => {
    const config = resolveOperatorConfig({
      podResources: { cpuLimit: '2', memoryLimit: '' },
      masterResources: { cpuRequest: '', memoryRequest: '1Gi' },
      metricsExporter: { image: '', pullPolicy: 'Always', resources: { cpuLimit: '' , memoryLimit: '1Gi' } },
      kafka: { bootstrapServers: '', username: 'u' },
      affinityInjection: false,
      tolerationsInjection: false,
      defaultRuntimeClassName: '',
      jobTtlSecondsAfterFinished: 0,
    });
    expect(config.podResources.cpuLimit).toBe('2');
    expect(config.podResources.memoryLimit).toBe('1024Mi');
    expect(config.masterResources).toEqual({ memoryRequest: '1Gi' });
    expect(config.metricsExporter.image).toBe('containersol/locust_exporter:v0.5.0');
    expect(config.metricsExporter.pullPolicy).toBe('Always');
    expect(config.metricsExporter.resources.cpuLimit).toBe('250m');
    expect(config.metricsExporter.resources.memoryLimit).toBe('1Gi');
    expect(config.kafka.bootstrapServers).toBe('localhost:9092');
    expect(config.kafka.username).toBe('u');
    expect(config.affinityInjection).toBe(false);
    expect(config.tolerationsInjection).toBe(false);
    expect(config.defaultRuntimeClassName).toBeUndefined();
    expect(config.jobTtlSecondsAfterFinished).toBe(0);
  });

  test('accepts the operator binary\'s own defaults', () => {
    expect(validateOperatorConfig({
      metricsExporter: { pullPolicy: 'Always', port: 9646, resources: { cpuRequest: '250m', memoryRequest: '128Mi', ephemeralStorageRequest: '30M', cpuLimit: '1000m', memoryLimit: '1024Mi', ephemeralStorageLimit: '50M' } },
      affinityInjection: false,
      tolerationsInjection: false,
      defaultRuntimeClassName: 'gvisor',
      jobTtlSecondsAfterFinished: 3600,
    })).toEqual([]);
  });

  test('fails when a resource setting is not a quantity, at every level', () => {
    const problems = validateOperatorConfig({
      podResources: { cpuLimit: 'lots' },
      masterResources: { memoryRequest: '1 Gi' },
      workerResources: { cpuRequest: 'x' },
      metricsExporter: { resources: { memoryLimit: '1GB' } },
    });
    expect(problems).toEqual([
      { path: 'operatorConfig.podResources.cpuLimit', message: 'is not a valid quantity', value: 'lots', fix: expect.any(String) },
      { path: 'operatorConfig.masterResources.memoryRequest', message: 'is not a valid quantity', value: '1 Gi', fix: expect.any(String) },
      { path: 'operatorConfig.workerResources.cpuRequest', message: 'is not a valid quantity', value: 'x', fix: expect.any(String) },
      { path: 'operatorConfig.metricsExporter.resources.memoryLimit', message: 'is not a valid quantity', value: '1GB', fix: expect.any(String) },
    ]);
  });

  test.each([0, 65536, 1.5])('fails when the exporter port is %d', (port) => {
    expect(validateOperatorConfig({ metricsExporter: { port } })).toEqual([{ path: 'operatorConfig.metricsExporter.port', message: 'must be a port number between 1 and 65535', value: port, fix: expect.any(String) }]);
  });

  test('fails when the exporter pull policy is not a Kubernetes pull policy', () => {
    expect(validateOperatorConfig({ metricsExporter: { pullPolicy: 'always' } })).toEqual([{ path: 'operatorConfig.metricsExporter.pullPolicy', message: 'must be one of Always, IfNotPresent, Never', value: 'always', fix: expect.any(String) }]);
  });

  test.each(['gVisor', 'a_b', 'x'.repeat(254)])('fails when the default runtime class is %s', (name) => {
    expect(validateOperatorConfig({ defaultRuntimeClassName: name })).toEqual([{ path: 'operatorConfig.defaultRuntimeClassName', message: 'must be a DNS-1123 subdomain', value: name, fix: expect.any(String) }]);
  });

  test.each([-1, 1.5, 2147483648])('fails when the job TTL is %d', (ttl) => {
    expect(validateOperatorConfig({ jobTtlSecondsAfterFinished: ttl })).toEqual([{ path: 'operatorConfig.jobTtlSecondsAfterFinished', message: 'must be a whole number of seconds, 0 or more', value: ttl, fix: expect.any(String) }]);
  });

  test('accepts the boundaries: port 1 and 65535, TTL 0, empty strings', () => {
    expect(validateOperatorConfig({ metricsExporter: { port: 1, pullPolicy: '' }, jobTtlSecondsAfterFinished: 0, podResources: { cpuLimit: '' }, defaultRuntimeClassName: '' })).toEqual([]);
    expect(validateOperatorConfig({ metricsExporter: { port: 65535 } })).toEqual([]);
  });

  test('reports every problem together under the given prefix', () => {
    const problems = validateOperatorConfig({ metricsExporter: { port: 0, pullPolicy: 'Sometimes' }, jobTtlSecondsAfterFinished: -5 }, 'config');
    expect(problems.map((p) => p.path)).toEqual(['config.metricsExporter.port', 'config.metricsExporter.pullPolicy', 'config.jobTtlSecondsAfterFinished']);
  });
});
