import { ResolvedOperatorConfig } from '../operator/operator-config';
import { JsonObject, SpecJson } from '../spec/spec';

/** The seven Kafka variables the operator always injects; empty values carry no `value` key. */
export function kafkaEnv(kafka: ResolvedOperatorConfig['kafka']): JsonObject[] {
  const entries: Array<[string, string]> = [
    ['KAFKA_BOOTSTRAP_SERVERS', kafka.bootstrapServers],
    ['KAFKA_SECURITY_ENABLED', String(kafka.securityEnabled)],
    ['KAFKA_SECURITY_PROTOCOL_CONFIG', kafka.securityProtocol],
    ['KAFKA_SASL_MECHANISM', kafka.saslMechanism],
    ['KAFKA_SASL_JAAS_CONFIG', kafka.saslJaasConfig],
    ['KAFKA_USERNAME', kafka.username],
    ['KAFKA_PASSWORD', kafka.password],
  ];
  return entries.map(([name, value]) => (value === '' ? { name } : { name, value }));
}

/** `env` of both Locust containers: Kafka, then observability, then the user's variables as given. */
export function locustEnv(spec: SpecJson, kafka: ResolvedOperatorConfig['kafka'], observabilityEnv: readonly JsonObject[]): JsonObject[] {
  return [...kafkaEnv(kafka), ...observabilityEnv, ...(spec.env?.variables ?? [])];
}

/** `envFrom` of both Locust containers: ConfigMaps, then Secrets; undefined when there are none. */
export function locustEnvFrom(spec: SpecJson): JsonObject[] | undefined {
  const withPrefix = (prefix: string | undefined, entry: JsonObject) => (prefix ? { prefix, ...entry } : entry);
  const envFrom = [
    ...(spec.env?.configMapRefs ?? []).map((ref) => withPrefix(ref.prefix, { configMapRef: { name: ref.name } })),
    ...(spec.env?.secretRefs ?? []).map((ref) => withPrefix(ref.prefix, { secretRef: { name: ref.name } })),
  ];
  return envFrom.length ? envFrom : undefined;
}
