import { ObservabilityMode } from '../pod/observability';
import { Problem } from '../core/problems';
import { JsonObject, SpecJson } from '../spec/spec';

/**
 * Variable names that hold credentials by convention: `DB_PASSWORD`, `API_TOKEN`, `AWS_SECRET_ACCESS_KEY`,
 * and the OTLP exporter's headers, which carry the collector's `Authorization` or API key.
 */
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASSPHRASE|TOKEN|SECRET|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)$|^OTEL_EXPORTER_OTLP_(TRACES_|METRICS_|LOGS_)?HEADERS$/i;

/**
 * Literal values of environment variables that look like secrets: written as `value`, they are in
 * the manifests, in Git and readable by anyone who can read the Jobs. The value is never shown.
 */
export function secretValueWarnings(spec: SpecJson, mode: ObservabilityMode): Problem[] {
  const warnings: Problem[] = [];
  const warn = (path: string, name: string) => warnings.push({
    path,
    message: `puts ${name}, which looks like a secret, in the manifests as plain text`,
    value: name,
    fix: `keep it in a Secret and read it with valueFrom.secretKeyRef in spec.env.variables, or spec.env.secretRefs`,
  });
  (spec.env?.variables ?? []).forEach((variable: JsonObject, i) => {
    if (typeof variable.name === 'string' && typeof variable.value === 'string' && variable.value !== '' && SECRET_NAME.test(variable.name)) {
      warn(`spec.env.variables[${i}].value`, variable.name);
    }
  });
  // The OpenTelemetry variables reach the containers only in OpenTelemetry mode.
  const extra = mode === ObservabilityMode.OPEN_TELEMETRY ? spec.observability?.openTelemetry?.extraEnvVars ?? {} : {};
  for (const name of Object.keys(extra).sort()) {
    if (extra[name] !== '' && SECRET_NAME.test(name)) warn(`spec.observability.openTelemetry.extraEnvVars[${JSON.stringify(name)}]`, name);
  }
  return warnings;
}
