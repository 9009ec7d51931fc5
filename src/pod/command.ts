import { DEFAULT_AUTOQUIT_TIMEOUT, LocustRole, MASTER_PORT, roleObjectName } from '../core/names';
import { MasterSpecJson, SpecJson } from '../spec/spec';
import { flagOf } from '../core/locust-args';

/**
 * Flags the operator sets itself. A user extraArg equal to one of them, or starting with
 * `<flag>=`, overrides the workload's own settings (Locust keeps the last occurrence).
 */
export const OPERATOR_MANAGED_FLAGS = [
  '--master', '--worker', '--master-port', '--master-host', '--expect-workers',
  '--autostart', '--autoquit', '--otel', '--enable-rebalancing', '--only-summary',
] as const;

/** The command split on runs of whitespace, like Go's strings.Fields: quotes are not parsed. */
export function commandWords(command: string): string[] {
  return command.split(/\s+/).filter((word) => word.length > 0);
}

/** The `--autoquit` timeout, or undefined when autoquit is off. */
export function autoquitTimeout(master: MasterSpecJson): number | undefined {
  const autoquit = master.autoquit;
  if (autoquit === undefined) return DEFAULT_AUTOQUIT_TIMEOUT;
  if (autoquit.enabled === false) return undefined;
  // A present timeout is honoured, 0 included. On a real cluster the operator loses a 0: its
  // finalizer update drops zero values, so the CRD default of 60 comes back.
  const timeout = autoquit.timeout ?? DEFAULT_AUTOQUIT_TIMEOUT;
  return timeout >= 0 ? timeout : DEFAULT_AUTOQUIT_TIMEOUT;
}

/**
 * Master container args, in the operator's order. `expectWorkersMaxWait` (seconds) bounds how
 * long the master waits for its workers, after `--expect-workers`; the operator never sets it, and
 * a user's extraArgs still come last and win.
 */
export function masterArgs(spec: SpecJson, observabilityFlags: readonly string[], expectWorkersMaxWait?: number): string[] {
  const master = spec.master;
  const args = [
    ...commandWords(master.command),
    ...observabilityFlags,
    '--master',
    `--master-port=${MASTER_PORT}`,
    `--expect-workers=${spec.worker.replicas}`,
  ];
  if (expectWorkersMaxWait !== undefined) args.push(`--expect-workers-max-wait=${expectWorkersMaxWait}`);
  if (master.autostart !== false) args.push('--autostart');
  const timeout = autoquitTimeout(master);
  if (timeout !== undefined) args.push('--autoquit', String(timeout));
  args.push('--enable-rebalancing', '--only-summary', ...(master.extraArgs ?? []));
  return args;
}

/** Worker container args, in the operator's order. */
export function workerArgs(testName: string, spec: SpecJson, observabilityFlags: readonly string[]): string[] {
  return [
    ...commandWords(spec.worker.command),
    ...observabilityFlags,
    '--worker',
    `--master-port=${MASTER_PORT}`,
    `--master-host=${roleObjectName(testName, LocustRole.MASTER)}`,
    ...(spec.worker.extraArgs ?? []),
  ];
}

/** The operator-managed flag an extra argument overrides, if any. */
export function managedFlagOf(arg: string): string | undefined {
  return flagOf(arg, OPERATOR_MANAGED_FLAGS);
}
