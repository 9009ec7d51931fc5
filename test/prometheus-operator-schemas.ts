import Ajv from 'ajv';

/**
 * The parts of the Prometheus Operator's PodMonitor and ServiceMonitor schemas (monitoring.coreos.com/v1)
 * that this library writes, closed to unknown fields so that a misspelt field fails the tests.
 * kubernetes-models has no models for these CRDs.
 */
const DURATION = { type: 'string', pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$' };
const LABEL_SELECTOR = { type: 'object', additionalProperties: false, properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } } } };
const METADATA = {
  type: 'object', additionalProperties: false, required: ['name'],
  properties: {
    name: { type: 'string' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

function monitorSchema(kind: string, endpointsField: string, endpoint: object) {
  return {
    type: 'object', additionalProperties: false, required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: 'monitoring.coreos.com/v1' },
      kind: { const: kind },
      metadata: METADATA,
      spec: {
        type: 'object', additionalProperties: false, required: ['selector'],
        properties: { selector: LABEL_SELECTOR, [endpointsField]: { type: 'array', minItems: 1, items: endpoint } },
      },
    },
  };
}

const ajv = new Ajv({ allErrors: true });
const validators = {
  PodMonitor: ajv.compile(monitorSchema('PodMonitor', 'podMetricsEndpoints', {
    type: 'object', additionalProperties: false,
    properties: { port: { type: 'string' }, portNumber: { type: 'integer', minimum: 1, maximum: 65535 }, path: { type: 'string' }, interval: DURATION },
  })),
  ServiceMonitor: ajv.compile(monitorSchema('ServiceMonitor', 'endpoints', {
    type: 'object', additionalProperties: false,
    properties: { port: { type: 'string' }, path: { type: 'string' }, interval: DURATION },
  })),
};

/** Throws when the document is not a PodMonitor / ServiceMonitor this schema accepts. */
export function validateMonitor(kind: 'PodMonitor' | 'ServiceMonitor', doc: unknown): void {
  const validate = validators[kind];
  if (!validate(doc)) throw new Error(`invalid ${kind}: ${ajv.errorsText(validate.errors)}`);
}
