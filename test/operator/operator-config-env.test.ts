import { formatProblem, operatorConfigFromEnvironment, OPERATOR_ENVIRONMENT_VARIABLES, resolveOperatorConfig } from '../../src/tooling';

describe('operatorConfigFromEnvironment', () => {
  test('maps every kind of variable onto the operator configuration', () => {
    // GIVEN one variable of each kind, as strings the way an environment holds them
    const { config, problems } = operatorConfigFromEnvironment({
      POD_CPU_REQUEST: '500m',
      MASTER_POD_MEM_LIMIT: '2Gi',
      WORKER_POD_EPHEMERAL_REQUEST: '1G',
      METRICS_EXPORTER_CPU_LIMIT: '300m',
      METRICS_EXPORTER_IMAGE: 'example/exporter:1',
      METRICS_EXPORTER_PORT: '9000',
      METRICS_EXPORTER_IMAGE_PULL_POLICY: 'Always',
      KAFKA_SECURITY_ENABLED: 'T',
      KAFKA_PASSWORD: 'secret',
      ENABLE_AFFINITY_CR_INJECTION: 'False',
      DEFAULT_RUNTIME_CLASS_NAME: 'gvisor',
      JOB_TTL_SECONDS_AFTER_FINISHED: '0',
    });

    // THEN each lands in its place, typed
    expect(problems).toEqual([]);
    expect(config).toEqual({
      podResources: { cpuRequest: '500m' },
      masterResources: { memoryLimit: '2Gi' },
      workerResources: { ephemeralStorageRequest: '1G' },
      metricsExporter: { resources: { cpuLimit: '300m' }, image: 'example/exporter:1', port: 9000, pullPolicy: 'Always' },
      kafka: { securityEnabled: true, password: 'secret' },
      affinityInjection: false,
      defaultRuntimeClassName: 'gvisor',
      jobTtlSecondsAfterFinished: 0,
    });
  });

  test.each([
    ['1', true], ['t', true], ['T', true], ['TRUE', true], ['true', true], ['True', true], [true, true], [1, true],
    ['0', false], ['f', false], ['F', false], ['FALSE', false], ['false', false], ['False', false], [false, false], [0, false],
  ])('reads the boolean %j as Go strconv.ParseBool does', (raw, expected) => {
    expect(operatorConfigFromEnvironment({ ENABLE_TAINT_TOLERATIONS_CR_INJECTION: raw }).config.tolerationsInjection).toBe(expected);
  });

  test('accepts YAML numbers for integers and quantities', () => {
    const { config, problems } = operatorConfigFromEnvironment({ METRICS_EXPORTER_PORT: 9100, POD_CPU_LIMIT: 2, JOB_TTL_SECONDS_AFTER_FINISHED: '+60' });
    expect(problems).toEqual([]);
    expect(config.metricsExporter?.port).toBe(9100);
    expect(config.podResources?.cpuLimit).toBe('2');
    expect(config.jobTtlSecondsAfterFinished).toBe(60);
  });

  test('treats an empty value or null as unset, leaving the defaults', () => {
    // GIVEN empty settings
    const { config, problems } = operatorConfigFromEnvironment({ POD_CPU_REQUEST: '', ENABLE_AFFINITY_CR_INJECTION: null, JOB_TTL_SECONDS_AFTER_FINISHED: '' });

    // THEN the resolved configuration is the default one
    expect(problems).toEqual([]);
    expect(resolveOperatorConfig(config)).toEqual(resolveOperatorConfig());
  });

  test.each([
    ['ENABLE_AFFINITY_CR_INJECTION', 'yes', 'ENABLE_AFFINITY_CR_INJECTION is not a boolean (got "yes")'],
    ['KAFKA_SECURITY_ENABLED', 2, 'KAFKA_SECURITY_ENABLED is not a boolean (got 2)'],
    ['METRICS_EXPORTER_PORT', '96x', 'METRICS_EXPORTER_PORT is not a whole number (got "96x")'],
    ['JOB_TTL_SECONDS_AFTER_FINISHED', '3000000000', 'JOB_TTL_SECONDS_AFTER_FINISHED is not a whole number (got "3000000000")'],
    ['JOB_TTL_SECONDS_AFTER_FINISHED', -1, 'JOB_TTL_SECONDS_AFTER_FINISHED must be a whole number of seconds, 0 or more (got -1)'],
    ['POD_MEM_REQUEST', '1 Gi', 'POD_MEM_REQUEST is not a valid quantity (got "1 Gi")'],
    ['POD_MEM_REQUEST', true, 'POD_MEM_REQUEST is not a quantity (got true)'],
    ['METRICS_EXPORTER_IMAGE_PULL_POLICY', 'always', 'METRICS_EXPORTER_IMAGE_PULL_POLICY must be one of Always, IfNotPresent, Never (got "always")'],
    ['DEFAULT_RUNTIME_CLASS_NAME', 'Not_DNS', 'DEFAULT_RUNTIME_CLASS_NAME must be a DNS-1123 subdomain (got "Not_DNS")'],
    ['KAFKA_USERNAME', { name: 'x' }, 'KAFKA_USERNAME is not a string (got {"name":"x"})'],
  ])('fails when %s is %j, naming the variable', (name, raw, expected) => {
    const { problems } = operatorConfigFromEnvironment({ [name]: raw });
    expect(problems.map(formatProblem)).toEqual([expect.stringContaining(expected)]);
  });

  test('fails when a name is not an operator setting, unless asked to skip unknown names', () => {
    expect(operatorConfigFromEnvironment({ POD_CPU: '1' }).problems.map((p) => p.path)).toEqual(['POD_CPU']);
    expect(operatorConfigFromEnvironment({ POD_CPU: '1', PATH: '/usr/bin', POD_CPU_REQUEST: '1' }, { ignoreUnknownNames: true })).toEqual({ config: { podResources: { cpuRequest: '1' } }, problems: [] });
  });

  test('fails when the variables are not a mapping', () => {
    expect(operatorConfigFromEnvironment(['POD_CPU_REQUEST']).problems.map(formatProblem)).toEqual([
      'operator configuration must be a mapping of environment variable names to values (got ["POD_CPU_REQUEST"]); write one NAME: value per line, e.g. POD_CPU_REQUEST: 500m',
    ]);
  });

  test('knows every variable the operator reads for the objects it builds', () => {
    // 4 resource groups of 6 values, 3 exporter settings, 7 Kafka settings, 4 pod and Job settings
    expect(OPERATOR_ENVIRONMENT_VARIABLES).toHaveLength(4 * 6 + 3 + 7 + 4);
    expect(OPERATOR_ENVIRONMENT_VARIABLES).toEqual(expect.arrayContaining(['KAFKA_SASL_JAAS_CONFIG', 'ENABLE_TAINT_TOLERATIONS_CR_INJECTION', 'METRICS_EXPORTER_EPHEMERAL_LIMIT']));
  });
});
